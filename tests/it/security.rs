//! Hostile input: text that strangers wrote (titles, ids, file names, quoted phrases, a group
//! field) must not forge GitHub workflow commands nor reach a terminal as control sequences. Each
//! case runs through every output format and both streams; every line that opens with `::` must
//! be a command jdlint wrote, and no control character may appear but jdlint's own colour.

use crate::common;

use common::*;
use regex::Regex;
use std::process::Output;

/// What a line opened by jdlint's own command looks like: a known command, known properties
/// whose values hold no `:` or `,` (escaped), then the data.
fn own_command() -> Regex {
    Regex::new(
        r"^::(error|warning|notice) (file|line|col|endLine|endColumn|title)=[^:,]*(,(file|line|col|endLine|endColumn|title)=[^:,]*)*::",
    )
    .unwrap()
}

/// jdlint's own colour: SGR sequences.
fn colour() -> Regex {
    Regex::new("\x1b\\[[0-9;]*m").unwrap()
}

/// Checks that `bytes` (one stream of one run) holds no forged command and no control character
/// but line ends (and, when `coloured`, SGR colour).
fn assert_harmless(what: &str, bytes: &[u8], coloured: bool) {
    let text = String::from_utf8_lossy(bytes);
    let text = if coloured {
        colour().replace_all(&text, "").into_owned()
    } else {
        text.into_owned()
    };
    let own = own_command();
    for line in text.lines() {
        let opened = line.trim_start();
        assert!(
            !opened.starts_with("::") || own.is_match(opened),
            "{what}: a line opens a command jdlint did not write: {line:?}"
        );
        assert!(
            !line.chars().any(char::is_control),
            "{what}: a control character reaches the output: {line:?}"
        );
    }
}

/// Checks both streams of `out`, and that `expected` (an escaped piece of the hostile input)
/// was printed, so that the check above is not vacuous.
fn assert_run_harmless(what: &str, out: &Output, coloured: bool, expected: &str) {
    assert_harmless(&format!("{what} stdout"), &out.stdout, coloured);
    assert_harmless(&format!("{what} stderr"), &out.stderr, false);
    let both = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        both.contains(expected),
        "{what}: expected {expected:?} in the output\n{}",
        describe(out)
    );
}

const FORMATS: [&str; 8] = [
    "human", "brief", "github", "json", "jsonl", "sarif", "gitlab", "junit",
];

/// How text from the input shows in `format`: made visible in the text formats, as a JSON string
/// in the others.
fn shown_in(format: &str, escaped: &str, json: &str) -> String {
    match format {
        "json" | "jsonl" | "sarif" | "gitlab" => json.to_string(),
        _ => escaped.to_string(),
    }
}

/// How a title shows in `format`: `brief`, `github`, `sarif`, `gitlab` and `junit` print none.
fn title_in(format: &str, escaped: &str, json: &str) -> String {
    match format {
        "brief" | "github" | "sarif" | "gitlab" | "junit" => String::new(),
        _ => shown_in(format, escaped, json),
    }
}

#[test]
fn hostile_records_forge_no_command_in_any_format() {
    let dir = TempDir::new("hostile-records");
    let jsonl = dir.join("ats.jsonl");
    let records = [
        serde_json::json!({
            "id": "a\n::error file=README.md,line=1::forged",
            "title": "Rockstar PM\n::add-mask::secret\u{1b}]0;pwned\u{7}\u{9b}2J",
            "text": "What you'll do\n- Manage four product managers \u{1b}[2J\n- jdlint: ignore[x\u{1b}[31m]\n",
        }),
        // A record that cannot be read: its error names the id.
        serde_json::json!({ "id": "b\r\n::stop-commands::tok", "title": 5, "text": "x" }),
    ];
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    for format in FORMATS {
        let out = run(&[
            "--format",
            format,
            "--report-unused-suppressions",
            "--fail-on",
            "never",
            &jsonl,
        ]);
        assert_eq!(code(&out), 2, "{format}: {}", describe(&out));
        // The suppression's rule id, quoted in the unused-suppression warning.
        let expected = shown_in(format, "x\\u{1b}[31m", "x\\u001b[31m");
        assert_run_harmless(format, &out, false, &expected);
        // The unreadable record's id, on stderr in every format.
        assert!(
            stderr(&out).contains("b\\r\\n::stop-commands::tok"),
            "{format}: {}",
            describe(&out)
        );
    }
    let out = run(&[
        "--color",
        "always",
        "--verbose",
        "--fail-on",
        "never",
        &jsonl,
    ]);
    assert_run_harmless("human --color always", &out, true, "\\u{9b}2J");
}

