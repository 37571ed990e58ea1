//! Library-level tests over `fixtures/postings`: every fixture against `fixtures/expected.json`,
//! the rules each fixture exists to exercise, and DOMAIN.md's title-mention invariance (rewriting
//! the job titles named in a body must not change the implied level or track).
//!
//! Each test collects every failure and reports them together as a table, so that one run shows
//! the whole state of the classifier on the fixtures.

use jdlint::input::{Options, Reader};
use jdlint::{Analysis, Engine, Evidence, Posting, Severity};
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The clean postings, one per level, whose title matches the body.
const CLEAN: [&str; 11] = [
    "associate-core.txt",
    "pm-growth.txt",
    "pm-core.txt",
    "senior-platform.txt",
    "senior-data.txt",
    "principal-technical.txt",
    "principal-ai-ml.txt",
    "group-core.txt",
    "director-domain.txt",
    "vp-core.txt",
    "cpo-zero-to-one.txt",
];

const MISMATCH_RULES: [&str; 3] = [
    "title-level-mismatch",
    "title-track-mismatch",
    "title-specialization-mismatch",
];

use crate::common::CANONICAL_TITLES;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

fn postings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/postings")
}

fn fixture_path(name: &str) -> String {
    postings_dir()
        .join(name)
        .to_str()
        .expect("fixture paths are UTF-8")
        .to_string()
}

/// Reads a fixture the way the CLI reads a document.
fn read_fixture(name: &str) -> Posting {
    let path = fixture_path(name);
    let reader = Reader::new(Options::default()).unwrap();
    let mut items: Vec<_> = reader.read(&path).collect();
    assert_eq!(items.len(), 1, "{name}: one document is one posting");
    match items.pop().unwrap() {
        Ok(p) => p,
        Err(e) => panic!("{name}: cannot read: {e}"),
    }
}

fn analyze_fixture(name: &str) -> (Posting, Analysis) {
    let posting = read_fixture(name);
    let analysis = engine().analyze(&posting);
    (posting, analysis)
}

fn expected() -> BTreeMap<String, Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/expected.json");
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).expect("expected.json is an object of objects")
}

fn id<T>(v: Option<T>, f: fn(T) -> &'static str) -> Option<String> {
    v.map(|x| f(x).to_string())
}

fn show(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("null")
}

