//! Black-box tests of how `jdlint` reads its inputs: mixed batches where nothing is lost, every
//! format (text, Markdown, HTML, JSONL, JSON, CSV) reading the same posting the same way,
//! directory walks (globs, ignore files, hidden files, order), record field flags, places in
//! HTML and CSV files, and streaming. Outputs are parsed as JSON and checked field by field.

use crate::common;
use common::*;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

// ---------------------------------------------------------------------------------------------
// Helpers (as in tests/it/cli.rs)

/// `jdlint --format jsonl args...`, parsed.
fn run_jsonl(args: &[&str]) -> (Output, Vec<Value>) {
    let mut all = vec!["--format", "jsonl"];
    all.extend_from_slice(args);
    let out = run(&all);
    let lines = parse_jsonl(&out);
    (out, lines)
}

fn at<'a>(obj: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(obj, |v, key| match v.get(key) {
        Some(x) => x,
        None => panic!("no `{path}` in {obj}"),
    })
}

fn error_of(p: &Value) -> Option<&str> {
    at(p, "error").as_str()
}

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(manifest_dir().join(rel)).unwrap()
}

/// The plain-text posting fixtures, sorted, as (name, title, body).
fn text_fixtures() -> Vec<(String, String, String)> {
    let mut names: Vec<String> = std::fs::read_dir(manifest_dir().join("fixtures/postings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = fixture_text(&format!("fixtures/postings/{name}"));
            let (title, body) = text.split_once('\n').unwrap();
            (name, title.trim().to_string(), body.to_string())
        })
        .collect()
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A posting as a careers page: a `<title>` naming the site, the title in `<h1>`, the body as
/// [`html_body`], with page chrome around it.
fn as_html(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><title>{} | Example Careers</title>\n\
         <script>var tags = \"<p>not text</p>\";</script></head>\n<body>\n\
         <nav><a href=\"/\">Jobs</a></nav>\n<h1>{}</h1>\n{}\
         <!-- <p>10+ years managing directors</p> -->\n</body></html>\n",
        escape_html(title),
        escape_html(title),
        html_body(body)
    )
}

/// A posting's body as HTML, as an ATS export's text field holds it: bullets in a list and
/// other lines as paragraphs.
fn html_body(body: &str) -> String {
    let mut html = String::new();
    let mut in_list = false;
    for line in body.lines() {
        let line = line.trim();
        match line.strip_prefix("- ") {
            Some(item) => {
                if !in_list {
                    html.push_str("<ul>\n");
                    in_list = true;
                }
                html.push_str(&format!("  <li>{}</li>\n", escape_html(item)));
            }
            None => {
                if in_list {
                    html.push_str("</ul>\n");
                    in_list = false;
                }
                if !line.is_empty() {
                    html.push_str(&format!("<p>{}</p>\n", escape_html(line)));
                }
            }
        }
    }
    if in_list {
        html.push_str("</ul>\n");
    }
    html
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The evidence of a posting as (text, supports, weight), sorted, to compare across formats
/// whose line numbers differ.
fn evidence_set(p: &Value) -> Vec<String> {
    let mut set: Vec<String> = at(p, "evidence")
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                at(e, "text"),
                at(e, "supports"),
                at(e, "weight")
            )
        })
        .collect();
    set.sort();
    set
}

// ---------------------------------------------------------------------------------------------
// Nothing lost

