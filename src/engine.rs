//! The engine: a compiled lexicon and settings, and `analyze`, which runs the pipeline on one
//! posting: body -> normalized text -> matches -> evidence -> scores -> classification -> rules.

use crate::classify::{classify, round, Implied, Settings, Totals};
use crate::config::Config;
use crate::cues::CueLexicon;
use crate::domain::Target;
use crate::input::Item;
use crate::lexicon::{CompiledLexicon, Lexicon, LexiconError, SectionKind};
use crate::matcher::{find_evidence_in_scan, Found, Origin};
use crate::normalize::NormalizedText;
use crate::posting::{Locator, Posting};
use crate::report::PostingReport;
use crate::rules::{Context, Diagnostic, RuleSet};
use crate::sections::Sections;
use crate::suppress;
use crate::title::{parse_title_in, Claimed};
use serde::{Serialize, Serializer};
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

/// How many matches of one lexicon entry become evidence entries. Each repeat counts half the
/// one before it, so the eighth adds under 1% of the first and later ones next to nothing; they
/// still count in the scores, but a posting that says "headcount" a million times does not write
/// a million evidence entries.
pub const REPEATS_SHOWN: u32 = 8;

/// One piece of evidence behind a verdict. DOMAIN.md's `evidence` entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The text as it stands in the posting.
    pub text: String,
    /// 1-based line and column (in characters) in the file the user has (for a page converted
    /// from HTML, the page's own).
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// The line and column just past its last character, in the same coordinates.
    pub end_line: usize,
    /// See `end_line`.
    pub end_column: usize,
    /// What it supports: `level:<id>`, `track:<id>` or `specialization:<id>`.
    #[serde(serialize_with = "target_id")]
    pub supports: Target,
    /// The weight that counted, after the section factor and repeats.
    pub weight: f64,
    /// The seed file and section the lexicon entry cites.
    pub source: Arc<str>,
    /// The section it stands in.
    #[serde(serialize_with = "section_id")]
    pub section: SectionKind,
    /// True when it was read through a negation ("no direct reports" supports `track:ic`).
    pub negated: bool,
    /// The lexicon entry it comes from.
    #[serde(skip)]
    pub origin: Origin,
    /// Byte range in the posting's text.
    #[serde(skip)]
    pub span: Range<usize>,
}

fn target_id<S: Serializer>(t: &Target, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.id())
}

fn section_id<S: Serializer>(k: &SectionKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.id())
}

/// The result of analyzing one posting.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Analysis {
    /// What the title claims.
    pub claimed: Claimed,
    /// What the body implies.
    pub implied: Implied,
    /// Evidence, strongest first.
    pub evidence: Vec<Evidence>,
    /// Diagnostics, most severe first, then by rule id.
    pub diagnostics: Vec<Diagnostic>,
}

