//! Recruiter calibration: over a set of postings, how the levels their titles claim (or that
//! people assigned, with labels) line up with what their bodies ask for.
//!
//! [`calibrate`] reads postings from any `Item` iterator, analyzes them a chunk at a time in
//! parallel, and folds each into counts in input order, keeping only what the report needs (the
//! worst outliers, counts per level, group and term), so memory stays flat however many postings
//! there are. The [`Report`] is plain data: the command line renders it as text, JSON or HTML.
//! With [`Options::fit`], it also keeps each posting's evidence by lexicon entry for [`fit::fit`].

pub mod agreement;
pub mod aliases;
pub mod fit;
pub mod outliers;
pub mod reliability;
pub mod usage;

use crate::domain::{Level, Specialization};
use crate::engine::{Analysis, Engine};
use crate::input::{self, Item};
use crate::lexicon::CompiledLexicon;
use crate::normalize::normalize_term;
use crate::posting::{Posting, Source};
use crate::title::parse_title;
use agreement::{level_name, Agreement, Confusion, NONE_NAME};
use aliases::TitleExample;
use fit::Example;
use outliers::{quoted, Outlier, OutlierPicker, Severity};
use rayon::prelude::*;
use reliability::{Reliability, ReliabilityCounter};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use usage::{deciding, Decider, LexiconUsage, TermIndex, UsageCounter};

/// What to compare and how to group.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A record field to group by; `folder` also means the folder a posting's file is in.
    pub group_by: Option<String>,
    /// A record field holding a level assigned by people, compared against instead of the title.
    pub labels: Option<String>,
    /// How many outliers to keep.
    pub outliers: usize,
    /// Keep each posting's evidence by lexicon entry, for fitting.
    pub fit: bool,
}

/// An input that could not be calibrated: unreadable, or with a label that is not a level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordError {
    /// Which input it was: file path, line and record id.
    pub source: Source,
    /// Why it could not be used.
    pub message: String,
}

/// One comparison: a reference (title or label) against another reading (body or title).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// `title-vs-body`, `label-vs-body` or `label-vs-title`.
    pub name: &'static str,
    /// Postings by reference level against compared level.
    pub confusion: Confusion,
    /// The agreement figures read off `confusion`.
    pub agreement: Agreement,
}

/// The postings of one group or specialization, compared on the main reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slice {
    /// The group value or specialization id these postings share.
    pub name: String,
    /// The slice's postings by reference level against implied level.
    pub confusion: Confusion,
    /// The agreement figures read off `confusion`.
    pub agreement: Agreement,
}

/// The calibration report. `--format json` prints it as one object with these fields (and
/// `fit` when fitting); every count is complete, only `outliers` and `lexicon_usage.deciding` are
/// capped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Postings analyzed (inputs less `errors`).
    pub postings: u64,
    /// Inputs that could not be used, each naming its record.
    pub errors: Vec<RecordError>,
    /// What the body is compared against: `title`, or `label` with `--labels`.
    pub reference: &'static str,
    /// The record field postings were grouped by; `null` without `--group-by`.
    pub group_by: Option<String>,
    /// The record field labels were read from; `null` without `--labels`.
    pub labels: Option<String>,
    /// A few plain-language sentences that sum the report up.
    pub summary: Vec<String>,
    /// The main comparison first (`label-vs-body` with labels, else `title-vs-body`), then the
    /// others.
    pub comparisons: Vec<Comparison>,
    /// The main comparison per primary specialization the body implies.
    pub by_specialization: Vec<Slice>,
    /// The main comparison per group value (`(none)` when a record lacks the field), largest
    /// first; empty without `--group-by`.
    pub by_group: Vec<Slice>,
    /// The postings whose reference and body disagree most, worst first.
    pub outliers: Vec<Outlier>,
    /// Which lexicon terms matched, which never did, and which decided the most postings.
    pub lexicon_usage: LexiconUsage,
    /// The engine's confidence against agreement with the reference.
    pub reliability: Reliability,
}

/// A report and, with [`Options::fit`], the examples to fit on (and, with labels, the titles to
/// learn aliases from).
#[derive(Debug, Clone)]
pub struct Calibration {
    /// The counts and figures to render.
    pub report: Report,
    /// Each posting with a reference level, reduced to its evidence by lexicon entry; empty
    /// unless [`Options::fit`].
    pub examples: Vec<Example>,
    /// Each labelled posting's title with its label, for alias learning; empty unless both
    /// [`Options::fit`] and labels are given.
    pub titles: Vec<TitleExample>,
    /// The record fields the postings had (at most [`FIELDS_SEEN`] names), to say which a
    /// `--group-by` or `--labels` naming none of them could have meant.
    pub fields_seen: BTreeSet<String>,
}

