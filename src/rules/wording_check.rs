//! The rules a lexicon's wording checks define (see [`crate::lexicon::CheckEntry`]): each phrase
//! found, where the check reads, is one diagnostic at its own place, and a substitution's
//! diagnostic carries its replacement as a [`Fix`].
//!
//! Rule ids are `&'static str` everywhere (diagnostics, selectors, SARIF's rule list), as the
//! code rules' are. A check's rule is made once per distinct definition and kept for the process
//! (a lexicon is loaded once or a few times), so its documentation can be `'static` too.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Status};
use crate::cues::CueMatches;
use crate::lexicon::{CheckEntry, CheckScope, Lexicon, SectionKind};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// A wording check's rule.
pub(crate) struct CheckRule {
    doc: &'static RuleDoc,
    entry: CheckEntry,
}

/// The check rules made so far, by id: the last definition loaded of each.
static CHECK_RULES: Mutex<BTreeMap<String, &'static CheckRule>> = Mutex::new(BTreeMap::new());

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// The rule of `entry`: the one made before for the same definition, or a new one, which
/// becomes the catalogue's rule of that id.
fn intern(entry: &CheckEntry) -> &'static CheckRule {
    let mut rules = CHECK_RULES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(rule) = rules.get(&entry.id).filter(|r| r.entry == *entry) {
        return rule;
    }
    let sources: Vec<&'static str> = entry.sources.iter().map(|s| leak(s)).collect();
    let formerly: Vec<&'static str> = entry.formerly.iter().map(|s| leak(s)).collect();
    let doc = Box::leak(Box::new(RuleDoc {
        id: leak(&entry.id),
        severity: entry.severity,
        category: Category::Wording,
        status: Status::Stable,
        formerly: Box::leak(formerly.into_boxed_slice()),
        summary: leak(&entry.summary),
        explanation: leak(&entry.explanation),
        instead: leak(&entry.instead),
        sources: Box::leak(sources.into_boxed_slice()),
        fires: leak(&entry.fires),
        clean: leak(&entry.clean),
    }));
    let rule: &'static CheckRule = Box::leak(Box::new(CheckRule {
        doc,
        entry: entry.clone(),
    }));
    rules.insert(entry.id.clone(), rule);
    rule
}

/// The rules of `lexicon`'s checks, which join the catalogue ([`super::registry`]).
pub(crate) fn rules_of(lexicon: &Lexicon) -> Vec<&'static CheckRule> {
    lexicon.checks().iter().map(|c| intern(&c.value)).collect()
}

/// Where the default lexicon keeps its wording checks.
const CHECK_FILES: &str = "wording/checks/";

/// Every check rule made so far, the default lexicon's first of all.
pub(crate) fn known() -> Vec<&'static CheckRule> {
    static DEFAULT: OnceLock<()> = OnceLock::new();
    DEFAULT.get_or_init(|| {
        // Only the check files: the rest of the default lexicon is loaded by whoever builds an
        // engine, and loading it twice was a sixth of a single posting's run.
        let checks = crate::lexicon::embedded_files()
            .iter()
            .filter(|(path, _)| path.starts_with(CHECK_FILES))
            .map(|(path, text)| (path.to_string(), *text));
        let lexicon =
            Lexicon::from_sources(checks).expect("the embedded lexicon is validated by its tests");
        rules_of(&lexicon);
    });
    let rules = CHECK_RULES.lock().unwrap_or_else(|e| e.into_inner());
    rules.values().copied().collect()
}

/// One phrase a check found: where, and what to write instead.
struct Found<'a> {
    span: Range<usize>,
    section: SectionKind,
    replacements: &'a [String],
}

/// `template` with `{phrase}` as the phrase quoted and `{suggestion}` as the replacements
/// quoted and joined: `"chair" or "chairperson"`.
fn render(template: &str, phrase: &str, replacements: &[String]) -> String {
    let quoted: Vec<String> = replacements.iter().map(|r| format!("\"{r}\"")).collect();
    let suggestion = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    };
    template
        .replace("{phrase}", &format!("\"{phrase}\""))
        .replace("{suggestion}", &suggestion)
}

