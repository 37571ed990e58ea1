//! `jdlint calibrate INPUT...`: how a set of postings' titles (or labels) line up with what their
//! bodies ask for, as text, JSON or a self-contained HTML report; `--fit` learns lexicon weights
//! for a company's ladder and writes them as an overlay.

mod html;

use super::check::{is_an_input, InputArgs, LexiconFileArgs};
use super::config::ConfigFileArgs;
use clap::{Args, ValueEnum};
use jdlint::calibrate::agreement::{Agreement, Confusion};
use jdlint::calibrate::fit::{fit, FitReport, WeightChange};
use jdlint::calibrate::{calibrate, Options, Report, Slice};
use jdlint::classify::Settings;
use jdlint::escape::visible;
use jdlint::{Engine, Level};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// How many groups the human format lists (the JSON lists all).
const GROUPS_LISTED: usize = 30;
/// How many deciding terms, never-matched terms and weight changes the human format lists.
const TERMS_LISTED: usize = 12;

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Posting files (plain text or Markdown; `.jsonl` is one posting per line); `-` reads stdin.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,

    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = CalibrateFormat::Human)]
    pub format: CalibrateFormat,

    /// Also write the report as one self-contained HTML file.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Group postings by this record field (e.g. company, team); `folder` also means the folder
    /// a posting's file is in. Postings without it are grouped as "(none)".
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,

    /// Compare bodies with the level in this record field (set by people) instead of the title.
    /// A level id, or a title or ladder alias the lexicon knows.
    #[arg(long, value_name = "FIELD")]
    pub labels: Option<String>,

    /// How many outliers to list.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub outliers: usize,

    /// Fit the lexicon's weights to the levels in --labels and write them as a lexicon overlay.
    /// `--labels title` fits to the titles themselves, on purpose: without labels the fit would
    /// learn the very titles it is meant to check.
    #[arg(long, value_name = "OUT.json", requires = "labels")]
    pub fit: Option<PathBuf>,

    /// Folds of the cross-validation that measures a fit on postings it has not seen.
    #[arg(long, value_name = "K", default_value_t = 5, requires = "fit")]
    pub folds: usize,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub lexicon: LexiconFileArgs,

    // jdlint.toml's ladder, lexicon files and thresholds apply as they do to linting.
    #[command(flatten)]
    pub config: ConfigFileArgs,

    /// Number of threads to analyze with (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalibrateFormat {
    /// Tables and sentences to read.
    Human,
    /// One JSON object: the report's fields, and `fit` when fitting.
    Json,
}

/// The JSON document: the report's fields, then the fit's.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    #[serde(flatten)]
    report: &'a Report,
    fit: Option<&'a FitReport>,
}

pub fn run(args: CalibrateArgs) -> ExitCode {
    match try_run(&args) {
        Ok(code) => code,
        Err(message) => {
            super::print_error(message);
            ExitCode::from(2)
        }
    }
}

fn try_run(args: &CalibrateArgs) -> Result<ExitCode, String> {
    super::use_threads(args.threads);
    for (flag, path) in [("--html", &args.html), ("--fit", &args.fit)] {
        if let Some(path) = path.as_deref().filter(|p| is_an_input(p, &args.inputs)) {
            return Err(format!(
                "{flag} {} is also an input; writing it would destroy it",
                path.display()
            ));
        }
    }
    let config = args.config.load()?;
    let engine = Engine::from_lexicon(&args.lexicon.load(&config)?)
        .with_settings(config.settings(Settings::default()));
    // A report or fit written by an earlier run, in a folder read now, is not a posting.
    let output_files: Vec<&std::path::Path> = args
        .html
        .iter()
        .chain(&args.fit)
        .map(PathBuf::as_path)
        .collect();
    let reader = args.input.reader(None, &config, &output_files)?;
    let items = args
        .inputs
        .iter()
        .flat_map(|path| super::check::read_input(&reader, path));
    let options = Options {
        group_by: args.group_by.clone(),
        labels: args.labels.clone(),
        outliers: args.outliers,
        fit: args.fit.is_some(),
    };
    let calibration = calibrate(&engine, items, &options);
    // A misspelled field would put every posting in one "(none)" group, or compare bodies
    // with no label at all, without a word.
    if calibration.report.postings > 0 {
        for (flag, field) in [("--group-by", &args.group_by), ("--labels", &args.labels)] {
            if let Some(field) = field {
                calibration.check_field(flag, field)?;
            }
        }
    }
    let report = &calibration.report;
    for e in &report.errors {
        super::print_error(format_args!("error: {}: {}", e.source, e.message));
    }
    if report.postings == 0 {
        return Err(format!(
            "no postings to calibrate ({} inputs could not be used)",
            report.errors.len()
        ));
    }

    let fitted = match &args.fit {
        None => None,
        Some(path) => {
            let f = fit(
                &calibration.examples,
                &calibration.titles,
                &engine,
                args.folds,
            )?;
            std::fs::write(path, f.overlay.to_canonical_json())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Some((f.report, path))
        }
    };
    let fit_report = fitted.as_ref().map(|(r, _)| r);

    if let Some(path) = &args.html {
        std::fs::write(path, html::render(report, fit_report))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    let mut out = BufWriter::new(io::stdout());
    let written = match args.format {
        CalibrateFormat::Json => serde_json::to_writer_pretty(
            &mut out,
            &Document {
                version: 1,
                report,
                fit: fit_report,
            },
        )
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out)),
        CalibrateFormat::Human => human(&mut out, report, fitted.as_ref()),
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write output: {e}"));
        }
    }
    Ok(ExitCode::from(if report.errors.is_empty() { 0 } else { 2 }))
}