/// The labels that are each posting's own title: `--labels title` fits the lexicon to the
/// titles, which a `--fit` must ask for by name.
pub const TITLE_LABELS: &str = "title";

/// How many record field names [`Calibration::fields_seen`] keeps: records whose every field
/// name is new must not grow it without end.
pub const FIELDS_SEEN: usize = 100;

impl Calibration {
    /// An error for a field `flag` names (`--group-by`, `--labels`) that no posting has, listing
    /// the fields seen and the one it most likely meant; `folder` is always there for
    /// `--group-by`, and `title` for `--labels`.
    pub fn check_field(&self, flag: &str, field: &str) -> Result<(), String> {
        let always_there = match flag {
            "--group-by" => "folder",
            _ => TITLE_LABELS,
        };
        if self.fields_seen.contains(field) || field == always_there {
            return Ok(());
        }
        let seen: Vec<&str> = self.fields_seen.iter().map(String::as_str).collect();
        let listed = if seen.is_empty() {
            "none: documents have no fields; records do".to_string()
        } else {
            seen.join(", ")
        };
        Err(format!(
            "{flag} {}: no posting has that field (fields seen: {listed}){}",
            crate::escape::visible(field),
            crate::input::did_you_mean(field, seen)
        ))
    }
}

/// A posting reduced to what calibration counts; computed in parallel.
struct Observed {
    title: Option<Level>,
    label: Option<Level>,
    implied: Option<Level>,
    specialization: Option<Specialization>,
    confidence: f64,
    group: String,
    matched: Vec<u32>,
    decider: Option<(Decider, String)>,
    example: Option<Example>,
}

