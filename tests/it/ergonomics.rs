//! What a user of ruff or ripgrep expects without reading the manual: the inputs jdlint picks
//! when none is named, standard input's name and format, "did you mean", `--files`, and an
//! empty folder that is nothing to fail on. Outputs are snapshots (`tests/it/snapshots/`).

use crate::common;
use common::*;
use std::process::Output;

const PM_CORE: &str = "fixtures/postings/pm-core.txt";

/// Exit code, stdout and stderr, with `dir` written as `[DIR]`.
fn transcript(out: &Output, dir: &std::path::Path) -> String {
    format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        code(out),
        stdout(out),
        stderr(out)
    )
    .replace(&path_str(dir), "[DIR]")
}

#[test]
fn no_path_reads_a_pipe_like_a_dash() {
    let text = std::fs::read(manifest_dir().join(PM_CORE)).unwrap();
    let piped = run_with_stdin(&["--format", "brief"], &text);
    let dashed = run_with_stdin(&["--format", "brief", "-"], &text);
    assert_eq!(code(&piped), 0, "{}", describe(&piped));
    assert_eq!(stdout(&piped), stdout(&dashed));
    assert!(
        stdout(&piped).starts_with("1 posting checked"),
        "{}",
        describe(&piped)
    );
}

#[test]
fn no_path_and_no_pipe_checks_the_current_directory() {
    let tmp = TempDir::new("dot");
    tmp.write(
        "pm.txt",
        std::fs::read(manifest_dir().join(PM_CORE)).unwrap(),
    );
    let batch = std::fs::read(manifest_dir().join("fixtures/batch.jsonl")).unwrap();
    tmp.write("sub/batch.jsonl", batch);
    // Standard input is /dev/null here, a device: nothing is piped.
    let implicit = run_in(tmp.path(), &["--format", "brief"]);
    let explicit = run_in(tmp.path(), &["--format", "brief", "."]);
    assert_eq!(stdout(&implicit), stdout(&explicit));
    assert_eq!(code(&implicit), code(&explicit));
    assert!(
        stdout(&implicit).contains("./sub/batch.jsonl:"),
        "{}",
        describe(&implicit)
    );
}

#[test]
fn an_empty_folder_is_a_note_and_exit_0() {
    let tmp = TempDir::new("empty");
    tmp.write("notes.pdf", "not a posting format");
    let out = run_in(tmp.path(), &[]);
    insta::assert_snapshot!(transcript(&out, tmp.path()));
    let listed = run_in(tmp.path(), &["--files"]);
    insta::assert_snapshot!(transcript(&listed, tmp.path()));
}

#[test]
fn stdin_filename_names_stdin_and_its_extension_its_format() {
    let page = std::fs::read(manifest_dir().join("fixtures/inputs/careers-page.html")).unwrap();
    let named = run_with_stdin(
        &[
            "--format",
            "brief",
            "--stdin-filename",
            "jobs/careers-page.html",
        ],
        &page,
    );
    let file = run(&["--format", "brief", "fixtures/inputs/careers-page.html"]);
    // The same report, under the name given.
    assert_eq!(
        stdout(&named),
        stdout(&file).replace("fixtures/inputs/", "jobs/"),
        "{}",
        describe(&named)
    );
    let listed = run_with_stdin(&["--files", "--stdin-filename", "jobs/a.md"], b"");
    assert_eq!(stdout(&listed), "jobs/a.md\n");
}

#[test]
fn stdin_that_starts_with_a_brace_is_read_as_json_lines_with_a_note() {
    let records = "\n  {\"id\": \"r1\", \"title\": \"Product Manager\", \"text\": \"- Own the roadmap\"}\n\
                   {\"id\": \"r2\", \"title\": \"Senior Product Manager\", \"text\": \"- Mentor PMs\"}\n";
    let out = run_with_stdin(
        &["--format", "brief", "--fail-on", "never"],
        records.as_bytes(),
    );
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    // Told the format, jdlint guesses nothing and says nothing.
    let told = run_with_stdin(
        &["--format", "brief", "--input-format", "text"],
        records.as_bytes(),
    );
    assert!(!stderr(&told).contains("note"), "{}", describe(&told));
    assert!(stdout(&told).starts_with("-:"), "{}", describe(&told));
    // A posting that starts with text stays one posting.
    let text = run_with_stdin(&["--format", "jsonl"], b"Product Manager\n{braces} later\n");
    assert_eq!(parse_jsonl(&text).len(), 1);
    assert!(!stderr(&text).contains("note"), "{}", describe(&text));
}

#[test]
fn a_mistyped_subcommand_gets_a_suggestion() {
    let out = run(&["rulse"]);
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    // A word that is a file is a file, and a word like no subcommand is a missing file.
    let missing = run(&["--format", "brief", "no-such-posting.txt"]);
    assert_eq!(code(&missing), 2);
    assert!(
        !stderr(&missing).contains("did you mean"),
        "{}",
        describe(&missing)
    );
}