/// What a weight change is about: a signal's terms, or a band's years.
pub fn change_label(c: &WeightChange) -> String {
    match &c.years {
        Some(years) => format!("{years} years of experience"),
        None => c.terms.join(", "),
    }
}

fn share(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
}

fn signed(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:+.2}"))
}

fn agreement_line(a: &Agreement) -> String {
    format!(
        "exact {} · within one rank {} · balanced {} · track {} · mean signed rank difference {}  ({} of {} postings compared)",
        share(a.exact),
        share(a.within_one),
        share(a.balanced),
        share(a.track),
        signed(a.mean_signed_rank_difference),
        a.compared,
        a.postings
    )
}

/// Short column names, so the table fits in 100 columns.
fn short(level: Option<Level>) -> &'static str {
    match level {
        Some(Level::Associate) => "assoc",
        Some(Level::Principal) => "princ",
        Some(Level::Director) => "dir",
        Some(l) => l.id(),
        None => "(none)",
    }
}

fn confusion_table(out: &mut impl Write, c: &Confusion) -> io::Result<()> {
    let levels: Vec<Option<Level>> = Level::ALL.iter().map(|&l| Some(l)).chain([None]).collect();
    write!(out, "  {:<10}", "")?;
    for &l in &levels {
        write!(out, "{:>9}", short(l))?;
    }
    writeln!(out, "{:>7}", "total")?;
    for &r in &levels {
        let total = c.row_total(r);
        if total == 0 {
            continue;
        }
        write!(out, "  {:<10}", short(r))?;
        for &col in &levels {
            let n = c.count(r, col);
            if n == 0 {
                write!(out, "{:>9}", "·")?;
            } else {
                let cell = format!("{n} {:.0}%", n as f64 * 100.0 / total as f64);
                write!(out, "{cell:>9}")?;
            }
        }
        writeln!(out, "{total:>7}")?;
    }
    Ok(())
}

fn slices(out: &mut impl Write, title: &str, slices: &[Slice], limit: usize) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    writeln!(
        out,
        "  {:<24} {:>8} {:>7} {:>7} {:>9} {:>7}",
        "", "postings", "exact", "within", "balanced", "drift"
    )?;
    for s in slices.iter().take(limit) {
        let a = &s.agreement;
        let name: String = visible(&s.name).chars().take(24).collect();
        writeln!(
            out,
            "  {:<24} {:>8} {:>7} {:>7} {:>9} {:>7}",
            name,
            a.postings,
            share(a.exact),
            share(a.within_one),
            share(a.balanced),
            signed(a.mean_signed_rank_difference)
        )?;
    }
    if slices.len() > limit {
        let rest: u64 = slices[limit..].iter().map(|s| s.agreement.postings).sum();
        writeln!(
            out,
            "  ... and {} more ({rest} postings; --format json lists all)",
            slices.len() - limit
        )?;
    }
    Ok(())
}