/// Everything counted so far.
struct Counts {
    postings: u64,
    errors: Vec<RecordError>,
    comparisons: Vec<(&'static str, Confusion)>,
    by_specialization: BTreeMap<Option<Specialization>, Confusion>,
    by_group: BTreeMap<String, Confusion>,
    outliers: OutlierPicker,
    usage: UsageCounter,
    reliability: ReliabilityCounter,
    examples: Vec<Example>,
    titles: Vec<TitleExample>,
    fields_seen: BTreeSet<String>,
}

/// Calibrates `engine` on `items`. Usage and fitting trace evidence back to the entries of the
/// lexicon the engine was built from.
pub fn calibrate(
    engine: &Engine,
    items: impl Iterator<Item = Item>,
    options: &Options,
) -> Calibration {
    let index = TermIndex::new(engine.source_lexicon());
    let labelled = options.labels.is_some();
    let names: &[&'static str] = if labelled {
        &["label-vs-body", "title-vs-body", "label-vs-title"]
    } else {
        &["title-vs-body"]
    };
    let mut counts = Counts {
        postings: 0,
        errors: Vec::new(),
        comparisons: names.iter().map(|&n| (n, Confusion::default())).collect(),
        by_specialization: BTreeMap::new(),
        by_group: BTreeMap::new(),
        outliers: OutlierPicker::new(options.outliers),
        usage: UsageCounter::new(&index),
        reliability: ReliabilityCounter::default(),
        examples: Vec::new(),
        titles: Vec::new(),
        fields_seen: BTreeSet::new(),
    };

    for chunk in input::chunks(items) {
        let results: Vec<Result<(Analysis, Observed), String>> = chunk
            .par_iter()
            .map(|item| match item {
                Ok(posting) => observe(engine, &index, posting, options),
                Err(e) => Err(e.message.clone()),
            })
            .collect();
        for (item, result) in chunk.iter().zip(results) {
            let (source, message) = match (item, result) {
                (Ok(posting), Ok((analysis, observed))) => {
                    counts.add(posting, &analysis, observed, labelled);
                    continue;
                }
                (Ok(posting), Err(message)) => (posting.source.clone(), message),
                (Err(e), _) => (e.source.clone(), e.message.clone()),
            };
            counts.errors.push(RecordError { source, message });
        }
    }
    counts.finish(&index, options)
}

/// Analyzes one posting and reads its reference levels and group.
fn observe(
    engine: &Engine,
    index: &TermIndex,
    posting: &Posting,
    options: &Options,
) -> Result<(Analysis, Observed), String> {
    let label = match &options.labels {
        None => None,
        // `--labels title` reads a document's title too, which is no field of it.
        Some(field) => match posting
            .fields
            .get(field)
            .map(|s| s.trim())
            .or_else(|| (field == TITLE_LABELS).then(|| posting.title.trim()))
        {
            None | Some("") => None,
            Some(text) => Some(parse_label(text, engine.lexicon()).ok_or_else(|| {
                let known: Vec<&str> = Level::ALL.iter().map(|l| l.id()).collect();
                format!(
                    "label {text:?} in field `{field}` is not a level id ({}) nor a title or ladder alias the lexicon knows",
                    known.join(", ")
                )
            })?),
        },
    };
    let analysis = engine.analyze(posting);
    let reference = if options.labels.is_some() {
        label
    } else {
        analysis.claimed.level
    };
    let mut matched: Vec<u32> = analysis
        .evidence
        .iter()
        .filter_map(|e| index.trace(e).map(|(term, _)| term))
        .collect();
    matched.sort_unstable();
    matched.dedup();
    let decider = deciding(analysis.implied.level, &analysis.evidence).map(|e| {
        let d = match index.trace(e) {
            Some((term, _)) => Decider::Term(term),
            None => Decider::Other(e.source.to_string(), e.supports),
        };
        (d, normalize_term(&e.text))
    });
    let example = match (options.fit, reference) {
        (true, Some(level)) => Some(Example::new(level, &analysis.evidence, index)),
        _ => None,
    };
    let observed = Observed {
        title: analysis.claimed.level,
        label,
        implied: analysis.implied.level,
        specialization: analysis.implied.specialization,
        confidence: analysis.implied.confidence,
        group: options
            .group_by
            .as_deref()
            .map_or_else(|| NONE_NAME.to_string(), |f| group_of(posting, f)),
        matched,
        decider,
        example,
    };
    Ok((analysis, observed))
}

/// A level id, or a title or ladder alias the lexicon reads a level from ("Senior PM", "sr", or
/// a company's "L5" added as a title qualifier in an overlay).
pub fn parse_label(text: &str, lexicon: &CompiledLexicon) -> Option<Level> {
    if let Ok(level) = text.trim().to_lowercase().parse::<Level>() {
        return Some(level);
    }
    let normalized = normalize_term(text);
    let phrases = lexicon.scan(&normalized).title_phrases();
    if let [only] = phrases.as_slice() {
        if only.range == (0..normalized.len()) {
            if let Some(level) = lexicon.titles[only.index].level {
                return Some(level);
            }
        }
    }
    parse_title(text, lexicon).level
}

/// A posting's value of `field`; `folder` falls back to the name of the folder its file is in.
fn group_of(posting: &Posting, field: &str) -> String {
    let value = posting.fields.get(field).map(|v| v.trim().to_string());
    let value = value.or_else(|| {
        (field == "folder")
            .then(|| {
                let path = Path::new(posting.source.path.as_deref()?);
                let parent = path.parent()?.file_name()?;
                Some(parent.to_string_lossy().into_owned())
            })
            .flatten()
    });
    match value {
        Some(v) if !v.is_empty() => v,
        _ => NONE_NAME.to_string(),
    }
}

impl Counts {
    fn add(&mut self, posting: &Posting, analysis: &Analysis, o: Observed, labelled: bool) {
        for name in posting.fields.keys() {
            if self.fields_seen.len() >= FIELDS_SEEN {
                break;
            }
            if !self.fields_seen.contains(name) {
                self.fields_seen.insert(name.clone());
            }
        }
        let order = self.postings;
        self.postings += 1;
        let reference = if labelled { o.label } else { o.title };
        let pairs: &[(Option<Level>, Option<Level>)] = if labelled {
            &[
                (o.label, o.implied),
                (o.title, o.implied),
                (o.label, o.title),
            ]
        } else {
            &[(o.title, o.implied)]
        };
        for ((_, confusion), &(r, c)) in self.comparisons.iter_mut().zip(pairs) {
            confusion.add(r, c);
        }
        self.by_specialization
            .entry(o.specialization)
            .or_default()
            .add(reference, o.implied);
        self.by_group
            .entry(o.group.clone())
            .or_default()
            .add(reference, o.implied);
        if let (Some(r), Some(i)) = (reference, o.implied) {
            self.reliability.add(o.confidence, r == i);
        }
        self.usage.add(&o.matched, o.decider);
        if let Some(severity) = Severity::of(reference, o.implied, o.confidence, order) {
            if self.outliers.wants(severity) {
                let rank_difference = match (reference, o.implied) {
                    (Some(r), Some(i)) => r.rank() as i8 - i.rank() as i8,
                    _ => 0,
                };
                self.outliers.add(
                    severity,
                    Outlier {
                        source: posting.source.clone(),
                        title: posting.title.clone(),
                        group: o.group,
                        reference,
                        claimed: o.title,
                        label: o.label,
                        implied: o.implied,
                        rank_difference,
                        confidence: o.confidence,
                        evidence: quoted(posting, &analysis.evidence),
                    },
                );
            }
        }
        if let Some(example) = o.example {
            self.examples.push(example);
            if let Some(label) = o.label {
                self.titles.push(TitleExample {
                    title: posting.title.clone(),
                    claimed: o.title,
                    label,
                });
            }
        }
    }

