//! The lexicon as data: the file format of `lexicon/` (documented in `lexicon/README.md`), loading
//! and validation with errors that name the file, the entry and the problem, layering of a user's
//! overlay on the default, and the canonical (sorted) form the files are kept in.

mod checks;
mod compiled;
pub mod forms;
mod words;

pub use checks::{CheckEntry, CheckKind, CheckScope};
pub(crate) use compiled::{leftmost_longest, REGEX_SIZE_LIMIT};
pub use compiled::{CompiledLexicon, FrameWord, RawMatch, Scan};

use crate::cues::{Cue, CueCategory};
use crate::domain::{Level, Specialization, Target};
use crate::input::read_small_file;
use crate::normalize::normalize_term;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_lexicon.rs"));

/// A literal-phrase signal: `terms` are evidence for `supports`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalEntry {
    /// Literal phrases, matched as whole words in text normalized the same way as postings.
    pub terms: Vec<String>,
    /// What a match is evidence for: `level:<id>`, `track:<id>` or `specialization:<id>`.
    pub supports: Target,
    /// How much one match counts, in (0, 10], before the section factor and repeats.
    pub weight: f64,
    /// The seed file and section the knowledge comes from: `NNN: Section > Subsection #n`.
    pub source: String,
}

/// A frame: a verb and its object within one clause ("hiring, growing and coaching a team of
/// product managers"), evidence for `supports` where a fixed phrase would miss the words between.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameEntry {
    /// Verbs as lemmas; their word forms are matched too.
    pub verbs: Vec<String>,
    /// Objects as lemmas; their plurals are matched too.
    pub objects: Vec<String>,
    /// Whether a product-management role named in the body ("product managers", "a director of
    /// product") is an object too. Which role it names does not matter, so that rewriting title
    /// mentions cannot change the verdict.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub role_objects: bool,
    /// What a verb-and-object match is evidence for.
    pub supports: Target,
    /// How much one match counts, in (0, 10], before the section factor and repeats.
    pub weight: f64,
    /// The seed file and section the knowledge comes from: `NNN: Section > Subsection #n`.
    pub source: String,
}

/// A regular-expression signal, matched against normalized text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternEntry {
    /// The regular expression, matched against the normalized text; it must not match the
    /// empty string.
    pub pattern: String,
    /// What a match is evidence for.
    pub supports: Target,
    /// How much one match counts, in (0, 10], before the section factor and repeats.
    pub weight: f64,
    /// The seed file and section the knowledge comes from: `NNN: Section > Subsection #n`.
    pub source: String,
    /// A `posting:*` cue that voids the pattern in a body that has it: "reports to the CEO" says
    /// nothing of level at a 20-person startup, where every PM does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<Cue>,
}

/// How a title phrase is used by the title parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleKind {
    /// A product-management role noun ("product manager", "head of product").
    Role,
    /// A word qualifying a role with a level or specialization ("senior", "growth").
    Qualifier,
}

/// Phrases the title parser reads titles with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleEntry {
    /// The phrases, matched on word boundaries in normalized text: in titles, and as title
    /// mentions in bodies.
    pub phrases: Vec<String>,
    /// Whether the phrases name the role or qualify it.
    pub kind: TitleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The level the phrases claim; `None` for a role noun that names none ("product manager"
    /// claims `pm` only by default) or a specialization qualifier.
    pub level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The specialization the phrases claim, if any. A qualifier needs this or `level`.
    pub specialization: Option<Specialization>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A caveat shown with the match, e.g. that the title reads differently across companies.
    pub note: Option<String>,
    /// The seed file and section the knowledge comes from: `NNN: Section > Subsection #n`.
    pub source: String,
}

/// Years of experience in `min_years..=max_years` are evidence for `supports`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperienceBand {
    /// The fewest years the band covers (inclusive).
    pub min_years: u32,
    /// The most years the band covers (inclusive); at least `min_years`.
    pub max_years: u32,
    /// The level the band is evidence for; it must be a `level:<id>`.
    pub supports: Target,
    /// How much a years requirement in the band counts, in (0, 10].
    pub weight: f64,
    /// The seed file and section the knowledge comes from: `NNN: Section > Subsection #n`.
    pub source: String,
}

/// The kind of section a heading starts; it decides how much the evidence inside counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SectionKind {
    /// Text before the first recognized heading.
    Preamble,
    /// About the company ("About us"): not evidence.
    About,
    /// A summary of the role ("The role"): full evidence.
    Role,
    /// What the person will do: full evidence.
    Responsibilities,
    /// What the person must have: full evidence.
    Requirements,
    /// Preferred, not required ("Nice to have"): half evidence.
    NiceToHave,
    /// Pay, perks and benefits: not evidence.
    Benefits,
    /// Equal-opportunity and other legal text: not evidence.
    Legal,
    /// How to apply: not evidence.
    Apply,
}