/// The Markdown code in `text`, in order: fenced blocks (from a line that opens with three
/// backticks or tildes to the line that closes it) and inline spans between backticks on one
/// line. Words there are code, an identifier or an API field, not wording.
fn code_spans(text: &str) -> Vec<Range<usize>> {
    // Most bodies hold neither mark: no fence and no span, and no line needs reading.
    if memchr::memchr2(b'`', b'~', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut spans = Vec::new();
    let mut fence: Option<(usize, &str)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some((at, m)),
            (Some((open, m)), Some(close)) if m == close => {
                spans.push(open..at + line.len());
                fence = None;
            }
            (Some(_), _) => {}
            (None, None) => {
                let ticks: Vec<usize> = line.match_indices('`').map(|(i, _)| at + i).collect();
                spans.extend(ticks.chunks_exact(2).map(|pair| pair[0]..pair[1] + 1));
            }
        }
        at += line.len();
    }
    if let Some((open, _)) = fence {
        spans.push(open..text.len());
    }
    spans
}

/// `replacement` in the case `found` is written in: "Chairman" -> "Chair", "GUYS" -> "FOLKS".
fn in_case_of(found: &str, replacement: &str) -> String {
    let letters = || found.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        return replacement.to_uppercase();
    }
    let mut chars = replacement.chars();
    match (found.chars().next(), chars.next()) {
        (Some(f), Some(r)) if f.is_uppercase() => r.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

impl CheckRule {
    /// The phrases of the check at `index` and of the cues it reads among `cues`, in reading
    /// order.
    fn found_in<'a>(&self, index: u32, cues: &'a CueMatches) -> Vec<Found<'a>> {
        let mut found: Vec<Found> = cues
            .of_check(index)
            .map(|m| Found {
                span: m.span.clone(),
                section: m.section,
                replacements: &m.replacements,
            })
            .chain(self.entry.cues.iter().flat_map(|&cue| {
                cues.of(cue).map(|m| Found {
                    span: m.span.clone(),
                    section: m.section,
                    replacements: &[],
                })
            }))
            .collect();
        // The check's terms and its cues' may overlap ("hero" in "product hero"): one place
        // is reported once, as its longest phrase.
        found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
        let mut end = 0;
        found.retain(|f| {
            let keep = f.span.start >= end;
            end = end.max(f.span.end);
            keep
        });
        found
    }

    /// Whether an `unless` cue stands in the body apart from the check's own phrases (`found`,
    /// sorted and disjoint): "recent graduates" is itself an entry-level cue, and only another
    /// one ("internship", "entry-level") makes the posting entry-level.
    fn silenced(&self, cx: &Context<'_>, found: &[Found]) -> bool {
        let apart = |span: &Range<usize>| {
            let i = found.partition_point(|f| f.span.end <= span.start);
            found.get(i).is_none_or(|f| f.span.start >= span.end)
        };
        (self.entry.unless.iter()).any(|&cue| cx.cues.of(cue).any(|m| apart(&m.span)))
    }

    /// Whether `found` stands where the check reads (its scope, outside boilerplate).
    fn reads(&self, cx: &Context<'_>, found: &Found) -> bool {
        let in_boilerplate = cx.cues.in_boilerplate(found.span.start);
        match self.entry.scope {
            CheckScope::OutsideLegal => found.section != SectionKind::Legal && !in_boilerplate,
            CheckScope::RoleText => found.section.evidence_factor() > 0.0 && !in_boilerplate,
        }
    }

    /// A diagnostic for `found`, a span of `text` (the title or the body) that starts at byte
    /// `base` of the posting's text, or at no place when `base` is `None`.
    fn diagnostic(
        &self,
        cx: &Context<'_>,
        text: &str,
        base: Option<usize>,
        found: &Found,
    ) -> Diagnostic {
        let phrase = &text[found.span.clone()];
        let message = render(&self.entry.message, phrase, found.replacements);
        let help = render(&self.entry.help, phrase, found.replacements);
        let span = base.map(|b| b + found.span.start..b + found.span.end);
        let mut d = cx.at_place(self.doc, span.clone(), message, help);
        // A page converted from HTML is not the text a replacement would go into.
        let own_text = cx.posting.source_map.is_none();
        if let (Some(span), Some(first), true) = (span, found.replacements.first(), own_text) {
            d.fix = Some(cx.fix(
                span,
                in_case_of(phrase, first),
                found.replacements.len() == 1,
            ));
        }
        d
    }
}

