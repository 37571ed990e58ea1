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

/// A title is the line every candidate reads: profanity, bro culture and gendered words there are
/// reported on it, with the fix in it ("Chairman" -> "Chair").
#[test]
fn wording_in_the_title_is_reported_on_the_title_line() {
    let engine = Engine::new();
    for (fixture, rule, phrase) in [
        ("fires-profanity-in-the-title", "profanity", "Damn"),
        ("fires-bro-culture-in-the-title", "bro-culture", "Kickass"),
        (
            "fires-gendered-word-in-the-title",
            "gendered-word",
            "Chairman",
        ),
    ] {
        let path = manifest_dir().join(format!("fixtures/rules/{fixture}.txt"));
        let a = analyze_file(&engine, &path);
        let found: Vec<_> = a.diagnostics.iter().filter(|d| d.rule == rule).collect();
        assert_eq!(found.len(), 1, "{fixture}: {:?}", a.diagnostics);
        assert_eq!(found[0].line, Some(1), "{fixture}");
        assert!(
            found[0].message.contains(phrase),
            "{fixture}: {}",
            found[0].message
        );
    }
    let path = manifest_dir().join("fixtures/rules/fires-gendered-word-in-the-title.txt");
    let a = analyze_file(&engine, &path);
    let fix = (a.diagnostics.iter())
        .find_map(|d| d.fix.as_ref())
        .expect("a gendered word has a replacement");
    assert_eq!((fix.replacement.as_str(), fix.line), ("Chair", 1));
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
    assert_eq!(fired, vec!["unrealistic-expectations"; 2], "one per place");
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

    // Rules other than wording checks are code: an overlay cannot redefine one, as a file key or
    // as an entry's field.
    let e = overlay_error(r#"{"rules": [{"id": "vague-title", "severity": "error"}]}"#);
    assert!(e.contains("company.json: unknown key `rules`"), "{e}");
    assert!(e.contains("a wording rule is a `checks` entry"), "{e}");
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

/// A team's own wording check, as its overlay file would hold it.
const TEAM_CHECK: &str = r#"{"checks": [{"id": "acme-jargon", "kind": "substitution",
  "category": "wording", "severity": "info",
  "summary": "The posting uses Acme's internal jargon",
  "message": "internal jargon: {phrase}", "help": "write {suggestion}",
  "explanation": "Candidates do not know Acme's internal names for teams and goals.",
  "instead": "Use the words customers use.",
  "swap": {"pod": ["team"], "north star": ["main goal", "key metric"]},
  "sources": ["Acme writing guide"],
  "fires": "Product Manager\n\nYou will lead a pod.\n",
  "clean": "Product Manager\n\nYou will lead a team.\n"}]}"#;