#[test]
fn a_hostile_csv_cell_and_title_flag_forge_no_command() {
    let dir = TempDir::new("hostile-csv");
    let csv = dir.join("ats.csv");
    std::fs::write(
        &csv,
        "title,text\n\"Ninja PM\n::error::csv\",\"What you'll do\n- Manage four product managers\"\n",
    )
    .unwrap();
    let doc = dir.join("a.md");
    std::fs::write(&doc, "Manage four product managers\n").unwrap();
    for format in FORMATS {
        let out = run(&["--format", format, "--fail-on", "never", &csv]);
        let title = title_in(format, "Ninja PM\\n::error::csv", "Ninja PM\\n::error::csv");
        assert_run_harmless(format, &out, false, &title);
        let out = run(&[
            "--format",
            format,
            "--fail-on",
            "never",
            "--title",
            "Ninja\n::error::t\u{1b}[2J",
            &doc,
        ]);
        let title = title_in(
            format,
            "Ninja\\n::error::t\\u{1b}",
            "Ninja\\n::error::t\\u001b",
        );
        assert_run_harmless(format, &out, false, &title);
    }
}

#[cfg(unix)]
#[test]
fn hostile_file_names_forge_no_command_in_any_format() {
    let dir = TempDir::new("hostile-names");
    let names = [
        "a\n::error file=README.md,line=1::forged.md",
        "::warning::leading.md",
        "b\u{1b}]8;;http:x\u{7}link\u{9b}.md",
    ];
    for name in names {
        std::fs::write(
            dir.path().join(name),
            "Rockstar Product Manager\n\nWhat you'll do\n- Manage four product managers\n",
        )
        .unwrap();
    }
    let missing = dir.join("missing\n::error::gone.md");
    let folder = path_str(dir.path());
    for format in FORMATS {
        let out = run(&["--format", format, "--fail-on", "never", &folder, &missing]);
        assert_eq!(code(&out), 2, "{format}: {}", describe(&out));
        assert_run_harmless(format, &out, false, "missing\\n::error::gone.md");
    }
    // Named as it is, the path opens the lines of the human and brief formats.
    for format in ["human", "brief"] {
        let out = run_in(
            dir.path(),
            &[
                "--format",
                format,
                "--fail-on",
                "never",
                "::warning::leading.md",
            ],
        );
        assert_run_harmless(format, &out, false, "\\u{3a}:warning::leading.md");
    }
}

#[test]
fn calibrate_shows_hostile_titles_and_groups_escaped() {
    let dir = TempDir::new("hostile-calibrate");
    let jsonl = dir.join("ats.jsonl");
    let records = [
        serde_json::json!({
            "title": "Product Manager\n::error::t\u{1b}[2J",
            "team": "\n::add-mask::g\u{7}",
            "text": "What you'll do\n- Manage four product managers\n- Set the org's headcount\n- managing managers\n",
        }),
        serde_json::json!({ "id": "c\n::error::e", "text": "no title" }),
    ];
    let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let out = run(&["calibrate", "--group-by", "team", &jsonl]);
    // The group field is trimmed, and so opens the line of its row.
    assert_run_harmless("calibrate", &out, false, "  \\u{3a}:add-mask::g\\u{7}");
    assert_run_harmless("calibrate", &out, false, "Manager\\n::error::t\\u{1b}[2J");
    assert!(
        stderr(&out).contains("c\\n::error::e"),
        "{}",
        describe(&out)
    );
}

