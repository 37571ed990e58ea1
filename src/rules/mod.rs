//! The rule registry. Each rule has a stable kebab-case id, a default severity, a one-line summary,
//! an explanation with examples (a posting that fires it and one that must not), and lives in its
//! own file with its own tests.

mod low_evidence;
mod title_level_mismatch;
mod title_specialization_mismatch;
mod title_track_mismatch;
mod unrecognized_title;

use crate::classify::{Implied, Settings, Totals};
use crate::engine::Evidence;
use crate::normalize::LineIndex;
use crate::posting::Posting;
use crate::title::Claimed;
use serde::Serialize;
use std::ops::Range;

/// How serious a diagnostic is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
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
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// 1-based line and column in the posting's text; `null` when the place is not in it (a
    /// JSONL record's title).
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Byte range in the posting's text that the diagnostic points at.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

/// A rule's documentation, the same text `jdlint rule ID` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleDoc {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// What it checks and why it matters.
    pub explanation: &'static str,
    /// A posting (title line, then body) that fires the rule.
    pub fires: &'static str,
    /// A posting that must not fire it.
    pub clean: &'static str,
}

/// What a rule sees of an analysis.
pub struct Context<'a> {
    pub posting: &'a Posting,
    pub claimed: &'a Claimed,
    pub implied: &'a Implied,
    pub totals: &'a Totals,
    /// The evidence, strongest first.
    pub evidence: &'a [Evidence],
    pub settings: &'a Settings,
    /// Lines of the posting's text, built once per analysis.
    pub lines: &'a LineIndex,
}

impl Context<'_> {
    /// A diagnostic of `rule` pointing at the title (when the title is in the text).
    pub fn at_title(
        &self,
        doc: &RuleDoc,
        severity: Severity,
        message: String,
        help: String,
    ) -> Diagnostic {
        let span = self.posting.title_span.clone();
        let (line, column) = match &span {
            Some(s) => {
                let (l, c) = self.lines.line_col(&self.posting.text, s.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        Diagnostic {
            rule: doc.id,
            severity,
            message,
            line,
            column,
            span,
            help: Some(help),
        }
    }

    /// The strongest evidence supporting `pred`, quoted with its line, for messages.
    pub fn quote_evidence(&self, pred: impl Fn(&Evidence) -> bool, max: usize) -> String {
        let quotes: Vec<String> = self
            .evidence
            .iter()
            .filter(|e| pred(e))
            .take(max)
            .map(|e| format!("\"{}\" (line {})", e.text, e.line))
            .collect();
        quotes.join(", ")
    }
}

/// A rule: its documentation and its check.
pub trait Rule: Sync {
    fn doc(&self) -> &'static RuleDoc;
    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic>;
}

static RULES: [&dyn Rule; 5] = [
    &low_evidence::LowEvidence,
    &title_level_mismatch::TitleLevelMismatch,
    &title_specialization_mismatch::TitleSpecializationMismatch,
    &title_track_mismatch::TitleTrackMismatch,
    &unrecognized_title::UnrecognizedTitle,
];

/// Every rule, sorted by id.
pub fn registry() -> &'static [&'static dyn Rule] {
    &RULES
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.doc().id == id)
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
    fn ids_are_unique_sorted_kebab_case() {
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
        }
    }

    #[test]
    fn every_rule_is_documented_with_examples_that_behave_as_documented() {
        for rule in registry() {
            let doc = rule.doc();
            assert!(
                !doc.summary.is_empty() && doc.explanation.len() > 80,
                "{}",
                doc.id
            );
            assert!(
                fired(doc.fires).contains(&doc.id),
                "the `fires` example of {} does not fire it: {:?}",
                doc.id,
                fired(doc.fires)
            );
            assert!(
                !fired(doc.clean).contains(&doc.id),
                "the `clean` example of {} fires it",
                doc.id
            );
        }
    }
}