#[test]
fn a_team_adds_a_wording_check_in_an_overlay_and_meets_it_as_any_rule() {
    let dir = TempDir::new("team-check");
    std::fs::write(dir.path().join("acme.json"), TEAM_CHECK).unwrap();
    let lexicon = dir.path().to_str().unwrap();
    let posting = dir.write(
        "posting.md",
        "Product Manager\n\nYou will join a pod and set its North Star.\n",
    );

    // Each phrase is one diagnostic at its place; a single replacement is a safe fix.
    let out = run(&["--lexicon", lexicon, "--format", "jsonl", &posting]);
    let report: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "acme-jargon")
        .collect();
    assert_eq!(found.len(), 2, "{report:#}");
    assert_eq!(found[0]["message"], "internal jargon: \"pod\"");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(3), Some(17))
    );
    assert_eq!(found[0]["fix"]["replacement"], "team");
    assert_eq!(found[0]["fix"]["safe"], true);
    assert_eq!(found[1]["help"], "write \"main goal\" or \"key metric\"");
    assert_eq!(found[1]["fix"]["replacement"], "Main goal");
    assert_eq!(found[1]["fix"]["safe"], false);

    // Listed and explained with the rules, and in SARIF's rule list with its fix.
    let out = run(&["rules", "--lexicon", lexicon, "--category", "wording"]);
    assert!(stdout(&out).contains("acme-jargon"), "{}", stdout(&out));
    let out = run(&["rule", "acme-jargon", "--lexicon", lexicon]);
    assert!(
        stdout(&out).contains("Candidates do not know"),
        "{}",
        stderr(&out)
    );
    let out = run(&["--lexicon", lexicon, "--format", "sarif", &posting]);
    let sarif: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "acme-jargon"));
    let result = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "acme-jargon")
        .unwrap();
    let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "team");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 17);

    // Ignored with its category or by id, on the command line or in the config that loads it;
    // selected alone; suppressed by id.
    for ignore in ["wording", "acme-jargon"] {
        let out = run(&[
            "--lexicon",
            lexicon,
            "--ignore",
            ignore,
            "--format",
            "jsonl",
            &posting,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
        assert!(!stdout(&out).contains("acme-jargon"));
    }
    let out = run(&[
        "--lexicon",
        lexicon,
        "--select",
        "acme-jargon",
        "--format",
        "jsonl",
        &posting,
    ]);
    let rules = rule_ids(&out);
    assert_eq!(rules, ["acme-jargon", "acme-jargon"], "{}", describe(&out));
    let project = TempDir::new("team-config");
    std::fs::write(project.path().join("acme.json"), TEAM_CHECK).unwrap();
    project.write(
        "jdlint.toml",
        "lexicon = [\"acme.json\"]\n[severity]\nacme-jargon = \"error\"\n",
    );
    let out = run_in(project.path(), &["--format", "jsonl", &posting]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stdout(&out).contains("\"rule\":\"acme-jargon\",\"severity\":\"error\""));
    let suppressed = dir.write(
        "suppressed.md",
        "Product Manager\n\n<!-- jdlint-disable acme-jargon -->\nYou will join a pod.\n",
    );
    let out = run(&["--lexicon", lexicon, "--format", "jsonl", &suppressed]);
    assert!(!stdout(&out).contains("acme-jargon"), "{}", stdout(&out));
}

#[test]
fn a_bad_check_fails_at_load_naming_file_entry_and_problem() {
    let e = overlay_error(&TEAM_CHECK.replace("internal jargon: {phrase}", "internal jargon"));
    assert!(e.contains("company.json: checks[0] (acme-jargon)"), "{e}");
    assert!(e.contains("put `{phrase}` in it"), "{e}");
    let e = overlay_error(&TEAM_CHECK.replace("acme-jargon", "vague-title"));
    assert!(e.contains("a rule of jdlint's own"), "{e}");
    let e = overlay_error(&TEAM_CHECK.replace("Acme writing guide", "Acme \\u001b[31m guide"));
    assert!(e.contains("control character"), "{e}");
    // An exception is a longer phrase around one of the check's own, as whole words.
    let except = |list: &str| {
        TEAM_CHECK.replace("\"sources\"", &format!("\"except\": [{list}], \"sources\""))
    };
    // Loaded, not made an engine of: that would make this definition the process's
    // `acme-jargon` under the other tests.
    let fine = TempDir::new("team-except");
    let exceptions = except(r#""pod lead", "our north star metric""#);
    std::fs::write(fine.path().join("acme.json"), exceptions).unwrap();
    let loaded = Lexicon::from_dir(fine.path()).unwrap();
    assert_eq!(
        loaded.checks()[0].value.except,
        ["pod lead", "our north star metric"]
    );
    let e = overlay_error(&except(r#""pod lead", "Pod""#));
    assert!(e.contains("company.json: checks[0] (acme-jargon)"), "{e}");
    assert!(
        e.contains("`except` \"Pod\" is a phrase of the check itself"),
        "{e}"
    );
    let e = overlay_error(&except(r#""podcast host""#));
    assert!(
        e.contains("`except` \"podcast host\" holds none of the check's"),
        "{e}"
    );
}

#[test]
fn a_renamed_check_keeps_its_former_ids_which_are_validated_at_load() {
    let formerly =
        |list: &str| TEAM_CHECK.replace("\"kind\"", &format!("\"formerly\": [{list}], \"kind\""));
    let e = overlay_error(&formerly(r#""Acme_Jargon""#));
    assert!(e.contains("company.json: checks[0] (acme-jargon)"), "{e}");
    assert!(
        e.contains("formerly `Acme_Jargon` is not kebab-case"),
        "{e}"
    );
    let e = overlay_error(&formerly(r#""vague-title""#));
    assert!(
        e.contains("formerly `vague-title` is a rule of jdlint's own"),
        "{e}"
    );
    let e = overlay_error(&formerly(r#""acme-jargon""#));
    assert!(e.contains("id `acme-jargon` is a former id of"), "{e}");
    // Two checks cannot share a former id: it would name both.
    let entry = &TEAM_CHECK["{\"checks\": [".len()..TEAM_CHECK.len() - "]}".len()];
    let other = entry
        .replace("acme-jargon", "acme-words")
        .replace("\"pod\"", "\"squad\"")
        .replace("\"north star\"", "\"guild\"");
    let two = format!("{{\"checks\": [{entry}, {other}]}}")
        .replace("\"kind\"", "\"formerly\": [\"acme-speak\"], \"kind\"");
    let e = overlay_error(&two);
    assert!(e.contains("checks[1] (acme-words)"), "{e}");
    assert!(
        e.contains("`formerly` names `acme-speak`, a former id of"),
        "{e}"
    );

    // A team renames its check: the old id still selects it, with a warning.
    let dir = TempDir::new("team-rename");
    std::fs::write(dir.path().join("acme.json"), formerly(r#""acme-speak""#)).unwrap();
    let posting = dir.write("posting.md", "Product Manager\n\nYou will join a pod.\n");
    let lexicon = dir.path().to_str().unwrap();
    let out = run(&[
        "--lexicon",
        lexicon,
        "--select",
        "acme-speak",
        "--format",
        "jsonl",
        &posting,
    ]);
    let rules = rule_ids(&out);
    assert_eq!(rules, ["acme-jargon"], "{}", describe(&out));
    assert!(
        stderr(&out).contains("`acme-speak` is the former id of `acme-jargon`"),
        "{}",
        describe(&out)
    );
}

/// Each wording check on sentences that must fire it and on product-management sentences that
/// look like its problem and must not, in the responsibilities of an otherwise plain posting.
#[test]
fn each_wording_check_fires_on_its_phrases_and_not_on_pm_language_like_them() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "bro-culture",
            &[
                "We work hard, play hard",
                "You will crush it every sprint",
                "Brogrammers welcome",
            ],
            &[
                "Kill the feature when retention stays flat",
                "Plan an aggressive timeline for the migration",
                "Candy Crush players are our users",
            ],
        ),
        (
            "hype-job-title",
            &[
                "We want a pricing ninja",
                "You are a growth hacker and a data wizard",
                "A true product rockstar",
            ],
            &[
                "Own the setup wizard for new clinics",
                "Acme is a unicorn in logistics",
                "Customers become the heroes of their teams",
            ],
        ),
        (
            "unrealistic-expectations",
            &[
                "Be available 24/7 during launches",
                "Work long hours when needed",
            ],
            &[
                "Own our 24/7 support tooling",
                "Plan the on-call rota one week in six",
            ],
        ),
        (
            "new-starter-pressure",
            &[
                "You will hit the ground running",
                "There is no hand-holding here",
            ],
            &["Your first month is onboarding with our largest customers"],
        ),
        (
            "profanity",
            &[
                "We ship a shitload of experiments",
                "We give a damn about quality",
            ],
            &[
                "Run the assessment of our Scunthorpe warehouse",
                "Track the hell-bent pace of nothing",
            ],
        ),
        (
            "sexualized-language",
            &["Build the sexiest checkout on the web"],
            &[
                "Build a checkout that converts",
                "Own the hot path of our API",
            ],
        ),
        (
            "gendered-word",
            &[
                "Work with the sales guys",
                "Estimate the manpower each launch needs",
                "Pitch with our best salesman",
                "Brief the chairman on pricing each month",
                "Report to the chairman of the pricing committee",
            ],
            &[
                "Maintain our master data and the manifest files",
                "Work with Guyana's largest bank",
                "Support women and men in our clinics",
                // A person's title, written out: the posting may not rename it.
                "Present the roadmap to our Chairman and CEO",
                "Report to Jane Okafor, Chairman of the Board",
                "Join the monthly review with our Executive Chairman",
                "Meet the chairman & CEO each quarter",
            ],
        ),
        (
            "competitive-hype",
            &[
                "Build a world-class payments platform",
                "Stay at the top of your game",
            ],
            &[
                "Run the competitive analysis each quarter",
                "Own the top of the funnel",
            ],
        ),
        (
            "visionary-talk",
            &[
                "Drive a paradigm shift in billing",
                "Find synergies between our products",
            ],
            &[
                "Write the product vision for billing",
                "Lead a greenfield rebuild of checkout",
                "Show thought leadership at conferences",
            ],
        ),
        (
            "meritocracy",
            &["Thrive in our meritocracy", "A meritocratic team"],
            &["Promotions follow a written career ladder"],
        ),
        (
            "false-reassurance",
            &["Join a drama-free team", "We have no egos here"],
            &[
                "Resolve the ego network analysis backlog",
                "Reduce drama in onboarding flows by making them clear",
            ],
        ),
        (
            "appearance",
            &["Beards welcome", "You are presentable and good looking"],
            &[
                "Keep a well-groomed backlog",
                "Offer an attractive salary and equity",
            ],
        ),
        (
            "age-coded-wording",
            &[
                "You are a digital native",
                "Join our young and energetic team",
            ],
            &[
                "Ship our native apps for iOS and Android",
                "Grow our young product line",
            ],
        ),
        (
            "native-speaker",
            &[
                "You are a native English speaker",
                "Native-level German is a must",
            ],
            &[
                "Ship native apps",
                "Run our cloud-native platform",
                "Build AI-native workflows",
            ],
        ),
        (
            "ableist-language",
            &["Our growth is crazy", "Sanity check every release"],
            &[
                "Find the blind spots in our analytics",
                "Run blind tests of the new pricing page",
            ],
        ),
        (
            "culture-fit",
            &["We hire for culture fit"],
            &[
                "Check product-market fit each quarter",
                "Fit the roadmap to our culture of shipping weekly",
            ],
        ),
    ];
    let engine = Engine::new();
    let mut wrong = Vec::new();
    for (rule, fires, silent) in cases {
        for (sentence, expected) in fires
            .iter()
            .map(|s| (s, true))
            .chain(silent.iter().map(|s| (s, false)))
        {
            let doc = format!(
                "Product Manager\n\nWhat you'll do\n- {sentence}\n- Own the roadmap for billing\n\nRequirements\n- 3 years of product management experience\n"
            );
            let a = engine.analyze(&posting(&doc));
            let fired = a.diagnostics.iter().any(|d| d.rule == *rule);
            if fired != expected {
                wrong.push(format!("{rule} on {sentence:?}: fired {fired}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn recent_graduates_fires_only_above_entry_level() {
    let fired = |title: &str, line: &str| {
        let doc = format!(
            "{title}\n\nWhat you'll do\n- Own the roadmap for billing\n- {line}\n\nRequirements\n- Clear writing\n"
        );
        Engine::new()
            .analyze(&posting(&doc))
            .diagnostics
            .iter()
            .any(|d| d.rule == "recent-graduates")
    };
    assert!(fired(
        "Senior Product Manager",
        "Recent graduates preferred"
    ));
    assert!(fired("Product Manager", "Ideal for recent graduates"));
    assert!(!fired(
        "Associate Product Manager",
        "Ideal for recent graduates"
    ));
    assert!(!fired(
        "Junior Software Engineer",
        "Ideal for recent graduates"
    ));
    assert!(!fired(
        "Product Manager",
        "Ideal for recent graduates of our internship programme"
    ));
}
