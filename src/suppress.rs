//! Suppressions: markers in a posting (or a field of a record) that silence named rules.
//!
//! - `<!-- jdlint-disable rule-id, other-id -->` (Markdown or text): those rules for the whole
//!   posting; no id means every rule. Most diagnostics are about the posting as a whole and
//!   point at its title, so the marker may stand anywhere.
//! - `<!-- jdlint-disable-next-line rule-id -->`: diagnostics on the line after the marker.
//! - `jdlint: ignore[rule-id]` anywhere on a line: diagnostics on that line.
//! - A record field (`jdlint_ignore` by default) of comma-separated ids: the whole record.
//!
//! The HTML reader keeps marker comments as lines of their own, and their lines are the file's.

use crate::posting::{Locator, Posting};
use crate::rules::{self, Diagnostic, FormerId, Severity};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The id of the diagnostic for a suppression that suppressed nothing. Not a rule of the
/// registry: `--report-unused-suppressions` turns it on.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// The id of the diagnostic for a suppression that names no rule (`ignore[vauge-title]`), which
/// would otherwise suppress nothing without a word. Not a rule of the registry: always on.
pub const UNKNOWN_RULE: &str = "unknown-suppressed-rule";

/// The id of the diagnostic for a suppression that names a rule by its former id, which still
/// suppresses the rule. Not a rule of the registry: always on.
pub const FORMER_RULE_ID: &str = "former-rule-id";

/// How an engine reads suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The record field (JSON) or column (CSV) of rule ids to suppress for that record.
    pub field: String,
    /// Whether a suppression that suppressed nothing is reported, as an
    /// [`UNUSED_SUPPRESSION`] warning.
    pub report_unused: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            field: "jdlint_ignore".into(),
            report_unused: false,
        }
    }
}

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The whole posting.
    Posting,
    /// Diagnostics on this 1-based line of the posting's text.
    Line(usize),
}

/// One marker (or record field) and the rules it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Rule ids; empty means every rule.
    pub rules: Vec<String>,
    /// Where the suppression applies: the whole posting or one line.
    pub scope: Scope,
    /// The marker as written, for messages.
    pub marker: String,
    /// The marker's byte range in the posting's text; `None` for a record field.
    pub span: Option<Range<usize>>,
    /// The marker's 1-based line and column in the file; `None` for a record field.
    pub place: Option<(usize, usize)>,
    /// The line and column just past the marker; `None` for a record field.
    pub end: Option<(usize, usize)>,
}

/// A marker found on one line: its kind, ids and byte range in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Which marker syntax it is.
    pub kind: MarkerKind,
    /// Rule ids it names; empty means every rule.
    pub rules: Vec<String>,
    /// Byte range of the marker in the line.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// The syntax of a suppression marker.
pub enum MarkerKind {
    /// `<!-- jdlint-disable ... -->`
    Disable,
    /// `<!-- jdlint-disable-next-line ... -->`
    DisableNextLine,
    /// `jdlint: ignore[...]`
    IgnoreLine,
}

fn marker_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"<!--\s*jdlint-disable(?P<next>-next-line)?(?:\s+(?P<ids>[^>]*?))?\s*-->|jdlint:\s*ignore\[(?P<line_ids>[^\]]*)\]",
        )
        .expect("valid marker regex")
    })
}

