//! Wording checks as data: a lexicon's `checks` entries, each a rule of the catalogue (Vale's
//! `existence` and `substitution` kinds). A check's phrases are matched by the lexicon's one
//! term trie with every other term; [`crate::rules`] turns each entry into a rule.

use super::validate::check_phrases;
use super::{LexiconError, Located, Origin};
use crate::cues::{Cue, CueCategory};
use crate::domain::Level;
use crate::normalize::{normalize_term, on_word_boundaries};
use crate::rules::{Category, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What a check reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// These phrases are a problem: each one found is a diagnostic.
    Existence,
    /// Write this instead: each phrase found is a diagnostic that suggests its replacements.
    Substitution,
}

/// Where in a posting's body a check reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckScope {
    /// Everywhere but legal text and equal-opportunity boilerplate: the company pitch and the
    /// benefits are wording the candidate reads too.
    #[default]
    OutsideLegal,
    /// Only where the posting describes the role and the candidate (summary, responsibilities,
    /// requirements, text before any heading), outside boilerplate.
    RoleText,
}

impl CheckScope {
    fn is_default(&self) -> bool {
        *self == CheckScope::default()
    }
}

/// A wording check: a rule of the catalogue written as data. See `lexicon/README.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckEntry {
    /// The rule id, kebab-case and stable: what `select`, `ignore` and suppressions name.
    pub id: String,
    /// Ids the check had before it was renamed, which still name it (with a warning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formerly: Vec<String>,
    /// `existence` (`terms`, `cues`) or `substitution` (`swap`).
    pub kind: CheckKind,
    /// The rule category it is listed and selected with; checks are `wording`.
    pub category: Category,
    /// The severity its diagnostics get unless configuration overrides it.
    pub severity: Severity,
    /// One line saying what the rule reports, without a final period.
    pub summary: String,
    /// The diagnostic's message; `{phrase}` stands for the text found, `{suggestion}` (in a
    /// substitution) for its replacements.
    pub message: String,
    /// What to do about it; may use `{phrase}` and `{suggestion}` as `message` does.
    pub help: String,
    /// What it checks and why it matters (`jdlint rule ID`).
    pub explanation: String,
    /// What to write instead (`jdlint rule ID`).
    pub instead: String,
    /// The phrases an `existence` check flags, matched as whole words like cue terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<String>,
    /// The phrases a `substitution` check flags, each with its replacements, the first preferred.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub swap: BTreeMap<String, Vec<String>>,
    /// Longer phrases around the check's own phrases in which those are no problem ("chairman
    /// of the board" is a person's title): a phrase found inside one is not reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    /// `wording:*` cues whose terms an `existence` check flags as well as its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<Cue>,
    /// `posting:*` cues that silence the check in a body that has them ("recent graduates" is
    /// the point of an entry-level posting).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<Cue>,
    /// Where in the body it reads.
    #[serde(default, skip_serializing_if = "CheckScope::is_default")]
    pub scope: CheckScope,
    /// When given, the check reads only postings whose title claims a product level above this
    /// one ("recent graduates" is the point of an associate's posting, and says nothing in a
    /// posting for another profession).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above_level: Option<Level>,
    /// Whether it reads the title too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub title: bool,
    /// Where the knowledge comes from: seeds and named outside sources.
    pub sources: Vec<String>,
    /// A posting (title line, then body) that fires the check.
    pub fires: String,
    /// A posting that must not fire it, written as `instead` suggests.
    pub clean: String,
}

impl CheckEntry {
    /// Every phrase the check flags by itself: its terms, or its substitution's phrases, each
    /// with its replacements (empty for an existence check).
    pub fn phrases(&self) -> Vec<(&str, &[String])> {
        match self.kind {
            CheckKind::Existence => self.terms.iter().map(|t| (t.as_str(), &[][..])).collect(),
            CheckKind::Substitution => self
                .swap
                .iter()
                .map(|(p, r)| (p.as_str(), r.as_slice()))
                .collect(),
        }
    }