impl SectionKind {
    /// How much evidence in this section counts. DOMAIN.md: "About us" and benefits are not
    /// evidence; "nice to have" weighs less than "required". Text before any heading is often the
    /// role's summary, but as often a company pitch, so it counts for part.
    pub fn evidence_factor(self) -> f64 {
        match self {
            SectionKind::Role | SectionKind::Responsibilities | SectionKind::Requirements => 1.0,
            SectionKind::Preamble => 0.75,
            SectionKind::NiceToHave => 0.5,
            SectionKind::About
            | SectionKind::Benefits
            | SectionKind::Legal
            | SectionKind::Apply => 0.0,
        }
    }

    /// The kebab-case id used in lexicon files and in evidence's `section`, e.g. `nice-to-have`.
    pub fn id(self) -> &'static str {
        match self {
            SectionKind::Preamble => "preamble",
            SectionKind::About => "about",
            SectionKind::Role => "role",
            SectionKind::Responsibilities => "responsibilities",
            SectionKind::Requirements => "requirements",
            SectionKind::NiceToHave => "nice-to-have",
            SectionKind::Benefits => "benefits",
            SectionKind::Legal => "legal",
            SectionKind::Apply => "apply",
        }
    }
}

/// Headings that start a section of `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionEntry {
    /// Heading texts, matched against normalized lines (or inline, in text that lost its line
    /// breaks).
    pub headings: Vec<String>,
    /// The kind of section these headings start; never `preamble`.
    pub kind: SectionKind,
}

/// Words that negate a signal that follows them closely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegationEntry {
    /// The negating words or phrases ("no", "without").
    pub words: Vec<String>,
    /// The seed file and section the knowledge comes from: `NNN: Section > Subsection #n`.
    pub source: String,
}

/// Phrases and patterns that are cues for the rule catalogue (see [`crate::cues`]): what job a
/// body describes, whether it names a team or a metric, wording that job-posting linters flag.
/// Cues never count as evidence of a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    /// `<category>:<name>`, e.g. `role:design` or `wording:hype-title`.
    pub cue: Cue,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Literal phrases, matched as whole words in text normalized the same way as postings.
    pub terms: Vec<String>,
    /// Regular expressions over the normalized text, for cues a word list cannot say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    /// How strongly one match indicates the cue (1.0 when omitted).
    #[serde(default = "unit_weight", skip_serializing_if = "is_unit_weight")]
    pub weight: f64,
    /// Where the knowledge comes from: a seed (`NNN: Section`) or a named outside source.
    pub source: String,
}

fn unit_weight() -> f64 {
    1.0
}

fn is_unit_weight(w: &f64) -> bool {
    *w == 1.0
}

/// One lexicon file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Literal-phrase signals.
    pub signals: Vec<SignalEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Verb-and-object frames.
    pub frames: Vec<FrameEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Regular-expression signals.
    pub patterns: Vec<PatternEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Phrases the title parser reads titles with.
    pub titles: Vec<TitleEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Years-of-experience bands; an overlay's bands replace the base's.
    pub experience: Vec<ExperienceBand>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Section headings.
    pub sections: Vec<SectionEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Negating words.
    pub negations: Vec<NegationEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Cues for the rule catalogue.
    pub cues: Vec<CueEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Wording checks: rules of the catalogue written as data.
    pub checks: Vec<CheckEntry>,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A lexicon load or validation error, naming the file, the entry and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file, as the user named it (or its path inside the default lexicon).
    pub file: String,
    /// The entry, e.g. `signals[3] ("mentor")`, when the problem is in one.
    pub entry: Option<String>,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(entry) => write!(f, "{}: {}: {}", self.file, entry, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LexiconError {}

/// Where an entry came from, for error messages and evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The file it was loaded from, as the user named it (or its path inside the default lexicon).
    pub file: String,
    /// The entry within the file, e.g. `signals[3] ("mentor")`.
    pub entry: String,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.entry)
    }
}

/// A lexicon entry with the place it was loaded from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The entry.
    pub value: T,
    /// The file and entry it was loaded from.
    pub origin: Origin,
}

/// A validated lexicon: the default, a user's files, or one layered on another.
///
/// Its entries are read through accessors and built only by the constructors, which validate:
/// an engine compiled from a `Lexicon` can trust every entry.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub(crate) signals: Vec<Located<SignalEntry>>,
    pub(crate) frames: Vec<Located<FrameEntry>>,
    pub(crate) patterns: Vec<Located<PatternEntry>>,
    pub(crate) titles: Vec<Located<TitleEntry>>,
    pub(crate) experience: Vec<Located<ExperienceBand>>,
    pub(crate) sections: Vec<Located<SectionEntry>>,
    pub(crate) negations: Vec<Located<NegationEntry>>,
    pub(crate) cues: Vec<Located<CueEntry>>,
    pub(crate) checks: Vec<Located<CheckEntry>>,
}