/// A plain-text table with a header row and columns padded to their widest cell.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(header.to_vec());
    out.push_str(&format!(
        "|{}|\n",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

fn diagnostics_summary(a: &Analysis) -> String {
    if a.diagnostics.is_empty() {
        return "none".into();
    }
    a.diagnostics
        .iter()
        .map(|d| format!("{}[{}]", d.severity.id(), d.rule))
        .collect::<Vec<_>>()
        .join(", ")
}

fn implied_summary(a: &Analysis) -> String {
    format!(
        "{}/{}/{} conf {:.2}",
        a.implied.level.map_or("null", |l| l.id()),
        a.implied.track.map_or("null", |t| t.id()),
        a.implied.specialization.map_or("null", |s| s.id()),
        a.implied.confidence
    )
}

// ---------------------------------------------------------------------------------------------
// expected.json

#[test]
fn every_fixture_has_an_expectation_and_every_expectation_a_fixture() {
    let expected = expected();
    let mut files: Vec<String> = std::fs::read_dir(postings_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let without: Vec<&String> = files
        .iter()
        .filter(|f| !expected.contains_key(*f))
        .collect();
    let orphans: Vec<&String> = expected.keys().filter(|k| !files.contains(k)).collect();
    assert!(
        without.is_empty() && orphans.is_empty(),
        "fixtures without an entry in expected.json: {without:?}; entries without a fixture: {orphans:?}"
    );
    for name in CLEAN {
        assert!(
            expected.contains_key(name),
            "{name} is not in expected.json"
        );
    }
}

#[test]
fn fixtures_classify_as_expected() {
    let expected = expected();
    let mut rows = Vec::new();
    for (name, want) in &expected {
        let (_, a) = analyze_fixture(name);
        let got: [(&str, Option<String>); 6] = [
            ("title_level", id(a.claimed.level, |l| l.id())),
            ("title_track", id(a.claimed.track, |t| t.id())),
            (
                "title_specialization",
                id(a.claimed.specialization, |s| s.id()),
            ),
            ("body_level", id(a.implied.level, |l| l.id())),
            ("body_track", id(a.implied.track, |t| t.id())),
            (
                "body_specialization",
                id(a.implied.specialization, |s| s.id()),
            ),
        ];
        for (key, got) in got {
            let want = match want.get(key) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Null) => None,
                other => panic!("{name}: expected.json `{key}` is {other:?}, not a string or null"),
            };
            if want != got {
                rows.push(vec![
                    name.clone(),
                    key.to_string(),
                    show(&want).to_string(),
                    show(&got).to_string(),
                    implied_summary(&a),
                ]);
            }
        }
    }
    assert!(
        rows.is_empty(),
        "{} mismatches against fixtures/expected.json:\n{}",
        rows.len(),
        table(&["fixture", "field", "expected", "got", "implied"], &rows)
    );
}

// ---------------------------------------------------------------------------------------------
// Rules

#[test]
fn mismatch_fixtures_fire_their_rule() {
    let mut names: Vec<String> = std::fs::read_dir(postings_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("mismatch-"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "mismatch fixtures: {names:?}");
    let mut cases = Vec::new();
    for name in &names {
        let rule = if name.starts_with("mismatch-level-") {
            "title-level-mismatch"
        } else if name.starts_with("mismatch-track-") {
            "title-track-mismatch"
        } else if name.starts_with("mismatch-specialization") {
            "title-specialization-mismatch"
        } else {
            panic!("{name}: which rule does this fixture exercise?")
        };
        cases.push((name.clone(), rule));
    }
    assert_fixtures_fire(&cases, "mismatch fixtures");
}

#[test]
fn clean_fixtures_fire_no_mismatch_error() {
    let mut rows = Vec::new();
    for name in CLEAN {
        let (_, a) = analyze_fixture(name);
        for d in &a.diagnostics {
            if MISMATCH_RULES.contains(&d.rule) && d.severity == Severity::Error {
                rows.push(vec![
                    name.to_string(),
                    d.rule.to_string(),
                    implied_summary(&a),
                    d.message.clone(),
                ]);
            }
        }
    }
    assert!(
        rows.is_empty(),
        "{} mismatch errors on clean fixtures:\n{}",
        rows.len(),
        table(&["fixture", "rule", "implied", "message"], &rows)
    );
}

#[test]
fn special_fixtures_fire_their_rule() {
    let cases = [
        ("low-evidence.txt".to_string(), "low-evidence"),
        ("unrecognized-title.txt".to_string(), "unrecognized-title"),
    ];
    assert_fixtures_fire(&cases, "special fixtures");
}

/// Asserts that each fixture fires its rule, listing every one that does not in one table.
fn assert_fixtures_fire(cases: &[(String, &str)], what: &str) {
    let mut rows = Vec::new();
    for (name, rule) in cases {
        let (_, a) = analyze_fixture(name);
        if !a.diagnostics.iter().any(|d| d.rule == *rule) {
            rows.push(vec![
                name.clone(),
                rule.to_string(),
                diagnostics_summary(&a),
                implied_summary(&a),
            ]);
        }
    }
    assert!(
        rows.is_empty(),
        "{} {what} do not fire their rule:\n{}",
        rows.len(),
        table(
            &["fixture", "expected rule", "diagnostics", "implied"],
            &rows
        )
    );
}

#[test]
fn negated_management_reads_as_individual_contributor() {
    let (_, a) = analyze_fixture("negation.txt");
    let mut problems = Vec::new();
    if a.implied.track.map(|t| t.id()) != Some("ic") {
        problems.push(format!(
            "implied track is {}, not ic",
            a.implied.track.map_or("null", |t| t.id())
        ));
    }
    let negated_ic: Vec<&Evidence> = a
        .evidence
        .iter()
        .filter(|e| e.negated && e.supports.to_string() == "track:ic")
        .collect();
    if negated_ic.is_empty() {
        problems.push("no negated evidence supports track:ic".into());
    }
    let evidence: Vec<String> = a
        .evidence
        .iter()
        .filter(|e| e.supports.to_string().starts_with("track:"))
        .map(|e| {
            format!(
                "  {}:{} {} {:?} negated={}",
                e.line, e.column, e.supports, e.text, e.negated
            )
        })
        .collect();
    assert!(
        problems.is_empty(),
        "negation.txt: {}\nimplied {}\ntrack evidence:\n{}",
        problems.join("; "),
        implied_summary(&a),
        evidence.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Title-mention invariance

/// Job-title mentions: optional level words, then a product-management role noun. Written
/// independently of the lexicon's title phrases.
fn title_mention() -> Regex {
    Regex::new(
        r"(?ix)
        \b
        (?:(?:senior|sr\.?|staff|principal|lead|group|associate|junior|jr\.?)\s+)*
        (?:
            chief\s+product\s+officers?
          | cpos?
          | (?:heads?|directors?|vps?|svps?|vice\s+presidents?)\s+of\s+product(?:\s+management)?
          | product\s+directors?
          | product\s+managers?
          | product\s+leads?
          | gpms?
          | apms?
          | pms?
        )
        \b",
    )
    .unwrap()
}

/// `text` with every title mention in its body (the title line is kept) replaced by `title`, and
/// the byte ranges of the replacements in the new text.
fn rewrite_body(posting: &Posting, mention: &Regex, title: &str) -> (String, Vec<Range<usize>>) {
    let head = &posting.text[..posting.body.start];
    let body = posting.body_text();
    let mut text = String::from(head);
    let mut spans = Vec::new();
    let mut last = 0;
    for m in mention.find_iter(body) {
        text.push_str(&body[last..m.start()]);
        spans.push(text.len()..text.len() + title.len());
        text.push_str(title);
        last = m.end();
    }
    text.push_str(&body[last..]);
    (text, spans)
}

fn mention_spans(posting: &Posting, mention: &Regex) -> Vec<Range<usize>> {
    let start = posting.body.start;
    mention
        .find_iter(posting.body_text())
        .map(|m| start + m.start()..start + m.end())
        .collect()
}

/// Evidence that overlaps a title mention, which DOMAIN.md says is no evidence at all.
fn evidence_on(a: &Analysis, spans: &[Range<usize>]) -> Vec<String> {
    a.evidence
        .iter()
        .filter(|e| {
            spans
                .iter()
                .any(|s| e.span.start < s.end && s.start < e.span.end)
        })
        .map(|e| format!("{:?}->{} {}", e.text, e.supports, e.weight))
        .collect()
}

#[test]
fn the_mention_pattern_finds_the_titles_in_title_mentions_txt() {
    let posting = read_fixture("title-mentions.txt");
    let mention = title_mention();
    let found: Vec<&str> = mention
        .find_iter(posting.body_text())
        .map(|m| m.as_str())
        .collect();
    for want in [
        "Director of Product",
        "VP of Product",
        "Chief Product Officer",
        "Group Product Manager",
        "Associate Product Managers",
    ] {
        assert!(found.contains(&want), "{want:?} not found in {found:?}");
    }
    // The title line is not part of the body, so it is never rewritten.
    let (text, _) = rewrite_body(&posting, &mention, "VP of Product");
    assert!(text.starts_with("Senior Product Manager\n"));
    for probe in ["Product Manager", "PMs", "Sr. PM", "Head of Product"] {
        assert!(mention.is_match(probe), "{probe:?}");
    }
    for probe in ["product management", "product leadership", "PMF"] {
        assert!(!mention.is_match(probe), "{probe:?}");
    }
}

#[test]
fn rewriting_title_mentions_does_not_change_the_verdict() {
    let mention = title_mention();
    let mut names = vec!["title-mentions.txt"];
    names.extend(CLEAN);
    let mut rows = Vec::new();
    let mut rewritten = 0;
    for name in names {
        let (posting, original) = analyze_fixture(name);
        let original_spans = mention_spans(&posting, &mention);
        for title in CANONICAL_TITLES {
            let (text, spans) = rewrite_body(&posting, &mention, title);
            if spans.is_empty() {
                continue;
            }
            rewritten += 1;
            let variant = Posting::from_document(posting.source.clone(), text, None)
                .expect("a rewritten fixture still has a title");
            assert_eq!(
                variant.title, posting.title,
                "{name}: the title line is kept"
            );
            let a = engine().analyze(&variant);
            if a.implied.level != original.implied.level
                || a.implied.track != original.implied.track
            {
                let before = evidence_on(&original, &original_spans);
                let after = evidence_on(&a, &spans);
                rows.push(vec![
                    name.to_string(),
                    title.to_string(),
                    spans.len().to_string(),
                    implied_summary(&original),
                    implied_summary(&a),
                    format!(
                        "before: [{}]; after: [{}]",
                        before.join(", "),
                        after.join(", ")
                    ),
                ]);
            }
        }
    }
    assert!(rewritten > 0, "no fixture had a title mention to rewrite");
    assert!(
        rows.is_empty(),
        "{} of {rewritten} rewrites changed the implied level or track:\n{}",
        rows.len(),
        table(
            &[
                "fixture",
                "mentions rewritten to",
                "n",
                "implied before",
                "implied after",
                "evidence on the mentions"
            ],
            &rows
        )
    );
}