impl Rule for CheckRule {
    fn doc(&self) -> &'static RuleDoc {
        self.doc
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        self.check_each(cx).into_iter().next()
    }

    fn check_each(&self, cx: &Context<'_>) -> Vec<Diagnostic> {
        let Some(index) = cx.lexicon.checks.iter().position(|c| c.id == self.doc.id) else {
            return Vec::new();
        };
        if let Some(floor) = self.entry.above_level {
            if cx.claimed.level.is_none_or(|level| level <= floor) {
                return Vec::new();
            }
        }
        let index = index as u32;
        let in_body = self.found_in(index, cx.cues);
        if self.silenced(cx, &in_body) {
            return Vec::new();
        }
        let mut diagnostics = Vec::new();
        if self.entry.title {
            let title = &cx.posting.title;
            // The title's words have places of their own only where the title stands as read.
            let base = cx
                .posting
                .title_span
                .clone()
                .filter(|s| cx.posting.text.get(s.clone()) == Some(title.as_str()))
                .map(|s| s.start);
            for found in self.found_in(index, cx.title_cues) {
                let mut d = self.diagnostic(cx, title, base, &found);
                if base.is_none() {
                    // Still point at the title line when the title is in the text.
                    d = cx.at_title(self.doc, d.severity, d.message, d.help.unwrap_or_default());
                }
                diagnostics.push(d);
            }
        }
        let body = cx.posting.body_text();
        let start = cx.posting.body.start;
        let code = if in_body.is_empty() {
            Vec::new()
        } else {
            code_spans(body)
        };
        let in_code = |at: usize| {
            let i = code.partition_point(|c| c.end <= at);
            code.get(i).is_some_and(|c| c.start <= at)
        };
        for found in in_body {
            if self.reads(cx, &found) && !in_code(found.span.start) {
                diagnostics.push(self.diagnostic(cx, body, Some(start), &found));
            }
        }
        diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_check_is_in_the_check_files_known_reads() {
        let lexicon = Lexicon::embedded().unwrap();
        assert!(!lexicon.checks().is_empty());
        for check in lexicon.checks() {
            assert!(
                check.origin.file.starts_with(CHECK_FILES),
                "{}: a default check outside {CHECK_FILES} is missing from `known`",
                check.origin
            );
        }
        let ids: Vec<&str> = known().iter().map(|r| r.doc().id).collect();
        for check in lexicon.checks() {
            assert!(ids.contains(&check.value.id.as_str()), "{}", check.value.id);
        }
    }

    #[test]
    fn messages_quote_the_phrase_and_the_suggestions() {
        let r = |n: usize| -> Vec<String> {
            ["chair", "chairperson", "head"][..n]
                .iter()
                .map(|s| s.to_string())
                .collect()
        };
        assert_eq!(
            render("{phrase}: write {suggestion}", "Chairman", &r(1)),
            "\"Chairman\": write \"chair\""
        );
        assert_eq!(
            render("write {suggestion}", "x", &r(2)),
            "write \"chair\" or \"chairperson\""
        );
        assert_eq!(
            render("write {suggestion}", "x", &r(3)),
            "write \"chair\", \"chairperson\" or \"head\""
        );
    }

    #[test]
    fn code_is_fenced_blocks_and_backtick_spans() {
        let text = "a `chairman` b\n```\nchairman\n```\nchairman `x\n~~~\nopen";
        let spans: Vec<&str> = code_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["`chairman`", "```\nchairman\n```\n", "~~~\nopen"]);
    }

    #[test]
    fn replacements_take_the_case_of_the_phrase() {
        assert_eq!(in_case_of("Chairman", "chair"), "Chair");
        assert_eq!(in_case_of("chairman", "chair"), "chair");
        assert_eq!(in_case_of("GUYS", "everyone"), "EVERYONE");
        assert_eq!(in_case_of("I", "we"), "We");
    }
}