#[test]
fn files_lists_what_would_be_checked_and_checks_nothing() {
    let tmp = TempDir::new("files");
    tmp.write("a.md", "Product Manager\n");
    tmp.write("sub/b.jsonl", "{}\n");
    tmp.write("sub/c.pdf", "skipped");
    tmp.write(".hidden/d.txt", "skipped");
    tmp.write("e\u{1b}[31m.txt", "a stranger's file name");
    let out = run_in(tmp.path(), &["--files", ".", "x.txt"]);
    insta::assert_snapshot!(transcript(&out, tmp.path()));
}

// ---------------------------------------------------------------------------------------------
// Output people can scan

const MISMATCH: &str = "fixtures/postings/mismatch-level-pm-title-director-body.txt";

#[test]
fn the_human_format_shows_only_postings_with_findings_unless_verbose() {
    let args = ["--color", "never", PM_CORE, MISMATCH];
    let default = run(&args);
    insta::assert_snapshot!(transcript(&default, manifest_dir()));
    let verbose = run(&[&args[..], &["--verbose"]].concat());
    let shown = stdout(&verbose);
    assert!(
        shown.contains(&format!("{PM_CORE}: Product Manager")),
        "{shown}"
    );
    assert!(
        shown.matches("evidence, strongest first").count() == 2,
        "{shown}"
    );
    let evidence = run(&[&args[..], &["--show-evidence", "--evidence", "2"]].concat());
    let shown = stdout(&evidence);
    assert!(!shown.contains(PM_CORE), "{shown}");
    assert_eq!(
        shown.matches("evidence, strongest first").count(),
        1,
        "{shown}"
    );
}

#[test]
fn quiet_prints_the_diagnostics_and_nothing_else() {
    let human = run(&["-q", "--color", "never", PM_CORE, MISMATCH]);
    insta::assert_snapshot!(transcript(&human, manifest_dir()));
    let brief = run(&["-q", "--format", "brief", PM_CORE, MISMATCH]);
    assert_eq!(code(&brief), 1);
    assert!(
        stdout(&brief).lines().all(|l| l.starts_with(MISMATCH)),
        "{}",
        describe(&brief)
    );
}

