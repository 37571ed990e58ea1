//! The rule catalogue from the outside: `jdlint rules` and `jdlint rule ID` (their JSON parsed
//! back, not compared as strings), the precision fixtures of `fixtures/rules/` (`clean-*` must fire
//! nothing at all, `fires-<rule-id>-*` must fire that rule), rule selection and severity
//! overrides, and lexicon overlays whose cues are wrong.

use crate::common;
use common::*;

use jdlint::lexicon::Lexicon;
use jdlint::rules::{registry, RuleSet};
use jdlint::{Engine, Posting, Severity, Source};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn registry_ids() -> Vec<&'static str> {
    registry().iter().map(|r| r.doc().id).collect()
}

// ---------------------------------------------------------------------------------------------
// The README's rule table

/// The README's table under `## Rules` names every rule of the registry once, in the row of its
/// category, and nothing else: a rule added, removed or moved fails here until the table says so.
#[test]
fn the_readme_rule_table_is_the_registry() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let section = readme
        .split("\n## Rules\n")
        .nth(1)
        .expect("README has a `## Rules` section");
    let mut table: Vec<(String, String)> = Vec::new();
    for row in section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
    {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let [category, rules] = cells[..] else {
            panic!("a row of two cells: {row}");
        };
        if category == "category" || category.starts_with("---") {
            continue;
        }
        for id in rules.split(',') {
            table.push((
                category.to_string(),
                id.trim().trim_matches('`').to_string(),
            ));
        }
    }
    table.sort();
    let mut registered: Vec<(String, String)> = registry()
        .iter()
        .map(|r| (r.doc().category.id().to_string(), r.doc().id.to_string()))
        .collect();
    registered.sort();
    assert_eq!(table, registered);
}

// ---------------------------------------------------------------------------------------------
// `jdlint rules` and `jdlint rule ID`

