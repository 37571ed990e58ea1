//! Applying the safe fixes of a posting's diagnostics to its text (`jdlint --fix`).
//!
//! Only a fix that a rule marks safe (a substitution with a single replacement) is applied, only
//! inside the posting's body (never in a front matter or the title line), and only one of fixes
//! that overlap: the text comes out with every change it can take in one pass, and a second run
//! finds nothing left to fix.

use crate::posting::Posting;
use crate::rules::Diagnostic;

/// One change made to a posting's text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applied {
    /// The rule whose fix it is.
    pub rule: &'static str,
    /// 1-based line and column of the replaced text, in the text before the change.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// The text replaced.
    pub from: String,
    /// The text put in its place.
    pub to: String,
}

/// The posting's text with the safe fixes of `diagnostics` applied, and what changed; `None`
/// when nothing did.
pub fn apply(posting: &Posting, diagnostics: &[Diagnostic]) -> Option<(String, Vec<Applied>)> {
    let mut fixes: Vec<(&Diagnostic, &crate::rules::Fix)> = diagnostics
        .iter()
        .filter_map(|d| Some((d, d.fix.as_ref()?)))
        .filter(|(_, f)| {
            f.safe && f.span.start >= posting.body.start && f.span.end <= posting.body.end
        })
        .collect();
    fixes.sort_by_key(|(_, f)| (f.span.start, f.span.end));
    let text = &posting.text;
    let mut out = String::with_capacity(text.len());
    let mut applied = Vec::new();
    let mut at = 0;
    for (d, fix) in fixes {
        if fix.span.start < at {
            continue; // Overlaps the fix before it.
        }
        out.push_str(&text[at..fix.span.start]);
        out.push_str(&fix.replacement);
        applied.push(Applied {
            rule: d.rule,
            line: fix.line,
            column: fix.column,
            from: text[fix.span.clone()].to_string(),
            to: fix.replacement.clone(),
        });
        at = fix.span.end;
    }
    if applied.is_empty() {
        return None;
    }
    out.push_str(&text[at..]);
    Some((out, applied))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::engine;
    use crate::Source;

    fn fixed(document: &str) -> Option<(String, Vec<Applied>)> {
        let posting = Posting::from_document(Source::file("t.md"), document.to_string(), None)
            .expect("a title");
        let analysis = engine().analyze(&posting);
        apply(&posting, &analysis.diagnostics)
    }

    #[test]
    fn safe_fixes_are_applied_in_the_body_and_a_second_pass_finds_none() {
        let doc =
            "---\ntitle: Product Manager, chairman's office\n---\n\nWork with the Salesman and \
                   the sales guys; `salesman` is a field.\n\nSanity check each launch.\n";
        let (text, applied) = fixed(doc).unwrap();
        assert_eq!(
            text,
            "---\ntitle: Product Manager, chairman's office\n---\n\nWork with the Salesperson and the \
             sales guys; `salesman` is a field.\n\nQuick check each launch.\n"
        );
        let changes: Vec<_> = applied
            .iter()
            .map(|a| (a.rule, a.line, a.from.as_str(), a.to.as_str()))
            .collect();
        assert_eq!(
            changes,
            [
                ("gendered-word", 5, "Salesman", "Salesperson"),
                ("ableist-language", 7, "Sanity check", "Quick check"),
            ]
        );
        assert_eq!(fixed(&text), None);
    }
}