    fn finish(self, index: &TermIndex, options: &Options) -> Calibration {
        let comparisons: Vec<Comparison> = self
            .comparisons
            .into_iter()
            .map(|(name, confusion)| Comparison {
                name,
                agreement: confusion.agreement(),
                confusion,
            })
            .collect();
        let slice = |name: String, confusion: Confusion| Slice {
            name,
            agreement: confusion.agreement(),
            confusion,
        };
        let by_specialization: Vec<Slice> = self
            .by_specialization
            .into_iter()
            .map(|(s, c)| slice(s.map_or(NONE_NAME, |s| s.id()).to_string(), c))
            .collect();
        let mut by_group: Vec<Slice> = match options.group_by {
            Some(_) => self
                .by_group
                .into_iter()
                .map(|(g, c)| slice(g, c))
                .collect(),
            None => Vec::new(),
        };
        by_group.sort_by(|a, b| {
            b.confusion
                .total()
                .cmp(&a.confusion.total())
                .then_with(|| a.name.cmp(&b.name))
        });
        let reliability = self.reliability.finish();
        let reference = if options.labels.is_some() {
            "label"
        } else {
            "title"
        };
        let mut report = Report {
            postings: self.postings,
            errors: self.errors,
            reference,
            group_by: options.group_by.clone(),
            labels: options.labels.clone(),
            summary: Vec::new(),
            comparisons,
            by_specialization,
            by_group,
            outliers: self.outliers.finish(),
            lexicon_usage: self.usage.finish(index),
            reliability,
        };
        report.summary = summarize(&report);
        Calibration {
            report,
            examples: self.examples,
            titles: self.titles,
            fields_seen: self.fields_seen,
        }
    }
}

fn percent(part: u64, whole: u64) -> String {
    format!("{:.0}%", part as f64 * 100.0 / whole as f64)
}

/// The report in a few sentences, most telling first: overall agreement, the largest
/// disagreement and which group accounts for it, the direction of drift, and whether the
/// confidence figure can be trusted.
fn summarize(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    let Some(main) = report.comparisons.first() else {
        return lines;
    };
    let a = &main.agreement;
    let (titled, titles) = match report.reference {
        "label" => ("labelled", "labels"),
        _ => ("titled", "titles"),
    };
    if report.postings == 0 {
        lines.push("No postings to calibrate.".to_string());
        return lines;
    }
    let (Some(exact), Some(within)) = (a.exact, a.within_one) else {
        lines.push(format!(
            "None of the {} postings has a level in its {} to compare with.",
            report.postings, report.reference
        ));
        return lines;
    };
    lines.push(format!(
        "{} of {} postings with a level read at the level their {} claim; {} within one rank.",
        percent((exact * a.compared as f64).round() as u64, a.compared),
        a.compared,
        titles,
        percent((within * a.compared as f64).round() as u64, a.compared),
    ));

    // The largest off-diagonal cell between known levels.
    let mut worst: Option<(Level, Level, u64)> = None;
    for r in Level::ALL {
        for c in Level::ALL {
            let n = main.confusion.count(Some(r), Some(c));
            if r != c && n > 0 && worst.is_none_or(|(_, _, m)| n > m) {
                worst = Some((r, c, n));
            }
        }
    }
    if let Some((r, c, n)) = worst {
        let row = main.confusion.row_total(Some(r));
        let mut sentence = format!(
            "{} of postings {titled} {} read as {} ({n} of {row})",
            percent(n, row),
            r.name(),
            c.name()
        );
        let top_group = report
            .by_group
            .iter()
            .map(|g| (g, g.confusion.count(Some(r), Some(c))))
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.name.cmp(&a.0.name)));
        if let Some((group, k)) = top_group.filter(|_| report.by_group.len() > 1) {
            if k * 2 > n {
                sentence.push_str(&format!("; {} accounts for most ({k})", group.name));
            } else if k >= 2 && k * 4 >= n {
                sentence.push_str(&format!(
                    "; {} accounts for the largest share ({k})",
                    group.name
                ));
            }
        }
        sentence.push('.');
        lines.push(sentence);
    }

    if let Some(drift) = a.mean_signed_rank_difference {
        let direction = if drift > 0.05 {
            format!("{titles} sit above what bodies ask for")
        } else if drift < -0.05 {
            format!("{titles} sit below what bodies ask for")
        } else {
            format!("{titles} and bodies balance out")
        };
        lines.push(format!(
            "On average {direction} ({drift:+.2} ranks per posting)."
        ));
    }

    // A group is named only when it is large enough for its drift to be more than chance, and
    // never the group of postings without the field.
    let drifting = report
        .by_group
        .iter()
        .filter(|g| g.agreement.compared >= MIN_NAMED_GROUP && g.name != NONE_NAME)
        .filter_map(|g| Some((g, g.agreement.mean_signed_rank_difference?)))
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    if let Some((g, drift)) = drifting.filter(|(_, d)| d.abs() > 0.25) {
        let (more, tail) = if drift > 0.0 {
            ("inflated", "above")
        } else {
            ("deflated", "below")
        };
        lines.push(format!(
            "The most {more} group is {} ({} postings, {titles} {drift:+.2} ranks {tail} bodies).",
            g.name, g.agreement.postings
        ));
    }

    let ungrouped = report.by_group.iter().find(|g| g.name == NONE_NAME);
    if let (Some(g), Some(field)) = (ungrouped, &report.group_by) {
        lines.push(format!(
            "{} postings have no `{field}` field: they are the group {NONE_NAME}.",
            g.agreement.postings
        ));
    }

    if let Some(ece) = report.reliability.expected_calibration_error {
        lines.push(confidence_sentence(&report.reliability, ece));
    }
    if !report.errors.is_empty() {
        lines.push(format!(
            "{} inputs could not be used (listed under errors).",
            report.errors.len()
        ));
    }
    lines
}

