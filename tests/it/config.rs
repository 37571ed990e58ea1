//! Black-box tests of configuration files (`jdlint.toml`, `--config`, `--no-config`,
//! `jdlint config --show`) and of suppressions (markers in postings, a record field,
//! `--report-unused-suppressions`).

use crate::common;
use common::*;

use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// A title-level error and a title-track-mismatch warning, both on line 1.
const MISMATCH: &str = "fixtures/postings/mismatch-level-pm-title-director-body.txt";
/// Only a title-track-mismatch warning.
const TRACK: &str = "fixtures/postings/mismatch-track-ic-title-manages.txt";
/// A title-level-mismatch warning that needs a confidence of 0.574; the body's is about 0.66.
const ONE_RANK: &str = "fixtures/postings/mismatch-level-one-rank.txt";

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

/// A fixture's text.
fn read_fixture(path: &str) -> String {
    std::fs::read_to_string(fixture(path)).unwrap()
}

/// The postings of `--format jsonl` output.
fn postings(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {}", describe(out))))
        .collect()
}

/// Each posting's diagnostics as (rule, severity, line).
/// Per posting, the diagnostics of the rules these tests are about: the rules of the classifier
/// core and `unused-suppression`. Catalogue rules (`experience-level-conflict`...) fire on the
/// same fixtures, and config and suppressions treat every rule alike.
fn diagnostics(out: &Output) -> Vec<Vec<(String, String, Option<u64>)>> {
    const ABOUT: [&str; 6] = [
        "title-level-mismatch",
        "title-track-mismatch",
        "title-specialization-mismatch",
        "low-evidence",
        "unrecognized-title",
        "unused-suppression",
    ];
    postings(out)
        .iter()
        .map(|p| {
            p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| ABOUT.contains(&d["rule"].as_str().unwrap()))
                .map(|d| {
                    (
                        d["rule"].as_str().unwrap().to_string(),
                        d["severity"].as_str().unwrap().to_string(),
                        d["line"].as_u64(),
                    )
                })
                .collect()
        })
        .collect()
}

/// The rule ids of a single posting's diagnostics (those `diagnostics` keeps).
fn rules(out: &Output) -> Vec<String> {
    let all = diagnostics(out);
    assert_eq!(all.len(), 1, "{}", describe(out));
    all[0].iter().map(|(r, _, _)| r.clone()).collect()
}

const BOTH: [&str; 2] = ["title-level-mismatch", "title-track-mismatch"];

// ---------------------------------------------------------------------------------------------
// Finding the config

#[test]
fn config_is_found_walking_up_and_no_config_ignores_it() {
    let tmp = TempDir::new("discover");
    tmp.write("jdlint.toml", "ignore = [\"title-level-mismatch\"]\n");
    let deep = tmp.path().join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    let mismatch = fixture(MISMATCH);

    let out = run_in(&deep, &["--format", "jsonl", &mismatch]);
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));
    // What is left is a warning: below the default fail-on.
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));

    let out = run_in(&deep, &["--no-config", "--format", "jsonl", &mismatch]);
    assert_eq!(rules(&out), BOTH, "{}", describe(&out));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
}

#[test]
fn a_dot_file_is_found_and_a_nearer_config_wins() {
    let tmp = TempDir::new("dotfile");
    tmp.write(".jdlint.toml", "ignore = [\"title-level-mismatch\"]\n");
    tmp.write("near/jdlint.toml", "ignore = [\"title-track-mismatch\"]\n");
    let mismatch = fixture(MISMATCH);

    let out = run_in(tmp.path(), &["--format", "jsonl", &mismatch]);
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));
    let out = run_in(&tmp.path().join("near"), &["--format", "jsonl", &mismatch]);
    assert_eq!(rules(&out), ["title-level-mismatch"], "{}", describe(&out));
}

#[test]
fn jdlint_toml_wins_over_its_dot_sibling_and_says_so() {
    let tmp = TempDir::new("both-names");
    tmp.write("jdlint.toml", "ignore = [\"title-level-mismatch\"]\n");
    tmp.write(".jdlint.toml", "ignore = [\"title-track-mismatch\"]\n");
    let out = run_in(tmp.path(), &["--format", "jsonl", &fixture(MISMATCH)]);
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));
    assert!(
        stderr(&out).contains("jdlint.toml is read and")
            && stderr(&out).contains(".jdlint.toml beside it is not"),
        "{}",
        describe(&out)
    );
}

#[test]
fn config_flag_names_a_file_anywhere() {
    let tmp = TempDir::new("flag");
    let config = tmp.write("conf/mine.toml", "select = [\"title-track-mismatch\"]\n");
    let cwd = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&cwd).unwrap();
    let out = run_in(
        &cwd,
        &["--config", &config, "--format", "jsonl", &fixture(MISMATCH)],
    );
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));

    let out = run_in(&cwd, &["--config", "missing.toml", &fixture(MISMATCH)]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing.toml") && err.contains("cannot read"),
        "{err}"
    );

    let out = run_in(
        &cwd,
        &["--config", &config, "--no-config", &fixture(MISMATCH)],
    );
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
}

