//! The rule catalogue. Each rule has a stable kebab-case id, a category, a default severity, a
//! status, and documentation with examples (a posting that fires it and one that must not), which
//! `jdlint rule ID` prints and SARIF carries as rule help. Each lives in its own file with its own
//! tests.
//!
//! A [`RuleSet`] selects rules by id or by category and overrides severities; an
//! [`Engine`](crate::Engine) runs the rules of its set.

use crate::classify::{Implied, Settings, Totals};
use crate::cues::{Cue, CueCategory, CueMatch, CueMatches};
use crate::engine::Evidence;
use crate::lexicon::{CompiledLexicon, Scan, SectionKind};
use crate::normalize::NormalizedText;
use crate::posting::{Locator, Posting};
use crate::sections::{bullet_lists, is_flattened, Sections};
use crate::title::Claimed;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::fmt;
use std::ops::Range;

/// How serious a diagnostic is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; fails a run only with `fail-on = "info"`.
    Info,
    /// Likely a problem in the posting.
    Warning,
    /// A clear problem, such as a title that claims a different level than the body implies.
    Error,
}

impl Severity {
    /// The id used in output and configuration: `info`, `warning` or `error`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A finding of a rule on a posting. DOMAIN.md's `diagnostics` entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The id of the rule that found it, e.g. `title-level-mismatch`.
    pub rule: &'static str,
    /// The severity it is reported with, after configuration overrides.
    pub severity: Severity,
    /// What is wrong, quoting the text that shows it.
    pub message: String,
    /// 1-based line and column (in characters) where it points, in the file the user has (for
    /// a page converted from HTML, the page's own); `null` when the place is in no text (a JSONL
    /// record's title, a title given apart).
    pub line: Option<usize>,
    /// See `line`; `null` with it.
    pub column: Option<usize>,
    /// The line and column just past the span's last character, in the same coordinates.
    pub end_line: Option<usize>,
    /// See `end_line`; `null` with it.
    pub end_column: Option<usize>,
    /// Byte range in the posting's text that the diagnostic points at.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// What to do about it; `None` when the rule offers no advice.
    pub help: Option<String>,
    /// A replacement for the text at the diagnostic's place (a wording substitution's first
    /// suggestion); `null` when the rule offers none.
    pub fix: Option<Fix>,
}

/// A replacement a diagnostic suggests for a span of the posting's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Fix {
    /// The text to put in place of the span.
    pub replacement: String,
    /// Whether `jdlint --fix` applies it: the rule names one replacement, which fits wherever the
    /// phrase stands. With several, a person picks.
    pub safe: bool,
    /// 1-based line and column of the span's first character, as the diagnostic's.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// The line and column just past the span.
    pub end_line: usize,
    /// See `end_line`.
    pub end_column: usize,
    /// Byte range in the posting's text that `replacement` replaces.
    #[serde(skip)]
    pub span: Range<usize>,
}

/// What a rule is about, for listing and for selecting rules as a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Category {
    /// The title against what the body implies (level, track, specialization).
    Classification,
    /// The body against itself: years against level, levels far apart, a manager without a team.
    Consistency,
    /// Whether the posting is for a product-management role at all, and whether its title says so.
    Role,
    /// What a posting must hold: responsibilities, requirements, metrics, enough to read.
    Structure,
    /// Wording that job-posting linters flag: gendered, hyped, exclusionary or empty language.
    Wording,
}

impl Category {
    /// All categories, in id order.
    pub const ALL: [Category; 5] = [
        Category::Classification,
        Category::Consistency,
        Category::Role,
        Category::Structure,
        Category::Wording,
    ];

    /// The kebab-case id used for listing and in selectors, e.g. `wording`.
    pub fn id(self) -> &'static str {
        match self {
            Category::Classification => "classification",
            Category::Consistency => "consistency",
            Category::Role => "role",
            Category::Structure => "structure",
            Category::Wording => "wording",
        }
    }
}

/// How settled a rule is. `preview` rules run like the others, but their thresholds and wording
/// may still change between releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Thresholds and wording are settled.
    Stable,
    /// Runs like the others, but may still change between releases.
    Preview,
}

impl Status {
    /// The id shown in `jdlint rules`: `stable` or `preview`.
    pub fn id(self) -> &'static str {
        match self {
            Status::Stable => "stable",
            Status::Preview => "preview",
        }
    }
}