/// The fewest compared postings a group needs to be named the most inflated or deflated: with
/// fewer, one or two postings decide its drift.
pub const MIN_NAMED_GROUP: u64 = 10;

/// How far a bin's agreement may stand from its mean confidence before the confidence is not
/// called trustworthy, and how many postings the bin needs for that to count.
const BIN_GAP: f64 = 0.2;
const MIN_BIN_POSTINGS: u64 = 5;

/// What the reliability table says of the confidence figure: trustworthy only when the overall
/// error is small *and* no bin of some size disagrees with its confidence; otherwise the worst
/// such bin, so that the sentence never contradicts the table beside it.
fn confidence_sentence(reliability: &reliability::Reliability, ece: f64) -> String {
    let worst = reliability
        .bins
        .iter()
        .filter(|b| b.postings >= MIN_BIN_POSTINGS)
        .map(|b| (b, (b.agreement - b.mean_confidence).abs()))
        .filter(|(_, gap)| *gap > BIN_GAP)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let judged = reliability
        .bins
        .iter()
        .any(|b| b.postings >= MIN_BIN_POSTINGS);
    match worst {
        None if !judged => format!(
            "Too few postings at each confidence to judge the engine's confidence (no bin has {MIN_BIN_POSTINGS}; expected calibration error {ece:.2})."
        ),
        Some((bin, _)) => format!(
            "The engine's confidence is off in places: postings at confidence {:.1}-{:.1} agree {:.0}% of the time ({} postings; expected calibration error {ece:.2}).",
            bin.lower,
            bin.upper,
            bin.agreement * 100.0,
            bin.postings
        ),
        None if ece <= 0.1 => format!(
            "The engine's confidence matches how often it agrees, bin by bin: expected calibration error {ece:.2}."
        ),
        None => format!("The engine's confidence is off: expected calibration error {ece:.2}."),
    }
}