const KEYS: [&str; 9] = [
    "signals",
    "frames",
    "patterns",
    "titles",
    "experience",
    "sections",
    "negations",
    "cues",
    "checks",
];

/// The default lexicon's files: path relative to `lexicon/` and contents.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    EMBEDDED
}

impl Lexicon {
    /// Terms that are evidence for a level, track or specialization.
    pub fn signals(&self) -> &[Located<SignalEntry>] {
        &self.signals
    }

    /// Verb-and-object frames.
    pub fn frames(&self) -> &[Located<FrameEntry>] {
        &self.frames
    }

    /// Regular-expression evidence.
    pub fn patterns(&self) -> &[Located<PatternEntry>] {
        &self.patterns
    }

    /// Phrases the title parser reads titles with.
    pub fn titles(&self) -> &[Located<TitleEntry>] {
        &self.titles
    }

    /// Years-of-experience bands.
    pub fn experience(&self) -> &[Located<ExperienceBand>] {
        &self.experience
    }

    /// Section headings.
    pub fn sections(&self) -> &[Located<SectionEntry>] {
        &self.sections
    }

    /// Words that negate the phrase after them.
    pub fn negations(&self) -> &[Located<NegationEntry>] {
        &self.negations
    }

    /// Cues for the rule catalogue.
    pub fn cues(&self) -> &[Located<CueEntry>] {
        &self.cues
    }

    /// Wording checks: rules of the catalogue written as data.
    pub fn checks(&self) -> &[Located<CheckEntry>] {
        &self.checks
    }

