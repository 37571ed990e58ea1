//! Black-box tests of `jdlint calibrate`: the figures on a fixture set whose answers are known by
//! hand (fixtures/calibrate/README.md), the same figures against an independent count of
//! `jdlint --format jsonl` output (on the fixture set and, when present, the development set),
//! labels, groups, bad input, fitting and the overlay it writes, and the HTML report, rendered in
//! headless Chromium when it is installed (`.ci/run` installs it and sets JDLINT_BROWSER_TESTS=1,
//! which makes a missing browser a failure instead of a skip).

use crate::common;
use common::*;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = "fixtures/calibrate/postings.jsonl";
const BAD_LABEL: &str = "fixtures/calibrate/bad-label.jsonl";
use crate::common::LEVELS;

/// Runs `jdlint calibrate --format json args...` and parses its output.
fn calibrate_json(args: &[&str]) -> (Value, Output) {
    let mut all = vec!["calibrate", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all);
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        )
    });
    (value, out)
}

fn close(actual: &Value, expected: f64) -> bool {
    actual.as_f64().is_some_and(|a| (a - expected).abs() < 1e-9)
}

fn comparison<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no comparison {name} in {report}"))
}

/// The count in a serialized confusion table.
fn cell(confusion: &Value, row: &str, column: &str) -> u64 {
    let names: Vec<&str> = confusion["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let r = names.iter().position(|n| *n == row).unwrap();
    let c = names.iter().position(|n| *n == column).unwrap();
    confusion["counts"][r][c].as_u64().unwrap()
}

fn group<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["by_group"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap_or_else(|| panic!("no group {name}"))
}

// ---------------------------------------------------------------------------------------------
// Known answers

#[test]
fn figures_on_the_fixture_set_match_the_hand_count() {
    let (report, out) = calibrate_json(&[FIXTURE, "--group-by", "company"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(report["postings"], 14);
    assert_eq!(report["reference"], "title");
    let main = &report["comparisons"][0];
    assert_eq!(main["name"], "title-vs-body");
    let a = &main["agreement"];
    // 13 titles name a level; 8 agree exactly; senior->pm and principal->group are within one;
    // principal->group and pm->director change track, pm->(none) counts as disagreeing.
    assert_eq!(a["postings"], 14);
    assert_eq!(a["compared"], 13);
    assert!(close(&a["exact"], 8.0 / 13.0), "{a}");
    assert!(close(&a["within_one"], 10.0 / 13.0), "{a}");
    assert!(close(&a["track"], 10.0 / 13.0), "{a}");
    // Per title level: associate 1/1, pm 1/3, senior 2/3, principal 1/3, director, vp, cpo 1/1.
    assert!(close(&a["balanced"], 16.0 / 21.0), "{a}");
    // (+1 senior->pm, +3 principal->associate, -3 pm->director) over 12 with both levels.
    assert!(close(&a["mean_signed_rank_difference"], 1.0 / 12.0), "{a}");

    let c = &main["confusion"];
    assert_eq!(cell(c, "pm", "director"), 1);
    assert_eq!(cell(c, "pm", "(none)"), 1);
    assert_eq!(cell(c, "principal", "associate"), 1);
    assert_eq!(cell(c, "principal", "group"), 1);
    assert_eq!(cell(c, "(none)", "pm"), 1);
    assert_eq!(cell(c, "senior", "senior"), 2);
    assert_eq!(c["row_percent"][1][5], 33.3);

    // Groups: records without `company` are "(none)", not dropped; largest group first.
    let names: Vec<&str> = report["by_group"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Acme", "Borealis", "(none)"]);
    let acme = &group(&report, "Acme")["agreement"];
    assert_eq!(acme["postings"], 7);
    assert!(close(&acme["exact"], 0.5), "{acme}");
    assert!(close(&acme["mean_signed_rank_difference"], 0.8), "{acme}");
    let borealis = &group(&report, "Borealis")["agreement"];
    assert!(close(&borealis["exact"], 0.6), "{borealis}");
    assert!(close(&borealis["mean_signed_rank_difference"], -0.6));
    assert_eq!(group(&report, "(none)")["agreement"]["postings"], 2);

    // Outliers, worst first: 3 ranks and a track change, 3 ranks, 1 rank, a track change.
    let ids: Vec<&str> = report["outliers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["source"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["cal-08", "cal-05", "cal-03", "cal-07"]);
    let worst = &report["outliers"][0];
    assert_eq!(worst["rank_difference"], -3);
    assert_eq!(worst["group"], "Borealis");
    let quote = &worst["evidence"][0];
    assert!(!quote["text"].as_str().unwrap().is_empty());
    assert!(quote["line"].as_u64().unwrap() > 0);

    let summary = report["summary"].as_array().unwrap();
    assert!(
        summary[0]
            .as_str()
            .unwrap()
            .starts_with("62% of 13 postings"),
        "{summary:?}"
    );
    // Acme drifts most, but on a handful of postings: too few to be named the most inflated
    // group (it is still in `by_group`, counts complete).
    assert!(
        summary
            .iter()
            .all(|s| !s.as_str().unwrap().contains("most inflated")),
        "{summary:?}"
    );
    let acme = report["by_group"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Acme")
        .expect("Acme is a group");
    assert!(
        acme["agreement"]["compared"].as_u64().unwrap() < 10,
        "{acme}"
    );
    // The group of postings without the field is explained.
    assert!(
        summary
            .iter()
            .any(|s| s.as_str().unwrap().ends_with("they are the group (none).")),
        "{summary:?}"
    );
}

#[test]
fn labels_are_compared_instead_of_titles_and_both_are_reported() {
    let (report, out) = calibrate_json(&[FIXTURE, "--labels", "level"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(report["reference"], "label");
    let names: Vec<&str> = report["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["label-vs-body", "title-vs-body", "label-vs-title"]
    );
    let by_label = comparison(&report, "label-vs-body");
    // 13 labelled ("Senior PM" and "sr" are aliases of senior); all agree but the unreadable
    // body (pm) and the "sr" label on a mid-level body.
    assert_eq!(by_label["agreement"]["compared"], 13);
    assert!(close(&by_label["agreement"]["exact"], 11.0 / 13.0));
    assert_eq!(cell(&by_label["confusion"], "senior", "pm"), 1);
    // The unlabelled record is counted as "(none)", not dropped.
    assert_eq!(cell(&by_label["confusion"], "(none)", "cpo"), 1);
    assert_eq!(by_label["agreement"]["postings"], 14);
    // The title comparison is the same as without labels.
    let by_title = comparison(&report, "title-vs-body");
    assert!(close(&by_title["agreement"]["exact"], 8.0 / 13.0));
    // Labels against titles: cal-03 (senior/pm), cal-05 (principal/associate), cal-07
    // (principal/group), cal-08 (pm/director) and cal-13 (no title level) differ.
    let label_title = comparison(&report, "label-vs-title");
    assert!(close(&label_title["agreement"]["exact"], 8.0 / 13.0));
    assert_eq!(cell(&label_title["confusion"], "senior", "(none)"), 1);
}

#[test]
fn a_label_that_is_not_a_level_is_an_error_naming_the_record_and_the_rest_still_count() {
    let (report, out) = calibrate_json(&[BAD_LABEL, "--labels", "level"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "bad-label.jsonl:2 (id bad-2): label \"seniour\" in field `level` is not a level id"
        ),
        "{err}"
    );
    assert_eq!(report["postings"], 1);
    assert_eq!(report["errors"][0]["source"]["id"], "bad-2");
    // Results plus errors equal inputs.
    assert_eq!(report["errors"].as_array().unwrap().len(), 1);
}

#[test]
fn unreadable_records_are_errors_and_nothing_is_lost() {
    let dir = TempDir::new("errors");
    let good = std::fs::read_to_string(manifest_dir().join(FIXTURE)).unwrap();
    let first = good.lines().next().unwrap();
    let path = dir.write(
        "mixed.jsonl",
        format!("{first}\n{{\"title\": \"PM\"\nnot json\n"),
    );
    let (report, out) = calibrate_json(&[&path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(report["postings"], 1);
    assert_eq!(report["errors"].as_array().unwrap().len(), 2);
    assert_eq!(report["errors"][0]["source"]["line"], 2);
}

#[test]
fn an_empty_input_set_says_so() {
    let dir = TempDir::new("empty");
    let path = dir.write("empty.jsonl", "\n\n");
    let out = run(&["calibrate", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no postings to calibrate"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("NaN") && !stderr(&out).contains("panicked"));
}

#[test]
fn the_config_ladder_and_thresholds_apply_and_no_config_ignores_them() {
    let dir = TempDir::new("config");
    let senior =
        std::fs::read_to_string(manifest_dir().join("fixtures/postings/senior-data.txt")).unwrap();
    let body = senior.split_once('\n').unwrap().1;
    let record = |title: &str, label: &str| {
        serde_json::json!({"title": title, "text": body, "level": label}).to_string()
    };
    let postings = dir.write(
        "postings.jsonl",
        format!(
            "{}\n{}\n",
            record("Product Manager II", "senior"),
            record("Product Manager II", "L6")
        ),
    );
    let confusion = |report: &Value| report["comparisons"][0]["confusion"].clone();
    let calibrate_in = |cwd: &std::path::Path, args: &[&str]| {
        let mut all = vec!["calibrate", "--format", "json"];
        all.extend_from_slice(args);
        let out = run_in(cwd, &all);
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", describe(&out)));
        (report, out)
    };

    // The default lexicon reads "Product Manager II" as pm; the body reads as senior.
    let (report, out) = calibrate_in(dir.path(), &[&postings]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        cell(&confusion(&report), "pm", "senior"),
        2,
        "{}",
        confusion(&report)
    );

    // A company ladder where a PM II is a senior PM, found walking up from the working directory.
    dir.write(
        "jdlint.toml",
        "[ladder]\n\"Product Manager II\" = \"senior\"\n\"L6\" = \"senior\"\n",
    );
    let below = dir.path().join("below");
    std::fs::create_dir_all(&below).unwrap();
    let (report, out) = calibrate_in(&below, &[&postings]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        cell(&confusion(&report), "senior", "senior"),
        2,
        "{}",
        confusion(&report)
    );
    // Its aliases also read as labels.
    let (report, out) = calibrate_in(&below, &[&postings, "--labels", "level"]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(report["reference"], "label");
    assert_eq!(
        cell(&confusion(&report), "senior", "senior"),
        2,
        "{}",
        confusion(&report)
    );

    // --no-config ignores it (and "L6" is then no level), --config names one elsewhere.
    let (report, out) = calibrate_in(&below, &["--no-config", &postings]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        cell(&confusion(&report), "pm", "senior"),
        2,
        "{}",
        confusion(&report)
    );
    let (_, out) = calibrate_in(&below, &["--no-config", &postings, "--labels", "level"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let thresholds = dir.write("elsewhere.toml", "[thresholds]\nmin-evidence = 1000.0\n");
    let (report, out) = calibrate_in(&below, &["--config", &thresholds, &postings]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(
        cell(&confusion(&report), "pm", "(none)"),
        2,
        "{}",
        confusion(&report)
    );

    // A broken config stops calibrate as it stops linting.
    dir.write("jdlint.toml", "[ladder]\n\"L6\" = \"seniorish\"\n");
    let out = run_in(&below, &["calibrate", &postings]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        stderr(&out).contains("jdlint.toml:2: `ladder.L6`"),
        "{}",
        describe(&out)
    );
}

#[test]
fn postings_group_by_their_folder() {
    let dir = TempDir::new("folders");
    let senior =
        std::fs::read_to_string(manifest_dir().join("fixtures/postings/senior-platform.txt"))
            .unwrap();
    let pm = std::fs::read_to_string(manifest_dir().join("fixtures/postings/pm-core.txt")).unwrap();
    let a = dir.write("payments/a.txt", &senior);
    let b = dir.write("search/b.txt", &pm);
    let c = dir.write("search/c.txt", &senior);
    let (report, out) = calibrate_json(&[&a, &b, &c, "--group-by", "folder"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(group(&report, "search")["agreement"]["postings"], 2);
    assert_eq!(group(&report, "payments")["agreement"]["postings"], 1);
}

// ---------------------------------------------------------------------------------------------
// Independent counts

/// Counts, from `jdlint --format jsonl` output, what calibrate should report: the confusion
/// table of title level against implied level, per-group exact agreement and the ECE.
struct IndependentCount {
    confusion: BTreeMap<(String, String), u64>,
    group_exact: BTreeMap<String, (u64, u64)>,
    ece: f64,
}

fn count_independently(path: &str, group_field: &str) -> IndependentCount {
    let out = run(&["--format", "jsonl", "--fail-on", "never", path]);
    let results: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let records: Vec<Value> = std::fs::read_to_string(manifest_dir().join(path))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), records.len());
    let name = |v: &Value| v.as_str().unwrap_or("(none)").to_string();
    let mut confusion = BTreeMap::new();
    let mut group_exact: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut bins = vec![(0u64, 0u64, 0.0f64); 10];
    for (result, record) in results.iter().zip(&records) {
        let claimed = name(&result["claimed"]["level"]);
        let implied = name(&result["implied"]["level"]);
        *confusion
            .entry((claimed.clone(), implied.clone()))
            .or_default() += 1;
        let g = match record[group_field].as_str() {
            Some(s) if !s.trim().is_empty() => s.trim().to_string(),
            _ => "(none)".to_string(),
        };
        let entry = group_exact.entry(g).or_default();
        if claimed != "(none)" {
            entry.1 += 1;
            entry.0 += u64::from(claimed == implied);
            if implied != "(none)" {
                let conf = result["implied"]["confidence"].as_f64().unwrap();
                let b = ((conf * 10.0) as usize).min(9);
                bins[b].0 += 1;
                bins[b].1 += u64::from(claimed == implied);
                bins[b].2 += conf;
            }
        }
    }
    let n: u64 = bins.iter().map(|b| b.0).sum();
    let ece = bins
        .iter()
        .filter(|b| b.0 > 0)
        .map(|(k, ok, conf)| (*ok as f64 / *k as f64 - conf / *k as f64).abs() * *k as f64)
        .sum::<f64>()
        / n as f64;
    IndependentCount {
        confusion,
        group_exact,
        ece,
    }
}

fn assert_matches_independent_count(path: &str, group_field: &str) -> Value {
    let expected = count_independently(path, group_field);
    let (report, _) = calibrate_json(&[path, "--group-by", group_field]);
    let confusion = &report["comparisons"][0]["confusion"];
    let names: Vec<&str> = LEVELS.iter().copied().chain(["(none)"]).collect();
    for r in &names {
        for c in &names {
            let want = expected
                .confusion
                .get(&(r.to_string(), c.to_string()))
                .copied()
                .unwrap_or(0);
            assert_eq!(cell(confusion, r, c), want, "{r} -> {c}");
        }
    }
    for (g, (exact, compared)) in &expected.group_exact {
        let a = &group(&report, g)["agreement"];
        assert_eq!(a["compared"].as_u64().unwrap(), *compared, "{g}");
        if *compared > 0 {
            assert!(
                close(&a["exact"], *exact as f64 / *compared as f64),
                "{g}: {a}"
            );
        }
    }
    assert_eq!(
        report["by_group"].as_array().unwrap().len(),
        expected.group_exact.len()
    );
    let ece = report["reliability"]["expected_calibration_error"]
        .as_f64()
        .unwrap();
    assert!(
        (ece - expected.ece).abs() < 1e-9,
        "{ece} vs {}",
        expected.ece
    );
    report
}

#[test]
fn figures_on_the_fixture_set_match_an_independent_count() {
    let report = assert_matches_independent_count(FIXTURE, "team");
    let usage = &report["lexicon_usage"];
    let never = usage["never_matched"].as_array().unwrap().len() as u64;
    assert_eq!(
        usage["matched_terms"].as_u64().unwrap() + never,
        usage["terms"].as_u64().unwrap()
    );
    let decided: u64 = usage["deciding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["postings"].as_u64().unwrap())
        .sum();
    assert!(decided > 0 && decided <= 14, "{decided}");
}

#[test]
fn figures_on_the_development_set_match_an_independent_count() {
    if shared_path("data/pm-dev.jsonl").is_none() {
        eprintln!("skipped: ../shared/data/pm-dev.jsonl is not present");
        return;
    }
    let report = assert_matches_independent_count("../shared/data/pm-dev.jsonl", "company");
    let ece = report["reliability"]["expected_calibration_error"]
        .as_f64()
        .unwrap();
    println!("pm-dev.jsonl: expected calibration error of confidence {ece:.3}");
    assert!(ece <= 0.10, "expected calibration error {ece:.3} > 0.10");
}

// ---------------------------------------------------------------------------------------------
// Fitting

#[test]
fn fit_writes_an_overlay_that_the_lexicon_option_loads_and_that_changes_results() {
    let dir = TempDir::new("fit");
    // Mid-level bodies that a company levels as senior: the fit has something to learn.
    let mut lines = String::new();
    for (i, name) in [
        "pm-core.txt",
        "pm-growth.txt",
        "flattened.txt",
        "markdown-h1.md",
    ]
    .iter()
    .cycle()
    .take(12)
    .enumerate()
    {
        let text =
            std::fs::read_to_string(manifest_dir().join("fixtures/postings").join(name)).unwrap();
        let record = serde_json::json!({
            "id": format!("f{i}"), "title": "Product Manager", "text": text, "level": "senior"
        });
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let input = dir.write("ladder.jsonl", &lines);
    std::fs::create_dir_all(dir.path().join("overlay")).unwrap();
    let overlay = dir.path().join("overlay/fitted.json");
    let overlay_str = overlay.to_string_lossy().into_owned();
    let (report, out) = calibrate_json(&[
        &input,
        "--labels",
        "level",
        "--fit",
        &overlay_str,
        "--folds",
        "3",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fit = &report["fit"];
    assert_eq!(fit["postings"], 12);
    assert_eq!(fit["folds"], 3);
    let before = fit["before"]["exact"].as_f64().unwrap();
    let fitted = fit["fitted"]["exact"].as_f64().unwrap();
    assert!(fitted > before, "fit did not help: {fit}");
    assert!(fit["held_out"]["exact"].as_f64().is_some());

    // The overlay is a readable lexicon file whose entries name their terms and new weight.
    let text = std::fs::read_to_string(&overlay).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let signals = file["signals"].as_array().unwrap();
    assert!(!signals.is_empty());
    let changes = fit["changes"].as_array().unwrap();
    let band_changes = changes.iter().filter(|c| c["years"].is_string()).count();
    assert_eq!(signals.len() + band_changes, changes.len());
    // Bands are written all or none: an overlay's bands replace the default's.
    let bands = file["experience"].as_array().map_or(0, Vec::len);
    assert!(bands == 0 && band_changes == 0 || bands >= band_changes && band_changes > 0);
    for s in signals {
        assert!(s["weight"].as_f64().unwrap() > 0.0);
        assert!(!s["terms"].as_array().unwrap().is_empty());
    }

    // Loaded with --lexicon, it really changes what the bodies read as, as the fit said.
    let overlay_dir = dir.path().join("overlay").to_string_lossy().into_owned();
    let (with_overlay, out) =
        calibrate_json(&[&input, "--labels", "level", "--lexicon", &overlay_dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let exact = &comparison(&with_overlay, "label-vs-body")["agreement"]["exact"];
    assert!(close(exact, fitted), "{exact} vs fitted {fitted}");
    let lint_default = run(&["--format", "jsonl", "--fail-on", "never", &input]);
    let lint_fitted = run(&[
        "--format",
        "jsonl",
        "--fail-on",
        "never",
        "--lexicon",
        &overlay_dir,
        &input,
    ]);
    assert!(lint_fitted.status.success(), "{}", stderr(&lint_fitted));
    let parse = |out: &Output| -> Vec<Value> {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (default, fitted) = (parse(&lint_default), parse(&lint_fitted));
    assert!(
        default
            .iter()
            .zip(&fitted)
            .any(|(d, f)| d["implied"]["level_scores"] != f["implied"]["level_scores"]),
        "the fitted weights changed no body's reading"
    );

    // Every "Product Manager" is labelled senior: the title became an alias of senior.
    let aliases = &fit["aliases"];
    assert_eq!(aliases["aliases"][0]["title"], "Product Manager");
    assert_eq!(aliases["aliases"][0]["to"], "senior");
    assert_eq!(aliases["aliases"][0]["postings"], 12);
    assert!(close(&aliases["before"]["exact"], 0.0));
    assert!(close(&aliases["fitted"]["exact"], 1.0));
    assert_eq!(file["titles"][0]["phrases"][0], "Product Manager");
    assert!(fitted.iter().all(|f| f["claimed"]["level"] == "senior"));
    assert!(default.iter().all(|d| d["claimed"]["level"] == "pm"));
}

#[test]
fn fit_needs_enough_postings_for_its_folds() {
    let dir = TempDir::new("fit-few");
    let overlay = dir.path().join("o.json").to_string_lossy().into_owned();
    let out = run(&[
        "calibrate",
        BAD_LABEL,
        "--labels",
        "level",
        "--fit",
        &overlay,
        "--folds",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("fitting needs at least 5 postings"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// HTML

fn html_report(dir: &TempDir, args: &[&str]) -> String {
    let path = dir
        .path()
        .join("report.html")
        .to_string_lossy()
        .into_owned();
    let mut all = vec!["calibrate", "--html", &path];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    path
}

#[test]
fn the_html_report_is_self_contained_and_escapes_posting_text() {
    let dir = TempDir::new("html");
    let path = html_report(&dir, &[FIXTURE, "--group-by", "company"]);
    let html = std::fs::read_to_string(path).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    let tags = regex::Regex::new(r"(?i)<(script|link|iframe|img|object|embed)\b").unwrap();
    assert!(!tags.is_match(&html), "an active or fetching element");
    let fetching = regex::Regex::new(r#"(?i)\s(src|href)\s*=|url\(|@import"#).unwrap();
    let outside_text: String = html.replace("&lt;img src=x", "");
    assert!(!fetching.is_match(&outside_text), "a reference to fetch");
    assert!(html.contains("Product Manager &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    assert!(html.contains("<mark>Manage four product managers</mark>"));
}

#[test]
fn the_html_report_of_a_large_set_stays_small_with_complete_counts() {
    let dir = TempDir::new("html-large");
    let fixture = std::fs::read_to_string(manifest_dir().join(FIXTURE)).unwrap();
    let records: Vec<&str> = fixture.lines().collect();
    let mut lines = String::new();
    let total = 1400;
    for i in 0..total {
        let mut v: Value = serde_json::from_str(records[i % records.len()]).unwrap();
        v["company"] = Value::from(format!("Company {}", i % 200));
        v["id"] = Value::from(format!("r{i}"));
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    let input = dir.write("large.jsonl", &lines);
    let path = html_report(
        &dir,
        &[&input, "--group-by", "company", "--outliers", "1000"],
    );
    let html = std::fs::read_to_string(path).unwrap();
    assert!(html.len() < 250_000, "{} bytes", html.len());
    assert!(html.contains(&format!("{total} postings")));
    assert_eq!(html.matches("<article class=\"outlier\">").count(), 50);
    assert!(
        html.contains("175 more (1225 postings)"),
        "groups beyond the first 25"
    );
}

/// The Chromium binary, if one is installed.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// The DOM of the page at `path` after headless Chromium loaded it (with `extra` flags), its
/// profile in `dir`; `None` when Chromium is not installed and JDLINT_BROWSER_TESTS does not
/// require it.
fn dom_in_chromium(dir: &TempDir, path: &str, extra: &[&str]) -> Option<String> {
    let required = std::env::var_os("JDLINT_BROWSER_TESTS").is_some();
    let Some(browser) = chromium() else {
        assert!(
            !required,
            "JDLINT_BROWSER_TESTS is set but chromium is not installed"
        );
        eprintln!("skipped: chromium is not installed (.ci/run installs it)");
        return None;
    };
    let profile = dir.path().join("profile");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .args(extra)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{path}"))
        .stdin(Stdio::null())
        .output()
        .expect("cannot run chromium");
    assert!(out.status.success(), "chromium failed: {}", stderr(&out));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_html_report_renders_in_headless_chromium() {
    let dir = TempDir::new("browser");
    let path = html_report(&dir, &[FIXTURE, "--group-by", "company"]);
    let Some(dom) = dom_in_chromium(&dir, &path, &[]) else {
        return;
    };
    // The page rendered: the title, the summary, the charts with the right counts.
    assert!(
        dom.contains("<title>jdlint calibration: 14 postings</title>"),
        "{dom}"
    );
    assert!(dom.contains("62% of 13 postings with a level read at the level their titles claim"));
    assert!(dom.contains("Borealis accounts for most"));
    assert!(dom.contains(r#"data-row="pm" data-col="director" data-count="1""#));
    assert!(dom.contains(r#"data-row="senior" data-col="senior" data-count="2""#));
    assert_eq!(dom.matches("class=\"drift\"").count(), 3);
    assert_eq!(dom.matches("<article class=\"outlier\">").count(), 4);
    // Posting text stayed text: no element came out of it, no script ran.
    assert!(dom.contains("Product Manager &lt;img src=x onerror=alert(1)&gt;"));
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(!dom.contains("<img") && !dom.contains("<script"));
    assert!(!dom.contains("<title>pwned"));
}

/// The report at 700 pixels, in headless Chromium: the page is as wide as the window (nothing
/// scrolls sideways), measured by a page that frames it. Long group names are cut in the chart.
#[test]
fn the_html_report_fits_700_pixels_with_long_group_names() {
    let dir = TempDir::new("browser-700");
    let records: Vec<String> = std::fs::read_to_string(manifest_dir().join(FIXTURE))
        .unwrap()
        .lines()
        .map(|line| {
            line.replace(
                "\"Borealis\"",
                "\"Borealis Interactive Entertainment Holdings International\"",
            )
        })
        .collect();
    let input = dir.write("long-names.jsonl", records.join("\n") + "\n");
    let path = html_report(&dir, &[&input, "--group-by", "company"]);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(
        html.contains("Borealis Interactive …"),
        "the chart cuts the name"
    );
    let frame = dir.write(
        "frame.html",
        format!(
            "<!doctype html><body><iframe id=f src=\"file://{path}\" style=\"width:700px;height:600px;border:0\"></iframe>\
             <script>document.getElementById('f').onload = function () {{\
             var d = document.getElementById('f').contentDocument.documentElement;\
             document.body.setAttribute('data-scroll', d.scrollWidth + '/' + d.clientWidth); }};</script></body>"
        ),
    );
    // The frame reads the report's size: file pages may read each other with this flag.
    let flags = [
        "--allow-file-access-from-files",
        "--virtual-time-budget=3000",
    ];
    let Some(dom) = dom_in_chromium(&dir, &frame, &flags) else {
        return;
    };
    let scroll = dom
        .split("data-scroll=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("the frame was measured: {dom}"));
    let (scroll_width, client_width) = scroll.split_once('/').unwrap();
    assert_eq!(
        scroll_width, client_width,
        "the page scrolls sideways at 700 px"
    );
}