/// Levels by id, for renderers: the reference mix and the implied mix of a table.
pub fn level_mix(confusion: &Confusion) -> Vec<(&'static str, u64, u64)> {
    confusion
        .mix(true)
        .into_iter()
        .zip(confusion.mix(false))
        .map(|((l, rows), (_, columns))| (level_name(l), rows, columns))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputError;

    fn options() -> Options {
        Options {
            group_by: Some("team".into()),
            labels: None,
            outliers: 5,
            fit: false,
        }
    }

    #[test]
    fn only_a_group_large_enough_is_named_the_most_inflated() {
        let engine = Engine::new();
        let posting = |team: &str| {
            let mut p = Posting::new(
                Source::default(),
                "Director of Product",
                "What you'll do\n- Write user stories\n\nRequirements\n- 2-4 years of product management experience\n",
            );
            p.fields.insert("team".into(), team.into());
            Ok(p)
        };
        let named = |n: u64| {
            let items: Vec<Item> = (0..n).map(|_| posting("Big")).collect();
            let c = calibrate(&engine, items.into_iter(), &options());
            c.report
                .summary
                .iter()
                .any(|s| s.contains("most inflated group is Big"))
        };
        assert!(named(MIN_NAMED_GROUP));
        assert!(!named(MIN_NAMED_GROUP - 1));
    }

    #[test]
    fn the_confidence_sentence_never_contradicts_a_bin_of_the_table() {
        let mut counter = ReliabilityCounter::default();
        // Calibrated overall, but 0.3-0.4 agrees 0% of the time over 6 postings.
        for _ in 0..40 {
            counter.add(0.95, true);
        }
        for _ in 0..6 {
            counter.add(0.35, false);
        }
        let table = counter.finish();
        let ece = table.expected_calibration_error.unwrap();
        assert!(ece <= 0.1, "{ece}");
        let sentence = confidence_sentence(&table, ece);
        assert!(sentence.contains("off in places"), "{sentence}");
        assert!(sentence.contains("0.3-0.4 agree 0%"), "{sentence}");
        // Too few postings in every bin: no verdict.
        let mut few = ReliabilityCounter::default();
        few.add(0.95, true);
        few.add(0.35, false);
        let table = few.finish();
        let ece = table.expected_calibration_error.unwrap();
        assert!(confidence_sentence(&table, ece).starts_with("Too few postings"));
        // A small bin alone says nothing.
        let mut counter = ReliabilityCounter::default();
        for _ in 0..40 {
            counter.add(0.95, true);
        }
        counter.add(0.35, false);
        let table = counter.finish();
        let ece = table.expected_calibration_error.unwrap();
        assert!(confidence_sentence(&table, ece).contains("matches how often it agrees"));
    }

    #[test]
    fn an_empty_input_set_has_no_figures_and_says_so() {
        let engine = Engine::new();
        let c = calibrate(&engine, std::iter::empty(), &options());
        assert_eq!(c.report.postings, 0);
        assert_eq!(c.report.comparisons[0].agreement.exact, None);
        assert_eq!(c.report.reliability.expected_calibration_error, None);
        assert_eq!(c.report.summary, vec!["No postings to calibrate."]);
    }

    #[test]
    fn errors_and_postings_add_up_to_the_inputs_and_missing_groups_are_none() {
        let engine = Engine::new();
        let mut with_team = Posting::new(
            Source::default(),
            "Senior Product Manager",
            "Requirements\n- 5+ years of product management experience\n- Mentor others\n",
        );
        with_team.fields.insert("team".into(), "Search".into());
        let without_team = Posting::new(Source::default(), "Product Manager", "Own the roadmap.");
        let items = vec![
            Ok(with_team),
            Err(InputError {
                source: Source::file("broken.txt"),
                message: "cannot read: no such file".into(),
            }),
            Ok(without_team),
        ];
        let c = calibrate(&engine, items.into_iter(), &options());
        assert_eq!(c.report.postings, 2);
        assert_eq!(c.report.errors.len(), 1);
        assert_eq!(
            c.report.errors[0].source.path.as_deref(),
            Some("broken.txt")
        );
        let groups: Vec<(&str, u64)> = c
            .report
            .by_group
            .iter()
            .map(|g| (g.name.as_str(), g.agreement.postings))
            .collect();
        assert_eq!(groups, vec![("(none)", 1), ("Search", 1)]);
    }

    #[test]
    fn labels_are_level_ids_or_aliases_the_lexicon_reads() {
        let engine = Engine::new();
        let l = engine.lexicon();
        assert_eq!(parse_label("Director", l), Some(Level::Director));
        assert_eq!(parse_label("sr", l), Some(Level::Senior));
        assert_eq!(parse_label("Senior PM", l), Some(Level::Senior));
        assert_eq!(parse_label("Group Product Manager", l), Some(Level::Group));
        assert_eq!(parse_label("seniour", l), None);
        assert_eq!(parse_label("L5", l), None);
    }
}