    /// The default lexicon embedded in the binary.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(EMBEDDED.iter().map(|(p, t)| (p.to_string(), *t)))
    }

    /// Loads every `*.json` file below `dir` (recursively, in path order) as one layer.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let shown = dir.display().to_string();
        let mut paths = Vec::new();
        collect_json(dir, &mut paths).map_err(|message| LexiconError {
            file: shown.clone(),
            entry: None,
            message,
        })?;
        if paths.is_empty() {
            return Err(LexiconError {
                file: shown,
                entry: None,
                message: "no lexicon files (*.json) in this directory".into(),
            });
        }
        let mut texts = Vec::with_capacity(paths.len());
        for path in paths {
            let name = path.display().to_string();
            let text = read_lexicon_file(&path).map_err(|message| LexiconError {
                file: name.clone(),
                entry: None,
                message,
            })?;
            texts.push((name, text));
        }
        Lexicon::from_sources(texts.iter().map(|(n, t)| (n.clone(), t.as_str())))
    }

    /// Parses and validates files given as (name, contents) as one layer.
    pub fn from_sources<'a>(
        files: impl IntoIterator<Item = (String, &'a str)>,
    ) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (name, text) in files {
            let file = parse_file(&name, text)?;
            lexicon.add_file(&name, file);
        }
        lexicon.validate()?;
        Ok(lexicon)
    }

    fn add_file(&mut self, name: &str, file: LexiconFile) {
        fn locate<T>(
            name: &str,
            key: &str,
            items: Vec<T>,
            label: impl Fn(&T) -> String,
        ) -> Vec<Located<T>> {
            items
                .into_iter()
                .enumerate()
                .map(|(i, value)| Located {
                    origin: Origin {
                        file: name.to_string(),
                        entry: format!("{key}[{i}] ({})", label(&value)),
                    },
                    value,
                })
                .collect()
        }
        let first = |v: &Vec<String>| format!("{:?}", v.first().map_or("", String::as_str));
        self.signals
            .extend(locate(name, "signals", file.signals, |e| first(&e.terms)));
        self.frames.extend(locate(name, "frames", file.frames, |e| {
            format!("{} x {}", first(&e.verbs), first(&e.objects))
        }));
        self.patterns
            .extend(locate(name, "patterns", file.patterns, |e| {
                format!("{:?}", e.pattern)
            }));
        self.titles
            .extend(locate(name, "titles", file.titles, |e| first(&e.phrases)));
        self.experience
            .extend(locate(name, "experience", file.experience, |e| {
                format!("{}-{} years", e.min_years, e.max_years)
            }));
        self.sections
            .extend(locate(name, "sections", file.sections, |e| {
                first(&e.headings)
            }));
        self.negations
            .extend(locate(name, "negations", file.negations, |e| {
                first(&e.words)
            }));
        self.cues.extend(locate(name, "cues", file.cues, |e| {
            match (e.terms.first(), e.patterns.first()) {
                (Some(term), _) => format!("{term:?}"),
                (None, Some(pattern)) => format!("{pattern:?}"),
                (None, None) => e.cue.to_string(),
            }
        }));
        self.checks
            .extend(locate(name, "checks", file.checks, |e| e.id.clone()));
    }

    /// Layers `overlay` on `self`. An overlay term, title phrase, heading or pattern that the base
    /// already has replaces the base's use of it (that is how a company re-weights or remaps);
    /// overlay experience bands, when there are any, replace the base's bands.
    pub fn overlay(mut self, overlay: Lexicon) -> Lexicon {
        merge_phrases(&mut self.signals, overlay.signals, |s| &mut s.terms);
        merge_phrases(&mut self.titles, overlay.titles, |t| &mut t.phrases);
        self.frames.extend(overlay.frames);
        merge_phrases(&mut self.sections, overlay.sections, |s| &mut s.headings);

        self.patterns.retain(|p| {
            !overlay
                .patterns
                .iter()
                .any(|o| o.value.pattern == p.value.pattern)
        });
        self.patterns.extend(overlay.patterns);

        if !overlay.experience.is_empty() {
            self.experience = overlay.experience;
        }
        self.negations.extend(overlay.negations);

        // A term keeps one cue per category: the overlay's, when it repeats one.
        let overridden: std::collections::HashSet<(crate::cues::CueCategory, String)> = overlay
            .cues
            .iter()
            .flat_map(|o| {
                let category = o.value.cue.category();
                o.value
                    .terms
                    .iter()
                    .map(move |t| (category, normalize_term(t)))
            })
            .collect();
        self.cues.retain_mut(|entry| {
            let category = entry.value.cue.category();
            entry
                .value
                .terms
                .retain(|t| !overridden.contains(&(category, normalize_term(t))));
            !entry.value.terms.is_empty() || !entry.value.patterns.is_empty()
        });
        self.cues.extend(overlay.cues);

        // An overlay check replaces the base's of the same id, and takes its phrases from any
        // other base check: a phrase is flagged by one check.
        let taken: std::collections::HashSet<String> = overlay
            .checks
            .iter()
            .flat_map(|o| {
                o.value
                    .phrases()
                    .into_iter()
                    .map(|(p, _)| normalize_term(p))
            })
            .collect();
        self.checks.retain_mut(|base| {
            if overlay.checks.iter().any(|o| o.value.id == base.value.id) {
                return false;
            }
            let entry = &mut base.value;
            entry.terms.retain(|t| !taken.contains(&normalize_term(t)));
            entry
                .swap
                .retain(|p, _| !taken.contains(&normalize_term(p)));
            !entry.terms.is_empty() || !entry.swap.is_empty() || !entry.cues.is_empty()
        });
        self.checks.extend(overlay.checks);
        self
    }

    fn validate(&self) -> Result<(), LexiconError> {
        let err = |origin: &Origin, message: String| LexiconError {
            file: origin.file.clone(),
            entry: Some(origin.entry.clone()),
            message,
        };

        let mut seen_terms: HashMap<String, &Origin> = HashMap::new();
        for s in &self.signals {
            check_weight(s.value.weight).map_err(|m| err(&s.origin, m))?;
            check_source(&s.value.source).map_err(|m| err(&s.origin, m))?;
            check_phrases("terms", &s.value.terms, &s.origin, &mut seen_terms)?;
        }

        for f in &self.frames {
            check_weight(f.value.weight).map_err(|m| err(&f.origin, m))?;
            check_source(&f.value.source).map_err(|m| err(&f.origin, m))?;
            check_phrases("verbs", &f.value.verbs, &f.origin, &mut HashMap::new())?;
            check_phrases("objects", &f.value.objects, &f.origin, &mut HashMap::new())?;
        }

        for p in &self.patterns {
            check_weight(p.value.weight).map_err(|m| err(&p.origin, m))?;
            check_source(&p.value.source).map_err(|m| err(&p.origin, m))?;
            let re = compiled::build_regex(&p.value.pattern).map_err(|m| err(&p.origin, m))?;
            if re.is_match("") {
                return Err(err(
                    &p.origin,
                    "pattern matches the empty string, so it would match everywhere".into(),
                ));
            }
            check_shortest_match(&p.value.pattern).map_err(|m| err(&p.origin, m))?;
            if let Some(cue) = p.value.unless {
                if cue.category() != CueCategory::Posting {
                    return Err(err(
                        &p.origin,
                        format!("`unless` names `{cue}`; it takes a `posting:*` cue"),
                    ));
                }
            }
        }

        let mut seen_phrases: HashMap<String, &Origin> = HashMap::new();
        for t in &self.titles {
            check_source(&t.value.source).map_err(|m| err(&t.origin, m))?;
            check_phrases("phrases", &t.value.phrases, &t.origin, &mut seen_phrases)?;
            if t.value.kind == TitleKind::Qualifier
                && t.value.level.is_none()
                && t.value.specialization.is_none()
            {
                return Err(err(
                    &t.origin,
                    "a qualifier needs a `level` or a `specialization`".into(),
                ));
            }
        }

        for b in &self.experience {
            check_weight(b.value.weight).map_err(|m| err(&b.origin, m))?;
            check_source(&b.value.source).map_err(|m| err(&b.origin, m))?;
            if b.value.min_years > b.value.max_years {
                return Err(err(
                    &b.origin,
                    format!(
                        "min_years ({}) is greater than max_years ({})",
                        b.value.min_years, b.value.max_years
                    ),
                ));
            }
            if !matches!(b.value.supports, Target::Level(_)) {
                return Err(err(
                    &b.origin,
                    format!("experience supports a level, not `{}`", b.value.supports),
                ));
            }
        }

        let mut seen_headings: HashMap<String, &Origin> = HashMap::new();
        for s in &self.sections {
            check_phrases("headings", &s.value.headings, &s.origin, &mut seen_headings)?;
            if s.value.kind == SectionKind::Preamble {
                return Err(err(
                    &s.origin,
                    "`preamble` is the text before any heading, not a heading kind".into(),
                ));
            }
        }

        let mut seen_words: HashMap<String, &Origin> = HashMap::new();
        for n in &self.negations {
            check_source(&n.value.source).map_err(|m| err(&n.origin, m))?;
            check_phrases("words", &n.value.words, &n.origin, &mut seen_words)?;
        }

        // Cue terms are unique within a category: one word may be a role cue and a wording cue.
        let mut seen_cue_terms: HashMap<crate::cues::CueCategory, HashMap<String, &Origin>> =
            HashMap::new();
        for c in &self.cues {
            let cue = &c.value;
            check_weight(cue.weight).map_err(|m| err(&c.origin, m))?;
            if cue.source.trim().len() < 3 {
                return Err(err(
                    &c.origin,
                    "`source` must name where the cue comes from (a seed `NNN: Section` or an outside source)".into(),
                ));
            }
            if cue.terms.is_empty() && cue.patterns.is_empty() {
                return Err(err(&c.origin, "a cue needs `terms` or `patterns`".into()));
            }
            if !cue.terms.is_empty() {
                let seen = seen_cue_terms.entry(cue.cue.category()).or_default();
                check_phrases("terms", &cue.terms, &c.origin, seen)?;
            }
            for pattern in &cue.patterns {
                let re = crate::cues::build_cue_regex(pattern)
                    .map_err(|m| err(&c.origin, format!("pattern {pattern:?}: {m}")))?;
                if re.is_match(b"") {
                    return Err(err(
                        &c.origin,
                        format!("pattern {pattern:?} matches the empty string, so it would match everywhere"),
                    ));
                }
                check_shortest_match(pattern)
                    .map_err(|m| err(&c.origin, format!("pattern {pattern:?}: {m}")))?;
            }
        }
        checks::validate(&self.checks)
    }

    /// Every literal term of the lexicon's signals, normalized, in lexicon order.
    pub fn terms(&self) -> impl Iterator<Item = String> + '_ {
        self.signals
            .iter()
            .flat_map(|s| s.value.terms.iter().map(|t| normalize_term(t)))
    }
}