#[test]
fn a_mixed_batch_loses_nothing_and_names_every_bad_input_and_place() {
    let tmp = TempDir::new("mixed");
    let good = tmp.write("good.txt", fixture_text("fixtures/postings/pm-core.txt"));
    let empty = tmp.write("empty.txt", "");
    let binary = tmp.write("binary.txt", b"Product Manager\n\x00\x01\x02 binary\n");
    let latin1 = tmp.write(
        "latin1.txt",
        b"Product Manager\n\nWhat you will do\n- Own the caf\xe9 menu\n",
    );
    let record = |id: &str, title: &str| {
        json!({"id": id, "title": title, "text": "What you'll do\n- Own the roadmap\n- 2-4 years of product management experience"})
            .to_string()
    };
    let jsonl = tmp.write(
        "batch.jsonl",
        format!(
            "{}\n{{\"id\": \"j2\", \"title\": \"PM\", \"text\": \"cut off\n{}\n",
            record("j1", "Product Manager"),
            record("j3", "Senior Product Manager")
        ),
    );
    let csv = tmp.write(
        "export.csv",
        "id,title,text\n\
         c1,Product Manager,\"What you'll do\n- Own the roadmap\"\n\
         c2,Senior PM,\"a \"stray\" quote\"\n\
         c3,Product Manager,2-4 years of product management experience\n",
    );
    // A directory whose walk (following links) meets a symbolic link back to itself.
    let looped = tmp.join("looped");
    tmp.write("looped/good.md", "# Product Manager\n\n- Own the roadmap\n");
    let mut args = vec!["-L".to_string()];
    args.extend([&good, &empty, &binary, &latin1, &jsonl, &csv, &looped].map(String::clone));
    let mut cases: Vec<(String, Option<usize>, Option<&str>)> = vec![
        (good.clone(), None, None),
        (empty, None, Some("empty posting")),
        (binary, None, Some("binary file")),
        (latin1, None, Some("invalid UTF-8 at line 4, column 14")),
        (jsonl.clone(), Some(1), None),
        (jsonl.clone(), Some(2), Some("not valid JSON at column")),
        (jsonl, Some(3), None),
        (csv.clone(), Some(2), None),
        (
            csv.clone(),
            Some(4),
            Some("record 2: the quoted cell opened at line 4, column 14 goes on after its closing quote at line 4, column 17"),
        ),
        (csv, Some(5), None),
        (format!("{looped}/good.md"), None, None),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&looped, format!("{looped}/self")).unwrap();
        cases.push((format!("{looped}/self"), None, Some("symbolic link loop")));

        // Unreadable inputs. chmod 000 stops reads unless this runs as root, so a dangling
        // symbolic link is always used, and /proc/self/mem (whose first page no process
        // can read) where it exists.
        use std::os::unix::fs::PermissionsExt;
        let locked = tmp.write("locked.txt", "Product Manager\n\n- 2-4 years\n");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            cases.push((locked.clone(), None, Some("permission denied")));
            args.push(locked);
        } else {
            eprintln!("note: chmod 000 does not stop reads here (root?); not tested");
        }
        let dangling = tmp.join("dangling.txt");
        std::os::unix::fs::symlink(tmp.join("nowhere.txt"), &dangling).unwrap();
        cases.push((dangling.clone(), None, Some("no such file")));
        args.push(dangling);
        if std::fs::read("/proc/self/mem").is_err() {
            cases.push(("/proc/self/mem".into(), None, Some("cannot read")));
            args.push("/proc/self/mem".into());
        }
    }
    // The good file once more, to see order kept past the errors.
    cases.push((good.clone(), None, None));
    args.push(good);

    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, lines) = run_jsonl(&args);
    assert_eq!(
        lines.len(),
        cases.len(),
        "results + errors == inputs\n{}",
        describe(&out)
    );
    let err = stderr(&out);
    for ((path, line, problem), p) in cases.iter().zip(&lines) {
        assert_eq!(at(p, "source.path"), path.as_str(), "input order\n{p}");
        assert_eq!(at(p, "source.line").as_u64(), line.map(|l| l as u64), "{p}");
        match problem {
            None => {
                assert_eq!(error_of(p), None, "{path}: {p}");
                assert!(at(p, "implied").is_object(), "{path} is analyzed: {p}");
            }
            Some(problem) => {
                let error = error_of(p).unwrap_or_else(|| panic!("{path} has an error: {p}"));
                assert!(
                    error.contains(problem),
                    "{path}: {error:?} names {problem:?}"
                );
                assert!(at(p, "implied").is_null(), "{p}");
                let place = match line {
                    Some(l) => format!("{path}:{l}"),
                    None => path.clone(),
                };
                assert!(
                    err.lines()
                        .any(|l| l.contains(&format!("{place}: ")) && l.contains(problem)),
                    "stderr names {place} and {problem:?}\n{}",
                    describe(&out)
                );
            }
        }
    }
    assert_eq!(code(&out), 2, "{}", describe(&out));
}

