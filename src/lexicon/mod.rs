//! The lexicon as data: the file format of `lexicon/` (documented in `lexicon/README.md`) and its
//! canonical form in `format`, validation with errors that name the file, the entry and the
//! problem in `validate`, layering of a user's overlay on the default in `layer`, and here the
//! [`Lexicon`] they make: loaded from the embedded default, a directory or named texts.

mod checks;
mod compiled;
mod format;
pub mod forms;
mod layer;
mod trie;
mod validate;
pub(crate) mod words;

pub use checks::{CheckEntry, CheckKind, CheckScope};
pub(crate) use compiled::{leftmost_longest, Frame, FrameYield, Signal, REGEX_SIZE_LIMIT};
pub use compiled::{CompiledLexicon, FrameWord, RawMatch, Scan};
pub use format::{
    parse_file, CompanyVoiceEntry, CueEntry, CueFrame, ExperienceBand, FrameEntry, LexiconFile,
    NegationEntry, PatternEntry, SectionEntry, SectionKind, SignalEntry, TitleEntry, TitleKind,
};

use crate::input::read_small_file;
use crate::normalize::normalize_term;
use regex_automata::meta;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use validate::Citations;

include!(concat!(env!("OUT_DIR"), "/embedded_lexicon.rs"));

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
    pub(crate) company_voice: Vec<Located<CompanyVoiceEntry>>,
    pub(crate) cues: Vec<Located<CueEntry>>,
    pub(crate) checks: Vec<Located<CheckEntry>>,
    /// Each pattern's regex, by pattern, as validation built it.
    pub(crate) pattern_regexes: HashMap<String, meta::Regex>,
}

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

    /// Words that make the hiring company the subject of what follows them.
    pub fn company_voice(&self) -> &[Located<CompanyVoiceEntry>] {
        &self.company_voice
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
        let files = EMBEDDED.iter().map(|(p, t)| (p.to_string(), *t));
        Lexicon::from_texts(files, Citations::Seed)
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

    /// Parses and validates files given as (name, contents) as one layer of a user's: an
    /// entry's `source` may cite anything but nothing (the default lexicon's must cite a seed).
    pub fn from_sources<'a>(
        files: impl IntoIterator<Item = (String, &'a str)>,
    ) -> Result<Lexicon, LexiconError> {
        Lexicon::from_texts(files, Citations::Any)
    }

    fn from_texts<'a>(
        files: impl IntoIterator<Item = (String, &'a str)>,
        citations: Citations,
    ) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (name, text) in files {
            let file = parse_file(&name, text)?;
            lexicon.add_file(&name, file);
        }
        lexicon.pattern_regexes = lexicon.validate(citations)?;
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
                let managing = if e.managing { " managing" } else { "" };
                format!("{}-{} years{managing}", e.min_years, e.max_years)
            }));
        self.sections
            .extend(locate(name, "sections", file.sections, |e| {
                first(&e.headings)
            }));
        self.negations
            .extend(locate(name, "negations", file.negations, |e| {
                first(&e.words)
            }));
        self.company_voice
            .extend(locate(name, "company_voice", file.company_voice, |e| {
                first(&e.subjects)
            }));
        self.cues.extend(locate(name, "cues", file.cues, |e| {
            match (e.terms.first(), e.patterns.first(), e.frames.first()) {
                (Some(term), _, _) => format!("{term:?}"),
                (None, Some(pattern), _) => format!("{pattern:?}"),
                (None, None, Some(frame)) => frame
                    .verbs
                    .first()
                    .map_or_else(|| e.cue.to_string(), |verb| format!("{verb:?}")),
                (None, None, None) => e.cue.to_string(),
            }
        }));
        self.checks
            .extend(locate(name, "checks", file.checks, |e| e.id.clone()));
    }

    /// Every literal term of the lexicon's signals, normalized, in lexicon order.
    pub fn terms(&self) -> impl Iterator<Item = String> + '_ {
        self.signals
            .iter()
            .flat_map(|s| s.value.terms.iter().map(|t| normalize_term(t)))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `files`, given as (name, contents), loaded as one layer.
    pub(super) fn load(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(files.iter().map(|(n, t)| (n.to_string(), *t)))
    }

    const SRC: &str = "003: Senior Product Manager > Core Responsibilities #3";

    /// A lexicon file of one signal entry: `terms` (JSON strings, comma-separated) for `supports`.
    pub(super) fn signal(terms: &str, supports: &str) -> String {
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
}
