//! Argument parsing, the run, and exit codes: 0 nothing at or above `--fail-on`, 1 something is,
//! 2 a usage, input or lexicon error (every other input is still processed and reported).

mod human;

use clap::{Parser, ValueEnum};
use jdlint::input::{read_input, Format, Item};
use jdlint::report::PostingReport;
use jdlint::{Engine, Severity};
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Lint product-management job postings: the level, track and specialization the body implies,
/// and whether the title matches.
#[derive(Debug, Parser)]
#[command(name = "jdlint", version, about, max_term_width = 100)]
pub struct Args {
    /// Posting files (plain text or Markdown; `.jsonl` is one posting per line); `-` reads stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Read every input as this format instead of going by its extension.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// Use this title instead of reading it from the document (the whole document is the body).
    #[arg(long)]
    pub title: Option<String>,

    /// Exit with 1 when a diagnostic is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// A directory of lexicon files layered on the default lexicon (see lexicon/README.md).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,

    /// Start from an empty lexicon instead of the default one (with --lexicon).
    #[arg(long, requires = "lexicon")]
    pub no_default_lexicon: bool,

    /// How many pieces of evidence the human format shows per posting.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub evidence: usize,

    /// When to use colour in the human format.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Number of threads to analyze with (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable diagnostics with the evidence behind each verdict.
    Human,
    /// One JSON document: {"version", "postings": [...], "summary"}.
    Json,
    /// One JSON object per posting per line, in input order.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Auto,
    Text,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn build_engine(args: &Args) -> Result<Engine, String> {
    let engine = match &args.lexicon {
        None => return Ok(Engine::new()),
        Some(dir) if args.no_default_lexicon => {
            jdlint::lexicon::Lexicon::from_dir(dir).map(|l| Engine::from_lexicon(&l))
        }
        Some(dir) => Engine::with_overlay(dir),
    };
    engine.map_err(|e| format!("lexicon error: {e}"))
}

/// Counts for the summary and the exit code.
#[derive(Debug, Default)]
pub struct Summary {
    pub postings: usize,
    pub input_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    fn add(&mut self, report: &PostingReport) {
        if report.error.is_some() {
            self.input_errors += 1;
            return;
        }
        self.postings += 1;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

pub fn run() -> ExitCode {
    let args = Args::parse();
    match args.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    if let Some(n) = args.threads {
        // Only fails if a global pool exists already, which nothing here builds.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let engine = match build_engine(&args) {
        Ok(e) => e,
        Err(message) => {
            let _ = writeln!(io::stderr(), "jdlint: {message}");
            return ExitCode::from(2);
        }
    };

    let items: Vec<Item> = args
        .paths
        .iter()
        .flat_map(|path| {
            let format = match args.input_format {
                InputFormat::Auto => Format::for_path(path),
                InputFormat::Text => Format::Document,
                InputFormat::Jsonl => Format::Jsonl,
            };
            read_input(path, format, args.title.as_deref())
        })
        .collect();
    // Analyzed in parallel; `collect` keeps input order, so output is the same at any thread count.
    let reports: Vec<PostingReport> = items
        .par_iter()
        .map(|item| match item {
            Ok(posting) => PostingReport::analyzed(posting, engine.analyze(posting)),
            Err(e) => PostingReport::failed(e),
        })
        .collect();

    let mut summary = Summary::default();
    for r in &reports {
        summary.add(r);
    }
    let mut stderr = io::stderr().lock();
    for item in &items {
        if let Err(e) = item {
            let _ = writeln!(stderr, "jdlint: error: {e}");
        }
    }
    drop(stderr);

    let written = match args.format {
        OutputFormat::Human => human::write(&items, &reports, &summary, &args),
        OutputFormat::Json => write_json(&reports, &summary),
        OutputFormat::Jsonl => write_jsonl(&reports),
    };
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "jdlint: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }

    if summary.input_errors > 0 {
        return ExitCode::from(2);
    }
    let failing = args.fail_on.threshold().is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= t)
    });
    ExitCode::from(u8::from(failing))
}

fn write_jsonl(reports: &[PostingReport]) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for r in reports {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn write_json(reports: &[PostingReport], summary: &Summary) -> io::Result<()> {
    let doc = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "postings": reports,
        "summary": {
            "postings": summary.postings,
            "input_errors": summary.input_errors,
            "diagnostics": {"error": summary.errors, "warning": summary.warnings, "info": summary.infos},
        },
    });
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    out.flush()
}