#[test]
fn files_with_no_posting_are_errors_and_a_directory_with_no_posting_file_a_note() {
    let tmp = TempDir::new("no-postings");
    let header_only = tmp.write("header.csv", "title,text\n");
    let empty_array = tmp.write("empty.json", "[]\n");
    let blank_lines = tmp.write("blank.jsonl", "\n\n");
    let empty_dir = tmp.join("empty-dir");
    tmp.write("empty-dir/notes.pdf", "not a posting format");
    let paths = [&header_only, &empty_array, &blank_lines];
    let mut args: Vec<&str> = paths.iter().map(|p| p.as_str()).collect();
    args.push(&empty_dir);
    let (out, lines) = run_jsonl(&args);
    assert_eq!(lines.len(), 3, "{}", describe(&out));
    for (path, p) in paths.iter().zip(&lines) {
        assert_eq!(at(p, "source.path"), path.as_str());
        let error = error_of(p).unwrap_or_else(|| panic!("{path} is an error: {p}"));
        assert!(error.contains("no record"), "{error}");
    }
    assert!(
        stderr(&out).contains(&format!("note: no posting file in {empty_dir}")),
        "{}",
        describe(&out)
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn an_over_long_jsonl_line_is_refused_and_the_next_one_read() {
    let tmp = TempDir::new("long-line");
    let huge = "x".repeat(jdlint::input::MAX_RECORD_BYTES + 10);
    let good =
        json!({"title": "Product Manager", "text": "- 2-4 years of product management experience"});
    let path = tmp.write(
        "long.jsonl",
        format!("{good}\n{{\"title\": \"PM\", \"text\": \"{huge}\"}}\n{good}\n"),
    );
    let (out, lines) = run_jsonl(&[&path]);
    assert_eq!(lines.len(), 3, "{}", describe(&out));
    assert_eq!(error_of(&lines[0]), None);
    let error = error_of(&lines[1]).expect("the long line is an error");
    assert!(
        error.contains("over the") && error.contains("byte limit"),
        "{error}"
    );
    assert_eq!(at(&lines[1], "source.line"), 2);
    assert_eq!(error_of(&lines[2]), None);
    assert_eq!(at(&lines[2], "source.line"), 3);
}

// ---------------------------------------------------------------------------------------------
// Every format reads the same posting the same way

#[test]
fn every_format_reads_the_same_posting_the_same_way() {
    let tmp = TempDir::new("formats");
    let postings = text_fixtures();
    let mut text_paths = Vec::new();
    let mut html_paths = Vec::new();
    let mut csv = String::from("id,title,text\n");
    let mut json_array = Vec::new();
    let mut jsonl = String::new();
    // ATS exports: a text field of HTML, as is (Lever, Workable) and escaped (Greenhouse).
    let mut jsonl_html = String::new();
    let mut csv_escaped_html = String::from("id,title,text\n");
    for (name, title, body) in &postings {
        text_paths.push(format!("fixtures/postings/{name}"));
        html_paths.push(tmp.write(&format!("{name}.html"), as_html(title, body)));
        csv.push_str(&format!(
            "{},{},{}\n",
            csv_cell(name),
            csv_cell(title),
            csv_cell(body)
        ));
        let record = json!({"id": name, "title": title, "text": body});
        jsonl.push_str(&format!("{record}\n"));
        json_array.push(record);
        let html = html_body(body);
        let record = json!({"id": name, "title": title, "text": html});
        jsonl_html.push_str(&format!("{record}\n"));
        csv_escaped_html.push_str(&format!(
            "{},{},{}\n",
            csv_cell(name),
            csv_cell(title),
            csv_cell(&escape_html(&html))
        ));
    }
    let jsonl_html = tmp.write("html.jsonl", jsonl_html);
    let csv_escaped_html = tmp.write("escaped-html.csv", csv_escaped_html);
    let csv = tmp.write("postings.csv", csv);
    let jsonl = tmp.write("postings.jsonl", jsonl);
    let json = tmp.write(
        "postings.json",
        serde_json::to_string_pretty(&json_array).unwrap(),
    );

    let read = |paths: &[String]| {
        let args: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (out, lines) = run_jsonl(&args);
        assert_eq!(lines.len(), postings.len(), "{}", describe(&out));
        lines
    };
    let text = read(&text_paths);
    for (format, lines) in [
        ("html", read(&html_paths)),
        ("csv", read(&[csv])),
        ("json", read(&[json])),
        ("jsonl", read(&[jsonl])),
        ("jsonl of html", read(&[jsonl_html])),
        ("csv of escaped html", read(&[csv_escaped_html])),
    ] {
        for (((name, title, _), t), p) in postings.iter().zip(&text).zip(&lines) {
            assert_eq!(error_of(p), None, "{format} {name}: {p}");
            assert_eq!(at(p, "title"), title.as_str(), "{format} {name}");
            assert_eq!(at(p, "claimed"), at(t, "claimed"), "{format} {name}");
            assert_eq!(at(p, "implied"), at(t, "implied"), "{format} {name}");
            assert_eq!(evidence_set(p), evidence_set(t), "{format} {name}");
            if format != "html" {
                assert_eq!(at(p, "source.id"), name.as_str(), "{format}");
            }
        }
    }
}

#[test]
fn the_format_fixtures_read_as_written() {
    let (out, lines) = run_jsonl(&[
        "fixtures/inputs/careers-page.html",
        "fixtures/inputs/export.csv",
        "fixtures/inputs/postings.json",
        "fixtures/inputs/ats-export.jsonl",
    ]);
    let got: Vec<(Value, Value, Value, Value)> = lines
        .iter()
        .map(|p| {
            (
                at(p, "source.line").clone(),
                at(p, "source.id").clone(),
                at(p, "title").clone(),
                at(p, "implied.level").clone(),
            )
        })
        .collect();
    let want = [
        (
            json!(null),
            json!(null),
            "Director of Product, Clinical Workflows",
            "director",
        ),
        (
            json!(2),
            json!("ats-101"),
            "Associate Product Manager",
            "associate",
        ),
        (
            json!(13),
            json!("ats-102"),
            "Group Product Manager",
            "group",
        ),
        (
            json!(2),
            json!("json-1"),
            "Senior Product Manager, Growth",
            "senior",
        ),
        (json!(8), json!("json-2"), "Product Manager", "pm"),
        (json!(1), json!("lever-7"), "Group Product Manager", "group"),
        (
            json!(2),
            json!("gh-4410"),
            "Associate Product Manager",
            "associate",
        ),
    ];
    let want: Vec<_> = want
        .into_iter()
        .map(|(line, id, title, level)| (line, id, json!(title), json!(level)))
        .collect();
    assert_eq!(got, want, "{}", describe(&out));
    assert_eq!(code(&out), 0, "{}", describe(&out));
    // The ATS records' HTML headings and lists are read as sections, escaped or not.
    for p in &lines[lines.len() - 2..] {
        let rules: Vec<&str> = at(p, "diagnostics")
            .as_array()
            .unwrap()
            .iter()
            .map(|d| at(d, "rule").as_str().unwrap())
            .collect();
        assert!(
            !rules.iter().any(|r| r.starts_with("missing-re")),
            "{rules:?}"
        );
    }

    let forced = run_jsonl(&[
        "--input-format",
        "html",
        "fixtures/inputs/careers-page.html",
    ])
    .1;
    assert_eq!(at(&forced[0], "implied"), at(&lines[0], "implied"));
    let as_text = run_jsonl(&[
        "--input-format",
        "text",
        "fixtures/inputs/careers-page.html",
    ])
    .1;
    assert_eq!(
        at(&as_text[0], "title"),
        "<!DOCTYPE html>",
        "text means text"
    );
}

#[test]
fn html_places_are_the_files_lines_and_columns() {
    let path = "fixtures/inputs/careers-page.html";
    let html = fixture_text(path);
    let file_lines: Vec<&str> = html.lines().collect();
    let (out, lines) = run_jsonl(&[path]);
    let p = &lines[0];
    let evidence = at(p, "evidence").as_array().unwrap();
    assert!(evidence.len() >= 5, "{}", describe(&out));
    for e in evidence {
        let text = at(e, "text").as_str().unwrap();
        let line = at(e, "line").as_u64().unwrap() as usize;
        let column = at(e, "column").as_u64().unwrap() as usize;
        let found: String = file_lines[line - 1].chars().skip(column - 1).collect();
        assert!(
            found.starts_with(text),
            "{text:?} at {line}:{column} reads {found:?}"
        );
        // Evidence inside a multi-line <li> points at the line it is on.
        if text == "report to you" {
            assert_eq!(line, 26, "{e}");
        }
    }
    // Entities are decoded in the text the lexicon reads, and nothing in scripts or comments
    // counts ("2-4 years" is in a comment, "<h1>" in a script).
    assert!(evidence
        .iter()
        .any(|e| at(e, "text") == "managing managers"));
    assert!(!evidence.iter().any(|e| at(e, "text") == "2-4 years"));
    assert_eq!(at(p, "title"), "Director of Product, Clinical Workflows");

    // A diagnostic on the title points at the <h1>'s text in the file, and the human format
    // shows the line number of the file.
    let tmp = TempDir::new("html-diagnostic");
    let page = html.replace(
        "<h1>Director of Product, Clinical Workflows</h1>",
        "<h1>Associate Product Manager</h1>",
    );
    let mismatch = tmp.write("mismatch.html", &page);
    let (out, lines) = run_jsonl(&[&mismatch]);
    let d = &at(&lines[0], "diagnostics").as_array().unwrap()[0];
    assert_eq!(at(d, "rule"), "title-level-mismatch", "{}", describe(&out));
    assert_eq!((at(d, "line"), at(d, "column")), (&json!(16), &json!(9)));
    let human = run(&["--color", "never", &mismatch]);
    assert_eq!(
        quoted(&stdout(&human), "title-level-mismatch"),
        ("16".into(), "Associate Product Manager".into()),
        "{}",
        describe(&human)
    );
    assert!(
        stdout(&human).contains("16 | <h1>Associate Product Manager</h1>\n"),
        "{}",
        describe(&human)
    );
}

/// The line number the human view quotes for `rule`'s first diagnostic, and what its carets
/// mark in the line it shows.
fn quoted(human: &str, rule: &str) -> (String, String) {
    let lines: Vec<&str> = human.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&format!("[{rule}]")))
        .unwrap_or_else(|| panic!("no {rule} in {human}"));
    // The heading, ` --> place`, the gutter, the quoted line, the carets.
    let (number, shown) = lines[at + 3].split_once(" | ").unwrap();
    let carets = lines[at + 4].split_once(" | ").unwrap().1;
    let start = carets.find('^').unwrap();
    let marked: String = shown
        .chars()
        .skip(start)
        .take(carets.len() - start)
        .collect();
    (number.trim().to_string(), marked)
}