/// A rule's documentation: what `jdlint rules` lists and `jdlint rule ID` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleDoc {
    /// The stable kebab-case id, e.g. `title-level-mismatch`.
    pub id: &'static str,
    /// The severity a diagnostic gets unless configuration overrides it.
    pub severity: Severity,
    /// The group it is listed and selected with.
    pub category: Category,
    /// Whether the rule's thresholds and wording are settled.
    pub status: Status,
    /// The ids the rule had before it was renamed. Config files, command lines, suppressions and
    /// baselines that name one still mean this rule, with a warning to write the id it has now.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub formerly: &'static [&'static str],
    /// One line saying what the rule reports, without a final period.
    pub summary: &'static str,
    /// What it checks and why it matters.
    pub explanation: &'static str,
    /// What to write instead.
    pub instead: &'static str,
    /// Where the knowledge comes from: seeds (`NNN: Section`) and outside sources.
    pub sources: &'static [&'static str],
    /// A posting (title line, then body) that fires the rule.
    pub fires: &'static str,
    /// A posting that must not fire it, written as the documentation suggests.
    pub clean: &'static str,
}

impl RuleDoc {
    /// The documentation as Markdown: what `jdlint rule ID` prints, and SARIF's rule help.
    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n{}.\n\n", self.id, self.summary);
        out.push_str(&format!(
            "Severity: {} · Category: {} · Status: {}\n\n",
            self.severity.id(),
            self.category.id(),
            self.status.id()
        ));
        if !self.formerly.is_empty() {
            let ids: Vec<String> = self.formerly.iter().map(|id| format!("`{id}`")).collect();
            out.push_str(&format!(
                "Formerly: {} (still accepted, with a warning)\n\n",
                ids.join(", ")
            ));
        }
        out.push_str(&format!(
            "## What it checks, and why\n\n{}\n\n",
            self.explanation
        ));
        out.push_str(&format!(
            "## Example\n\nThis posting fires `{}`:\n\n```text\n{}\n```\n\n",
            self.id,
            self.fires.trim_end()
        ));
        out.push_str(&format!(
            "## Write instead\n\n{}\n\n```text\n{}\n```\n",
            self.instead,
            self.clean.trim_end()
        ));
        if !self.sources.is_empty() {
            out.push_str("\n## Sources\n\n");
            for source in self.sources {
                out.push_str(&format!("- {}\n", crate::seeds::cite(source)));
            }
        }
        out
    }
}

/// What a rule sees of an analysis.
pub struct Context<'a> {
    /// The posting being analysed: its source, title and body.
    pub posting: &'a Posting,
    /// What the title claims: level, track and specialization.
    pub claimed: &'a Claimed,
    /// What the body implies, with its scores and confidence.
    pub implied: &'a Implied,
    /// The summed evidence weights behind `implied`.
    pub totals: &'a Totals,
    /// The evidence, strongest first.
    pub evidence: &'a [Evidence],
    /// The classifier's thresholds, which rules read to agree with it.
    pub settings: &'a Settings,
    /// Where the posting's text stands in its file, built once per analysis.
    pub places: &'a Locator<'a>,
    /// The lexicon the engine compiled, for rules that look up terms of their own.
    pub lexicon: &'a CompiledLexicon,
    /// The body, normalized.
    pub normalized: &'a NormalizedText,
    /// The lexicon's scan of the normalized body.
    pub scan: &'a Scan,
    /// The body's sections.
    pub sections: &'a Sections,
    /// The cues found in the body (only of the categories the engine's rule set needs).
    pub cues: &'a CueMatches,
    /// The cues found in the title.
    pub title_cues: &'a CueMatches,
    /// The body's bullet lists, built by the first rule that asks (see [`Context::bullet_lists`]).
    pub(crate) bullet_lists: OnceCell<Option<Vec<Vec<&'a str>>>>,
}

impl<'a> Context<'a> {
    /// The body's bullet lists of three items or more, or `None` when the body lost its line
    /// breaks and its lists cannot be told: built once for the rules that look for a list.
    pub(crate) fn bullet_lists(&self) -> Option<&[Vec<&'a str>]> {
        self.bullet_lists
            .get_or_init(|| {
                let body = self.posting.body_text();
                (!is_flattened(body)).then(|| bullet_lists(body))
            })
            .as_deref()
    }