fn human(
    out: &mut impl Write,
    report: &Report,
    fit: Option<&(FitReport, &PathBuf)>,
) -> io::Result<()> {
    writeln!(
        out,
        "Calibration of {} postings against their {}s",
        report.postings, report.reference
    )?;
    for line in &report.summary {
        writeln!(out, "  - {line}")?;
    }
    for (i, c) in report.comparisons.iter().enumerate() {
        writeln!(out, "\n{}: {}", c.name, agreement_line(&c.agreement))?;
        if i == 0 {
            let (rows, columns) = c.name.split_once("-vs-").unwrap_or((c.name, ""));
            writeln!(
                out,
                "  rows: {rows} level, columns: {columns} level; count and share of the row"
            )?;
            confusion_table(out, &c.confusion)?;
        }
    }
    slices(
        out,
        "by the specialization the body implies",
        &report.by_specialization,
        usize::MAX,
    )?;
    if let Some(field) = &report.group_by {
        slices(
            out,
            &format!("by {field} (drift: mean signed rank difference)"),
            &report.by_group,
            GROUPS_LISTED,
        )?;
    }

    writeln!(out, "\noutliers (the most disagreement first)")?;
    if report.outliers.is_empty() {
        writeln!(
            out,
            "  none: every posting with a level agrees with its body"
        )?;
    }
    for o in &report.outliers {
        writeln!(
            out,
            "  {:+} {} -> {}  confidence {:.2}  {}  {}",
            o.rank_difference,
            short(o.reference),
            short(o.implied),
            o.confidence,
            o.source,
            visible(&o.title)
        )?;
        for q in &o.evidence {
            writeln!(
                out,
                "      line {:<4} {:<24} {:>5.2}  {:?}",
                q.line, q.supports, q.weight, q.text
            )?;
        }
    }

    let usage = &report.lexicon_usage;
    writeln!(
        out,
        "\nlexicon usage: {} of {} terms matched at least once",
        usage.matched_terms, usage.terms
    )?;
    writeln!(out, "  deciding most postings:")?;
    for d in usage.deciding.iter().take(TERMS_LISTED) {
        writeln!(
            out,
            "    {:>5}  {:<34} {:<24} {}",
            d.postings,
            format!("{:?}", d.term),
            d.supports,
            visible(&d.source)
        )?;
    }
    let unmatched: Vec<Cow<str>> = usage
        .never_matched
        .iter()
        .take(TERMS_LISTED)
        .map(|t| visible(&t.term))
        .collect();
    writeln!(
        out,
        "  never matched: {} terms{}{}",
        usage.never_matched.len(),
        if unmatched.is_empty() { "" } else { ", e.g. " },
        unmatched.join(", ")
    )?;

    let r = &report.reliability;
    writeln!(
        out,
        "\nreliability of `confidence` ({} postings with both levels): expected calibration error {}",
        r.postings,
        share(r.expected_calibration_error)
    )?;
    for b in &r.bins {
        writeln!(
            out,
            "  [{:.1}, {:.1})  {:>6} postings  mean confidence {:.2}  agreement {:.2}",
            b.lower, b.upper, b.postings, b.mean_confidence, b.agreement
        )?;
    }

    if let Some((f, path)) = fit {
        writeln!(
            out,
            "\nfit on {} postings, {}-fold cross-validation (balanced, exact, within one rank):",
            f.postings, f.folds
        )?;
        for (name, a) in [
            ("default lexicon", &f.before),
            ("held out", &f.held_out),
            ("fitted, in sample", &f.fitted),
        ] {
            writeln!(
                out,
                "  {name:<18} {}  {}  {}",
                share(a.balanced),
                share(a.exact),
                share(a.within_one)
            )?;
        }
        writeln!(
            out,
            "  {} entries re-weighted, written to {} (load it with --lexicon on its folder):",
            f.changes.len(),
            path.display()
        )?;
        if let Some(a) = &f.aliases {
            writeln!(
                out,
                "  titles against labels (exact): {} before, {} held out, {} with {} new title aliases",
                share(a.before.exact),
                share(a.held_out.exact),
                share(a.fitted.exact),
                a.aliases.len()
            )?;
            for alias in a.aliases.iter().take(TERMS_LISTED) {
                writeln!(
                    out,
                    "    {:?}: {} -> {} ({} of {} postings)",
                    alias.title,
                    short(alias.from),
                    alias.to.id(),
                    alias.agreeing,
                    alias.postings
                )?;
            }
        }
        for c in f.changes.iter().take(TERMS_LISTED) {
            let terms: String = visible(&change_label(c)).chars().take(40).collect();
            writeln!(
                out,
                "    {:>5.2} -> {:<5.2} {:<24} {terms}",
                c.from, c.to, c.supports
            )?;
        }
    }
    Ok(())
}