#[test]
fn the_human_view_quotes_an_html_pages_own_line() {
    // Entities and tags before the phrase: its column in the page is not its column in the
    // text the page converts to.
    let page =
        "<html><body>\n<h1>Product&nbsp;Manager</h1>\n<ul><li>You&rsquo;ll &ldquo;lead&rdquo; \
                <b>the</b> roadmap; 10+ years of experience</li></ul>\n</body></html>\n";
    let tmp = TempDir::new("html-snippet");
    let path = tmp.write("p.html", page);
    let out = run(&[
        "--color",
        "never",
        "--select",
        "experience-level-conflict",
        &path,
    ]);
    let human = stdout(&out);
    assert_eq!(
        quoted(&human, "experience-level-conflict"),
        ("3".into(), "10+ years".into()),
        "{}",
        describe(&out)
    );
    assert!(
        human.contains("3 | <ul><li>You&rsquo;ll &ldquo;lead&rdquo; <b>the</b> roadmap; 10+ years"),
        "{human}"
    );
    // Piped in, the page is quoted the same.
    let piped = run_with_stdin(
        &[
            "--color",
            "never",
            "--select",
            "experience-level-conflict",
            "--stdin-filename",
            "p.html",
        ],
        page.as_bytes(),
    );
    assert_eq!(
        stdout(&piped).replace("p.html", ""),
        human.replace(&path, ""),
        "{}",
        describe(&piped)
    );

    // A minified page is one long line: the text it converts to is quoted instead, at the
    // page's line and column.
    let filler = "<span>x</span>".repeat(30);
    let minified = page
        .replace('\n', "")
        .replace("<ul>", &format!("{filler}<ul>"));
    let path = tmp.write("min.html", &minified);
    let out = run(&[
        "--color",
        "never",
        "--select",
        "experience-level-conflict",
        &path,
    ]);
    let human = stdout(&out);
    let (line, marked) = quoted(&human, "experience-level-conflict");
    assert_eq!(
        (line.as_str(), marked.as_str()),
        ("1", "10+ years"),
        "{human}"
    );
    assert!(!human.contains("1 | <html>"), "{human}");
    let column = minified.find("10+ years").unwrap() + 1;
    assert!(human.contains(&format!("min.html:1:{column}")), "{human}");
}