/// Appends `overlay` to `base`, first removing from `base` every phrase the overlay also has
/// (compared normalized) and the entries that leaves empty.
fn merge_phrases<T>(
    base: &mut Vec<Located<T>>,
    mut overlay: Vec<Located<T>>,
    phrases: impl Fn(&mut T) -> &mut Vec<String>,
) {
    let overridden: std::collections::HashSet<String> = overlay
        .iter_mut()
        .flat_map(|o| {
            phrases(&mut o.value)
                .iter()
                .map(|p| normalize_term(p))
                .collect::<Vec<_>>()
        })
        .collect();
    base.retain_mut(|entry| {
        let list = phrases(&mut entry.value);
        list.retain(|p| !overridden.contains(&normalize_term(p)));
        !list.is_empty()
    });
    base.append(&mut overlay);
}

fn check_weight(weight: f64) -> Result<(), String> {
    if weight.is_finite() && weight > 0.0 && weight <= 10.0 {
        Ok(())
    } else {
        Err(format!("weight {weight} is out of range (0, 10]"))
    }
}

fn check_source(source: &str) -> Result<(), String> {
    let b = source.as_bytes();
    let well_formed = b.len() > 5 && b[..3].iter().all(u8::is_ascii_digit) && &b[3..5] == b": ";
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "source {source:?} does not name a seed file and section (`NNN: Section > Subsection #n`)"
        ))
    }
}