/// A compiled lexicon with classifier settings and the rules to run. Build it once and share it:
/// `analyze` takes `&self`, and an `Engine` is `Send + Sync`.
///
/// ```
/// use jdlint::{Engine, Posting, Source};
///
/// let engine = Engine::new();
/// let posting = Posting::new(
///     Source::default(),
///     "Senior Product Manager",
///     "What you'll do\n- Mentor other product people and lead through ambiguity\n\
///      - Set strategy for several complex product areas\n\
///      Requirements\n- 5-7 years of product management experience\n",
/// );
/// let analysis = engine.analyze(&posting);
/// assert_eq!(analysis.implied.level.map(|l| l.id()), Some("senior"));
/// assert!(analysis.diagnostics.iter().all(|d| d.rule != "title-level-mismatch"));
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    /// The lexicon as written, which `lexicon` was compiled from.
    source_lexicon: Arc<Lexicon>,
    /// Shared by the engine's clones: engines that differ only in rules, settings or
    /// suppressions (one per config over the same lexicon) hold one compiled lexicon.
    lexicon: Arc<CompiledLexicon>,
    cues: CueLexicon,
    settings: Settings,
    rules: RuleSet,
    suppressions: suppress::Options,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine over the default lexicon embedded in the binary.
    pub fn new() -> Engine {
        let lexicon = Lexicon::embedded().expect("the embedded lexicon is validated by its tests");
        Engine::from_lexicon(&lexicon)
    }

    /// An engine over the default lexicon with the lexicon in `dir` layered on top of it.
    pub fn with_overlay(dir: &std::path::Path) -> Result<Engine, LexiconError> {
        let lexicon = Config::default().lexicon(Some(dir), false)?;
        Ok(Engine::from_lexicon(&lexicon))
    }

    /// An engine over `lexicon`.
    pub fn from_lexicon(lexicon: &Lexicon) -> Engine {
        crate::rules::register_checks(lexicon);
        let rules = RuleSet::all();
        let compiled = CompiledLexicon::new(lexicon);
        Engine {
            cues: CueLexicon::new(&compiled, &rules.cue_categories()),
            source_lexicon: Arc::new(lexicon.clone()),
            lexicon: Arc::new(compiled),
            settings: Settings::default(),
            rules,
            suppressions: suppress::Options::default(),
        }
    }

    /// The same engine running the rules of `rules`. Cues only rules outside the set read (the
    /// `wording` category's) are left unread.
    pub fn with_rules(mut self, rules: RuleSet) -> Engine {
        let categories = rules.cue_categories();
        if categories != self.cues.categories() {
            self.cues = CueLexicon::new(&self.lexicon, &categories);
        }
        self.rules = rules;
        self
    }

    /// The rules the engine runs.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The same engine with other classifier settings.
    pub fn with_settings(mut self, settings: Settings) -> Engine {
        self.settings = settings;
        self
    }

    /// The classifier's thresholds.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The same engine reading suppressions as `options` say.
    pub fn with_suppressions(mut self, options: suppress::Options) -> Engine {
        self.suppressions = options;
        self
    }

    /// The compiled lexicon the engine matches with.
    pub fn lexicon(&self) -> &CompiledLexicon {
        &self.lexicon
    }

    /// The lexicon the engine was built from, its entries as written: calibration counts and
    /// fits evidence by them.
    pub fn source_lexicon(&self) -> &Lexicon {
        &self.source_lexicon
    }

    /// What `jdlint` reports for one input: the analysis of a posting, or why it could not be
    /// read.
    pub fn report(&self, item: &Item) -> PostingReport {
        match item {
            Ok(posting) => PostingReport::analyzed(posting, self.analyze(posting)),
            Err(e) => PostingReport::failed(e),
        }
    }

    /// Analyzes one posting: its classification, the evidence, and the diagnostics its
    /// suppressions leave.
    pub fn analyze(&self, posting: &Posting) -> Analysis {
        let title = NormalizedText::new(&posting.title);
        let title_scan = self.lexicon.scan(title.as_str());
        let claimed = parse_title_in(&posting.title, &title, &title_scan, &self.lexicon);
        let body = posting.body_text();
        let normalized = NormalizedText::new(body);
        let sections = Sections::split(body, &self.lexicon);
        let scan = self.lexicon.scan(normalized.as_str());
        let found = find_evidence_in_scan(&normalized, &sections, &self.lexicon, &scan);
        let totals = Totals::new(&found);
        let implied = classify(&totals, &self.settings);

        let places = Locator::new(posting);
        // Every repeat counted above; only the first few of one entry are shown.
        let mut shown: Vec<Option<Found>> = found
            .into_iter()
            .filter(|f| f.repeat < REPEATS_SHOWN)
            .map(Some)
            .collect();
        // Strongest first (by the weight shown); ties in reading order. Keys are sorted, not
        // the entries: moving entries of a hundred bytes about was most of the sort's cost.
        let mut order: Vec<(f64, usize, usize)> = shown
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let f = f.as_ref().expect("every entry is here until taken");
                (round(f.weight), f.span.start, i)
            })
            .collect();
        order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let evidence: Vec<Evidence> = order
            .iter()
            .map(|&(weight, _, i)| {
                let f = shown[i].take().expect("each entry is taken once");
                let span = posting.body.start + f.span.start..posting.body.start + f.span.end;
                let ((line, column), (end_line, end_column)) = places.span(&span);
                Evidence {
                    text: posting.text[span.clone()].to_string(),
                    line,
                    column,
                    end_line,
                    end_column,
                    supports: f.supports,
                    weight,
                    source: f.source,
                    section: f.section,
                    negated: f.negated,
                    origin: f.origin,
                    span,
                }
            })
            .collect();

        let cues = self
            .cues
            .body_cues(&self.lexicon, &scan, body, &normalized, &sections);
        let title_cues = self
            .cues
            .title_cues(&self.lexicon, &title_scan, &posting.title, &title);
        let cx = Context {
            posting,
            claimed: &claimed,
            implied: &implied,
            totals: &totals,
            evidence: &evidence,
            settings: &self.settings,
            places: &places,
            lexicon: &self.lexicon,
            normalized: &normalized,
            scan: &scan,
            sections: &sections,
            cues: &cues,
            title_cues: &title_cues,
            bullet_lists: OnceCell::new(),
        };
        let mut diagnostics = self.rules.check(&cx);
        let suppressions = suppress::find(posting, &places, &self.suppressions.field);
        suppress::apply(
            &suppressions,
            &mut diagnostics,
            self.suppressions.report_unused,
        );

        Analysis {
            claimed,
            implied,
            evidence,
            diagnostics,
        }
    }
}
