//! Black-box tests of the `jdlint` binary: arguments, exit codes, the JSON output contract of
//! DOMAIN.md, input errors, the human format and the lexicon overlay. Outputs are parsed into
//! `serde_json::Value` and checked field by field, so that adding a field never breaks a test.

use crate::common;
use common::*;

use serde_json::Value;
use std::process::{Output, Stdio};

use crate::common::LEVELS;
const TRACKS: [&str; 2] = ["ic", "manager"];
const SPECIALIZATIONS: [&str; 8] = [
    "core",
    "platform",
    "technical",
    "growth",
    "data",
    "ai-ml",
    "zero-to-one",
    "domain",
];
const MISMATCH_FIXTURE: &str = "fixtures/postings/mismatch-level-pm-title-director-body.txt";

// ---------------------------------------------------------------------------------------------
// Helpers

fn parse_json(out: &Output) -> Value {
    serde_json::from_str(&stdout(out))
        .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{}", describe(out)))
}

/// `obj[key]`, failing when the key is missing (a `null` value is present, not missing).
fn field<'a>(obj: &'a Value, key: &str) -> &'a Value {
    obj.as_object()
        .unwrap_or_else(|| panic!("not an object (looking for `{key}`): {obj}"))
        .get(key)
        .unwrap_or_else(|| panic!("key `{key}` is missing from {obj}"))
}

/// Follows a dotted path of keys, each of which must be present.
fn at<'a>(obj: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(obj, field)
}

fn has_error_diagnostic(posting: &Value) -> bool {
    field(posting, "diagnostics")
        .as_array()
        .unwrap()
        .iter()
        .any(|d| field(d, "severity") == "error")
}

fn has_diagnostic(posting: &Value, rule: &str, severity: &str) -> bool {
    field(posting, "diagnostics")
        .as_array()
        .unwrap()
        .iter()
        .any(|d| field(d, "rule") == rule && field(d, "severity") == severity)
}

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(manifest_dir().join(rel)).unwrap()
}