#[test]
fn statistics_count_diagnostics_per_rule_and_severity() {
    let out = run(&["--statistics", "fixtures/rules", "fixtures/postings"]);
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    // The counts are the diagnostics' own.
    let jsonl = parse_jsonl(&run(&[
        "--format",
        "jsonl",
        "fixtures/rules",
        "fixtures/postings",
    ]));
    let total: usize = jsonl
        .iter()
        .map(|p| p["diagnostics"].as_array().map_or(0, Vec::len))
        .sum();
    let counted: usize = stdout(&out)
        .lines()
        .take_while(|l| !l.contains("postings checked"))
        .map(|l| {
            l.split_whitespace()
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(counted, total);
    let with_format = run(&["--statistics", "--format", "json", PM_CORE]);
    assert_eq!(code(&with_format), 2, "{}", describe(&with_format));
}

#[test]
fn evidence_columns_stay_aligned_past_column_999() {
    let tmp = TempDir::new("wide");
    let filler = "We value clear writing. ".repeat(50);
    let posting = format!(
        "Product Manager\n\nWhat you will do\n- Own the roadmap and {filler} run A/B tests on the funnel\n- 3+ years of product management experience\n"
    );
    let path = tmp.write("wide.txt", posting);
    let out = run(&["--verbose", "--color", "never", &path]);
    let text = stdout(&out);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("    ") && l.contains('"'))
        .collect();
    assert!(rows.len() >= 3, "{}", describe(&out));
    assert!(rows.iter().any(|r| r.contains(":1")), "{rows:#?}");
    // Each column starts at the same place on every row.
    let starts = |row: &str| row.find("  ").unwrap();
    let weights = |row: &str| row.find('"').unwrap();
    for row in &rows {
        assert_eq!(starts(row), starts(rows[0]), "{rows:#?}");
        assert_eq!(weights(row), weights(rows[0]), "{rows:#?}");
    }
}

#[test]
fn the_progress_bar_is_gone_before_the_summary() {
    // stdout and stderr into one file, as a terminal shows them.
    let tmp = TempDir::new("progress");
    let log = tmp.path().join("log");
    let file = std::fs::File::create(&log).unwrap();
    let status = jdlint()
        .args([
            "--progress",
            "always",
            "--color",
            "never",
            PM_CORE,
            MISMATCH,
        ])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let text = String::from_utf8(std::fs::read(&log).unwrap()).unwrap();
    let summary = text.find("2 postings checked").expect("a summary");
    // Whatever the bar drew and cleared comes before the summary, which ends the output.
    assert!(!text[summary..].contains("postings  "), "{text:?}");
    assert!(!text[summary..].contains('\u{1b}'), "{text:?}");
    assert!(
        text.ends_with("implied levels: pm 1, director 1\n"),
        "{text:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// No silent mistakes

const CALIBRATE: &str = "fixtures/calibrate/postings.jsonl";

#[test]
fn an_unknown_group_by_or_labels_field_is_an_error_naming_the_fields_seen() {
    let out = run(&["calibrate", CALIBRATE, "--group-by", "compnay"]);
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    let labels = run(&["calibrate", CALIBRATE, "--labels", "levle"]);
    assert_eq!(code(&labels), 2);
    assert!(
        stderr(&labels).contains("did you mean `level`?"),
        "{}",
        describe(&labels)
    );
    // `folder` and the fields a record has are fine.
    for args in [["--group-by", "folder"], ["--group-by", "company"]] {
        let ok = run(&[&["calibrate", CALIBRATE][..], &args[..]].concat());
        assert_eq!(code(&ok), 0, "{}", describe(&ok));
    }
}

#[test]
fn fit_needs_labels_and_labels_title_asks_for_the_titles() {
    let tmp = TempDir::new("fit-labels");
    let overlay = tmp.join("fitted.json");
    let out = run(&["calibrate", CALIBRATE, "--fit", &overlay]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("--labels"), "{}", describe(&out));
    assert!(!std::path::Path::new(&overlay).exists());
    let titles = run(&[
        "calibrate",
        CALIBRATE,
        "--labels",
        "title",
        "--fit",
        &overlay,
        "--folds",
        "2",
    ]);
    assert!(
        std::path::Path::new(&overlay).exists(),
        "{}",
        describe(&titles)
    );
    // One title names no level ("Product Ninja"): that record is an error, the rest are fitted.
    assert_eq!(code(&titles), 2, "{}", describe(&titles));
    assert_eq!(stderr(&titles).lines().count(), 1, "{}", describe(&titles));
}

#[test]
fn a_misspelled_field_gets_a_suggestion() {
    let tmp = TempDir::new("field-typo");
    let jsonl = tmp.write(
        "ats.jsonl",
        "{\"job_title\": \"Product Manager\", \"text\": \"- Own the roadmap\"}\n",
    );
    let out = run(&["--format", "brief", "--title-field", "job_titel", &jsonl]);
    insta::assert_snapshot!(transcript(&out, tmp.path()));
}

#[test]
fn an_unknown_rule_id_in_a_suppression_is_a_warning_and_markers_leave_the_title() {
    let tmp = TempDir::new("suppress-typo");
    let path = tmp.write(
        "ninja.md",
        "# Product Ninja <!-- jdlint-disable hype-job-title -->\n\nWhat you'll do\n\
         - Own the roadmap jdlint: ignore[vauge-title]\n- 2-4 years of product management experience\n",
    );
    let out = run(&["--format", "brief", &path]);
    insta::assert_snapshot!(transcript(&out, tmp.path()));
    let out = run(&["--format", "jsonl", &path]);
    assert_eq!(parse_jsonl(&out)[0]["title"], "Product Ninja");
    let rules = rule_ids(&out);
    // The marker on the title line still suppresses.
    assert!(!rules.contains(&"hype-job-title".to_string()), "{rules:?}");
    assert!(
        rules.contains(&"unknown-suppressed-rule".to_string()),
        "{rules:?}"
    );
}

#[test]
fn a_records_other_fields_are_kept_in_the_json_output() {
    let out = run(&["--format", "jsonl", "fixtures/inputs/export.csv"]);
    let lines = parse_jsonl(&out);
    let fields = &lines[0]["fields"];
    assert_eq!(fields["id"], "ats-101", "{fields}");
    assert!(
        fields.get("text").is_none(),
        "the text is not repeated: {fields}"
    );
    assert!(fields.as_object().unwrap().len() > 2, "{fields}");
    let document = parse_jsonl(&run(&["--format", "jsonl", PM_CORE]));
    assert_eq!(document[0]["fields"], serde_json::json!({}));
}

// ---------------------------------------------------------------------------------------------
// Adopting jdlint in an existing repository

#[test]
fn a_baseline_accepts_todays_findings_and_fails_only_on_new_ones() {
    let tmp = TempDir::new("baseline");
    let mismatch = std::fs::read_to_string(manifest_dir().join(MISMATCH)).unwrap();
    tmp.write("postings/director.md", &mismatch);
    let written = run_in(
        tmp.path(),
        &[
            "--baseline",
            ".jdlint-baseline.json",
            "--write-baseline",
            "-q",
        ],
    );
    assert_eq!(code(&written), 0, "{}", describe(&written));
    let baseline = std::fs::read_to_string(tmp.path().join(".jdlint-baseline.json")).unwrap();
    insta::assert_snapshot!("baseline_file", baseline);

    // Lines added above every finding: nothing is new.
    tmp.write("postings/director.md", format!("\n\n{mismatch}"));
    let same = run_in(
        tmp.path(),
        &["--baseline", ".jdlint-baseline.json", "--format", "brief"],
    );
    insta::assert_snapshot!("baseline_moved_lines", transcript(&same, tmp.path()));

    // A new posting's findings are new, and fail the run.
    tmp.write(
        "postings/ninja.md",
        "Product Ninja\n\nWhat you'll do\n- Own the roadmap\n",
    );
    let new = run_in(
        tmp.path(),
        &[
            "--baseline",
            ".jdlint-baseline.json",
            "--format",
            "brief",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(code(&new), 1, "{}", describe(&new));
    assert!(
        stdout(&new).lines().all(|l| !l.contains("director.md")),
        "{}",
        describe(&new)
    );

    // A broken baseline is an error naming the file and the place.
    tmp.write(
        ".jdlint-baseline.json",
        "{\"version\": 1, \"findings\": [\n  {\"rule\": 3}\n]}",
    );
    let broken = run_in(tmp.path(), &["--baseline", ".jdlint-baseline.json"]);
    assert_eq!(code(&broken), 2, "{}", describe(&broken));
    assert!(
        stderr(&broken).contains("baseline .jdlint-baseline.json: invalid type")
            && stderr(&broken).contains("line 2"),
        "{}",
        describe(&broken)
    );
}

#[test]
fn gitlab_code_quality_issues_have_the_fields_gitlab_reads_and_stable_fingerprints() {
    let args = ["--format", "gitlab", MISMATCH, "fixtures/batch.jsonl"];
    let out = run(&args);
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    let issues: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    for issue in &issues {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[field].is_string(), "{field}: {issue}");
        }
        assert!(issue["location"]["path"].is_string(), "{issue}");
        assert!(issue["location"]["lines"]["begin"].is_u64(), "{issue}");
    }
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(
        fingerprints.len(),
        issues.len(),
        "each issue its own fingerprint"
    );

    // Moved lines keep their fingerprints: GitLab does not see them as new.
    let tmp = TempDir::new("gitlab");
    let text = std::fs::read_to_string(manifest_dir().join(MISMATCH)).unwrap();
    let a = tmp.write("a.md", &text);
    let before = run_in(tmp.path(), &["--format", "gitlab", &a]);
    tmp.write("a.md", format!("\n\n{text}"));
    let after = run_in(tmp.path(), &["--format", "gitlab", &a]);
    let prints = |out: &Output| -> Vec<String> {
        let issues: Vec<serde_json::Value> = serde_json::from_str(&stdout(out)).unwrap();
        issues
            .iter()
            .map(|i| i["fingerprint"].to_string())
            .collect()
    };
    assert_eq!(prints(&before), prints(&after));
}

#[test]
fn junit_has_a_suite_per_posting_and_a_failing_case_per_diagnostic() {
    let out = run(&[
        "--format",
        "junit",
        MISMATCH,
        PM_CORE,
        "fixtures/batch.jsonl",
    ]);
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    let xml = stdout(&out);
    assert_eq!(
        xml.matches("<testsuite ").count(),
        xml.matches("</testsuite>").count()
    );
    assert_eq!(xml.matches("<failure ").count(), 3);
    assert_eq!(xml.matches("<error ").count(), 1);
}

#[test]
fn another_jobs_title_is_info_so_a_mixed_repository_passes_fail_on_warning() {
    let tmp = TempDir::new("mixed");
    let analyst = tmp.write(
        "analyst.md",
        "Senior Data Analyst\n\nWhat you'll do\n- Build dashboards in SQL\n\nRequirements\n- 3+ years of analytics experience\n",
    );
    let ninja = tmp.write(
        "ninja.md",
        "Product Ninja\n\nWhat you'll do\n- Own the roadmap\n",
    );
    let out = run(&[
        "--format",
        "brief",
        "--select",
        "role",
        "--fail-on",
        "warning",
        &analyst,
    ]);
    insta::assert_snapshot!(transcript(&out, tmp.path()));
    assert_eq!(code(&out), 0);
    // A title that names no job at all is still a warning: a PM posting with a title to fix.
    let vague = run(&[
        "--format",
        "brief",
        "--select",
        "unrecognized-title",
        "--fail-on",
        "warning",
        &ninja,
    ]);
    assert_eq!(code(&vague), 1, "{}", describe(&vague));
    // A configured severity wins over the rule's own choice.
    let toml = tmp.write(
        "jdlint.toml",
        "[severity]\nunrecognized-title = \"error\"\n",
    );
    let configured = run(&[
        "--config", &toml, "--format", "brief", "--select", "role", &analyst,
    ]);
    assert_eq!(code(&configured), 1, "{}", describe(&configured));
}

// ---------------------------------------------------------------------------------------------
// Installing, and what a clone documents

#[test]
fn completions_cover_every_shell_and_the_new_flags() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}: {}", describe(&out));
        let script = stdout(&out);
        for word in ["stdin-filename", "baseline", "calibrate", "completions"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    // Where bash is, the script parses.
    let script = stdout(&run(&["completions", "bash"]));
    let tmp = TempDir::new("completions");
    let path = tmp.write("jdlint.bash", script);
    if let Ok(status) = std::process::Command::new("bash")
        .args(["-n", &path])
        .status()
    {
        assert!(status.success(), "bash -n {path}");
    }
}

#[test]
fn the_man_page_documents_the_command_and_each_subcommand() {
    let out = run(&["man"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH jdlint 1"), "{page}");
    for section in ["JDLINT CALIBRATE", "JDLINT RULES", "JDLINT COMPLETIONS"] {
        assert!(page.contains(&format!(".SH \"{section}\"")), "{section}");
    }
    let help = stdout(&run(&["--help"]));
    let flags: Vec<&str> = help
        .split_whitespace()
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| w.trim_end_matches([',', '.', '`']))
        .collect();
    assert!(flags.len() > 20, "{help}");
    for flag in flags {
        // roff writes a hyphen as `\-`.
        assert!(
            page.contains(&flag.replace('-', "\\-")),
            "the man page lacks {flag}"
        );
    }
    assert!(
        page.contains("\\-\\-group\\-by"),
        "calibrate's own flags are there too"
    );
}

/// The fenced `sh` blocks of the README's section `heading`, each a list of its lines.
fn readme_commands(heading: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let start = readme.find(heading).expect("the README has the section");
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .split("```sh\n")
        .skip(1)
        .map(|block| block[..block.find("```").unwrap()].trim().to_string())
        .collect()
}

#[test]
fn the_readme_sets_up_with_two_commands_and_ci_runs_the_same_test_command() {
    let commands = readme_commands("## Set up on a fresh machine");
    assert_eq!(commands.len(), 2, "{commands:#?}");
    assert!(
        commands.iter().all(|c| !c.contains('\n')),
        "one command each: {commands:#?}"
    );
    assert!(commands[0].starts_with("cargo install --locked --path . && jdlint fixtures/"));
    let fixture = commands[0].rsplit(' ').next().unwrap();
    assert!(manifest_dir().join(fixture).is_file(), "{fixture}");
    let ci = std::fs::read_to_string(manifest_dir().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|line| line.trim() == commands[1]),
        ".ci/run runs `{}`",
        commands[1]
    );
    // The fixture does exit 1, as the README says.
    assert_eq!(code(&run(&[fixture])), 1);
}

#[test]
fn the_json_contract_in_docs_names_every_field_the_output_has() {
    let doc = std::fs::read_to_string(manifest_dir().join("docs/json-output.md")).unwrap();
    let out = run(&[
        "--format",
        "json",
        "fixtures/postings",
        "fixtures/inputs",
        "fixtures/batch.jsonl",
    ]);
    let document: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut missing = Vec::new();
    undocumented(&document, &doc, &mut missing);
    assert!(
        missing.is_empty(),
        "docs/json-output.md does not name: {missing:?}"
    );
}

/// The keys of `value`, at any depth, that `doc` does not name as `` `key` `` or `` `a.key` ``;
/// the keys of maps keyed by data (level ids, record fields) are not fields.
fn undocumented(value: &serde_json::Value, doc: &str, missing: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let named = doc.contains(&format!("`{key}`")) || doc.contains(&format!(".{key}`"));
                if !named && !missing.contains(key) {
                    missing.push(key.clone());
                }
                let keyed_by_data = [
                    "fields",
                    "level_scores",
                    "specialization_scores",
                    "implied_levels",
                    "diagnostics",
                ]
                .contains(&key.as_str())
                    && inner.is_object();
                if !keyed_by_data {
                    undocumented(inner, doc, missing);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| undocumented(i, doc, missing)),
        _ => {}
    }
}

#[test]
fn the_seed_articles_are_named_in_docs_and_by_jdlint_rule() {
    let doc = std::fs::read_to_string(manifest_dir().join("docs/seeds.md")).unwrap();
    for (number, title) in jdlint::seeds::SEEDS {
        assert!(doc.contains(&format!("| {number} | {title} |")), "{number}");
    }
    let explained = stdout(&run(&["rule", "unrecognized-title"]));
    assert!(explained.contains("\"Product Roles\""), "{explained}");
    assert!(!explained.contains("\n- 001:"), "{explained}");
}

#[test]
fn the_documented_workflow_uses_the_action_which_installs_from_its_own_source_with_a_cache() {
    let workflow = std::fs::read_to_string(manifest_dir().join("docs/github-actions.yml")).unwrap();
    assert!(workflow.contains("uses: jdlint/jdlint@"), "{workflow}");
    // The crate is not published, and a glob of one folder's Markdown misses the rest.
    assert!(
        !workflow.contains("cargo install --locked jdlint"),
        "{workflow}"
    );
    assert!(!workflow.contains("*.md"), "{workflow}");
    let action = std::fs::read_to_string(manifest_dir().join("action.yml")).unwrap();
    for needed in [
        "using: composite",
        "uses: actions/cache@",
        "cargo install --locked --path \"$GITHUB_ACTION_PATH\"",
        "github/codeql-action/upload-sarif@",
        "jdlint --format \"$JDLINT_FORMAT\" \"${args[@]}\" < /dev/null",
    ] {
        assert!(action.contains(needed), "action.yml lacks {needed}");
    }
    // The user's arguments never stand in a script's text, where they would run.
    for line in action.lines().filter(|l| l.contains("run:")) {
        assert!(!line.contains("${{ inputs."), "{line}");
    }
}

// ---------------------------------------------------------------------------------------------
// HTML: which element is the title

const LOGO_PAGE: &str = "fixtures/inputs/logo-heading.html";

#[test]
fn html_title_chooses_the_title_element_and_a_miss_is_an_error() {
    let title = |args: &[&str]| {
        let out = run(&[&["--format", "jsonl"], args, &[LOGO_PAGE]].concat());
        parse_jsonl(&out)[0].clone()
    };
    // By default the logo <h1> gives way to the job's heading, which <title> names too.
    assert_eq!(title(&[])["title"], "Staff Product Manager, Payments");
    assert_eq!(title(&["--html-title", "h1.logo"])["title"], "Quillmark");
    assert_eq!(
        title(&["--html-title", ".job-title"])["title"],
        "Staff Product Manager, Payments"
    );
    assert_eq!(
        title(&["--html-title", "title"])["title"],
        "Staff Product Manager, Payments | Quillmark"
    );
    let missing = run(&["--format", "brief", "--html-title", "h5", LOGO_PAGE]);
    insta::assert_snapshot!(transcript(&missing, manifest_dir()));
    let invalid = run(&["--html-title", "h2 > p", LOGO_PAGE]);
    assert_eq!(code(&invalid), 2);
    assert!(
        stderr(&invalid).contains("invalid --html-title"),
        "{}",
        describe(&invalid)
    );
}

#[test]
fn lexicon_terms_say_what_each_term_supports_and_where_it_comes_from() {
    let out = run(&["lexicon", "terms", "--format", "tsv"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("term\tsupports\tweight\tsource\tfile"));
    // Why "P&L" moves a posting toward VP: its row says so, with the seed section it cites.
    let pl = lines
        .find(|l| l.starts_with("p&l\t"))
        .expect("a row for p&l");
    let cells: Vec<&str> = pl.split('\t').collect();
    assert_eq!(cells.len(), 5, "{pl}");
    assert!(cells[1].starts_with("level:"), "{pl}");
    assert!(cells[2].parse::<f64>().unwrap() > 0.0, "{pl}");
    assert!(cells[4].ends_with(".json"), "{pl}");
    // JSON has a row for every term the text format lists, in the same order.
    let json = run(&["lexicon", "terms", "--format", "json"]);
    let terms: Vec<String> = parse_jsonl(&json)
        .iter()
        .map(|row| row["term"].as_str().unwrap().to_string())
        .collect();
    let plain: Vec<String> = stdout(&run(&["lexicon", "terms"]))
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(terms, plain);
}

/// One phrase with each kind of entry: a negated manager phrase, a level signal, a frame, a
/// years band, a pattern and title phrases.
const WHY_PHRASE: &str = "no direct reports; P&L, hiring and coaching designers, \
                          8+ years of experience, reports to the CEO as a Senior PM";

#[test]
fn lexicon_why_says_which_section_a_heading_opens() {
    let out = run(&[
        "lexicon",
        "why",
        "--no-config",
        "Why you'll love working here",
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    // Perks run on from it: the text after it counts for nothing.
    assert!(
        stdout(&out).contains("a heading: what follows is benefits, where evidence weighs 0.00"),
        "{}",
        describe(&out)
    );
}

#[test]
fn lexicon_why_says_what_each_entry_a_phrase_matches_counts_for() {
    let out = run(&["lexicon", "why", "--no-config", WHY_PHRASE]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    // Why "P&L" made a posting a VP, in one line of it.
    assert!(
        stdout(&out).contains("  \"P&L\" (signal)\n      counts  level:vp, weight 2.00\n"),
        "{}",
        describe(&out)
    );
    // Words given apart are one phrase.
    let words = run(&["lexicon", "why", "--no-config", "no", "direct", "reports"]);
    let quoted = run(&["lexicon", "why", "--no-config", "no direct reports"]);
    assert_eq!(stdout(&words), stdout(&quoted));
    assert!(stdout(&words).contains("track:ic, weight 2.50 (negated track:manager)"));

    // JSON holds the same entries, in the same order, with what they count for.
    let json = run(&[
        "lexicon",
        "why",
        "--no-config",
        "--format",
        "json",
        WHY_PHRASE,
    ]);
    assert_eq!(code(&json), 0, "{}", describe(&json));
    let document: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(document["phrase"], WHY_PHRASE);
    let matches = document["matches"].as_array().unwrap();
    let human = stdout(&out);
    let human_texts: Vec<&str> = human
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .map(|l| &l[..l.rfind("\" (").unwrap()])
        .collect();
    let json_texts: Vec<&str> = matches
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(human_texts, json_texts);
    let kinds: Vec<&str> = matches
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    for kind in ["signal", "frame", "years", "pattern", "title"] {
        assert!(kinds.contains(&kind), "no {kind}: {kinds:?}");
    }
    let reports = &matches[0];
    assert_eq!(reports["text"], "direct reports");
    assert_eq!(reports["supports"], "track:manager");
    assert_eq!(reports["counts_for"], "track:ic");
    assert_eq!(reports["negated"], true);
    assert_eq!(reports["file"], "tracks.json");
    // A title mention in a body is no evidence: "Senior PM" is two title phrases, no signal.
    let senior = matches.iter().find(|m| m["text"] == "Senior").unwrap();
    assert_eq!(senior["kind"], "title");
    assert_eq!(senior["level"], "senior");

    let none = run(&["lexicon", "why", "--no-config", "zorblax"]);
    assert_eq!(code(&none), 0, "{}", describe(&none));
    assert_eq!(stdout(&none), "\"zorblax\": no lexicon entry\n");
    let none = run(&[
        "lexicon",
        "why",
        "--format",
        "json",
        "--no-config",
        "zorblax",
    ]);
    assert_eq!(stdout(&none), "{\"phrase\":\"zorblax\",\"matches\":[]}\n");
}

#[test]
fn lexicon_why_reads_the_config_lexicon_ladder_and_overlay_as_linting_does() {
    let tmp = TempDir::new("why-config");
    tmp.write(
        "acme/ladder.json",
        r#"{"signals":[{"terms":["run the squad"],"supports":"track:manager","weight":1.5,"source":"acme: our ladder"}]}"#,
    );
    tmp.write(
        "jdlint.toml",
        "lexicon = [\"acme\"]\n\n[ladder]\n\"L6\" = \"senior\"\n",
    );
    let out = run_in(tmp.path(), &["lexicon", "why", "L6 ran the squad"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    insta::assert_snapshot!(transcript(&out, tmp.path()));
    let text = stdout(&out);
    assert!(text.contains("  \"L6\" (title)\n"), "{text}");
    assert!(text.contains("jdlint.toml: ladder.\"L6\""), "{text}");
    assert!(
        text.contains("  \"ran the squad\" (signal)\n      counts  track:manager, weight 1.50\n"),
        "{text}"
    );
    assert!(text.contains("      source  acme: our ladder\n"), "{text}");
    // Without the config, neither is there; with --lexicon, the overlay is.
    let bare = run_in(
        tmp.path(),
        &["lexicon", "why", "--no-config", "L6 ran the squad"],
    );
    assert_eq!(
        stdout(&bare),
        "\"L6 ran the squad\": no lexicon entry\n",
        "{}",
        describe(&bare)
    );
    let flag = run_in(
        tmp.path(),
        &[
            "lexicon",
            "why",
            "--no-config",
            "--lexicon",
            "acme/ladder.json",
            "ran the squad",
        ],
    );
    assert!(
        stdout(&flag).contains("acme/ladder.json: signals[0]"),
        "{}",
        describe(&flag)
    );
    // A broken lexicon is an error naming it, exit 2.
    tmp.write("acme/broken.json", "{");
    let broken = run_in(tmp.path(), &["lexicon", "why", "P&L"]);
    assert_eq!(code(&broken), 2, "{}", describe(&broken));
    assert!(
        stderr(&broken).contains("broken.json"),
        "{}",
        describe(&broken)
    );
}

#[test]
fn lexicon_takes_a_file_as_the_config_does() {
    let tmp = TempDir::new("lexicon-file");
    let file = tmp.write(
        "acme/acme.json",
        r#"{"signals":[{"terms":["zorblax"],"supports":"level:cpo","weight":3.0,"source":"003: test"}]}"#,
    );
    let posting = tmp.write(
        "p.md",
        "Product Manager\n\nWhat you will do\n- Own the Zorblax roadmap\n",
    );
    let supports = |lexicon: &str| {
        let out = run(&["--format", "jsonl", "--lexicon", lexicon, &posting]);
        assert_ne!(code(&out), 2, "{}", describe(&out));
        parse_jsonl(&out)[0]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["text"] == "Zorblax")
            .map(|e| e["supports"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(supports(&file), ["level:cpo"]);
    assert_eq!(supports(&file), supports(&tmp.join("acme")));
    let missing = run(&["--lexicon", &tmp.join("acme/none.json"), &posting]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("(named by --lexicon)"),
        "{}",
        describe(&missing)
    );
}

// A renamed rule: `sexualised-language` is now `sexualized-language`.

const SEXY: &str = "Senior Product Manager\n\nHelp us build the sexiest checkout on the web.\n";

#[test]
fn a_former_rule_id_on_the_command_line_selects_the_renamed_rule_with_one_warning() {
    let tmp = TempDir::new("former-id-flag");
    let path = tmp.write("sexy.md", SEXY);
    let out = run(&[
        "--select",
        "sexualised-language,sexualised-language",
        "--format",
        "jsonl",
        &path,
    ]);
    assert_eq!(
        rule_ids(&out),
        ["sexualized-language"],
        "{}",
        describe(&out)
    );
    assert_eq!(
        stderr(&out),
        "jdlint: warning: --select: `sexualised-language` is the former id of \
         `sexualized-language`; it still works, but write `sexualized-language`\n"
    );
    // The id it has now gives no warning.
    let out = run(&[
        "--select",
        "sexualized-language",
        "--format",
        "jsonl",
        &path,
    ]);
    assert_eq!(
        rule_ids(&out),
        ["sexualized-language"],
        "{}",
        describe(&out)
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_former_rule_id_in_a_config_file_names_the_renamed_rule_and_its_line() {
    let tmp = TempDir::new("former-id-config");
    tmp.write("sexy.md", SEXY);
    tmp.write(
        "jdlint.toml",
        "select = [\"wording\"]\n\n[severity]\nsexualised-language = \"error\"\n",
    );
    let out = run_in(tmp.path(), &["--format", "brief", "sexy.md"]);
    insta::assert_snapshot!(transcript(&out, tmp.path()));
    assert_eq!(
        code(&out),
        1,
        "the error severity applies: {}",
        describe(&out)
    );

    tmp.write("jdlint.toml", "ignore = [\"sexualised-language\"]\n");
    let out = run_in(tmp.path(), &["--format", "jsonl", "sexy.md"]);
    assert!(
        !rule_ids(&out).contains(&"sexualized-language".to_string()),
        "{}",
        describe(&out)
    );
    assert!(
        stderr(&out).contains("jdlint.toml:1: `ignore`: `sexualised-language` is the former id"),
        "{}",
        describe(&out)
    );
}

#[test]
fn a_suppression_naming_a_former_rule_id_still_suppresses_and_says_the_new_id() {
    let tmp = TempDir::new("former-id-suppression");
    let marked = |id: &str| {
        let posting = format!(
            "Senior Product Manager\n\nHelp us build the sexiest checkout. jdlint: ignore[{id}]\n"
        );
        tmp.write("sexy.md", &posting)
    };
    let path = marked("sexualised-language");
    let out = run(&["--format", "brief", &path]);
    insta::assert_snapshot!(transcript(&out, tmp.path()));
    let rules = rule_ids(&run(&["--format", "jsonl", &path]));
    assert!(
        !rules.contains(&"sexualized-language".to_string()),
        "{rules:?}"
    );
    assert!(rules.contains(&"former-rule-id".to_string()), "{rules:?}");
    assert!(
        !rules.contains(&"unknown-suppressed-rule".to_string()),
        "{rules:?}"
    );
    // With the id it has now, nothing is said about the marker.
    let path = marked("sexualized-language");
    let rules = rule_ids(&run(&["--format", "jsonl", &path]));
    assert!(
        !rules.contains(&"sexualized-language".to_string()),
        "{rules:?}"
    );
    assert!(!rules.contains(&"former-rule-id".to_string()), "{rules:?}");
}

#[test]
fn a_baseline_recorded_under_a_former_rule_id_still_accepts_its_finding() {
    let tmp = TempDir::new("former-id-baseline");
    tmp.write("sexy.md", SEXY);
    let fresh = run_in(tmp.path(), &["--format", "jsonl", "sexy.md"]);
    assert!(rule_ids(&fresh).contains(&"sexualized-language".to_string()));
    tmp.write(
        "old-baseline.json",
        "{\"version\": 1, \"findings\": [{\"rule\": \"sexualised-language\", \"posting\": \
         \"sexy.md\", \"text\": \"sexiest\"}]}\n",
    );
    let out = run_in(
        tmp.path(),
        &[
            "--baseline",
            "old-baseline.json",
            "--format",
            "jsonl",
            "sexy.md",
        ],
    );
    assert!(
        !rule_ids(&out).contains(&"sexualized-language".to_string()),
        "{}",
        describe(&out)
    );
}

#[test]
fn the_rule_command_explains_a_renamed_rule_by_its_former_id() {
    let out = run(&["rule", "sexualised-language"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.starts_with("# sexualized-language\n"), "{text}");
    assert!(
        text.contains("Formerly: `sexualised-language` (still accepted, with a warning)"),
        "{text}"
    );
    assert!(stderr(&out).contains("is the former id of `sexualized-language`"));
}