    /// A diagnostic of `rule` pointing at the title (when the title is in the text).
    pub fn at_title(
        &self,
        doc: &RuleDoc,
        severity: Severity,
        message: String,
        help: String,
    ) -> Diagnostic {
        self.at_text(
            doc,
            severity,
            self.posting.title_span.clone(),
            message,
            help,
        )
    }

    /// A diagnostic of `rule` pointing at `span`, a byte range of the body.
    pub fn at_body(
        &self,
        doc: &RuleDoc,
        span: Range<usize>,
        message: String,
        help: String,
    ) -> Diagnostic {
        let span = self.posting.body.start + span.start..self.posting.body.start + span.end;
        self.at_text(doc, doc.severity, Some(span), message, help)
    }

    /// A diagnostic of `rule` at its default severity pointing at `span`, a byte range of the
    /// posting's text, or at no place.
    pub(crate) fn at_place(
        &self,
        doc: &RuleDoc,
        span: Option<Range<usize>>,
        message: String,
        help: String,
    ) -> Diagnostic {
        self.at_text(doc, doc.severity, span, message, help)
    }

    /// A fix that puts `replacement` in place of `span`, a byte range of the posting's text.
    pub(crate) fn fix(&self, span: Range<usize>, replacement: String, safe: bool) -> Fix {
        let ((line, column), (end_line, end_column)) = self.places.span(&span);
        Fix {
            replacement,
            safe,
            line,
            column,
            end_line,
            end_column,
            span,
        }
    }

    /// A diagnostic of `rule` pointing at `span`, a byte range of the posting's text, or at no
    /// place.
    fn at_text(
        &self,
        doc: &RuleDoc,
        severity: Severity,
        span: Option<Range<usize>>,
        message: String,
        help: String,
    ) -> Diagnostic {
        let start = span.as_ref().map(|s| self.places.start(s.start));
        let end = span.as_ref().map(|s| self.places.end(s));
        Diagnostic {
            rule: doc.id,
            severity,
            message,
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            span,
            help: Some(help),
            fix: None,
        }
    }

    /// The file's 1-based line of body byte `offset`.
    pub fn body_line(&self, offset: usize) -> usize {
        self.places.start(self.posting.body.start + offset).0
    }

    /// The body's text at `span` (body bytes), quoted with its line, for messages.
    pub fn quote_body(&self, span: &Range<usize>) -> String {
        let text = &self.posting.body_text()[span.clone()];
        format!("\"{text}\" (line {})", self.body_line(span.start))
    }

    /// The strongest evidence supporting `pred`, quoted with its line, for messages. A phrase
    /// that supports two things ("12+ years": director and vp) is quoted once.
    pub fn quote_evidence(&self, pred: impl Fn(&Evidence) -> bool, max: usize) -> String {
        let mut quoted: Vec<&Range<usize>> = Vec::new();
        let quotes: Vec<String> = self
            .evidence
            .iter()
            .filter(|e| pred(e))
            .filter(|e| {
                let first = !quoted.contains(&&e.span);
                quoted.push(&e.span);
                first
            })
            .take(max)
            .map(|e| format!("\"{}\" (line {})", e.text, e.line))
            .collect();
        quotes.join(", ")
    }

    /// Up to `max` matches quoted with their lines, and how many more there are:
    /// `"rockstar" (line 3), "ninja" (line 9) and 2 more`.
    pub fn quote_matches(&self, matches: &[&CueMatch], max: usize) -> String {
        let mut quotes: Vec<String> = matches
            .iter()
            .take(max)
            .map(|m| self.quote_body(&m.span))
            .collect();
        if matches.len() > max {
            quotes.push(format!("{} more", matches.len() - max));
        }
        match quotes.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => quotes.join(""),
        }
    }

    /// Matches of `cue` that say something about the role: outside the company pitch, benefits,
    /// legal text and application instructions, and outside equal-opportunity boilerplate.
    pub fn cues_in_role_text(&self, cue: Cue) -> impl Iterator<Item = &CueMatch> + '_ {
        self.cues.of(cue).filter(|m| {
            m.section.evidence_factor() > 0.0 && !self.cues.in_boilerplate(m.span.start)
        })
    }

    /// Matches of `cue` outside legal text and equal-opportunity boilerplate: what the wording
    /// rules read (benefits and the company pitch are wording the candidate reads too).
    pub fn cues_outside_legal(&self, cue: Cue) -> impl Iterator<Item = &CueMatch> + '_ {
        self.cues
            .of(cue)
            .filter(|m| m.section != SectionKind::Legal && !self.cues.in_boilerplate(m.span.start))
    }
}