    /// The entry with its terms and lists sorted, as canonical files keep it.
    pub(crate) fn canonical(mut self) -> CheckEntry {
        self.terms.sort();
        self.terms.dedup();
        self.except.sort();
        self.except.dedup();
        self.cues.sort();
        self.cues.dedup();
        self.unless.sort();
        self.unless.dedup();
        self
    }
}

/// The ids a check may not take: the catalogue's own rules and the category names.
pub(crate) fn reserved_ids() -> impl Iterator<Item = &'static str> {
    crate::rules::code_rules()
        .iter()
        .map(|r| r.doc().id)
        .chain(Category::ALL.iter().map(|c| c.id()))
}

/// `Err` unless every exception of `check` holds one of its own phrases as whole words and is
/// none of them: one that holds none would silence nothing, and one that is a phrase would
/// silence it wherever it stands.
fn check_exceptions(check: &CheckEntry) -> Result<(), String> {
    let own: Vec<String> = check
        .phrases()
        .into_iter()
        .map(|(p, _)| normalize_term(p))
        .collect();
    for exception in &check.except {
        let normalized = normalize_term(exception);
        if own.contains(&normalized) {
            return Err(format!(
                "`except` {exception:?} is a phrase of the check itself; an exception is a \
                 longer phrase around one (\"chairman of the board\" around \"chairman\")"
            ));
        }
        let holds = |phrase: &String| {
            normalized
                .match_indices(phrase.as_str())
                .any(|(at, p)| on_word_boundaries(&normalized, &(at..at + p.len())))
        };
        if !own.iter().any(holds) {
            return Err(format!(
                "`except` {exception:?} holds none of the check's `terms` or `swap` phrases, so \
                 it would silence nothing"
            ));
        }
    }
    Ok(())
}