/// `fixtures/postings/*`, sorted, as paths relative to the package root.
fn posting_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(manifest_dir().join("fixtures/postings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| format!("fixtures/postings/{n}"))
        .collect()
}

fn expected_json() -> Value {
    serde_json::from_str(&fixture_text("fixtures/expected.json")).unwrap()
}

/// Checks that every evidence item's `text` is what stands at its 1-based `line` and `column`
/// (in characters) in `text`; returns the problems.
fn evidence_offset_problems(label: &str, text: &str, posting: &Value) -> Vec<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut problems = Vec::new();
    for e in field(posting, "evidence").as_array().unwrap() {
        let quoted = field(e, "text").as_str().unwrap();
        let line = field(e, "line").as_u64().unwrap() as usize;
        let column = field(e, "column").as_u64().unwrap() as usize;
        if line == 0 || column == 0 || line > lines.len() {
            problems.push(format!(
                "{label}: {quoted:?} at {line}:{column} is outside the text ({} lines)",
                lines.len()
            ));
            continue;
        }
        // From the start of that line to the end of the text, so that a quote may span lines.
        let rest: String = lines[line - 1..].concat();
        let from_column: String = rest.chars().skip(column - 1).collect();
        if !from_column.starts_with(quoted) {
            let found: String = from_column
                .chars()
                .take(quoted.chars().count() + 10)
                .collect();
            problems.push(format!(
                "{label}: evidence {quoted:?} at {line}:{column}, but the text there is {found:?}"
            ));
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The JSON output contract

#[test]
fn json_output_has_every_contract_field() {
    let path = "fixtures/postings/pm-core.txt";
    let out = run(&["--format", "json", path]);
    let doc = parse_json(&out);
    let postings = field(&doc, "postings")
        .as_array()
        .expect("postings is an array");
    assert_eq!(postings.len(), 1, "{}", describe(&out));
    let p = &postings[0];

    // Exit code: 0 or 1, and 1 exactly when there is an error-severity diagnostic.
    let expected_code = i32::from(has_error_diagnostic(p));
    assert_eq!(code(&out), expected_code, "{}", describe(&out));
    assert!(out.stderr.is_empty(), "{}", describe(&out));

    assert!(field(&doc, "version").is_string());
    assert_eq!(at(&doc, "summary.postings"), 1);
    assert_eq!(at(&doc, "summary.input_errors"), 0);

    // source: unknown values are present as null.
    assert_eq!(at(p, "source.path"), path);
    assert!(at(p, "source.line").is_null(), "source.line: {p}");
    assert!(at(p, "source.id").is_null(), "source.id: {p}");
    assert_eq!(field(p, "title"), "Product Manager");
    assert!(field(p, "error").is_null());

    // claimed
    let claimed = field(p, "claimed");
    for key in ["level", "track", "specialization"] {
        let v = field(claimed, key);
        assert!(v.is_string() || v.is_null(), "claimed.{key}: {v}");
    }
    assert_eq!(field(claimed, "level"), "pm");
    assert!(
        field(claimed, "specialization").is_null(),
        "`Product Manager` claims no specialization: {claimed}"
    );

    // implied
    let implied = field(p, "implied");
    let level = field(implied, "level");
    assert!(
        level.is_null() || LEVELS.contains(&level.as_str().unwrap()),
        "implied.level {level}"
    );
    let track = field(implied, "track");
    assert!(
        track.is_null() || TRACKS.contains(&track.as_str().unwrap()),
        "implied.track {track}"
    );
    let spec = field(implied, "specialization");
    assert!(
        spec.is_null() || SPECIALIZATIONS.contains(&spec.as_str().unwrap()),
        "implied.specialization {spec}"
    );
    let confidence = field(implied, "confidence").as_f64().expect("confidence");
    assert!((0.0..=1.0).contains(&confidence), "confidence {confidence}");
    for (key, ids) in [
        ("level_scores", &LEVELS),
        ("specialization_scores", &SPECIALIZATIONS),
    ] {
        let scores = field(implied, key).as_object().expect(key);
        let mut keys: Vec<&str> = scores.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = ids.to_vec();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want, "implied.{key} has every id as a key");
        for (k, v) in scores {
            let v = v.as_f64().unwrap_or_else(|| panic!("{key}.{k} = {v}"));
            assert!((0.0..=1.0).contains(&v), "{key}.{k} = {v}");
        }
    }

    // evidence
    let evidence = field(p, "evidence").as_array().expect("evidence array");
    assert!(!evidence.is_empty(), "a full posting has evidence: {p}");
    for e in evidence {
        assert!(!field(e, "text").as_str().unwrap().is_empty(), "{e}");
        assert!(field(e, "line").as_u64().unwrap() >= 1, "{e}");
        assert!(field(e, "column").as_u64().unwrap() >= 1, "{e}");
        assert!(field(e, "weight").is_number(), "{e}");
        assert!(!field(e, "source").as_str().unwrap().is_empty(), "{e}");
        let supports = field(e, "supports").as_str().unwrap();
        let (kind, id) = supports
            .split_once(':')
            .unwrap_or_else(|| panic!("supports {supports:?}"));
        let ids: &[&str] = match kind {
            "level" => &LEVELS,
            "track" => &TRACKS,
            "specialization" => &SPECIALIZATIONS,
            _ => panic!("supports {supports:?}"),
        };
        assert!(ids.contains(&id), "supports {supports:?}");
    }

    // diagnostics: an array; each entry has the contract keys.
    for d in field(p, "diagnostics")
        .as_array()
        .expect("diagnostics array")
    {
        assert!(field(d, "rule").is_string(), "{d}");
        let severity = field(d, "severity").as_str().unwrap();
        assert!(["error", "warning", "info"].contains(&severity), "{d}");
        assert!(field(d, "message").is_string(), "{d}");
        for key in ["line", "column", "help"] {
            field(d, key);
        }
    }
}

#[test]
fn diagnostics_carry_every_contract_field() {
    let out = run(&["--format", "json", MISMATCH_FIXTURE]);
    let doc = parse_json(&out);
    let p = &field(&doc, "postings")[0];
    let diagnostics = field(p, "diagnostics").as_array().unwrap();
    assert!(!diagnostics.is_empty(), "{}", describe(&out));
    for d in diagnostics {
        let rule = field(d, "rule").as_str().unwrap();
        assert!(
            !rule.is_empty()
                && rule
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "rule ids are kebab-case: {rule:?}"
        );
        assert!(!field(d, "message").as_str().unwrap().is_empty(), "{d}");
        // The title is line 1 of a document, so title diagnostics point at 1:1.
        if rule.starts_with("title-") {
            assert_eq!(field(d, "line"), 1, "{d}");
            assert_eq!(field(d, "column"), 1, "{d}");
        }
        let help = field(d, "help");
        assert!(help.is_string() || help.is_null(), "{d}");
    }
}

#[test]
fn evidence_quotes_the_text_at_its_line_and_column() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in posting_fixtures() {
        let out = run(&["--format", "json", &path]);
        let doc = parse_json(&out);
        let p = &field(&doc, "postings")[0];
        checked += field(p, "evidence").as_array().unwrap().len();
        problems.extend(evidence_offset_problems(&path, &fixture_text(&path), p));
    }
    assert!(checked > 0, "no evidence was checked");
    assert!(
        problems.is_empty(),
        "{} evidence offsets are wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Multi-byte characters (curly quotes, dashes, accents, an emoji, a non-breaking hyphen) and CRLF
/// line ends before the evidence: columns count characters, not bytes.
const NON_ASCII_POSTING: &str = "Senior Product Manager \u{2014} Caf\u{e9} Ops\r\n\
\r\n\
What you\u{2019}ll do\r\n\
- Mentor \u{201c}junior\u{201d} colleagues \u{1f680} and lead through ambiguity \u{2014} set strategy for several complex product areas\r\n\
- R\u{e9}sum\u{e9}: 5\u{2013}7 years of product management experience; cross\u{2011}functional work with several teams\r\n\
\r\n\
Benefits\r\n\
- A caf\u{e9} allowance\r\n";

#[test]
fn evidence_offsets_count_characters_in_non_ascii_text() {
    let out = run_with_stdin(&["--format", "json", "-"], NON_ASCII_POSTING.as_bytes());
    let doc = parse_json(&out);
    let p = &field(&doc, "postings")[0];
    assert!(
        !field(p, "evidence").as_array().unwrap().is_empty(),
        "{}",
        describe(&out)
    );
    let problems = evidence_offset_problems("stdin", NON_ASCII_POSTING, p);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn evidence_offsets_in_jsonl_records_count_in_the_record_text() {
    let path = "fixtures/batch.jsonl";
    let out = run(&["--format", "jsonl", path]);
    let records: Vec<Option<Value>> = fixture_text(path)
        .lines()
        .map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut problems = Vec::new();
    for p in parse_jsonl(&out) {
        if !field(&p, "error").is_null() {
            continue;
        }
        let line = at(&p, "source.line").as_u64().unwrap() as usize;
        let record = records[line - 1]
            .as_ref()
            .expect("an analyzed record parses");
        let text = ["text", "description", "body"]
            .iter()
            .find_map(|k| record.get(*k).and_then(Value::as_str))
            .unwrap();
        problems.extend(evidence_offset_problems(
            &format!("{path}:{line}"),
            text,
            &p,
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Evidence is a phrase as it stands in the posting: never with the white space or line break
/// that follows it, even when it ends the text.
#[test]
fn evidence_text_has_no_surrounding_white_space() {
    let inputs: [(&str, &[u8]); 3] = [
        (
            "LF",
            b"Senior Product Manager\n\nWhat you will do\n- work with several teams\n",
        ),
        (
            "CRLF",
            b"Senior Product Manager\r\n\r\nWhat you will do\r\n- work with several teams\r\n",
        ),
        ("non-ASCII", NON_ASCII_POSTING.as_bytes()),
    ];
    let mut problems = Vec::new();
    for (label, input) in inputs {
        let out = run_with_stdin(&["--format", "json", "-"], input);
        let doc = parse_json(&out);
        let p = &field(&doc, "postings")[0];
        for e in field(p, "evidence").as_array().unwrap() {
            let text = field(e, "text").as_str().unwrap();
            if text.trim() != text {
                problems.push(format!(
                    "{label}: evidence {text:?} at {}:{} ({})",
                    field(e, "line"),
                    field(e, "column"),
                    field(e, "supports")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "evidence with surrounding white space:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Input errors: one output per input, in order

#[test]
fn jsonl_batch_reports_the_malformed_line_in_place() {
    let out = run(&["--format", "jsonl", "fixtures/batch.jsonl"]);
    let lines = parse_jsonl(&out);
    assert_eq!(lines.len(), 6, "{}", describe(&out));
    for (i, p) in lines.iter().enumerate() {
        let n = i + 1;
        assert_eq!(at(p, "source.path"), "fixtures/batch.jsonl", "line {n}");
        assert_eq!(at(p, "source.line"), n, "outputs are in input order");
        if n == 4 {
            let error = field(p, "error").as_str().expect("line 4 has an error");
            assert!(
                error.to_lowercase().contains("json"),
                "the error names the problem: {error:?}"
            );
            assert!(field(p, "claimed").is_null(), "{p}");
            assert!(field(p, "implied").is_null(), "{p}");
            assert!(field(p, "title").is_null(), "{p}");
            assert_eq!(field(p, "evidence"), &Value::Array(vec![]), "{p}");
            assert_eq!(field(p, "diagnostics"), &Value::Array(vec![]), "{p}");
        } else {
            assert!(field(p, "error").is_null(), "line {n}: {p}");
            assert_eq!(at(p, "source.id"), &format!("batch-00{n}"), "line {n}");
            assert!(field(p, "claimed").is_object(), "line {n}: {p}");
            assert!(field(p, "implied").is_object(), "line {n}: {p}");
        }
    }
    assert_eq!(code(&out), 2, "an input error exits 2\n{}", describe(&out));
    assert!(
        stderr(&out).contains("fixtures/batch.jsonl:4"),
        "{}",
        describe(&out)
    );
}

#[test]
fn json_summary_counts_input_errors() {
    let out = run(&["--format", "json", "fixtures/batch.jsonl"]);
    let doc = parse_json(&out);
    assert_eq!(field(&doc, "postings").as_array().unwrap().len(), 6);
    assert_eq!(at(&doc, "summary.postings"), 5);
    assert_eq!(at(&doc, "summary.input_errors"), 1);
    assert_eq!(code(&out), 2);
}

#[test]
fn bad_inputs_are_reported_in_order_and_good_ones_still_analyzed() {
    let tmp = TempDir::new("bad-inputs");
    let good = "fixtures/postings/pm-core.txt".to_string();
    let missing = path_str(&tmp.path().join("does-not-exist.txt"));
    let directory = path_str(&tmp.path().join("a-directory"));
    std::fs::create_dir(&directory).unwrap();
    let empty = tmp.write("empty.txt", b"");
    let binary = tmp.write(
        "binary.txt",
        b"Product Manager\n\x00\x01\x02\x03 binary data\n",
    );
    let invalid_utf8 = tmp.write(
        "latin1.txt",
        b"Product Manager\n\nWhat you will do\n- Own the caf\xe9 menu area\n- 2-4 years\n",
    );

    let mut cases: Vec<(String, Option<&str>)> = vec![
        (good.clone(), None),
        (missing, Some("no such file")),
        (empty, Some("empty")),
        (binary, Some("binary")),
        (invalid_utf8, Some("invalid UTF-8 at line 4")),
    ];

    // A file without read permission, unless this runs as root (which can read it anyway).
    let unreadable = tmp.write("unreadable.txt", b"Product Manager\n\n- 2-4 years\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    if std::fs::read(&unreadable).is_err() {
        cases.push((unreadable.clone(), Some("permission denied")));
    } else {
        eprintln!("note: {unreadable} is readable after chmod 000 (root?); skipping that case");
    }
    // And the good one once more at the end, to see order kept past the errors.
    cases.push((good.clone(), None));

    let mut args = vec!["--format", "jsonl"];
    args.extend(cases.iter().map(|(p, _)| p.as_str()));
    // A directory with no posting file is a note, not a result: nothing in it to check.
    args.insert(3, &directory);
    let out = run(&args);
    assert!(
        stderr(&out).contains(&format!("note: no posting file in {directory}")),
        "{}",
        describe(&out)
    );
    let lines = parse_jsonl(&out);
    assert_eq!(
        lines.len(),
        cases.len(),
        "one object per input\n{}",
        describe(&out)
    );
    let err = stderr(&out);
    for ((path, problem), p) in cases.iter().zip(&lines) {
        assert_eq!(at(p, "source.path"), path.as_str(), "input order");
        match problem {
            None => {
                assert!(field(p, "error").is_null(), "{path}: {p}");
                assert!(field(p, "implied").is_object(), "{path} is analyzed: {p}");
                assert!(field(p, "claimed").is_object(), "{path} is analyzed: {p}");
            }
            Some(problem) => {
                let error = field(p, "error")
                    .as_str()
                    .unwrap_or_else(|| panic!("{path} has an error: {p}"));
                assert!(
                    error.contains(problem),
                    "{path}: error {error:?} should name the problem ({problem:?})"
                );
                assert!(field(p, "claimed").is_null(), "{path}: {p}");
                assert!(field(p, "implied").is_null(), "{path}: {p}");
                assert!(
                    err.lines()
                        .any(|l| l.contains(path.as_str()) && l.contains(problem)),
                    "stderr names {path} and {problem:?}\n{}",
                    describe(&out)
                );
            }
        }
    }
    assert_eq!(code(&out), 2, "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------------
// Standard input and --title

#[test]
fn stdin_is_read_for_dash() {
    let path = "fixtures/postings/pm-core.txt";
    let text = fixture_text(path);
    let from_stdin = run_with_stdin(&["--format", "json", "-"], text.as_bytes());
    let from_file = run(&["--format", "json", path]);
    let a = parse_json(&from_stdin);
    let b = parse_json(&from_file);
    let (a, b) = (&field(&a, "postings")[0], &field(&b, "postings")[0]);
    assert_eq!(at(a, "source.path"), "-");
    assert!(field(a, "error").is_null(), "{}", describe(&from_stdin));
    assert_eq!(field(a, "title"), "Product Manager");
    assert!(field(a, "implied").is_object());
    // The same posting gives the same result whichever way it comes in.
    for key in ["title", "claimed", "implied", "evidence", "diagnostics"] {
        assert_eq!(
            field(a, key),
            field(b, key),
            "`{key}` differs between stdin and file"
        );
    }
    assert_eq!(code(&from_stdin), code(&from_file));
}

#[test]
fn title_flag_overrides_the_title() {
    let text = fixture_text("fixtures/postings/pm-core.txt");
    let out = run_with_stdin(
        &["--format", "json", "--title", "VP of Product", "-"],
        text.as_bytes(),
    );
    let doc = parse_json(&out);
    let p = &field(&doc, "postings")[0];
    assert_eq!(field(p, "title"), "VP of Product", "{}", describe(&out));
    assert_eq!(at(p, "claimed.level"), "vp", "{}", describe(&out));
    assert_eq!(at(p, "claimed.track"), "manager", "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------------
// Exit codes

/// A fixture whose expected.json says the title matches the body exits 0 when it produces no
/// error-severity diagnostic, and every fixture's exit code agrees with its diagnostics.
#[test]
fn exit_code_follows_error_diagnostics() {
    let expected = expected_json();
    let mut clean_zero = Vec::new();
    let mut problems = Vec::new();
    for path in posting_fixtures() {
        let out = run(&["--format", "json", &path]);
        let doc = parse_json(&out);
        let p = &field(&doc, "postings")[0];
        let want = i32::from(has_error_diagnostic(p));
        if code(&out) != want {
            problems.push(format!(
                "{path}: exit {} but error diagnostics say {want}",
                code(&out)
            ));
        }
        let name = path.rsplit('/').next().unwrap();
        let e = &expected[name];
        let matches = ["level", "track", "specialization"]
            .iter()
            .all(|k| e[format!("title_{k}")] == e[format!("body_{k}")])
            && !e["title_level"].is_null();
        if matches && code(&out) == 0 {
            clean_zero.push(name.to_string());
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        !clean_zero.is_empty(),
        "no fixture whose title matches its body exited 0"
    );
}

#[test]
fn level_mismatch_exits_1_unless_fail_on_never() {
    let out = run(&["--format", "json", MISMATCH_FIXTURE]);
    let doc = parse_json(&out);
    let p = &field(&doc, "postings")[0];
    assert!(
        has_diagnostic(p, "title-level-mismatch", "error"),
        "expected an error[title-level-mismatch]\n{}",
        describe(&out)
    );
    assert_eq!(code(&out), 1, "{}", describe(&out));

    let explicit = run(&["--format", "json", "--fail-on", "error", MISMATCH_FIXTURE]);
    assert_eq!(code(&explicit), 1, "{}", describe(&explicit));

    let never = run(&["--format", "json", "--fail-on", "never", MISMATCH_FIXTURE]);
    assert_eq!(code(&never), 0, "{}", describe(&never));
    // --fail-on changes the exit code only, not the report.
    assert_eq!(parse_json(&never), doc);
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["--no-such-flag", "fixtures/postings/pm-core.txt"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("--no-such-flag"),
        "{}",
        describe(&out)
    );
    assert!(out.stdout.is_empty(), "{}", describe(&out));

    let bad_value = run(&["--format", "xml", "fixtures/postings/pm-core.txt"]);
    assert_eq!(code(&bad_value), 2, "{}", describe(&bad_value));
}

// ---------------------------------------------------------------------------------------------
// The human format

#[test]
fn human_format_shows_claimed_implied_and_diagnostics_without_colour_in_a_pipe() {
    let out = run(&[MISMATCH_FIXTURE]);
    let text = stdout(&out);
    assert!(text.contains(MISMATCH_FIXTURE), "{}", describe(&out));
    assert!(text.contains("claimed"), "{}", describe(&out));
    assert!(text.contains("implied"), "{}", describe(&out));
    assert!(
        text.contains("error[title-level-mismatch]"),
        "{}",
        describe(&out)
    );
    assert!(
        text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("-->") && l.contains(MISMATCH_FIXTURE) && l.ends_with(":1:1")
        }),
        "a `--> path:1:1` location line\n{}",
        describe(&out)
    );
    assert!(
        !text.contains('\x1b'),
        "no ANSI escapes when stdout is a pipe\n{}",
        describe(&out)
    );
    assert_eq!(code(&out), 1, "{}", describe(&out));
}

#[test]
fn color_always_colours_a_pipe() {
    let out = run(&["--color", "always", MISMATCH_FIXTURE]);
    assert!(stdout(&out).contains('\x1b'), "{}", describe(&out));
    let never = run(&["--color", "never", MISMATCH_FIXTURE]);
    assert!(!stdout(&never).contains('\x1b'), "{}", describe(&never));
}

/// A wording rule's places in one posting share a heading in the human view; the other formats
/// keep one diagnostic per place.
#[test]
fn human_format_groups_a_wording_rules_places_under_one_heading() {
    let tmp = TempDir::new("grouped");
    let record = serde_json::json!({"id": "r1", "title": "Product Manager",
        "text": "What you'll do\n- Work with the sales guys on pricing\n- Brief the chairman and the ops guys"});
    let input = tmp.write("r.jsonl", format!("{record}\n"));
    let out = run(&["--select", "gendered-word", &input]);
    let text = stdout(&out);
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[gendered-word]"))
        .collect();
    // Places that say different things: the rule's summary heads them, each is labelled.
    assert_eq!(
        headings,
        ["warning[gendered-word]: A gendered word stands for a person of any gender"],
        "{text}"
    );
    // Each place is the record's line with the place in its text, one after another.
    let places: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix("--> ")
                .or(l.trim_start().strip_prefix("::: "))
        })
        .collect();
    let file = format!("{input}:1 (id r1, line");
    assert_eq!(
        places,
        [
            format!("{file} 2:23 of its text)"),
            format!("{file} 3:13 of its text)"),
            format!("{file} 3:34 of its text)"),
        ],
        "{text}"
    );
    for label in [
        "^^^^ gendered word: \"guys\"",
        "^^^^^^^^ gendered word: \"chairman\"",
    ] {
        assert!(text.contains(label), "{label}\n{text}");
    }
    let brief = run(&["--select", "gendered-word", "--format", "brief", &input]);
    assert_eq!(
        stdout(&brief).matches(" gendered-word: ").count(),
        3,
        "{}",
        describe(&brief)
    );

    // Places that say the same: the message heads them once, with one help.
    let same = tmp.write(
        "same.txt",
        "Product Manager\n\nWhat you'll do\n- Work with the sales guys\n- Brief the ops guys\n",
    );
    let text = stdout(&run(&["--select", "gendered-word", &same]));
    assert_eq!(
        text.matches("warning[gendered-word]: gendered word: \"guys\"")
            .count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches("= help:").count(), 1, "{text}");
    assert!(!text.contains("^^^^ gendered word"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// A closed stdout

#[test]
fn closed_stdout_is_not_an_error() {
    let tmp = TempDir::new("closed-stdout");
    let text = fixture_text("fixtures/postings/pm-core.txt");
    let (title, body) = text.split_once('\n').unwrap();
    let mut jsonl = String::new();
    for i in 0..2000 {
        let record = serde_json::json!({"id": i, "title": title, "text": body});
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
    }
    let input = tmp.write("many.jsonl", jsonl.as_bytes());

    for format in ["jsonl", "json", "human"] {
        let mut child = jdlint()
            .args(["--format", format, &input])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read nothing; close the pipe at once.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "--format {format}: {err}");
        assert!(
            err.trim().is_empty(),
            "--format {format}: a closed stdout prints nothing on stderr: {err}"
        );
        let status = out.status.code();
        assert!(
            matches!(status, Some(0 | 1)),
            "--format {format}: exit {status:?} ({:?}), stderr {err}",
            out.status
        );
    }
}

// ---------------------------------------------------------------------------------------------
// --lexicon

#[test]
fn broken_lexicon_overlay_names_the_file_and_the_entry() {
    let tmp = TempDir::new("broken-lexicon");
    let file = tmp.write(
        "broken.json",
        br#"{"patterns":[{"pattern":"report(s","supports":"level:cpo","weight":1.0,"source":"003: x"}]}"#,
    );
    let dir = path_str(tmp.path());
    let out = run(&["--lexicon", &dir, "fixtures/postings/pm-core.txt"]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&file) || err.contains("broken.json"),
        "stderr names the file\n{}",
        describe(&out)
    );
    assert!(err.contains("patterns[0]"), "{}", describe(&out));
    assert!(!err.contains("panicked"), "{}", describe(&out));
}

#[test]
fn lexicon_overlay_adds_signals() {
    let tmp = TempDir::new("overlay-lexicon");
    tmp.write(
        "extra.json",
        // A company's own citation: an overlay need not cite a seed article.
        br#"{"signals":[{"terms":["zorblax"],"supports":"level:cpo","weight":3.0,"source":"acme: our ladder"}]}"#,
    );
    let dir = path_str(tmp.path());
    let posting = "Product Manager\n\nWhat you will do\n- Own the Zorblax roadmap with one squad\n\
                   - Run discovery with customers\n\nWhat you will bring\n- 2-4 years of product management experience\n";

    let is_zorblax = |e: &&Value| {
        field(e, "text")
            .as_str()
            .unwrap()
            .eq_ignore_ascii_case("zorblax")
    };

    let out = run_with_stdin(
        &["--format", "json", "--lexicon", &dir, "-"],
        posting.as_bytes(),
    );
    let doc = parse_json(&out);
    let p = &field(&doc, "postings")[0];
    let evidence = field(p, "evidence").as_array().unwrap();
    let found: Vec<&Value> = evidence.iter().filter(is_zorblax).collect();
    assert_eq!(found.len(), 1, "{}", describe(&out));
    let e = found[0];
    assert_eq!(field(e, "supports"), "level:cpo", "{e}");
    assert_eq!(field(e, "source"), "acme: our ladder", "{e}");
    assert!(field(e, "weight").as_f64().unwrap() > 0.0, "{e}");
    assert_eq!(field(e, "line"), 4, "{e}");
    assert_eq!(field(e, "column"), 11, "{e}");
    assert!(
        at(p, "implied.level_scores.cpo").as_f64().unwrap() > 0.0,
        "{p}"
    );

    // Without the overlay the term is no evidence.
    let plain = run_with_stdin(&["--format", "json", "-"], posting.as_bytes());
    let doc = parse_json(&plain);
    let p = &field(&doc, "postings")[0];
    assert_eq!(
        field(p, "evidence")
            .as_array()
            .unwrap()
            .iter()
            .filter(is_zorblax)
            .count(),
        0,
        "{}",
        describe(&plain)
    );
}

// ---------------------------------------------------------------------------------------------
// Parallelism

#[test]
fn output_is_the_same_at_any_thread_count() {
    let mut inputs = vec!["fixtures/batch.jsonl".to_string()];
    inputs.extend(posting_fixtures());
    let run_with = |threads: Option<&str>| {
        let mut args: Vec<&str> = vec!["--format", "jsonl"];
        if let Some(j) = threads {
            args.extend(["-j", j]);
        }
        args.extend(inputs.iter().map(String::as_str));
        run(&args)
    };
    let one = run_with(Some("1"));
    assert_eq!(
        parse_jsonl(&one).len(),
        inputs.len() - 1 + 6,
        "{}",
        describe(&one)
    );
    for threads in [Some("2"), Some("8"), None] {
        let other = run_with(threads);
        assert_eq!(
            code(&other),
            code(&one),
            "exit code with -j {threads:?} differs from -j 1"
        );
        assert!(
            other.stdout == one.stdout,
            "stdout with -j {threads:?} differs from -j 1"
        );
    }
}