/// A rule: its documentation and its check.
pub trait Rule: Sync {
    /// The rule's id, severity, category and documentation.
    fn doc(&self) -> &'static RuleDoc;
    /// Checks one analysed posting; `None` when the rule does not fire. A rule that reports
    /// several places gives the first.
    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic>;
    /// Every diagnostic of the posting, one per place (a wording check reports each phrase it
    /// finds); by default the one `check` gives.
    fn check_each(&self, cx: &Context<'_>) -> Vec<Diagnostic> {
        self.check(cx).into_iter().collect()
    }
}

/// Declares each rule's module and registers its rule: adding a rule is one line in the call
/// below (in id order; a test checks it). With the lexicon's wording checks, the registry drives
/// `jdlint rules`, SARIF's rule list and the selectors.
macro_rules! register_rules {
    ($($module:ident::$rule:ident),* $(,)?) => {
        $(mod $module;)*

        static RULES: &[&dyn Rule] = &[$(&$module::$rule),*];
    };
}

mod wording_check;

register_rules! {
    experience_level_conflict::ExperienceLevelConflict,
    gender_coded_wording::GenderCodedWording,
    gendered_pronoun::GenderedPronoun,
    hollow_benefits::HollowBenefits,
    low_evidence::LowEvidence,
    manager_without_team::ManagerWithoutTeam,
    missing_requirements::MissingRequirements,
    missing_responsibilities::MissingResponsibilities,
    missing_success_metrics::MissingSuccessMetrics,
    mixed_level_signals::MixedLevelSignals,
    not_a_pm_role::NotAPmRole,
    recruiter_filler::RecruiterFiller,
    title_level_mismatch::TitleLevelMismatch,
    title_specialization_mismatch::TitleSpecializationMismatch,
    title_track_mismatch::TitleTrackMismatch,
    unrecognized_title::UnrecognizedTitle,
    vague_title::VagueTitle,
}

/// The rules written in Rust, sorted by id: classification, consistency, structure, and the
/// wording rules that weigh more than a phrase (balance of coded words, perks against benefits).
pub(crate) fn code_rules() -> &'static [&'static dyn Rule] {
    RULES
}

/// Every rule, sorted by id: the rules written in Rust and the wording checks of the default
/// lexicon and of every lexicon loaded since (an overlay's check joins the catalogue when an
/// engine is built on it, or [`register_checks`] is called).
pub fn registry() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = RULES.to_vec();
    rules.extend(
        wording_check::known()
            .into_iter()
            .map(|r| r as &'static dyn Rule),
    );
    rules.sort_by_key(|r| r.doc().id);
    rules
}

/// Adds `lexicon`'s wording checks to the catalogue, so that `jdlint rules` lists them and
/// selectors name them; the last definition of an id wins.
pub fn register_checks(lexicon: &crate::lexicon::Lexicon) {
    wording_check::rules_of(lexicon);
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    registry().into_iter().find(|r| r.doc().id == id)
}

/// A rule's former id as a user gave it, and the rule it names now (see [`RuleDoc::formerly`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormerId {
    /// The former id.
    pub given: &'static str,
    /// The rule's id now.
    pub now: &'static str,
}

impl FormerId {
    /// The renamed rule whose former id is `given`; `None` when a rule has that id now (an
    /// overlay's check may have it).
    pub fn of(given: &str) -> Option<FormerId> {
        let rules = registry();
        if rules.iter().any(|r| r.doc().id == given) {
            return None;
        }
        rules.into_iter().find_map(|r| {
            let doc = r.doc();
            let former = doc.formerly.iter().find(|&&f| f == given)?;
            Some(FormerId {
                given: former,
                now: doc.id,
            })
        })
    }
}

impl fmt::Display for FormerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is the former id of `{}`; it still works, but write `{}`",
            self.given, self.now, self.now
        )
    }
}