/// Rule ids separated by commas or spaces.
fn split_ids(ids: &str) -> Vec<String> {
    ids.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The markers on one line of text.
pub fn parse_line(line: &str) -> Vec<Marker> {
    marker_regex()
        .captures_iter(line)
        .map(|c| {
            let range = c.get(0).expect("whole match").range();
            if let Some(ids) = c.name("line_ids") {
                return Marker {
                    kind: MarkerKind::IgnoreLine,
                    rules: split_ids(ids.as_str()),
                    range,
                };
            }
            let kind = if c.name("next").is_some() {
                MarkerKind::DisableNextLine
            } else {
                MarkerKind::Disable
            };
            let rules = c
                .name("ids")
                .map_or_else(Vec::new, |m| split_ids(m.as_str()));
            Marker { kind, rules, range }
        })
        .collect()
}

/// The suppressions of a posting: markers in its text, then the record field `field`. Markers
/// stand where `places` puts them, in the file's lines as diagnostics do.
pub fn find(posting: &Posting, places: &Locator, field: &str) -> Vec<Suppression> {
    let mut found = Vec::new();
    // Cheap test first: almost no posting has a marker.
    if posting.text.contains("jdlint") {
        let mut offset = 0;
        for line in posting.text.split_inclusive('\n') {
            for m in parse_line(line) {
                let span = offset + m.range.start..offset + m.range.end;
                let place = places.start(span.start);
                let scope = match m.kind {
                    MarkerKind::Disable => Scope::Posting,
                    MarkerKind::DisableNextLine => Scope::Line(place.0 + 1),
                    MarkerKind::IgnoreLine => Scope::Line(place.0),
                };
                found.push(Suppression {
                    rules: m.rules,
                    scope,
                    marker: line[m.range.clone()].to_string(),
                    end: Some(places.end(&span)),
                    span: Some(span),
                    place: Some(place),
                });
            }
            offset += line.len();
        }
    }
    if let Some(value) = posting.fields.get(field) {
        let rules = split_ids(value);
        // An empty field is no suppression (an all-rules one would be too easy to write by
        // accident in a spreadsheet).
        if !rules.is_empty() {
            found.push(Suppression {
                rules,
                scope: Scope::Posting,
                marker: format!("{field}: {value}"),
                span: None,
                place: None,
                end: None,
            });
        }
    }
    found
}

/// What a suppression's rule id names.
#[derive(Debug, Clone, Copy)]
enum Named<'a> {
    /// A rule of the registry by the id it has, or the unused-suppression warning.
    Current(&'a str),
    /// A renamed rule, by a former id.
    Former(FormerId),
    /// Nothing.
    Unknown,
}

impl<'a> Named<'a> {
    /// What `id` names, looked up once per suppression: the registry is rebuilt on each lookup.
    fn of(id: &'a str) -> Named<'a> {
        if id == UNUSED_SUPPRESSION || rules::find(id).is_some() {
            Named::Current(id)
        } else if let Some(former) = FormerId::of(id) {
            Named::Former(former)
        } else {
            Named::Unknown
        }
    }

    /// The id the named rule has now.
    fn rule(self) -> Option<&'a str> {
        match self {
            Named::Current(id) => Some(id),
            Named::Former(former) => Some(former.now),
            Named::Unknown => None,
        }
    }
}

/// Removes the diagnostics that `suppressions` cover, and adds an [`UNKNOWN_RULE`] warning for
/// each id that names no rule. With `report_unused`, adds an `unused-suppression` warning for
/// each known rule (or all-rules marker) that suppressed nothing.
pub fn apply(suppressions: &[Suppression], diagnostics: &mut Vec<Diagnostic>, report_unused: bool) {
    if suppressions.is_empty() {
        return;
    }
    // used[s][r]: whether rule r of suppression s (index 0 for an all-rules one) suppressed
    // something.
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| vec![false; s.rules.len().max(1)])
        .collect();
    let named: Vec<Vec<Named>> = suppressions
        .iter()
        .map(|s| s.rules.iter().map(|id| Named::of(id)).collect())
        .collect();
    // The suppressions by where they apply and the rule they name (`None`: every rule), each
    // with the rule's first place in it, which a diagnostic it covers marks used. A diagnostic
    // looks up its own few keys instead of going through every suppression: a line of many
    // markers with many diagnostics on it cost their product.
    let mut targets: HashMap<(Scope, Option<&str>), Target> = HashMap::new();
    for (at, (s, named)) in suppressions.iter().zip(&named).enumerate() {
        if s.rules.is_empty() {
            targets
                .entry((s.scope, None))
                .or_default()
                .places
                .push((at, 0));
        }
        for (i, rule) in named
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((i, n.rule()?)))
        {
            let target = targets.entry((s.scope, Some(rule))).or_default();
            // A rule named twice in one marker is marked used at its first place only.
            if target.places.last().is_none_or(|&(last, _)| last != at) {
                target.places.push((at, i));
            }
        }
    }
    diagnostics.retain(|d| {
        let mut suppressed = false;
        for scope in [Some(Scope::Posting), d.line.map(Scope::Line)]
            .into_iter()
            .flatten()
        {
            for rule in [None, Some(d.rule)] {
                if let Some(target) = targets.get_mut(&(scope, rule)) {
                    target.hit = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    for target in targets.values().filter(|t| t.hit) {
        for &(at, i) in &target.places {
            used[at][i] = true;
        }
    }
    let before = diagnostics.len();
    for (s, named) in suppressions.iter().zip(&named) {
        for (id, named) in s.rules.iter().zip(named) {
            match named {
                Named::Current(_) => {}
                Named::Former(former) => diagnostics.push(former_diagnostic(s, *former)),
                Named::Unknown => diagnostics.push(unknown_diagnostic(s, id)),
            }
        }
    }
    if report_unused {
        report_unused_suppressions(suppressions, &named, &used, diagnostics);
    }
    if diagnostics.len() > before {
        diagnostics.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.rule.cmp(b.rule)));
    }
}

/// Where suppressions of one scope and rule stand, and whether a diagnostic was suppressed there.
#[derive(Default)]
struct Target {
    /// A suppression's index and the place of the rule in its ids (0 for an all-rules one).
    places: Vec<(usize, usize)>,
    hit: bool,
}

/// Adds an `unused-suppression` warning for each rule of `suppressions` that `named` says is
/// one (by its id or a former one), or all-rules marker, that `used` says suppressed nothing.
fn report_unused_suppressions(
    suppressions: &[Suppression],
    named: &[Vec<Named>],
    used: &[Vec<bool>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for ((s, named), used) in suppressions.iter().zip(named).zip(used) {
        let unused: Vec<Option<&str>> = if s.rules.is_empty() {
            if used[0] {
                vec![]
            } else {
                vec![None]
            }
        } else {
            // An unknown id has its own warning already.
            s.rules
                .iter()
                .zip(named)
                .zip(used)
                .filter(|((_, n), &u)| !u && !matches!(n, Named::Unknown))
                .map(|((r, _), _)| Some(r.as_str()))
                .collect()
        };
        for rule in unused {
            diagnostics.push(unused_diagnostic(s, rule));
        }
    }
}

fn unknown_diagnostic(s: &Suppression, id: &str) -> Diagnostic {
    let hint = match rules::closest_names(id).first() {
        Some(close) => format!("; did you mean `{close}`?"),
        None => String::new(),
    };
    Diagnostic {
        rule: UNKNOWN_RULE,
        severity: Severity::Warning,
        message: format!(
            "`{}` names `{id}`, which is not a rule id, so it suppresses nothing{hint}",
            s.marker
        ),
        help: Some("`jdlint rules` lists the rule ids a suppression takes".into()),
        ..marker_diagnostic(s)
    }
}

fn former_diagnostic(s: &Suppression, former: FormerId) -> Diagnostic {
    Diagnostic {
        rule: FORMER_RULE_ID,
        severity: Severity::Info,
        message: format!(
            "`{}` names `{}`, the former id of `{}`, which it still suppresses",
            s.marker, former.given, former.now
        ),
        help: Some(format!("write `{}` instead", former.now)),
        ..marker_diagnostic(s)
    }
}

/// A diagnostic that points at the marker of `s` (a record field's has no place).
fn marker_diagnostic(s: &Suppression) -> Diagnostic {
    Diagnostic {
        rule: UNUSED_SUPPRESSION,
        severity: Severity::Warning,
        message: String::new(),
        line: s.place.map(|p| p.0),
        column: s.place.map(|p| p.1),
        end_line: s.end.map(|p| p.0),
        end_column: s.end.map(|p| p.1),
        span: s.span.clone(),
        help: None,
        fix: None,
    }
}

fn unused_diagnostic(s: &Suppression, rule: Option<&str>) -> Diagnostic {
    let what = match rule {
        None => "every rule".to_string(),
        Some(r) => format!("`{r}`"),
    };
    Diagnostic {
        rule: UNUSED_SUPPRESSION,
        severity: Severity::Warning,
        message: format!(
            "`{}` suppresses {what} but suppressed nothing here (reported by \
             --report-unused-suppressions; not a rule of the registry)",
            s.marker
        ),
        help: Some("remove the suppression, or the rule id from it".into()),
        ..marker_diagnostic(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::Source;

    /// Each marker's kind and ids, comma-joined.
    fn kinds(line: &str) -> Vec<(MarkerKind, String)> {
        parse_line(line)
            .into_iter()
            .map(|m| (m.kind, m.rules.join(",")))
            .collect()
    }

    #[test]
    fn parses_each_marker_kind() {
        use MarkerKind::*;
        assert_eq!(
            kinds("<!-- jdlint-disable a-rule, b-rule -->"),
            [(Disable, "a-rule,b-rule".into())]
        );
        assert_eq!(kinds("<!--jdlint-disable-->"), [(Disable, String::new())]);
        assert_eq!(
            kinds("text <!-- jdlint-disable-next-line a-rule b-rule --> more"),
            [(DisableNextLine, "a-rule,b-rule".into())]
        );
        assert_eq!(
            kinds("Lead PM  jdlint: ignore[a-rule,b-rule]"),
            [(IgnoreLine, "a-rule,b-rule".into())]
        );
        assert_eq!(kinds("jdlint:ignore[]"), [(IgnoreLine, String::new())]);
    }

    #[test]
    fn near_misses_are_not_markers() {
        for line in [
            "jdlint-disable a-rule",
            "<!-- jdlint-disabled a-rule -->",
            "<!-- eslint-disable a-rule -->",
            "jdlint: ignore a-rule",
            "<!-- jdlint-disable a-rule",
        ] {
            assert_eq!(parse_line(line), [], "{line}");
        }
    }

    #[test]
    fn markers_have_lines_scopes_and_the_field_counts() {
        let text = "PM\n<!-- jdlint-disable-next-line x -->\nbody\nmore jdlint: ignore[y]\n";
        let mut posting = Posting::from_document(Source::file("a.md"), text.into(), None).unwrap();
        posting.fields.insert("skip".into(), "z, w".into());
        let found = find(&posting, &Locator::new(&posting), "skip");
        let got: Vec<_> = found.iter().map(|s| (s.scope, s.place)).collect();
        assert_eq!(
            got,
            [
                (Scope::Line(3), Some((2, 1))),
                (Scope::Line(4), Some((4, 6))),
                (Scope::Posting, None)
            ]
        );
        assert_eq!(found[2].rules, ["z", "w"]);
        assert_eq!(&text[found[1].span.clone().unwrap()], "jdlint: ignore[y]");
    }

    #[test]
    fn apply_suppresses_named_rules_in_scope_and_reports_unused() {
        let d = |rule, line| Diagnostic {
            rule,
            severity: Severity::Error,
            message: String::new(),
            line: Some(line),
            column: Some(1),
            end_line: Some(line),
            end_column: Some(2),
            span: None,
            help: None,
            fix: None,
        };
        let s = |rules: &[&str], scope| Suppression {
            rules: rules.iter().map(|r| r.to_string()).collect(),
            scope,
            marker: "m".into(),
            span: None,
            place: Some((9, 1)),
            end: Some((9, 2)),
        };
        let suppressions = [
            s(&["title-level-mismatch", "no-such"], Scope::Line(1)),
            s(&["low-evidence"], Scope::Line(2)),
        ];
        // The unknown id is a warning whether or not unused suppressions are reported.
        let mut ds = vec![d("title-level-mismatch", 1), d("low-evidence", 1)];
        apply(&suppressions, &mut ds, false);
        let rules: Vec<_> = ds.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["low-evidence", UNKNOWN_RULE]);

        let mut ds = vec![d("title-level-mismatch", 1), d("low-evidence", 1)];
        apply(&suppressions, &mut ds, true);
        let got: Vec<_> = ds.iter().map(|d| (d.rule, d.message.clone())).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "low-evidence");
        assert_eq!(got[1].0, UNKNOWN_RULE);
        assert!(got[1].1.contains("`no-such`, which is not a rule id"));
        assert_eq!(got[2].0, UNUSED_SUPPRESSION);
        assert!(got[2].1.contains("`low-evidence`"));

        let typo = [s(&["vauge-title"], Scope::Posting)];
        let mut ds = Vec::new();
        apply(&typo, &mut ds, false);
        assert!(
            ds[0].message.ends_with("did you mean `vague-title`?"),
            "{ds:?}"
        );
    }
}