// ---------------------------------------------------------------------------------------------
// Records: places and field flags

#[test]
fn csv_records_start_on_their_line_and_evidence_counts_in_the_cell() {
    let (out, lines) = run_jsonl(&["fixtures/inputs/export.csv"]);
    assert_eq!(lines.len(), 2, "{}", describe(&out));
    let csv = fixture_text("fixtures/inputs/export.csv");
    for p in &lines {
        let line = at(p, "source.line").as_u64().unwrap() as usize;
        let id = at(p, "source.id").as_str().unwrap();
        assert!(csv.lines().nth(line - 1).unwrap().starts_with(id), "{p}");
        // Evidence places count in the record's text, whose first line is the cell's.
        for e in at(p, "evidence").as_array().unwrap() {
            let text = at(e, "text").as_str().unwrap();
            let l = at(e, "line").as_u64().unwrap() as usize;
            let c = at(e, "column").as_u64().unwrap() as usize;
            let file_line = csv.lines().nth(line - 1 + l - 1).unwrap();
            let column = if l == 1 {
                c + file_line.find('"').unwrap() + 1
            } else {
                c
            };
            let found: String = file_line.chars().skip(column - 1).collect();
            assert!(
                found.starts_with(text),
                "{text:?} at {l}:{c} reads {found:?}"
            );
        }
    }
}