/// Checks every entry of `checks`: ids, kinds and their phrase lists, cues, messages, sources.
/// A phrase belongs to one check: two checks flagging the same words would report one place twice.
pub(crate) fn validate(checks: &[Located<CheckEntry>]) -> Result<(), LexiconError> {
    let err = |origin: &Origin, message: String| LexiconError {
        file: origin.file.clone(),
        entry: Some(origin.entry.clone()),
        message,
    };
    let mut ids: HashMap<&str, &Origin> = HashMap::new();
    let mut formerly: HashMap<&str, &Origin> = HashMap::new();
    let mut phrases: HashMap<String, &Origin> = HashMap::new();
    let mut cues_read: HashMap<Cue, &Origin> = HashMap::new();
    for c in checks {
        let check = &c.value;
        let fail = |m: String| err(&c.origin, m);
        let id = check.id.as_str();
        check_id("id", id).map_err(fail)?;
        if let Some(first) = ids.insert(id, &c.origin) {
            return Err(fail(format!(
                "duplicate check id `{id}`, already in {first}"
            )));
        }
        for former in &check.formerly {
            check_id("formerly", former).map_err(fail)?;
            if let Some(first) = formerly.insert(former, &c.origin) {
                return Err(fail(format!(
                    "`formerly` names `{former}`, a former id of {first} already"
                )));
            }
        }
        if check.category != Category::Wording {
            return Err(fail(format!(
                "category `{}`: checks are `wording` rules",
                check.category.id()
            )));
        }
        match check.kind {
            CheckKind::Existence => {
                if !check.swap.is_empty() {
                    return Err(fail(
                        "an `existence` check takes `terms` and `cues`, not `swap`".into(),
                    ));
                }
                if check.terms.is_empty() && check.cues.is_empty() {
                    return Err(fail("an `existence` check needs `terms` or `cues`".into()));
                }
                if !check.terms.is_empty() {
                    check_phrases("terms", &check.terms, &c.origin, &mut phrases)?;
                }
                if check.message.contains("{suggestion}") || check.help.contains("{suggestion}") {
                    return Err(fail(
                        "`{suggestion}` is for `substitution` checks, which have replacements"
                            .into(),
                    ));
                }
            }
            CheckKind::Substitution => {
                if !check.terms.is_empty() || !check.cues.is_empty() {
                    return Err(fail(
                        "a `substitution` check takes `swap`, not `terms` or `cues`".into(),
                    ));
                }
                let keys: Vec<String> = check.swap.keys().cloned().collect();
                check_phrases("swap", &keys, &c.origin, &mut phrases)?;
                for (phrase, replacements) in &check.swap {
                    if replacements.is_empty() || replacements.iter().any(|r| r.trim().is_empty()) {
                        return Err(fail(format!(
                            "`swap` {phrase:?} needs one or more non-empty replacements"
                        )));
                    }
                }
            }
        }
        if !check.except.is_empty() {
            check_phrases("except", &check.except, &c.origin, &mut HashMap::new())?;
            check_exceptions(check).map_err(fail)?;
        }
        for cue in &check.cues {
            if cue.category() != CueCategory::Wording {
                return Err(fail(format!(
                    "`cues` names `{cue}`; a check reads `wording:*` cues"
                )));
            }
            if let Some(first) = cues_read.insert(*cue, &c.origin) {
                return Err(fail(format!("`{cue}` is already read by {first}")));
            }
        }
        for cue in &check.unless {
            if cue.category() != CueCategory::Posting {
                return Err(fail(format!(
                    "`unless` names `{cue}`; it takes a `posting:*` cue"
                )));
            }
        }
        if !check.message.contains("{phrase}") {
            return Err(fail(
                "`message` must quote what was found: put `{phrase}` in it".into(),
            ));
        }
        let texts = [
            ("summary", &check.summary),
            ("help", &check.help),
            ("explanation", &check.explanation),
            ("instead", &check.instead),
            ("fires", &check.fires),
            ("clean", &check.clean),
        ];
        for (key, text) in texts {
            if text.trim().is_empty() {
                return Err(fail(format!("`{key}` is empty")));
            }
        }
        let plain = |allow_lines: bool, key: &str, text: &str| {
            let bad = text.chars().find(|&c| {
                (c.is_control() && !(allow_lines && (c == '\n' || c == '\t')))
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            });
            match bad {
                // Documentation and messages reach terminals and CI logs as they are written.
                Some(c) => Err(fail(format!(
                    "`{key}` holds the control character {:?}",
                    c.escape_unicode().to_string()
                ))),
                None => Ok(()),
            }
        };
        for (key, text) in texts {
            plain(matches!(key, "explanation" | "fires" | "clean"), key, text)?;
        }
        plain(false, "message", &check.message)?;
        for text in check.sources.iter().chain(check.swap.values().flatten()) {
            plain(false, "sources` or `swap", text)?;
        }
        if check.summary.ends_with('.') {
            return Err(fail("`summary` is one line without a final period".into()));
        }
        if check.sources.is_empty() || check.sources.iter().any(|s| s.trim().len() < 3) {
            return Err(fail(
                "`sources` must name where the check comes from (a seed `NNN: Section` or an outside source)"
                    .into(),
            ));
        }
    }
    // A former id names its renamed check; a check still holding it would be named twice.
    if let Some((id, origin)) = ids.iter().find(|(id, _)| formerly.contains_key(*id)) {
        return Err(err(
            origin,
            format!(
                "id `{id}` is a former id of {}; a renamed check's old id cannot name another",
                formerly[id]
            ),
        ));
    }
    Ok(())
}

/// `Err` unless `id`, given as `key`, is kebab-case and no id of jdlint's own rules or
/// categories.
fn check_id(key: &str, id: &str) -> Result<(), String> {
    let kebab = !id.is_empty()
        && id
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    if !kebab {
        return Err(format!(
            "{key} `{id}` is not kebab-case (lower-case words joined by `-`)"
        ));
    }
    if reserved_ids().any(|r| r == id) {
        return Err(format!(
            "{key} `{id}` is a rule of jdlint's own or a category; name the check otherwise"
        ));
    }
    Ok(())
}