/// A rule id or category name that is neither, with the closest known ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    /// The selector as given.
    pub given: String,
    /// Known rule ids and category names close to `given`, closest first.
    pub suggestions: Vec<&'static str>,
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule or category `{}`", self.given)?;
        match self.suggestions.as_slice() {
            [] => write!(f, " (`jdlint rules` lists them)"),
            [one] => write!(f, "; did you mean `{one}`?"),
            many => write!(f, "; did you mean one of: {}?", many.join(", ")),
        }
    }
}

impl std::error::Error for UnknownRule {}

/// What a selector names: one rule, or every rule of a category.
#[derive(Clone, Copy)]
pub enum Selector {
    /// One rule.
    Rule(&'static dyn Rule),
    /// Every rule of a category.
    Category(Category),
}

impl Selector {
    /// A rule id (`vague-title`) or a category name (`wording`). A rule's former id names the
    /// rule (callers warn with [`FormerId::of`]).
    pub fn parse(s: &str) -> Result<Selector, UnknownRule> {
        if let Some(rule) = find(s).or_else(|| find(FormerId::of(s)?.now)) {
            return Ok(Selector::Rule(rule));
        }
        if let Some(category) = Category::ALL.into_iter().find(|c| c.id() == s) {
            return Ok(Selector::Category(category));
        }
        Err(UnknownRule {
            given: s.to_string(),
            suggestions: closest_names(s),
        })
    }

    /// The rule id or category name.
    pub fn id(self) -> &'static str {
        match self {
            Selector::Rule(r) => r.doc().id,
            Selector::Category(c) => c.id(),
        }
    }

    /// Whether it names a single rule. A rule id is more specific than a category and wins over
    /// it (see [`RuleSet::select`] and [`RuleSet::set_severities`]).
    fn is_rule(self) -> bool {
        matches!(self, Selector::Rule(_))
    }

    fn matches(self, rule: &dyn Rule) -> bool {
        match self {
            Selector::Rule(r) => r.doc().id == rule.doc().id,
            Selector::Category(c) => rule.doc().category == c,
        }
    }
}

/// Equal when they name the same thing: rule ids and category names never coincide (a test
/// checks it).
impl PartialEq for Selector {
    fn eq(&self, other: &Selector) -> bool {
        self.id() == other.id()
    }
}

impl Eq for Selector {}

impl fmt::Debug for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Rule(r) => write!(f, "Rule({})", r.doc().id),
            Selector::Category(c) => write!(f, "Category({})", c.id()),
        }
    }
}

/// Known rule ids and category names close to `given`, closest first, at most five (see
/// [`crate::suggest::closest_names`]).
pub fn closest_names(given: &str) -> Vec<&'static str> {
    let names = registry()
        .into_iter()
        .map(|r| r.doc().id)
        .chain(Category::ALL.iter().map(|c| c.id()));
    crate::suggest::closest_names(given, names)
}

/// One layer of rule selection, as a config file or the command line gives it: ruff's `select`,
/// `extend-select` and `ignore`. See [`RuleSet::select`] for how a layer applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The rules to run, instead of what earlier layers chose; `None` keeps their choice.
    pub select: Option<Vec<Selector>>,
    /// Rules to run as well.
    pub extend_select: Vec<Selector>,
    /// Rules not to run.
    pub ignore: Vec<Selector>,
}

/// The rules an engine runs, each with its severity. Starts from every rule at its default
/// severity; rules are switched off and on by id or category, and severities overridden, in the
/// order the calls are made (so "all of `wording` but `hype-job-title`" is two calls).
#[derive(Clone)]
pub struct RuleSet {
    rules: Vec<(&'static dyn Rule, Option<Severity>)>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::all()
    }
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.iter()
                    .map(|(r, s)| format!("{}={}", r.doc().id, s.id())),
            )
            .finish()
    }
}

impl RuleSet {
    /// Every rule, at its default severity.
    pub fn all() -> RuleSet {
        RuleSet {
            rules: registry().into_iter().map(|r| (r, None)).collect(),
        }
    }

    /// No rule: build up from here with [`RuleSet::enable`].
    pub fn none() -> RuleSet {
        RuleSet { rules: Vec::new() }
    }

    /// Adds the rules `selector` names (a rule id or a category name).
    pub fn enable(&mut self, selector: &str) -> Result<(), UnknownRule> {
        self.enable_selected(Selector::parse(selector)?);
        Ok(())
    }

    /// Removes the rules `selector` names.
    pub fn disable(&mut self, selector: &str) -> Result<(), UnknownRule> {
        self.disable_selected(Selector::parse(selector)?);
        Ok(())
    }