#[test]
fn field_flags_name_the_title_text_and_id_fields() {
    let tmp = TempDir::new("fields");
    let record = json!({
        "req": "R-7", "job_title": "Director of Product",
        "summary": "short", "content": "- Manage a team of product managers\n- 10+ years"
    });
    let jsonl = tmp.write("ats.jsonl", format!("{record}\n"));
    let csv = tmp.write(
        "ats.csv",
        "Req,Job_Title,Content\nR-8,Director of Product,\"- Manage a team of product managers\n- 10+ years\"\n",
    );
    let flags = [
        "--title-field",
        "job_title",
        "--text-field",
        "content",
        "--id-field",
        "req",
    ];
    let mut args = flags.to_vec();
    args.extend([jsonl.as_str(), csv.as_str()]);
    let (out, lines) = run_jsonl(&args);
    assert_eq!(lines.len(), 2, "{}", describe(&out));
    for (p, id) in lines.iter().zip(["R-7", "R-8"]) {
        assert_eq!(error_of(p), None, "{p}");
        assert_eq!(
            at(p, "source.id"),
            id,
            "ids, and case-insensitive column names"
        );
        assert_eq!(at(p, "title"), "Director of Product");
        assert!(
            at(p, "evidence")
                .as_array()
                .unwrap()
                .iter()
                .any(|e| at(e, "text") == "Manage a team of product managers"),
            "the text is read from `content`: {p}"
        );
    }
    // Without the flags the same records name the fields they lack.
    let (_, lines) = run_jsonl(&[&jsonl, &csv]);
    assert!(error_of(&lines[0]).unwrap().contains("no `title` field"));
    assert!(error_of(&lines[1]).unwrap().contains("no `title` column"));
}

// ---------------------------------------------------------------------------------------------
// Directories

/// A directory of small postings and other files, as (tree, relative paths).
fn posting_tree(name: &str, files: &[&str]) -> TempDir {
    let tmp = TempDir::new(name);
    for file in files {
        let body = match Path::new(file).extension().and_then(|e| e.to_str()) {
            Some("html") => "<h1>Product Manager</h1><ul><li>Own the roadmap</li></ul>".into(),
            Some("jsonl") => format!("{}\n", json!({"title": "PM", "text": "- Own it"})),
            _ => "Product Manager\n\n- Own the roadmap\n".to_string(),
        };
        tmp.write(file, body);
    }
    tmp
}