fn check_phrases<'a>(
    key: &str,
    phrases: &[String],
    origin: &'a Origin,
    seen: &mut HashMap<String, &'a Origin>,
) -> Result<(), LexiconError> {
    let err = |message: String| LexiconError {
        file: origin.file.clone(),
        entry: Some(origin.entry.clone()),
        message,
    };
    if phrases.is_empty() {
        return Err(err(format!("`{key}` is empty")));
    }
    for phrase in phrases {
        let normalized = normalize_term(phrase);
        if normalized.is_empty() {
            return Err(err(format!("empty entry in `{key}`")));
        }
        if !normalized.chars().any(crate::normalize::is_word_char) {
            return Err(err(format!(
                "{phrase:?} in `{key}` has no letter or digit, so it would match punctuation \
                 anywhere"
            )));
        }
        if let Some(first) = seen.insert(normalized.clone(), origin) {
            return Err(err(format!(
                "duplicate `{phrase}` (normalized `{normalized}`), already in {first}"
            )));
        }
    }
    Ok(())
}

/// The largest lexicon file read: the embedded lexicon is about 300 KB in all, and a fitted
/// overlay far less.
pub const MAX_LEXICON_FILE_BYTES: u64 = 16 << 20;

/// A lexicon file's text; `Err` says why it cannot be read (not a regular file, too large, not
/// UTF-8).
pub(crate) fn read_lexicon_file(path: &Path) -> Result<String, String> {
    let bytes = read_small_file(path, MAX_LEXICON_FILE_BYTES)?;
    String::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()))
}

/// `Err` when `pattern` can match fewer than [`compiled::SHORTEST_PATTERN_MATCH`] bytes.
fn check_shortest_match(pattern: &str) -> Result<(), String> {
    match compiled::shortest_match(pattern) {
        Some(n) if n < compiled::SHORTEST_PATTERN_MATCH => Err(format!(
            "pattern can match {n} byte{} alone, so it would match almost anywhere; a pattern \
             must match at least {} (a word, a phrase)",
            if n == 1 { "" } else { "s" },
            compiled::SHORTEST_PATTERN_MATCH
        )),
        _ => Ok(()),
    }
}