/// A folder `a` ignoring the title-level rule, a folder `b` (with a `.jdlint.toml`) ignoring the
/// track rule and failing on nothing, the same posting in `a/`, `b/deep/` and at the top, which
/// has no config.
fn two_folders(name: &str) -> TempDir {
    let tmp = TempDir::new(name);
    tmp.write("a/jdlint.toml", "ignore = [\"title-level-mismatch\"]\n");
    tmp.write(
        "b/.jdlint.toml",
        "ignore = [\"title-track-mismatch\"]\nfail-on = \"never\"\n",
    );
    let posting = read_fixture(MISMATCH);
    for path in ["a/p.txt", "b/deep/p.txt", "top.txt"] {
        tmp.write(path, &posting);
    }
    tmp
}

/// Each posting's path and the rules (of those `diagnostics` keeps) that fired on it.
fn rules_by_path(out: &Output) -> Vec<(String, Vec<String>)> {
    postings(out)
        .iter()
        .map(|p| p["source"]["path"].as_str().unwrap().to_string())
        .zip(diagnostics(out))
        .map(|(path, d)| (path, d.into_iter().map(|(rule, ..)| rule).collect()))
        .collect()
}

fn by_path(expected: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    expected
        .iter()
        .map(|(path, rules)| {
            (
                path.to_string(),
                rules.iter().map(|r| r.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn each_file_takes_the_nearest_config_above_it() {
    let tmp = two_folders("per-file");
    let out = run_in(tmp.path(), &["--format", "jsonl", "."]);
    assert_eq!(
        rules_by_path(&out),
        by_path(&[
            ("./a/p.txt", &["title-track-mismatch"]),
            ("./b/deep/p.txt", &["title-level-mismatch"]),
            ("./top.txt", &BOTH),
        ]),
        "{}",
        describe(&out)
    );
    // Each file's `fail-on` counts for its diagnostics: b's error fails nothing, the top's does.
    assert_eq!(code(&run_in(tmp.path(), &["b"])), 0);
    assert_eq!(code(&run_in(tmp.path(), &["b", "top.txt"])), 1);
    // `--fail-on` wins over every config's.
    assert_eq!(code(&run_in(tmp.path(), &["--fail-on", "error", "b"])), 1);

    // A file with no config above it takes the working directory's: here a's.
    let out = run_in(
        &tmp.path().join("a"),
        &["--format", "jsonl", "../top.txt", "../b/deep/p.txt"],
    );
    assert_eq!(
        rules_by_path(&out),
        by_path(&[
            ("../top.txt", &["title-track-mismatch"]),
            ("../b/deep/p.txt", &["title-level-mismatch"]),
        ]),
        "{}",
        describe(&out)
    );

    // Standard input is found by --stdin-filename's folder, else the working directory's.
    let text = read_fixture(MISMATCH);
    let named = tmp.join("b/piped.txt");
    let out = run_with_stdin(
        &["--format", "jsonl", "--stdin-filename", &named],
        text.as_bytes(),
    );
    assert_eq!(rules(&out), ["title-level-mismatch"], "{}", describe(&out));
}

#[test]
fn configs_over_the_same_lexicon_share_it_and_each_ladder_is_its_own() {
    let tmp = TempDir::new("per-file-ladders");
    let body = "\n\nWhat you'll do\n- Own the roadmap\n";
    for (dir, level) in [("a", "director"), ("b", "associate"), ("c", "")] {
        if !level.is_empty() {
            tmp.write(
                &format!("{dir}/jdlint.toml"),
                format!("[ladder]\n\"Zorb\" = \"{level}\"\n"),
            );
        } else {
            // The same rules as the root, apart from a threshold: its lexicon is the root's.
            tmp.write(
                &format!("{dir}/jdlint.toml"),
                "[thresholds]\nmin-evidence = 1.5\n",
            );
        }
        tmp.write(&format!("{dir}/p.md"), format!("Zorb{body}"));
    }
    let out = run_in(
        tmp.path(),
        &["--format", "jsonl", "--fail-on", "never", "."],
    );
    let claimed: Vec<(String, Value)> = postings(&out)
        .iter()
        .map(|p| {
            (
                p["source"]["path"].as_str().unwrap().to_string(),
                p["claimed"]["level"].clone(),
            )
        })
        .collect();
    assert_eq!(
        claimed,
        [
            ("./a/p.md".to_string(), Value::from("director")),
            ("./b/p.md".to_string(), Value::from("associate")),
            ("./c/p.md".to_string(), Value::Null),
        ],
        "{}",
        describe(&out)
    );
}

#[test]
fn config_and_no_config_flags_override_discovery() {
    let tmp = two_folders("per-file-flags");
    let out = run_in(
        tmp.path(),
        &["--format", "jsonl", "--config", "a/jdlint.toml", "."],
    );
    let only_track: &[&str] = &["title-track-mismatch"];
    assert_eq!(
        rules_by_path(&out),
        by_path(&[
            ("./a/p.txt", only_track),
            ("./b/deep/p.txt", only_track),
            ("./top.txt", only_track),
        ]),
        "{}",
        describe(&out)
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", "--no-config", "."]);
    assert_eq!(
        rules_by_path(&out),
        by_path(&[
            ("./a/p.txt", &BOTH),
            ("./b/deep/p.txt", &BOTH),
            ("./top.txt", &BOTH)
        ]),
        "{}",
        describe(&out)
    );
}

#[test]
fn a_broken_config_in_a_folder_is_an_error_for_its_files_and_the_rest_still_run() {
    let tmp = two_folders("per-file-broken");
    tmp.write("b/deep/jdlint.toml", "selct = [\"wording\"]\n");
    let out = run_in(tmp.path(), &["--format", "brief", "."]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let text = stdout(&out);
    assert!(
        text.contains("./b/deep/p.txt: error input: config error: ")
            && text.contains("b/deep/jdlint.toml:1: `selct`: unknown field `selct`"),
        "{}",
        describe(&out)
    );
    assert!(text.contains("2 postings checked"), "{}", describe(&out));
    assert!(
        text.contains("1 input could not be read"),
        "{}",
        describe(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// Strict parsing

/// Runs with the config `text` and returns the error line, checking exit code 2 and no output.
fn config_error(text: &str) -> String {
    let tmp = TempDir::new("error");
    tmp.write("jdlint.toml", text);
    let out = run_in(tmp.path(), &["--format", "jsonl", &fixture(MISMATCH)]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(out.stdout.is_empty(), "{}", describe(&out));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn an_unknown_key_is_an_error_naming_file_line_and_key() {
    let err = config_error("fail-on = \"error\"\n\n[thresholds]\nconfidence = 0.5\n");
    assert!(
        err.contains("jdlint.toml:4: `thresholds.confidence`: unknown field `confidence`"),
        "{err}"
    );
    let err = config_error("selcet = [\"title-level-mismatch\"]\n");
    assert!(
        err.contains("jdlint.toml:1: `selcet`: unknown field"),
        "{err}"
    );
}

#[test]
fn a_bad_value_is_an_error_naming_file_line_and_key() {
    let err = config_error("\n\nfail-on = \"sometimes\"\n");
    assert!(err.contains("jdlint.toml:3: `fail-on`:"), "{err}");
    assert!(err.contains("sometimes"), "{err}");

    let err = config_error("[ladder]\n\"L6\" = \"seniorish\"\n");
    assert!(err.contains("jdlint.toml:2: `ladder.L6`:"), "{err}");

    let err = config_error("[thresholds]\nmin-evidence = -1\n");
    assert!(
        err.contains("jdlint.toml:2: `thresholds.min-evidence`:"),
        "{err}"
    );

    let err =
        config_error("select = [\n  \"title-level-mismatch\",\n  \"title-lvl-mismatch\",\n]\n");
    assert!(
        err.contains(
            "jdlint.toml:3: `select`: unknown rule or category `title-lvl-mismatch`; \
             did you mean one of: title-level-mismatch"
        ),
        "{err}"
    );

    let err = config_error("[severity]\nno-such-rule = \"error\"\n");
    assert!(
        err.contains("jdlint.toml:2: `severity.no-such-rule`: unknown rule or category"),
        "{err}"
    );
    let err = config_error("[severity]\ntitle-level-mismatch = \"fatal\"\n");
    assert!(
        err.contains("jdlint.toml:2: `severity.title-level-mismatch`:"),
        "{err}"
    );

    let err = config_error("this is not toml\n");
    assert!(err.contains("jdlint.toml:1"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// What a config changes

#[test]
fn select_and_ignore_choose_rules() {
    let tmp = TempDir::new("select");
    let mismatch = fixture(MISMATCH);
    tmp.write("jdlint.toml", "select = [\"title-level-mismatch\"]\n");
    let out = run_in(tmp.path(), &["--format", "jsonl", &mismatch]);
    assert_eq!(rules(&out), ["title-level-mismatch"], "{}", describe(&out));

    tmp.write(
        "jdlint.toml",
        "select = [\"title-level-mismatch\"]\nignore = [\"title-level-mismatch\"]\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &mismatch]);
    assert!(rules(&out).is_empty(), "{}", describe(&out));
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}

/// A "Rockstar" title over a director's body: fires rules of three categories (classification:
/// title-level-mismatch; consistency: experience-level-conflict; wording: hype-job-title,
/// unrealistic-expectations, gender-coded-wording).
const HYPED: &str = "Rockstar Product Manager\n\nWhat you'll do\n\
    - Be fearless, aggressive, bold and decisive: we intend to dominate a competitive market\n\
    - Own the roadmap and track retention\n- Be available 24/7 and do whatever it takes\n\
    - Own the P&L and headcount planning, and oversee multiple product lines\n\n\
    Requirements\n- 12+ years of product management experience\n";

/// Every diagnostic of a single posting as (rule, severity), in output order.
fn fired(out: &Output) -> Vec<(String, String)> {
    let all = postings(out);
    assert_eq!(all.len(), 1, "{}", describe(out));
    all[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let field = |k: &str| d[k].as_str().unwrap().to_string();
            (field("rule"), field("severity"))
        })
        .collect()
}

/// The rules that fire on a single posting, sorted, each once (a wording rule reports each
/// place apart).
fn fired_ids(out: &Output) -> Vec<String> {
    let mut ids: Vec<String> = fired(out).into_iter().map(|(r, _)| r).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn categories_select_and_ignore_and_a_rule_id_wins_over_its_category() {
    let tmp = TempDir::new("categories");
    let hyped = tmp.write("hyped.txt", HYPED);
    let out = run_in(tmp.path(), &["--format", "jsonl", &hyped]);
    let everything = [
        "bro-culture",
        "experience-level-conflict",
        "gender-coded-wording",
        "hype-job-title",
        "title-level-mismatch",
        "unrealistic-expectations",
    ];
    assert_eq!(fired_ids(&out), everything, "{}", describe(&out));

    tmp.write("jdlint.toml", "ignore = [\"wording\"]\n");
    let out = run_in(tmp.path(), &["--format", "jsonl", &hyped]);
    assert_eq!(
        fired_ids(&out),
        ["experience-level-conflict", "title-level-mismatch"],
        "{}",
        describe(&out)
    );

    // A rule id selected beats its category ignored, and the other way round.
    tmp.write(
        "jdlint.toml",
        "select = [\"classification\", \"hype-job-title\"]\nignore = [\"wording\"]\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &hyped]);
    assert_eq!(
        fired_ids(&out),
        ["hype-job-title", "title-level-mismatch"],
        "{}",
        describe(&out)
    );
    tmp.write(
        "jdlint.toml",
        "select = [\"wording\"]\nignore = [\"hype-job-title\"]\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &hyped]);
    assert_eq!(
        fired_ids(&out),
        [
            "bro-culture",
            "gender-coded-wording",
            "unrealistic-expectations"
        ],
        "{}",
        describe(&out)
    );

    // Equally specific: ignore wins.
    tmp.write(
        "jdlint.toml",
        "select = [\"wording\", \"consistency\"]\nignore = [\"wording\"]\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &hyped]);
    assert_eq!(
        fired_ids(&out),
        ["experience-level-conflict"],
        "{}",
        describe(&out)
    );
}

#[test]
fn a_category_severity_yields_to_a_rule_severity_and_selects_nothing() {
    let tmp = TempDir::new("category-severity");
    let hyped = tmp.write("hyped.txt", HYPED);
    tmp.write(
        "jdlint.toml",
        "[severity]\ngender-coded-wording = \"warning\"\nwording = \"error\"\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &hyped]);
    let severity_of = |rule: &str| {
        fired(&out)
            .into_iter()
            .find(|(r, _)| r == rule)
            .map(|(_, s)| s)
    };
    assert_eq!(severity_of("hype-job-title").as_deref(), Some("error"));
    assert_eq!(
        severity_of("unrealistic-expectations").as_deref(),
        Some("error")
    );
    assert_eq!(
        severity_of("gender-coded-wording").as_deref(),
        Some("warning")
    );
    assert_eq!(
        severity_of("experience-level-conflict").as_deref(),
        Some("warning")
    );

    // A severity does not switch on a rule that is not selected.
    tmp.write(
        "jdlint.toml",
        "ignore = [\"wording\"]\n[severity]\nhype-job-title = \"error\"\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &hyped]);
    assert!(
        !fired_ids(&out).contains(&"hype-job-title".to_string()),
        "{}",
        describe(&out)
    );
}

#[test]
fn an_unknown_category_is_an_error_with_suggestions() {
    let err = config_error("ignore = [\"wordng\"]\n");
    assert!(
        err.contains(
            "jdlint.toml:1: `ignore`: unknown rule or category `wordng`; did you mean `wording`?"
        ),
        "{err}"
    );
    let err = config_error("fail-on = \"error\"\n[severity]\nclasification = \"info\"\n");
    assert!(
        err.contains(
            "jdlint.toml:3: `severity.clasification`: unknown rule or category `clasification`; \
             did you mean `classification`?"
        ),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Rule selection on the command line

#[test]
fn select_ignore_and_extend_select_flags_work_over_the_config() {
    let tmp = TempDir::new("flags");
    let hyped = tmp.write("hyped.txt", HYPED);
    let lint = |flags: &[&str]| {
        let mut args = vec!["--format", "jsonl"];
        args.extend_from_slice(flags);
        args.push(&hyped);
        fired_ids(&run_in(tmp.path(), &args))
    };

    // Without a config, lists of ids and categories, repeatable.
    assert_eq!(
        lint(&["--select", "classification,hype-job-title"]),
        ["hype-job-title", "title-level-mismatch"]
    );
    assert_eq!(
        lint(&["--ignore", "wording, consistency"]),
        ["title-level-mismatch"]
    );
    assert_eq!(
        lint(&["--select", "classification", "--select", "consistency"]),
        ["experience-level-conflict", "title-level-mismatch"]
    );
    assert_eq!(
        lint(&["--select", "wording", "--ignore", "gender-coded-wording"]),
        ["bro-culture", "hype-job-title", "unrealistic-expectations"]
    );

    // Over a config: --extend-select adds to it, and its rule id beats the config's category;
    // --ignore removes from it; --select replaces the config's select and ignore.
    tmp.write(
        "jdlint.toml",
        "ignore = [\"wording\"]\n[severity]\nhype-job-title = \"error\"\n",
    );
    assert_eq!(
        lint(&[]),
        ["experience-level-conflict", "title-level-mismatch"]
    );
    assert_eq!(
        lint(&["--extend-select", "hype-job-title"]),
        [
            "experience-level-conflict",
            "hype-job-title",
            "title-level-mismatch"
        ]
    );
    assert_eq!(
        lint(&["--ignore", "experience-level-conflict"]),
        ["title-level-mismatch"]
    );
    assert_eq!(
        lint(&["--select", "unrealistic-expectations,title-level-mismatch"]),
        ["title-level-mismatch", "unrealistic-expectations"]
    );
    // The config's severities still apply to what the command line selects.
    let out = run_in(
        tmp.path(),
        &["--select", "wording", "--format", "jsonl", &hyped],
    );
    assert!(
        fired(&out).contains(&("hype-job-title".to_string(), "error".to_string())),
        "{}",
        describe(&out)
    );
}

#[test]
fn an_unknown_name_on_the_command_line_exits_2_with_suggestions() {
    let tmp = TempDir::new("flag-errors");
    let hyped = tmp.write("hyped.txt", HYPED);
    for (flag, value, suggestion) in [
        (
            "--select",
            "classification,titel-level-mismatch",
            "title-level-mismatch",
        ),
        ("--ignore", "wordng", "wording"),
        ("--extend-select", "hype-job-titel", "hype-job-title"),
    ] {
        let out = run_in(tmp.path(), &[flag, value, &hyped]);
        assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
        assert!(out.stdout.is_empty(), "{}", describe(&out));
        let err = stderr(&out);
        assert!(
            err.contains(flag) && err.contains("did you mean") && err.contains(suggestion),
            "{err}"
        );
    }
}

/// `jdlint config --show --format json` with `flags`, run in `dir`, parsed.
fn config_show_json(dir: &std::path::Path, flags: &[&str]) -> Value {
    let mut args = vec!["config", "--show", "--format", "json"];
    args.extend_from_slice(flags);
    let out = run_in(dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()
}

#[test]
fn config_show_reflects_the_selection_flags() {
    let tmp = TempDir::new("show-flags");
    tmp.write(
        "jdlint.toml",
        "ignore = [\"wording\"]\n[severity]\nclassification = \"info\"\n",
    );
    let show = |flags: &[&str]| config_show_json(tmp.path(), flags);
    let shown = show(&[]);
    let select = shown["select"].as_array().unwrap();
    assert!(!select.contains(&"hype-job-title".into()), "{shown}");
    assert!(
        shown["ignore"]
            .as_array()
            .unwrap()
            .contains(&"hype-job-title".into()),
        "{shown}"
    );
    assert_eq!(shown["severity"]["title-level-mismatch"], "info");

    let shown = show(&[
        "--select",
        "classification",
        "--extend-select",
        "hype-job-title",
    ]);
    assert_eq!(
        shown["select"],
        serde_json::json!([
            "hype-job-title",
            "title-level-mismatch",
            "title-specialization-mismatch",
            "title-track-mismatch"
        ])
    );
    assert_eq!(shown["severity"]["hype-job-title"], "warning");
    assert_eq!(shown["severity"]["title-track-mismatch"], "info");

    let out = run_in(tmp.path(), &["config", "--show", "--ignore", "nope"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
}

#[test]
fn severity_override_changes_the_exit_code_and_fail_on_flag_wins() {
    let tmp = TempDir::new("severity");
    let track = fixture(TRACK);
    let out = run_in(tmp.path(), &["--format", "jsonl", &track]);
    assert_eq!(diagnostics(&out)[0][0].1, "warning", "{}", describe(&out));
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));

    tmp.write(
        "jdlint.toml",
        "[severity]\ntitle-track-mismatch = \"error\"\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &track]);
    assert_eq!(
        diagnostics(&out)[0],
        [(
            "title-track-mismatch".to_string(),
            "error".to_string(),
            Some(1)
        )],
        "{}",
        describe(&out)
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));

    tmp.write("jdlint.toml", "fail-on = \"warning\"\n");
    let out = run_in(tmp.path(), &["--format", "jsonl", &track]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let out = run_in(
        tmp.path(),
        &["--fail-on", "error", "--format", "jsonl", &track],
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}

#[test]
fn thresholds_change_a_verdict() {
    let tmp = TempDir::new("thresholds");
    let one_rank = fixture(ONE_RANK);
    let out = run_in(tmp.path(), &["--format", "jsonl", &one_rank]);
    assert_eq!(rules(&out), ["title-level-mismatch"], "{}", describe(&out));

    // The body's confidence is below 0.9: a one-rank mismatch is no longer worth reporting.
    tmp.write("jdlint.toml", "[thresholds]\nconfident = 0.9\n");
    let out = run_in(tmp.path(), &["--format", "jsonl", &one_rank]);
    assert!(rules(&out).is_empty(), "{}", describe(&out));

    // Far more evidence than the teaser has: the level becomes unknown.
    tmp.write("jdlint.toml", "[thresholds]\nmin-evidence = 1000.0\n");
    let out = run_in(tmp.path(), &["--format", "jsonl", &one_rank]);
    assert!(
        postings(&out)[0]["implied"]["level"].is_null(),
        "{}",
        describe(&out)
    );
    assert_eq!(rules(&out), ["low-evidence"], "{}", describe(&out));
}

#[test]
fn a_ladder_alias_claims_its_level() {
    let tmp = TempDir::new("ladder");
    let body = read_fixture("fixtures/postings/senior-data.txt");
    let body = body.split_once('\n').unwrap().1;
    let posting = tmp.write("posting.txt", format!("L6\n{body}"));

    let out = run_in(tmp.path(), &["--format", "jsonl", &posting]);
    assert_eq!(rules(&out), ["unrecognized-title"], "{}", describe(&out));

    tmp.write(
        "jdlint.toml",
        "[ladder]\n\"L6\" = \"senior\"\n\"Product Manager II\" = \"senior\"\n",
    );
    let out = run_in(tmp.path(), &["--format", "jsonl", &posting]);
    let p = &postings(&out)[0];
    assert_eq!(p["claimed"]["level"], "senior", "{}", describe(&out));
    assert_eq!(p["implied"]["level"], "senior", "{}", describe(&out));
    assert!(rules(&out).is_empty(), "{}", describe(&out));

    // An alias the default lexicon has is remapped.
    let remapped = tmp.write("remapped.txt", format!("Product Manager II\n{body}"));
    let out = run_in(tmp.path(), &["--format", "jsonl", &remapped]);
    assert_eq!(
        postings(&out)[0]["claimed"]["level"],
        "senior",
        "{}",
        describe(&out)
    );
}

#[test]
fn an_extra_lexicon_file_loads_relative_to_the_config() {
    let tmp = TempDir::new("lexicon");
    tmp.write(
        "conf/words/extra.json",
        r#"{"signals":[{"terms":["zorblax"],"supports":"level:cpo","weight":3.0,"source":"003: test"}]}"#,
    );
    let config = tmp.write("conf/jdlint.toml", "lexicon = [\"words/extra.json\"]\n");
    let posting = tmp.write(
        "posting.txt",
        "Product Manager\n\nWhat you will do\n- Own the Zorblax roadmap with one squad\n",
    );
    let has_zorblax = |out: &Output| {
        postings(out)[0]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["supports"] == "level:cpo" && e["text"] == "Zorblax")
    };
    let out = run_in(tmp.path(), &["--format", "jsonl", &posting]);
    assert!(!has_zorblax(&out), "{}", describe(&out));
    let out = run_in(
        tmp.path(),
        &["--config", &config, "--format", "jsonl", &posting],
    );
    assert!(has_zorblax(&out), "{}", describe(&out));

    tmp.write("conf/jdlint.toml", "lexicon = [\"words/missing.json\"]\n");
    let out = run_in(tmp.path(), &["--config", &config, &posting]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing.json"),
        "{}",
        describe(&out)
    );
}

#[test]
fn config_show_prints_the_effective_configuration() {
    let tmp = TempDir::new("show");
    let out = run_in(tmp.path(), &["config", "--show", "--no-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# config file: none\n"), "{text}");
    // Defaults filled in: every rule, its severity, the default thresholds.
    let shown: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(shown["fail-on"].as_str(), Some("error"), "{text}");
    assert!(shown["select"].as_array().unwrap().len() >= 5, "{text}");
    assert_eq!(
        shown["severity"]["title-level-mismatch"].as_str(),
        Some("error"),
        "{text}"
    );
    assert!(
        shown["thresholds"]["confident"].as_float().is_some(),
        "{text}"
    );

    let config = tmp.write(
        "jdlint.toml",
        "ignore = [\"low-evidence\"]\nfail-on = \"warning\"\n[severity]\ntitle-track-mismatch = \"error\"\n\
         [thresholds]\nconfident = 0.7\n[ladder]\n\"L6\" = \"senior\"\n",
    );
    let out = run_in(tmp.path(), &["config", "--show", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        shown["file"].as_str().unwrap().ends_with("jdlint.toml"),
        "{shown}"
    );
    assert_eq!(
        std::fs::canonicalize(shown["file"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(&config).unwrap()
    );
    assert_eq!(shown["fail-on"], "warning");
    assert!(
        !shown["select"]
            .as_array()
            .unwrap()
            .contains(&"low-evidence".into()),
        "{shown}"
    );
    assert_eq!(shown["ignore"], serde_json::json!(["low-evidence"]));
    assert_eq!(shown["severity"]["title-track-mismatch"], "error");
    assert_eq!(shown["thresholds"]["confident"], 0.7);
    assert_eq!(shown["ladder"]["L6"], "senior");

    // The human form is itself a config that behaves the same.
    let out = run_in(tmp.path(), &["config", "--show"]);
    let again = TempDir::new("show-again");
    again.write("jdlint.toml", String::from_utf8(out.stdout).unwrap());
    let out = run_in(again.path(), &["config", "--show", "--format", "json"]);
    let reshown: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["select", "fail-on", "severity", "thresholds", "ladder"] {
        assert_eq!(reshown[key], shown[key], "{key}");
    }
}

/// A team's wording check, as its lexicon file would hold it.
const TEAM_CHECK: &str = r#"{"checks": [{"id": "acme-jargon", "kind": "substitution",
  "category": "wording", "severity": "info", "summary": "The posting uses Acme's jargon",
  "message": "jargon: {phrase}", "help": "write {suggestion}",
  "explanation": "Candidates do not know Acme's names for teams.", "instead": "Plain words.",
  "swap": {"pod": ["team"]}, "sources": ["Acme writing guide"],
  "fires": "Product Manager\n\nYou will lead a pod.\n",
  "clean": "Product Manager\n\nYou will lead a team.\n"}]}"#;

#[test]
fn config_show_lists_the_wording_checks_its_lexicon_adds() {
    let tmp = TempDir::new("show-checks");
    let file = tmp.write("words/acme.json", TEAM_CHECK);
    // The config names its lexicon and nothing else: the check runs all the same.
    tmp.write("jdlint.toml", "lexicon = [\"words\"]\n");
    let show = |flags: &[&str]| config_show_json(tmp.path(), flags);
    let shown = show(&[]);
    assert_eq!(shown["checks"].as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(shown["checks"][0]["id"], "acme-jargon");
    assert_eq!(shown["checks"][0]["severity"], "info");
    assert_eq!(
        std::fs::canonicalize(shown["checks"][0]["file"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(&file).unwrap()
    );
    let select = shown["select"].as_array().unwrap();
    assert!(select.contains(&"acme-jargon".into()), "{shown}");
    assert_eq!(shown["severity"]["acme-jargon"], "info");
    // The flags name it like any rule.
    let shown = show(&["--ignore", "acme-jargon"]);
    assert!(shown["ignore"]
        .as_array()
        .unwrap()
        .contains(&"acme-jargon".into()));

    // The config's severity is the effective one; the check's own stays its default.
    tmp.write(
        "jdlint.toml",
        "lexicon = [\"words\"]\n[severity]\nacme-jargon = \"error\"\n",
    );
    let shown = show(&[]);
    assert_eq!(shown["checks"][0]["severity"], "info");
    assert_eq!(shown["severity"]["acme-jargon"], "error");

    // The human form says it in a comment, and is still a config that behaves the same.
    let out = run_in(tmp.path(), &["config", "--show"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().nth(1).unwrap();
    assert!(
        line.starts_with("# wording check acme-jargon (info by default) from ")
            && line.ends_with("acme.json"),
        "{text}"
    );
    let again = TempDir::new("show-checks-again");
    again.write("jdlint.toml", &text);
    let out = run_in(again.path(), &["config", "--show", "--format", "json"]);
    let reshown: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["checks", "select", "severity"] {
        assert_eq!(reshown[key], shown[key], "{key}");
    }

    // A check that does not load is an error naming its file.
    tmp.write("jdlint.toml", "lexicon = [\"words\"]\n");
    tmp.write("words/acme.json", TEAM_CHECK.replace("{phrase}", "it"));
    let out = run_in(tmp.path(), &["config", "--show"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lexicon error") && err.contains("acme.json"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Suppressions

/// The mismatch fixture with `marker` inserted as line `at` (1-based; after the title).
fn with_marker(tmp: &TempDir, name: &str, marker: &str, at: usize) -> String {
    let text = read_fixture(MISMATCH);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(at - 1, marker);
    tmp.write(name, &(lines.join("\n") + "\n"))
}

#[test]
fn disable_marker_suppresses_exactly_the_named_rules() {
    let tmp = TempDir::new("disable");
    let one = with_marker(
        &tmp,
        "one.md",
        "<!-- jdlint-disable title-level-mismatch -->",
        8,
    );
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &one]);
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));

    let two = with_marker(
        &tmp,
        "two.txt",
        "<!-- jdlint-disable title-level-mismatch, title-track-mismatch -->",
        3,
    );
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &two]);
    assert!(rules(&out).is_empty(), "{}", describe(&out));

    let all = with_marker(&tmp, "all.md", "<!-- jdlint-disable -->", 2);
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &all]);
    assert!(rules(&out).is_empty(), "{}", describe(&out));

    let other = with_marker(&tmp, "other.md", "<!-- jdlint-disable low-evidence -->", 2);
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &other]);
    assert_eq!(rules(&out), BOTH, "{}", describe(&out));
}

#[test]
fn ignore_marker_covers_its_own_line_only() {
    let tmp = TempDir::new("ignore-line");
    let text = read_fixture(MISMATCH);
    let (title, body) = text.split_once('\n').unwrap();
    let on_title = tmp.write(
        "on-title.txt",
        format!("{title}  jdlint: ignore[title-level-mismatch]\n{body}"),
    );
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &on_title]);
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));

    // The same marker on another line covers nothing on the title line.
    let elsewhere = with_marker(
        &tmp,
        "elsewhere.txt",
        "jdlint: ignore[title-level-mismatch]",
        2,
    );
    let out = run_in(
        tmp.path(),
        &["--no-config", "--format", "jsonl", &elsewhere],
    );
    assert_eq!(rules(&out), BOTH, "{}", describe(&out));
}

#[test]
fn next_line_marker_covers_the_next_line_only() {
    // low-evidence points at the body's first non-blank line. A marker line of its own would be
    // that line, so the marker ends the title line here.
    let tmp = TempDir::new("next-line");
    let title = "Product Manager <!-- jdlint-disable-next-line low-evidence -->";
    let teaser = "Join our team! Great culture, great people and great snacks. Apply now.\n";
    let plain = tmp.write("plain.md", format!("Product Manager\n\n{teaser}"));
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &plain]);
    assert_eq!(rules(&out), ["low-evidence"], "{}", describe(&out));

    let next = tmp.write("next.md", format!("{title}\n{teaser}"));
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &next]);
    assert!(rules(&out).is_empty(), "{}", describe(&out));

    let far = tmp.write("far.md", format!("{title}\n\n{teaser}"));
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &far]);
    assert_eq!(
        diagnostics(&out)[0],
        [("low-evidence".to_string(), "warning".to_string(), Some(3))],
        "{}",
        describe(&out)
    );
}

#[test]
fn a_record_field_suppresses_rules_for_that_record() {
    let tmp = TempDir::new("records");
    let text = read_fixture(MISMATCH);
    let (title, body) = text.split_once('\n').unwrap();
    let record = |extra: &str| {
        let mut r = serde_json::json!({"title": title, "text": body});
        if !extra.is_empty() {
            r["jdlint_ignore"] = extra.into();
        }
        r.to_string()
    };
    let jsonl = tmp.write(
        "batch.jsonl",
        [
            record(""),
            record("title-level-mismatch"),
            record("title-track-mismatch, title-level-mismatch"),
        ]
        .join("\n"),
    );
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &jsonl]);
    let got: Vec<Vec<String>> = diagnostics(&out)
        .into_iter()
        .map(|ds| ds.into_iter().map(|(r, _, _)| r).collect())
        .collect();
    assert_eq!(
        got,
        [BOTH.to_vec(), vec!["title-track-mismatch"], vec![]],
        "{}",
        describe(&out)
    );

    let csv = tmp.write(
        "batch.csv",
        format!(
            "title,text,skip\n{title},\"{}\",title-track-mismatch\n",
            body.replace('"', "\"\"")
        ),
    );
    let out = run_in(
        tmp.path(),
        &[
            "--no-config",
            "--suppress-field",
            "skip",
            "--format",
            "jsonl",
            &csv,
        ],
    );
    assert_eq!(rules(&out), ["title-level-mismatch"], "{}", describe(&out));
}

#[test]
fn unused_suppressions_are_reported_only_with_the_flag() {
    let tmp = TempDir::new("unused");
    let posting = with_marker(
        &tmp,
        "unused.md",
        "<!-- jdlint-disable title-level-mismatch, title-specialization-mismatch -->",
        4,
    );
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &posting]);
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));

    let out = run_in(
        tmp.path(),
        &[
            "--no-config",
            "--report-unused-suppressions",
            "--format",
            "jsonl",
            &posting,
        ],
    );
    assert_eq!(
        diagnostics(&out)[0],
        [
            (
                "title-track-mismatch".to_string(),
                "warning".to_string(),
                Some(1)
            ),
            (
                "unused-suppression".to_string(),
                "warning".to_string(),
                Some(4)
            ),
        ],
        "{}",
        describe(&out)
    );
    let message = postings(&out)[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unused-suppression")
        .and_then(|d| d["message"].as_str())
        .unwrap()
        .to_string();
    assert!(
        message.contains("`title-specialization-mismatch`"),
        "{message}"
    );
    assert!(message.contains("not a rule of the registry"), "{message}");
    // A marker that is used in full is not reported.
    let used = with_marker(
        &tmp,
        "used.md",
        "<!-- jdlint-disable title-level-mismatch -->",
        4,
    );
    let out = run_in(
        tmp.path(),
        &[
            "--no-config",
            "--report-unused-suppressions",
            "--format",
            "jsonl",
            &used,
        ],
    );
    assert_eq!(rules(&out), ["title-track-mismatch"], "{}", describe(&out));
}

#[test]
fn a_marker_line_before_the_title_covers_the_title_in_markdown_and_html() {
    let tmp = TempDir::new("before-title");
    let text = read_fixture(MISMATCH);
    let (title, body) = text.split_once('\n').unwrap();
    let marker = "<!-- jdlint-disable-next-line title-track-mismatch -->";

    let md = tmp.write("posting.md", format!("{marker}\n# {title}\n{body}"));
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &md]);
    assert_eq!(postings(&out)[0]["title"], title, "{}", describe(&out));
    assert_eq!(
        diagnostics(&out)[0],
        [(
            "title-level-mismatch".to_string(),
            "error".to_string(),
            Some(2)
        )],
        "{}",
        describe(&out)
    );

    let paragraphs: String = body.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    let page = |marker: &str| {
        format!("<html><body>\n{marker}\n<h1>{title}</h1>\n{paragraphs}</body></html>\n")
    };
    let html = tmp.write("posting.html", page(marker));
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &html]);
    assert_eq!(
        diagnostics(&out)[0],
        [(
            "title-level-mismatch".to_string(),
            "error".to_string(),
            Some(3)
        )],
        "{}",
        describe(&out)
    );
    // Without the marker both fire; a plain comment is still dropped.
    let plain = tmp.write("plain.html", page("<!-- a note -->"));
    let out = run_in(tmp.path(), &["--no-config", "--format", "jsonl", &plain]);
    assert_eq!(rules(&out), BOTH, "{}", describe(&out));

    let out = run_in(
        tmp.path(),
        &[
            "--no-config",
            "--report-unused-suppressions",
            "--format",
            "jsonl",
            &html,
        ],
    );
    assert_eq!(rules(&out), ["title-level-mismatch"], "{}", describe(&out));
}

#[test]
fn config_show_gives_a_check_as_the_last_lexicon_file_defining_it_has_it() {
    let tmp = TempDir::new("show-checks-layered");
    tmp.write("early/acme.json", TEAM_CHECK);
    let later = tmp.write(
        "late/acme.json",
        TEAM_CHECK.replace("\"severity\": \"info\"", "\"severity\": \"warning\""),
    );
    tmp.write("jdlint.toml", "lexicon = [\"early\", \"late\"]\n");
    let shown = config_show_json(tmp.path(), &[]);
    assert_eq!(shown["checks"].as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(shown["checks"][0]["severity"], "warning");
    assert_eq!(
        std::fs::canonicalize(shown["checks"][0]["file"].as_str().unwrap()).unwrap(),
        std::fs::canonicalize(&later).unwrap()
    );
}