/// The paths of the results, relative to `root`.
fn relative_paths(root: &TempDir, lines: &[Value]) -> Vec<String> {
    let prefix = format!("{}/", path_str(root.path()));
    lines
        .iter()
        .map(|p| {
            at(p, "source.path")
                .as_str()
                .unwrap()
                .strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("{p} is under {prefix}"))
                .to_string()
        })
        .collect()
}

#[test]
fn directories_are_walked_in_path_order_taking_posting_extensions_only() {
    // Written out of order; read in path order whatever the directory lists first.
    let tree = posting_tree(
        "walk-order",
        &[
            "z.txt",
            "m/b.txt",
            "a.md",
            "m/a.html",
            "B.txt",
            "m.jsonl",
            "notes.pdf",
            "README",
            "data.tsv",
        ],
    );
    let root = path_str(tree.path());
    let (out, lines) = run_jsonl(&[&root]);
    assert_eq!(
        relative_paths(&tree, &lines),
        ["B.txt", "a.md", "m/a.html", "m/b.txt", "m.jsonl", "z.txt"],
        "{}",
        describe(&out)
    );
    assert!(lines.iter().all(|p| error_of(p).is_none()));

    // Named explicitly, a file of any extension is read (as text).
    let (_, lines) = run_jsonl(&[&tree.join("README")]);
    assert_eq!(error_of(&lines[0]), None);

    // The same output at any thread count.
    let one = run(&["--format", "jsonl", "-j", "1", &root, "fixtures"]);
    let two = run(&["--format", "jsonl", "-j", "2", &root, "fixtures"]);
    assert_eq!(stdout(&one), stdout(&two));
    assert!(parse_jsonl(&one).len() > 6 + 30, "{}", describe(&one));
}