    /// Reports the rules `selector` names at `severity` (when they run).
    pub fn set_severity(&mut self, selector: &str, severity: Severity) -> Result<(), UnknownRule> {
        self.set_severity_of(Selector::parse(selector)?, severity);
        Ok(())
    }

    /// Applies one layer of selection (a config file's, then the command line's). A layer with
    /// `select` starts from no rule, dropping what earlier layers chose (their `ignore` too); one
    /// without changes their choice. Within a layer the more specific entry wins: a rule id over
    /// a category, whatever the keys (`ignore = ["wording"]` with `select` or `extend-select`
    /// naming `hype-job-title` runs `hype-job-title` and no other wording rule, and `select =
    /// ["wording"]` with `ignore = ["hype-job-title"]` runs the others). Between entries equally
    /// specific, `ignore` wins.
    pub fn select(&mut self, selection: &Selection) {
        if selection.select.is_some() {
            self.rules.clear();
        }
        let selected = selection
            .select
            .iter()
            .flatten()
            .chain(&selection.extend_select);
        // Categories first, so that rule ids, applied after, override them.
        for rule_ids in [false, true] {
            for &s in selected.clone().filter(|s| s.is_rule() == rule_ids) {
                self.enable_selected(s);
            }
            for &s in selection.ignore.iter().filter(|s| s.is_rule() == rule_ids) {
                self.disable_selected(s);
            }
        }
    }

    /// Overrides the severities of the rules that run: a rule id's over its category's,
    /// whatever the order given.
    pub fn set_severities(&mut self, severities: &[(Selector, Severity)]) {
        for rule_ids in [false, true] {
            for &(s, severity) in severities.iter().filter(|(s, _)| s.is_rule() == rule_ids) {
                self.set_severity_of(s, severity);
            }
        }
    }

    fn enable_selected(&mut self, selector: Selector) {
        for rule in registry().into_iter().filter(|r| selector.matches(*r)) {
            if !self.contains(rule.doc().id) {
                self.rules.push((rule, None));
            }
        }
        self.rules.sort_by_key(|(r, _)| r.doc().id);
    }

    fn disable_selected(&mut self, selector: Selector) {
        self.rules.retain(|(r, _)| !selector.matches(*r));
    }

    fn set_severity_of(&mut self, selector: Selector, severity: Severity) {
        for (rule, s) in &mut self.rules {
            if selector.matches(*rule) {
                *s = Some(severity);
            }
        }
    }

    /// Whether the rule with this id is in the set.
    pub fn contains(&self, id: &str) -> bool {
        self.rules.iter().any(|(r, _)| r.doc().id == id)
    }