fn collect_json(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let meta = std::fs::metadata(dir).map_err(|e| format!("cannot read lexicon directory: {e}"))?;
    if !meta.is_dir() {
        return Err("not a directory (--lexicon takes a directory of *.json files)".into());
    }
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("cannot list directory: {e}"))? {
        entries.push(
            entry
                .map_err(|e| format!("cannot list directory: {e}"))?
                .path(),
        );
    }
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_json(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses one lexicon file, with errors naming the entry (by key and index) that is wrong.
pub fn parse_file(name: &str, text: &str) -> Result<LexiconFile, LexiconError> {
    let file_err = |message: String| LexiconError {
        file: name.to_string(),
        entry: None,
        message,
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        file_err(format!(
            "invalid JSON at line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    let serde_json::Value::Object(map) = value else {
        return Err(file_err(format!(
            "a lexicon file holds one JSON object (keys: {})",
            KEYS.join(", ")
        )));
    };
    for (key, value) in &map {
        if !KEYS.contains(&key.as_str()) {
            // Wording rules are `checks`; the others are code with stable ids.
            let hint = if key == "rules" {
                "; a wording rule is a `checks` entry (see lexicon/README.md); the other rules \
                 are switched and their severity set in jdlint.toml (`select`, `ignore`, `[severity]`)"
            } else {
                ""
            };
            return Err(file_err(format!(
                "unknown key `{key}` (known: {}){hint}",
                KEYS.join(", ")
            )));
        }
        let serde_json::Value::Array(items) = value else {
            return Err(file_err(format!("`{key}` must be an array")));
        };
        for (i, item) in items.iter().enumerate() {
            let check = match key.as_str() {
                "signals" => SignalEntry::deserialize(item).map(drop),
                "frames" => FrameEntry::deserialize(item).map(drop),
                "patterns" => PatternEntry::deserialize(item).map(drop),
                "titles" => TitleEntry::deserialize(item).map(drop),
                "experience" => ExperienceBand::deserialize(item).map(drop),
                "sections" => SectionEntry::deserialize(item).map(drop),
                "cues" => CueEntry::deserialize(item).map(drop),
                "checks" => CheckEntry::deserialize(item).map(drop),
                _ => NegationEntry::deserialize(item).map(drop),
            };
            if let Err(e) = check {
                let label = item
                    .as_object()
                    .and_then(|o| {
                        [
                            "id", "terms", "verbs", "phrases", "headings", "words", "pattern",
                            "patterns",
                        ]
                        .iter()
                        .find_map(|k| o.get(*k))
                    })
                    .map(|v| match v {
                        serde_json::Value::Array(a) => {
                            a.first().map(|f| f.to_string()).unwrap_or_default()
                        }
                        other => other.to_string(),
                    })
                    .unwrap_or_default();
                return Err(LexiconError {
                    file: name.to_string(),
                    entry: Some(format!("{key}[{i}] ({label})")),
                    message: e.to_string(),
                });
            }
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| file_err(e.to_string()))
}

impl LexiconFile {
    /// The file in canonical form: phrases sorted and unique inside each entry, entries sorted.
    pub fn canonical(mut self) -> LexiconFile {
        fn tidy(v: &mut Vec<String>) {
            v.sort();
            v.dedup();
        }
        for s in &mut self.signals {
            tidy(&mut s.terms);
        }
        self.signals.sort_by(|a, b| {
            (&a.terms, a.supports.to_string()).cmp(&(&b.terms, b.supports.to_string()))
        });
        for f in &mut self.frames {
            tidy(&mut f.verbs);
            tidy(&mut f.objects);
        }
        self.frames.sort_by(|a, b| {
            (&a.verbs, &a.objects, a.supports.to_string()).cmp(&(
                &b.verbs,
                &b.objects,
                b.supports.to_string(),
            ))
        });
        self.patterns.sort_by(|a, b| a.pattern.cmp(&b.pattern));
        for t in &mut self.titles {
            tidy(&mut t.phrases);
        }
        self.titles.sort_by(|a, b| a.phrases.cmp(&b.phrases));
        self.experience.sort_by(|a, b| {
            (a.min_years, a.max_years, a.supports.to_string()).cmp(&(
                b.min_years,
                b.max_years,
                b.supports.to_string(),
            ))
        });
        for s in &mut self.sections {
            tidy(&mut s.headings);
        }
        self.sections.sort_by(|a, b| a.headings.cmp(&b.headings));
        for n in &mut self.negations {
            tidy(&mut n.words);
        }
        self.negations.sort_by(|a, b| a.words.cmp(&b.words));
        for c in &mut self.cues {
            tidy(&mut c.terms);
            tidy(&mut c.patterns);
        }
        self.cues
            .sort_by(|a, b| (a.cue, &a.terms, &a.patterns).cmp(&(b.cue, &b.terms, &b.patterns)));
        self.checks = self.checks.into_iter().map(CheckEntry::canonical).collect();
        self.checks.sort_by(|a, b| a.id.cmp(&b.id));
        self
    }

    /// The file as canonical JSON text (two-space indentation, trailing newline).
    pub fn to_canonical_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.clone().canonical())
            .expect("lexicon files serialize");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(files.iter().map(|(n, t)| (n.to_string(), *t)))
    }

    const SRC: &str = "003: Senior Product Manager > Core Responsibilities #3";

    fn signal(terms: &str, supports: &str) -> String {
        format!(
            r#"{{"signals": [{{"terms": [{terms}], "supports": "{supports}", "weight": 1.0, "source": "{SRC}"}}]}}"#
        )
    }

    #[test]
    fn the_embedded_lexicon_loads() {
        let lexicon = Lexicon::embedded().unwrap();
        assert!(
            lexicon.signals.len() > 50,
            "{} signals",
            lexicon.signals.len()
        );
        assert!(!lexicon.titles.is_empty());
    }

    #[test]
    fn unknown_fields_name_the_file_and_entry() {
        let text = r#"{"signals": [{"terms": ["mentor"], "supports": "level:senior", "weight": 1.0, "source": "003: x", "wieght": 2}]}"#;
        let e = load(&[("extra.json", text)]).unwrap_err();
        assert_eq!(e.file, "extra.json");
        assert_eq!(e.entry.as_deref(), Some("signals[0] (\"mentor\")"));
        assert!(e.message.contains("unknown field `wieght`"), "{e}");
    }

    #[test]
    fn unknown_top_level_keys_and_bad_json_are_errors() {
        let e = load(&[("a.json", r#"{"signal": []}"#)]).unwrap_err();
        assert!(e.message.contains("unknown key `signal`"), "{e}");
        let e = load(&[("a.json", "{\"signals\": [\n}")]).unwrap_err();
        assert!(e.message.contains("invalid JSON at line 2"), "{e}");
        let e = load(&[("a.json", "[]")]).unwrap_err();
        assert!(e.message.contains("one JSON object"), "{e}");
    }

    #[test]
    fn unknown_level_ids_are_errors() {
        let e = load(&[("a.json", &signal(r#""mentor""#, "level:seniour"))]).unwrap_err();
        assert!(e.to_string().contains("unknown level id `seniour`"), "{e}");
        let title = r#"{"titles": [{"phrases": ["sr"], "kind": "qualifier", "level": "snr", "source": "001: x"}]}"#;
        let e = load(&[("t.json", title)]).unwrap_err();
        assert_eq!(e.entry.as_deref(), Some("titles[0] (\"sr\")"));
        assert!(e.message.contains("unknown variant `snr`"), "{e}");
    }

    #[test]
    fn duplicate_and_empty_terms_are_errors() {
        let e = load(&[
            ("a.json", &signal(r#""Cross-functional""#, "level:pm")),
            ("b.json", &signal(r#""cross functional""#, "level:senior")),
        ])
        .unwrap_err();
        assert_eq!(e.file, "b.json");
        assert!(e.message.contains("duplicate `cross functional`"), "{e}");
        assert!(e.message.contains("a.json: signals[0]"), "{e}");
        let e = load(&[("a.json", &signal(r#""  ""#, "level:pm"))]).unwrap_err();
        assert!(e.message.contains("empty entry in `terms`"), "{e}");
        let e = load(&[("a.json", &signal("", "level:pm"))]).unwrap_err();
        assert!(e.message.contains("`terms` is empty"), "{e}");
        let e = load(&[("a.json", &signal(r#""mentor", "—!?""#, "level:pm"))]).unwrap_err();
        assert_eq!(e.entry.as_deref(), Some("signals[0] (\"mentor\")"));
        assert!(e.message.contains("has no letter or digit"), "{e}");
    }

    #[test]
    fn bad_regexes_and_match_everything_patterns_are_errors() {
        let bad = r#"{"patterns": [{"pattern": "report(s", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}]}"#;
        let e = load(&[("p.json", bad)]).unwrap_err();
        assert_eq!(e.entry.as_deref(), Some("patterns[0] (\"report(s\")"));
        assert!(e.message.contains("invalid regex"), "{e}");
        let all = r#"{"patterns": [{"pattern": "x*", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}]}"#;
        let e = load(&[("p.json", all)]).unwrap_err();
        assert!(e.message.contains("empty string"), "{e}");
        // A single character class matches almost anywhere: a megabyte would be a million
        // matches.
        for pattern in ["[a-z]", "\\\\w\\\\b", "(?:ab|c)"] {
            let one = format!(
                r#"{{"patterns": [{{"pattern": "{pattern}", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}}]}}"#
            );
            let e = load(&[("p.json", &one)]).unwrap_err();
            assert!(
                e.entry.as_deref().unwrap().starts_with("patterns[0]"),
                "{e}"
            );
            assert!(e.message.contains("almost anywhere"), "{e}");
        }
        let fine = r#"{"patterns": [{"pattern": "\\bceo\\b", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}]}"#;
        assert!(load(&[("p.json", fine)]).is_ok());
    }

    #[test]
    fn weights_and_sources_are_checked() {
        let text = r#"{"signals": [{"terms": ["x"], "supports": "level:pm", "weight": -1, "source": "003: x"}]}"#;
        assert!(load(&[("a.json", text)])
            .unwrap_err()
            .message
            .contains("out of range"));
        let text = r#"{"signals": [{"terms": ["x"], "supports": "level:pm", "weight": 1, "source": "the internet"}]}"#;
        assert!(load(&[("a.json", text)])
            .unwrap_err()
            .message
            .contains("seed file"));
    }

    #[test]
    fn an_overlay_replaces_the_terms_it_repeats() {
        let base = load(&[(
            "base.json",
            &signal(r#""mentor", "mentoring""#, "level:senior"),
        )])
        .unwrap();
        let overlay =
            load(&[("company.json", &signal(r#""Mentoring""#, "level:principal"))]).unwrap();
        let merged = base.overlay(overlay);
        let pairs: Vec<_> = merged
            .signals
            .iter()
            .map(|s| (s.value.terms.clone(), s.value.supports.to_string()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (vec!["mentor".to_string()], "level:senior".to_string()),
                (vec!["Mentoring".to_string()], "level:principal".to_string()),
            ]
        );
    }

    #[test]
    fn the_empty_lexicon_is_valid_and_runs() {
        let engine = crate::Engine::from_lexicon(&Lexicon::default());
        let a = engine.analyze(&crate::Posting::new(
            crate::Source::default(),
            "Product Manager",
            "Own the roadmap.",
        ));
        assert_eq!(a.claimed.level, None);
        assert!(a.evidence.is_empty());
    }

    #[test]
    fn canonical_form_sorts_terms_and_entries() {
        let text = r#"{"signals": [
            {"terms": ["zeta", "alpha", "alpha"], "supports": "level:pm", "weight": 1.0, "source": "003: x"},
            {"terms": ["beta"], "supports": "level:pm", "weight": 1.5, "source": "003: y"}]}"#;
        let canonical = parse_file("a.json", text).unwrap().to_canonical_json();
        let alpha = canonical.find("\"alpha\"").unwrap();
        let beta = canonical.find("\"beta\"").unwrap();
        assert!(alpha < beta, "{canonical}");
        assert_eq!(canonical.matches("\"alpha\"").count(), 1);
        assert_eq!(
            parse_file("a.json", &canonical)
                .unwrap()
                .to_canonical_json(),
            canonical
        );
    }
}