#[test]
fn globs_include_and_exclude_as_ripgrep_does() {
    let tree = posting_tree(
        "globs",
        &["a.txt", "b.md", "c.html", "sub/d.md", "e.posting"],
    );
    // Run in the tree: globs with a slash are relative to the current directory, as in ripgrep.
    let paths = |globs: &[&str]| {
        let mut cmd = jdlint();
        cmd.current_dir(tree.path()).args(["--format", "jsonl"]);
        for g in globs {
            cmd.args(["--glob", g]);
        }
        let out = cmd.arg(".").stdin(Stdio::null()).output().unwrap();
        assert_eq!(code(&out), 0, "{}", describe(&out));
        parse_jsonl(&out)
            .iter()
            .map(|p| at(p, "source.path").as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(paths(&["*.md"]), ["./b.md", "./sub/d.md"]);
    assert_eq!(paths(&["!*.md"]), ["./a.txt", "./c.html"]);
    assert_eq!(paths(&["!sub"]), ["./a.txt", "./b.md", "./c.html"]);
    assert_eq!(paths(&["*.md", "!sub/**"]), ["./b.md"]);
    // A glob takes files of other extensions too.
    assert_eq!(paths(&["*.posting"]), ["./e.posting"]);
    // And globs apply inside directories only: a file named on the command line is read.
    let (_, lines) = run_jsonl(&["--glob", "!*.txt", &tree.join("a.txt")]);
    assert_eq!(lines.len(), 1);
    assert_eq!(error_of(&lines[0]), None);

    let bad = run(&["--glob", "a[", &tree.join("a.txt")]);
    assert_eq!(code(&bad), 2, "{}", describe(&bad));
    assert!(stderr(&bad).contains("--glob"), "{}", describe(&bad));
    assert!(bad.stdout.is_empty());
}

#[test]
fn ignore_files_and_hidden_files_are_honoured_unless_asked_not_to() {
    let tree = posting_tree(
        "ignores",
        &[
            "kept.txt",
            "drafts/old.txt",
            "scratch.md",
            ".hidden.txt",
            ".archive/x.txt",
        ],
    );
    // .gitignore counts inside a git repository, as in ripgrep; .ignore counts anywhere.
    std::fs::create_dir(tree.path().join(".git")).unwrap();
    tree.write(".gitignore", "drafts/\n");
    tree.write(".ignore", "scratch.md\n");
    let root = path_str(tree.path());
    let paths = |flags: &[&str]| {
        let mut args = flags.to_vec();
        args.push(&root);
        relative_paths(&tree, &run_jsonl(&args).1)
    };
    assert_eq!(paths(&[]), ["kept.txt"]);
    assert_eq!(
        paths(&["--no-ignore"]),
        ["drafts/old.txt", "kept.txt", "scratch.md"]
    );
    assert_eq!(
        paths(&["--hidden"]),
        [".archive/x.txt", ".hidden.txt", "kept.txt"]
    );
    // Named explicitly, hidden and ignored files are read.
    let (_, lines) = run_jsonl(&[&tree.join(".hidden.txt"), &tree.join("drafts/old.txt")]);
    assert!(lines.iter().all(|p| error_of(p).is_none()), "{lines:?}");
    assert_eq!(lines.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Streaming

/// Results appear while standard input is still open: the reader does not wait for the end of
/// its input. A guard kills jdlint if no result ever comes, so that a regression fails instead
/// of hanging; it is a deadlock guard, not a speed limit.
#[test]
fn results_stream_before_the_input_ends() {
    let mut child = jdlint()
        .args(["--format", "jsonl", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot run jdlint");
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let guard = std::thread::spawn(move || {
        if finished
            .recv_timeout(std::time::Duration::from_secs(300))
            .is_err()
        {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    });
    let record = json!({"title": "Product Manager", "text": "- Own the roadmap\n- 2-4 years of product management experience"});
    // More than one chunk of records, then the input stays open until the first result is
    // read (written from a thread: jdlint's output would fill its pipe before it reads on).
    let mut stdin = child.stdin.take().unwrap();
    let (go_on, wait) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        for i in 0..3000 {
            if i == 1100 {
                stdin.flush().unwrap();
                wait.recv().unwrap();
            }
            writeln!(stdin, "{record}").unwrap();
        }
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let first: Value = serde_json::from_str(&first)
        .unwrap_or_else(|e| panic!("no result while the input was open: {e}: {first:?}"));
    assert_eq!(at(&first, "source.line"), 1);
    go_on.send(()).unwrap();
    let rest = out.lines().count();
    writer.join().unwrap();
    assert_eq!(1 + rest, 3000);
    assert!(child.wait().unwrap().success());
    done.send(()).unwrap();
    guard.join().unwrap();
}

/// `jdlint::input::record_line` (a line a program holds) and `jdlint::input::record` (a JSON
/// value it built) read a record as the file reader reads its line: the same posting or the same
/// error, but for the file's path and line. The Python binding reads records through them.
#[test]
fn a_record_given_as_a_line_or_a_value_is_read_as_the_files_line() {
    use jdlint::input::{record, record_line, Item, Options, Reader};
    use jdlint::Source;
    let options = Options::default();
    let reader = Reader::new(options.clone()).unwrap();
    let dir = TempDir::new("record-line");
    let mut lines: Vec<String> = fixture_text("fixtures/batch.jsonl")
        .lines()
        .chain(fixture_text("fixtures/calibrate/postings.jsonl").lines())
        .map(str::to_string)
        .collect();
    // Broken records (not JSON, not an object, no title, a text of another kind), and numbers
    // kept as written.
    lines.extend(
        [
            r#"{"title": "PM", "text": "x""#,
            r#"["PM", "text"]"#,
            r#"{"id": 7, "text": "no title"}"#,
            r#"{"id": -0, "title": "PM", "text": 12}"#,
            r#"{"id": 98765432109876543210, "title": "PM", "text": "Own the roadmap.\r\nShip", "n": 1e5}"#,
        ]
        .map(str::to_string),
    );
    let path = dir.write("records.jsonl", lines.join("\n"));
    let from_file: Vec<Item> = reader.read(&path).collect();
    assert_eq!(from_file.len(), lines.len());
    let without_place = |mut item: Item| {
        let source = match &mut item {
            Ok(posting) => &mut posting.source,
            Err(e) => &mut e.source,
        };
        (source.path, source.line) = (None, None);
        item
    };
    for (line, expected) in lines.iter().zip(from_file) {
        let expected = without_place(expected);
        assert_eq!(
            record_line(Source::default(), line, &options),
            expected,
            "{line}"
        );
        if let Ok(value) = serde_json::from_str::<Value>(line) {
            assert_eq!(
                record(Source::default(), value, &options),
                expected,
                "{line}"
            );
        }
    }
    let blank = record_line(Source::default(), " \r\n", &options).unwrap_err();
    assert_eq!(blank.message, "a blank line holds no record");
}