    /// The rules, sorted by id, each with the severity it reports at: the override if there is
    /// one, else `None` (the rule's own choice, its default or a graded one).
    pub fn iter(&self) -> impl Iterator<Item = (&'static dyn Rule, Severity)> + '_ {
        self.rules
            .iter()
            .map(|&(r, s)| (r, s.unwrap_or(r.doc().severity)))
    }

    /// Runs every rule on `cx`, applying severity overrides; most severe first, then by rule id.
    pub(crate) fn check(&self, cx: &Context<'_>) -> Vec<Diagnostic> {
        let mut diagnostics: Vec<Diagnostic> = self
            .rules
            .iter()
            .flat_map(|&(rule, severity)| {
                let mut found = rule.check_each(cx);
                if let Some(s) = severity {
                    found.iter_mut().for_each(|d| d.severity = s);
                }
                found
            })
            .collect();
        // Stable: a rule's diagnostics stay in reading order.
        diagnostics.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.rule.cmp(b.rule)));
        diagnostics
    }

    /// The cue categories the rules need scanned: the `wording` cues only when a wording rule
    /// runs.
    pub fn cue_categories(&self) -> Vec<CueCategory> {
        let wording = self
            .rules
            .iter()
            .any(|(r, _)| r.doc().category == Category::Wording);
        CueCategory::ALL
            .into_iter()
            .filter(|&c| c != CueCategory::Wording || wording)
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' own tests: analyze a document with the default engine.
    use crate::engine::{Analysis, Engine};
    use crate::posting::{Posting, Source};
    use std::sync::OnceLock;

    pub fn engine() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(Engine::new)
    }

    pub fn analyze(document: &str) -> Analysis {
        let posting = Posting::from_document(Source::file("test.txt"), document.to_string(), None)
            .expect("test document has a title");
        engine().analyze(&posting)
    }

    /// The rule ids that fire on `document`.
    pub fn fired(document: &str) -> Vec<&'static str> {
        analyze(document)
            .diagnostics
            .iter()
            .map(|d| d.rule)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::fired;
    use super::*;

    #[test]
    fn a_former_id_names_the_renamed_rule_and_a_current_id_is_no_former_one() {
        let former = FormerId::of("sexualised-language").unwrap();
        assert_eq!(former.now, "sexualized-language");
        assert_eq!(FormerId::of("sexualized-language"), None);
        assert_eq!(FormerId::of("no-such-rule"), None);
        let selected = Selector::parse("sexualised-language").unwrap();
        assert_eq!(selected.id(), "sexualized-language");
        // No rule keeps as former an id that is a rule's or a category's now.
        for rule in registry() {
            for id in rule.doc().formerly {
                assert!(find(id).is_none(), "{id}");
                assert!(Category::ALL.iter().all(|c| c.id() != *id), "{id}");
            }
        }
    }

    #[test]
    fn ids_are_unique_sorted_kebab_case_and_not_category_names() {
        let code: Vec<_> = code_rules().iter().map(|r| r.doc().id).collect();
        assert!(
            code.windows(2).all(|w| w[0] < w[1]),
            "register_rules! is in id order"
        );
        let ids: Vec<_> = registry().iter().map(|r| r.doc().id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !id.starts_with('-'),
                "{id}"
            );
            assert!(Category::ALL.iter().all(|c| c.id() != id), "{id}");
        }
    }

    #[test]
    fn every_rule_is_documented_with_examples_that_behave_as_documented() {
        let mut problems = Vec::new();
        for rule in registry() {
            let doc = rule.doc();
            if doc.summary.is_empty()
                || doc.summary.ends_with('.')
                || doc.explanation.len() < 80
                || doc.instead.len() < 20
                || doc.sources.is_empty()
            {
                problems.push(format!("{} is not fully documented", doc.id));
            }
            let fires = fired(doc.fires);
            if !fires.contains(&doc.id) {
                problems.push(format!(
                    "the `fires` example of {} does not fire it: {fires:?}",
                    doc.id
                ));
            }
            let clean = fired(doc.clean);
            if !clean.is_empty() {
                problems.push(format!("the `clean` example of {} fires {clean:?}", doc.id));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_markdown_holds_every_part_of_the_doc() {
        let doc = find("title-level-mismatch").unwrap().doc();
        let md = doc.markdown();
        for part in [doc.summary, doc.explanation, doc.instead, doc.sources[0]] {
            assert!(md.contains(part), "{part:?} missing from:\n{md}");
        }
        assert!(md.contains(doc.fires.lines().next().unwrap()));
        assert!(md.starts_with("# title-level-mismatch\n"));
    }

    #[test]
    fn selectors_take_ids_and_categories_and_suggest_on_typos() {
        let mut set = RuleSet::all();
        set.disable("wording").unwrap();
        assert!(set
            .iter()
            .all(|(r, _)| r.doc().category != Category::Wording));
        assert!(!set.cue_categories().contains(&CueCategory::Wording));
        set.enable("hype-job-title").unwrap();
        assert!(set.contains("hype-job-title") && !set.contains("bro-culture"));
        assert!(set.cue_categories().contains(&CueCategory::Wording));
        set.set_severity("classification", Severity::Info).unwrap();
        let severity = set
            .iter()
            .find(|(r, _)| r.doc().id == "title-level-mismatch")
            .map(|(_, s)| s);
        assert_eq!(severity, Some(Severity::Info));

        let e = set.disable("title-levle-mismatch").unwrap_err();
        assert_eq!(e.suggestions.first(), Some(&"title-level-mismatch"));
        assert!(
            e.to_string()
                .contains("did you mean one of: title-level-mismatch"),
            "{e}"
        );
        let e = Selector::parse("mismatch").unwrap_err();
        assert!(e.suggestions.contains(&"title-track-mismatch"), "{e}");
        assert!(Selector::parse("zzzzzzzzzzzz")
            .unwrap_err()
            .suggestions
            .is_empty());
    }
}