#[test]
fn rules_lists_every_rule_with_its_attributes() {
    let out = run(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rules = v["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, registry_ids());
    for r in rules {
        for key in [
            "severity",
            "category",
            "status",
            "summary",
            "explanation",
            "instead",
        ] {
            assert!(
                r[key].as_str().is_some_and(|s| !s.is_empty()),
                "{}: `{key}` is {}",
                r["id"],
                r[key]
            );
        }
        assert!(["error", "warning", "info"].contains(&r["severity"].as_str().unwrap()));
        assert!(["stable", "preview"].contains(&r["status"].as_str().unwrap()));
        assert!(!r["sources"].as_array().unwrap().is_empty(), "{}", r["id"]);
    }

    let human = stdout(&run(&["rules"]));
    let mut lines = human.lines();
    assert!(lines.next().unwrap().starts_with("ID "));
    for (line, id) in lines.zip(registry_ids()) {
        assert!(line.starts_with(id), "{line}");
    }
}

#[test]
fn rules_can_be_listed_by_category() {
    let out = run(&["rules", "--category", "wording", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert!(rules.len() >= 7);
    assert!(rules.iter().all(|r| r["category"] == "wording"));

    let out = run(&["rules", "--category", "wordng"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown category `wordng`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rule_explains_each_rule_with_its_examples() {
    for id in registry_ids() {
        let out = run(&["rule", id, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stderr(&out));
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["id"], id);
        let fires = v["fires"].as_str().unwrap();

        let md = stdout(&run(&["rule", id]));
        assert!(md.starts_with(&format!("# {id}\n")), "{md}");
        for part in [
            "## What it checks, and why",
            "## Example",
            "## Write instead",
            "## Sources",
        ] {
            assert!(md.contains(part), "{id}: no {part:?}");
        }
        assert!(md.contains(fires.lines().next().unwrap()), "{id}");
        assert!(md.contains(v["summary"].as_str().unwrap()), "{id}");
    }
}

#[test]
fn an_unknown_rule_exits_2_with_the_closest_ids() {
    let out = run(&["rule", "title-levle-mismatch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown rule `title-levle-mismatch`"), "{err}");
    assert!(err.contains("title-level-mismatch"), "{err}");
    assert!(stdout(&out).is_empty());

    let err = stderr(&run(&["rule", "not-a-pm"]));
    assert!(err.contains("did you mean `not-a-pm-role`"), "{err}");
    let err = stderr(&run(&["rule", "wording"]));
    assert!(err.contains("is a category"), "{err}");
    let out = run(&["rule", "NO-SUCH-ID"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("jdlint rules"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// Precision fixtures

fn analyze_file(engine: &Engine, path: &Path) -> jdlint::Analysis {
    let text = std::fs::read_to_string(path).unwrap();
    let posting = Posting::from_document(Source::file(path.display().to_string()), text, None)
        .expect("fixture has a title");
    engine.analyze(&posting)
}

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("fixtures/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

#[test]
fn precision_fixtures_fire_nothing_and_the_others_fire_their_rule() {
    let engine = Engine::new();
    let ids = registry_ids();
    let mut problems = Vec::new();
    let mut clean = 0;
    for path in fixtures() {
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let a = analyze_file(&engine, &path);
        let fired: Vec<&str> = a.diagnostics.iter().map(|d| d.rule).collect();
        if name.starts_with("clean-") {
            clean += 1;
            if !fired.is_empty() {
                problems.push(format!("{name} fires {fired:?}"));
            }
        } else if let Some(rest) = name.strip_prefix("fires-") {
            let rule = ids
                .iter()
                .filter(|id| rest.starts_with(*id))
                .max_by_key(|id| id.len())
                .unwrap_or_else(|| panic!("{name}: no rule id after `fires-`"));
            if !fired.contains(rule) {
                problems.push(format!("{name} does not fire {rule}: {fired:?}"));
            }
        } else {
            panic!("{name}: fixtures are named clean-* or fires-<rule-id>-*");
        }
    }
    assert!(clean >= 6, "{clean} clean fixtures");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Selection and severities

fn posting(document: &str) -> Posting {
    Posting::from_document(Source::default(), document.to_string(), None).unwrap()
}

const HYPED: &str = "Rockstar Product Manager\n\nWhat you'll do\n- Be fearless, aggressive, bold and decisive: we intend to dominate a competitive market\n- Own the roadmap and track retention\n- Be available 24/7 and do whatever it takes\n\nRequirements\n- 12+ years of product management experience\n";

#[test]
fn the_wording_category_switches_off_as_a_group_and_leaves_classification_alone() {
    let all = Engine::new();
    let mut rules = RuleSet::all();
    rules.disable("wording").unwrap();
    let without = Engine::new().with_rules(rules);

    let p = posting(HYPED);
    let (a, b) = (all.analyze(&p), without.analyze(&p));
    let wording: Vec<&str> = registry()
        .iter()
        .map(|r| r.doc())
        .filter(|d| d.category.id() == "wording")
        .map(|d| d.id)
        .collect();
    assert!(a.diagnostics.iter().any(|d| wording.contains(&d.rule)));
    assert!(!b.diagnostics.iter().any(|d| wording.contains(&d.rule)));
    assert_eq!(a.claimed, b.claimed);
    assert_eq!(a.implied, b.implied);
    assert_eq!(a.evidence, b.evidence);
}

#[test]
fn severities_can_be_overridden_by_id_or_category() {
    let mut rules = RuleSet::all();
    rules
        .set_severity("hype-job-title", Severity::Error)
        .unwrap();
    rules.set_severity("consistency", Severity::Info).unwrap();
    let engine = Engine::new().with_rules(rules);
    let a = engine.analyze(&posting(HYPED));
    let severity = |rule: &str| {
        a.diagnostics
            .iter()
            .find(|d| d.rule == rule)
            .map(|d| d.severity)
    };
    assert_eq!(severity("hype-job-title"), Some(Severity::Error));
    assert_eq!(severity("experience-level-conflict"), Some(Severity::Info));
    let mut only = RuleSet::none();
    only.enable("unrealistic-expectations").unwrap();
    let a = Engine::new().with_rules(only).analyze(&posting(HYPED));
    let fired: Vec<&str> = a.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(fired, vec!["unrealistic-expectations"]);
}

// ---------------------------------------------------------------------------------------------
// Lexicon overlays with bad cues

fn overlay_error(json: &str) -> String {
    let dir = TempDir::new("overlay");
    std::fs::write(dir.path().join("company.json"), json).unwrap();
    let lib = Engine::with_overlay(dir.path()).unwrap_err().to_string();
    let out = run(&[
        "--lexicon",
        dir.path().to_str().unwrap(),
        "fixtures/rules/clean-go-to-market.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&lib), "{} vs {lib}", stderr(&out));
    lib
}

#[test]
fn bad_cues_in_an_overlay_fail_at_load_with_file_entry_and_reason() {
    let e = overlay_error(
        r#"{"cues": [{"cue": "wordng:hype-title", "terms": ["code monkey"], "source": "Acme style guide"}]}"#,
    );
    assert!(e.contains("company.json"), "{e}");
    assert!(e.contains("cues[0]"), "{e}");
    assert!(e.contains("unknown category `wordng`"), "{e}");

    let e = overlay_error(
        r#"{"cues": [{"cue": "wording:hype-title", "patterns": ["code (monkey"], "source": "Acme style guide"}]}"#,
    );
    assert!(e.contains("company.json: cues[0]"), "{e}");
    assert!(e.contains("invalid regex"), "{e}");

    // Rules are code: an overlay cannot redefine one, as a file key or as an entry's field.
    let e = overlay_error(r#"{"rules": [{"id": "vague-title", "severity": "error"}]}"#);
    assert!(e.contains("company.json: unknown key `rules`"), "{e}");
    assert!(
        e.contains("cannot be defined or redefined in a lexicon"),
        "{e}"
    );
    assert!(e.contains("jdlint.toml"), "{e}");
    let e = overlay_error(
        r#"{"cues": [{"cue": "wording:hype-title", "terms": ["jedi"], "source": "Acme style guide", "rule": "vague-title"}]}"#,
    );
    assert!(e.contains("company.json: cues[0]"), "{e}");
    assert!(e.contains("unknown field `rule`"), "{e}");

    let e = overlay_error(
        r#"{"cues": [{"cue": "wording:hype-job-title", "terms": ["code monkey"], "source": "Acme style guide"}]}"#,
    );
    assert!(
        e.contains("unknown cue `hype-job-title` in category `wording`"),
        "{e}"
    );
}

#[test]
fn an_overlay_adds_wording_the_rules_then_read() {
    let dir = TempDir::new("overlay");
    std::fs::write(
        dir.path().join("company.json"),
        r#"{"cues": [{"cue": "wording:hype-title", "terms": ["code monkey"], "source": "Acme style guide"}]}"#,
    )
    .unwrap();
    let lexicon = Lexicon::embedded()
        .unwrap()
        .overlay(Lexicon::from_dir(dir.path()).unwrap());
    let engine = Engine::from_lexicon(&lexicon);
    let a = engine.analyze(&posting(
        "Product Manager\n\nWe want a code monkey who owns the roadmap.\n\nWhat you'll do\n- Own the roadmap\n",
    ));
    assert!(a.diagnostics.iter().any(|d| d.rule == "hype-job-title"));
}