#[test]
fn lexicon_why_shows_a_hostile_phrase_and_lexicon_escaped() {
    let dir = TempDir::new("hostile-why");
    dir.write(
        "acme.json",
        serde_json::json!({
            "signals": [{"terms": ["zorblax"], "supports": "level:vp", "weight": 2.0,
                         "source": "acme\u{1b}[2J\n::error::s"}],
            "titles": [{"phrases": ["quux"], "kind": "role", "level": "cpo",
                        "note": "n\u{7}\n::add-mask::x", "source": "acme: t"}],
        })
        .to_string(),
    );
    let lexicon = dir.join("acme.json");
    let phrase = "zorblax\u{1b}[31m\n::error::forged quux";
    let out = run(&[
        "lexicon",
        "why",
        "--no-config",
        "--lexicon",
        &lexicon,
        phrase,
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_run_harmless(
        "why",
        &out,
        false,
        "zorblax\\u{1b}[31m\\n::error::forged quux",
    );
    assert_run_harmless("why", &out, false, "acme\\u{1b}[2J\\n::error::s");
    assert_run_harmless("why", &out, false, "n\\u{7}\\n::add-mask::x");
    let json = run(&[
        "lexicon",
        "why",
        "--format",
        "json",
        "--no-config",
        "--lexicon",
        &lexicon,
        phrase,
    ]);
    assert_run_harmless("why json", &json, false, "acme\\u001b[2J\\n::error::s");
}

#[test]
fn the_output_file_inside_a_walked_folder_is_never_read() {
    let dir = TempDir::new("output-inside");
    for i in 0..3 {
        std::fs::write(
            dir.path().join(format!("p{i}.md")),
            "Product Manager\n\nWhat you'll do\n- Own the roadmap\n",
        )
        .unwrap();
    }
    // Twice: the second run finds the first run's report there already.
    for run in 0..2 {
        let out = run_in(
            dir.path(),
            &[
                "--format",
                "jsonl",
                "-o",
                "results.jsonl",
                "--fail-on",
                "never",
                ".",
            ],
        );
        assert_eq!(code(&out), 0, "run {run}: {}", describe(&out));
        let written = std::fs::read_to_string(dir.path().join("results.jsonl")).unwrap();
        let paths: Vec<String> = written
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["path"].to_string()
            })
            .collect();
        assert_eq!(paths.len(), 3, "run {run}: {paths:?}");
        assert!(
            paths.iter().all(|p| p.contains("/p")),
            "run {run}: {paths:?}"
        );
    }
    // Named as an input, it is an error, and the file is left alone.
    let out = run_in(
        dir.path(),
        &[
            "--format",
            "jsonl",
            "-o",
            "results.jsonl",
            "results.jsonl",
            "p0.md",
        ],
    );
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("is also an input"),
        "{}",
        describe(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("results.jsonl"))
            .unwrap()
            .lines()
            .count(),
        3
    );

    // Named before it exists, it is created empty and never read.
    let out = run_in(
        dir.path(),
        &["--format", "jsonl", "-o", "new.jsonl", "new.jsonl", "p0.md"],
    );
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let written = std::fs::read_to_string(dir.path().join("new.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 2, "{written}");
    assert!(
        written
            .contains("a file jdlint writes (--output, --baseline): it is never read as postings"),
        "{written}"
    );
}

/// A posting every limit test gives alongside the bad input: it must still be analyzed.
const GOOD: &str = "Product Manager\n\nWhat you'll do\n- Manage four product managers\n";

#[cfg(unix)]
#[test]
fn a_fifo_named_as_a_posting_is_refused_without_blocking_the_batch() {
    let dir = TempDir::new("fifo");
    let fifo = dir.join("postings.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let good = dir.join("good.md");
    std::fs::write(&good, GOOD).unwrap();
    // No process ever opens the FIFO for writing: reading it would wait for ever.
    let out = run(&["--format", "jsonl", "--fail-on", "never", &fifo, &good]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let results = parse_jsonl(&out);
    assert_eq!(results.len(), 2, "{}", describe(&out));
    assert_eq!(
        results[0]["error"],
        "not a regular file (a FIFO); pipe it to standard input (`-`) to read it"
    );
    assert_eq!(results[1]["error"], serde_json::Value::Null);
    assert!(stderr(&out).contains("postings.txt: not a regular file (a FIFO)"));
}

#[cfg(unix)]
#[test]
fn configs_and_lexicons_that_are_devices_or_too_large_are_errors() {
    let dir = TempDir::new("config-limits");
    let good = dir.join("good.md");
    std::fs::write(&good, GOOD).unwrap();

    let out = run(&["--config", "/dev/urandom", &good]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert_eq!(
        stderr(&out),
        "jdlint: config error: /dev/urandom: not a regular file (a device)\n"
    );

    // A repository's jdlint.toml naming a lexicon that links to /dev/zero.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    std::fs::write(
        dir.path().join("jdlint.toml"),
        "lexicon = [\"zero.json\"]\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["good.md"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out)
            .contains("zero.json: not a regular file (a device) (named by the config's `lexicon`)"),
        "{}",
        describe(&out)
    );

    let large = dir.join("large.toml");
    let mut text = String::from("# padding\n");
    text.push_str(&"#".repeat(jdlint::config::MAX_CONFIG_BYTES as usize));
    std::fs::write(&large, text).unwrap();
    let out = run(&["--config", &large, &good]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains(&format!(
            "over the {} byte limit",
            jdlint::config::MAX_CONFIG_BYTES
        )),
        "{}",
        describe(&out)
    );
}

#[test]
fn thousands_of_threads_are_capped_with_a_note() {
    let out = run(&[
        "-j",
        "10000",
        "--format",
        "brief",
        "--fail-on",
        "never",
        MISMATCH,
    ]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(
        stderr(&out).starts_with("jdlint: note: -j 10000 is capped at "),
        "{}",
        describe(&out)
    );
    assert!(
        stdout(&out).contains("1 posting checked"),
        "{}",
        describe(&out)
    );
}

const MISMATCH: &str = "fixtures/postings/mismatch-level-pm-title-director-body.txt";

#[test]
fn a_term_said_thousands_of_times_is_a_few_evidence_entries() {
    // Two director entries: one entry said any number of times is one piece of evidence.
    let body = "headcount succession planning ".repeat(2500);
    let record = serde_json::json!({"title": "Director of Product", "text": body});
    let out = run_with_stdin(
        &["--format", "jsonl", "--input-format", "jsonl", "-"],
        format!("{record}\n").as_bytes(),
    );
    let results = parse_jsonl(&out);
    let evidence = results[0]["evidence"].as_array().unwrap();
    assert_eq!(
        evidence.len(),
        2 * jdlint::engine::REPEATS_SHOWN as usize,
        "{evidence:?}"
    );
    assert_eq!(
        results[0]["implied"]["level"],
        "director",
        "{}",
        describe(&out)
    );
}
