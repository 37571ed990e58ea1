//! Black-box tests of the report formats for batch and CI use: `brief`, `sarif` (validated against
//! the official SARIF 2.1.0 schema vendored in tests/it/sarif/), `github` workflow commands, the
//! summary, `--output`, `--progress`, a closed stdout in every format, and `jdlint lexicon terms`.
//! Expected values come from the same run in `--format jsonl`, the DOMAIN.md contract, so the
//! formats are checked against each other rather than against hard-coded text.

use crate::common;
use common::*;

/// A scratch directory under the target directory, and so usually under the current directory of
/// the runs too (SARIF URIs are relative to it).
fn in_target_dir(name: &str) -> TempDir {
    TempDir::under(Path::new(env!("CARGO_TARGET_TMPDIR")), name)
}

use regex::Regex;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const MISMATCH_FIXTURE: &str = "fixtures/postings/mismatch-level-pm-title-director-body.txt";
const MISSING: &str = "fixtures/no-such-posting.txt";
const FORMATS: [&str; 6] = ["human", "brief", "json", "jsonl", "sarif", "github"];

// ---------------------------------------------------------------------------------------------
// Helpers

/// Every posting fixture, sorted, then the JSONL batch (which has a malformed line) and a file
/// that does not exist: diagnostics of every rule the fixtures exercise and both kinds of input
/// error.
fn varied_inputs() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(manifest_dir().join("fixtures/postings"))
        .unwrap()
        .map(|e| {
            format!(
                "fixtures/postings/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    paths.sort();
    paths.push("fixtures/batch.jsonl".into());
    paths.push(MISSING.into());
    paths
}

/// The JSONL objects of a run over `inputs`, the contract the other formats are checked against.
fn jsonl_objects(dir: &Path, inputs: &[String]) -> Vec<Value> {
    let mut args = vec!["--format", "jsonl"];
    args.extend(inputs.iter().map(String::as_str));
    let out = run_in(dir, &args);
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl line parses"))
        .collect()
}

fn args_with<'a>(format: &'a str, inputs: &'a [String]) -> Vec<&'a str> {
    let mut args = vec!["--format", format];
    args.extend(inputs.iter().map(String::as_str));
    args
}

/// One diagnostic or input error as the JSONL contract gives it.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    path: String,
    /// A JSONL record's line in its file.
    record_line: Option<u64>,
    /// The place in a document's text.
    line: Option<u64>,
    column: Option<u64>,
    severity: String,
    /// The rule, or `input` for an input error.
    rule: String,
    message: String,
    help: Option<String>,
}

fn expected(objects: &[Value]) -> Vec<Expected> {
    let mut all = Vec::new();
    for o in objects {
        let path = o["source"]["path"].as_str().unwrap().to_string();
        let record_line = o["source"]["line"].as_u64();
        if let Some(error) = o["error"].as_str() {
            all.push(Expected {
                path,
                record_line,
                line: None,
                column: None,
                severity: "error".into(),
                rule: "input".into(),
                message: error.into(),
                help: None,
            });
            continue;
        }
        for d in o["diagnostics"].as_array().unwrap() {
            all.push(Expected {
                path: path.clone(),
                record_line,
                line: d["line"].as_u64(),
                column: d["column"].as_u64(),
                severity: d["severity"].as_str().unwrap().into(),
                rule: d["rule"].as_str().unwrap().into(),
                message: d["message"].as_str().unwrap().into(),
                help: d["help"].as_str().map(String::from),
            });
        }
    }
    all
}

fn is_summary_line(line: &str) -> bool {
    let summary =
        Regex::new(r"^(\d+ postings? checked: |implied levels: |\d+ inputs? could not be read$)")
            .unwrap();
    summary.is_match(line)
}

// ---------------------------------------------------------------------------------------------
// brief

#[test]
fn brief_lines_parse_and_point_at_the_diagnostics_places() {
    let inputs = varied_inputs();
    let want = expected(&jsonl_objects(manifest_dir(), &inputs));
    assert!(want
        .iter()
        .any(|e| e.rule == "input" && e.record_line.is_some()));
    assert!(want
        .iter()
        .any(|e| e.rule == "input" && e.record_line.is_none()));
    assert!(want.iter().filter(|e| e.rule != "input").count() >= 5);

    let out = run(&args_with("brief", &inputs));
    assert_eq!(code(&out), 2, "an input error exits 2\n{}", describe(&out));
    assert!(stderr(&out).contains(MISSING), "{}", describe(&out));

    let line_re = Regex::new(
        r"^(?P<path>[^:]+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: (?P<sev>error|warning|info) (?P<rule>[a-z][a-z-]*): (?P<msg>.+)$",
    )
    .unwrap();
    let text = stdout(&out);
    let (diagnostic_lines, summary): (Vec<&str>, Vec<&str>) =
        text.lines().partition(|l| line_re.is_match(l));
    assert!(
        !summary.is_empty() && summary.iter().all(|l| is_summary_line(l)),
        "every line is a diagnostic or the summary: {summary:?}"
    );
    assert!(text.lines().last().is_some_and(is_summary_line), "{text}");

    let got: Vec<Expected> = diagnostic_lines
        .iter()
        .map(|l| {
            let c = line_re.captures(l).unwrap();
            let num = |name: &str| c.name(name).map(|m| m.as_str().parse::<u64>().unwrap());
            let path = c["path"].to_string();
            let is_record = path.ends_with(".jsonl");
            Expected {
                path,
                record_line: if is_record { num("line") } else { None },
                line: if is_record { None } else { num("line") },
                column: num("col"),
                severity: c["sev"].into(),
                rule: c["rule"].into(),
                message: c["msg"].into(),
                help: None,
            }
        })
        .collect();
    let want: Vec<Expected> = want
        .into_iter()
        .map(|e| Expected {
            // A record's diagnostics point at its line, not at the place in its text.
            line: e.record_line.map_or(e.line, |_| None),
            column: e.record_line.map_or(e.column, |_| None),
            help: None,
            ..e
        })
        .collect();
    assert_eq!(got, want, "{}", describe(&out));

    // Each place is a real place: the line exists and the column is on it.
    for e in got.iter().filter(|e| e.line.is_some()) {
        let text = std::fs::read_to_string(manifest_dir().join(&e.path)).unwrap();
        let line = text
            .lines()
            .nth(e.line.unwrap() as usize - 1)
            .unwrap_or_else(|| panic!("{e:?}: no such line"));
        let column = e.column.unwrap() as usize;
        assert!(
            column >= 1 && column <= line.chars().count(),
            "{e:?}: column off the line {line:?}"
        );
    }
    assert!(
        text.contains(&format!(
            "{MISMATCH_FIXTURE}:1:1: error title-level-mismatch: title claims pm"
        )),
        "{text}"
    );
}

#[test]
fn brief_keeps_a_multi_line_message_on_one_line() {
    let tmp = in_target_dir("brief-one-line");
    let record = serde_json::json!({"title": "Product Ninja\nof the\r\nyear", "text": "We ship."});
    let input = tmp.write("one.jsonl", format!("{record}\n").as_bytes());
    let out = run(&["--format", "brief", &input]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("unrecognized-title"))
        .unwrap_or_else(|| panic!("{}", describe(&out)));
    assert!(
        line.contains("\"Product Ninja of the year\""),
        "{line:?}\n{}",
        describe(&out)
    );
    assert!(text.lines().all(|l| l.contains(": ")), "{text}");
}

// ---------------------------------------------------------------------------------------------
// sarif

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("sarif/sarif-schema-2.1.0.json"))
        .expect("the vendored schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn sarif_level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        "info" => "note",
        other => panic!("unknown severity {other}"),
    }
}

/// Undoes percent-encoding.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn sarif_validates_against_the_official_schema_and_reports_everything() {
    // Awkward file names (a space, a colon, a non-ASCII letter): given relative, given absolute
    // under the current directory, and outside it.
    let fixture = std::fs::read(manifest_dir().join(MISMATCH_FIXTURE)).unwrap();
    let name = "a posting: \u{e9}t\u{e9}.txt";
    let inside = in_target_dir("sarif");
    let outside = TempDir::new("sarif");
    let mut inputs = varied_inputs();
    inputs.push(inside.write(name, &fixture));
    if let Ok(relative) = inside.path().strip_prefix(manifest_dir()) {
        inputs.push(format!("./{}", relative.join(name).display()));
    }
    inputs.push(outside.write(name, &fixture));

    let objects = jsonl_objects(manifest_dir(), &inputs);
    let want = expected(&objects);
    let out = run(&args_with("sarif", &inputs));
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let doc: Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("not one JSON document: {e}\n{}", describe(&out)));
    let validator = sarif_validator();
    let errors = schema_errors(&validator, &doc);
    assert!(errors.is_empty(), "schema errors: {errors:#?}");

    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];

    // Relative URIs are relative to the current directory of the run.
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(
        percent_decode(base),
        format!("file://{}/", manifest_dir().display())
    );

    // The driver lists every rule of the registry, in order, with its documentation.
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "jdlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    // Where to learn about the tool: the package's repository (Cargo.toml).
    let information = driver["informationUri"].as_str().unwrap_or_default();
    assert!(information.starts_with("https://"), "{information:?}");
    assert_eq!(information, env!("CARGO_PKG_REPOSITORY"));
    let rules = driver["rules"].as_array().unwrap();
    let registry = jdlint::rules::registry();
    assert_eq!(rules.len(), registry.len());
    for (rule, registered) in rules.iter().zip(registry) {
        let doc = registered.doc();
        assert_eq!(rule["id"], doc.id);
        let name = rule["name"].as_str().unwrap();
        assert!(
            name.chars().all(|c| c.is_ascii_alphabetic()) && name.starts_with(char::is_uppercase),
            "{name}"
        );
        assert_eq!(rule["shortDescription"]["text"], doc.summary);
        assert_eq!(rule["fullDescription"]["text"], doc.explanation);
        assert_eq!(rule["help"]["text"], doc.explanation);
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        assert!(
            markdown.contains(doc.fires.lines().next().unwrap()),
            "{markdown}"
        );
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            sarif_level(doc.severity.id())
        );
    }

    // One result per diagnostic, in order, with its rule, level, message and place.
    let results = run["results"].as_array().unwrap();
    let diagnostics: Vec<&Expected> = want.iter().filter(|e| e.rule != "input").collect();
    assert_eq!(results.len(), diagnostics.len());
    for (result, e) in results.iter().zip(&diagnostics) {
        assert_eq!(result["ruleId"], e.rule.as_str(), "{result}");
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], e.rule.as_str(), "{result}");
        assert_eq!(result["level"], sarif_level(&e.severity), "{result}");
        let text = result["message"]["text"].as_str().unwrap();
        assert!(text.starts_with(&e.message), "{result}");
        if let Some(help) = &e.help {
            assert!(text.ends_with(help.as_str()), "{result}");
        }
        check_location(&result["locations"][0], e);
    }

    // Input errors are notifications of an invocation that did not fully succeed.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    let input_errors: Vec<&Expected> = want.iter().filter(|e| e.rule == "input").collect();
    assert_eq!(notifications.len(), input_errors.len());
    for (n, e) in notifications.iter().zip(&input_errors) {
        assert_eq!(n["level"], "error");
        assert_eq!(n["message"]["text"], e.message.as_str());
        check_location(&n["locations"][0], e);
    }

    // A clean run: no results, a successful invocation, still valid.
    let clean = run_sarif(&["fixtures/postings/pm-core.txt"]);
    assert!(schema_errors(&validator, &clean).is_empty());
    assert_eq!(clean["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        clean["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

fn run_sarif(args: &[&str]) -> Value {
    let mut all = vec!["--format", "sarif"];
    all.extend(args);
    let out = run(&all);
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("not one JSON document: {e}\n{}", describe(&out)))
}

/// `location` is where `e` stands: its file (relative to `%SRCROOT%` when under the current
/// directory, an absolute `file:` URI outside it) and region.
fn check_location(location: &Value, e: &Expected) {
    let physical = &location["physicalLocation"];
    let artifact = &physical["artifactLocation"];
    let uri = artifact["uri"].as_str().unwrap();
    // Draft-04 knows no `uri-reference` format, so the schema leaves this to us: RFC 3986
    // characters only (no `:` outside the scheme, so no first segment reads as a scheme).
    let reference =
        Regex::new(r"^(file://)?([A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})+$").unwrap();
    assert!(reference.is_match(uri), "not a URI reference: {uri}");
    let given: PathBuf = manifest_dir()
        .join(&e.path)
        .components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect();
    let file = match given.strip_prefix(manifest_dir()) {
        Ok(relative) => {
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{artifact}");
            assert_eq!(
                percent_decode(uri),
                relative.to_str().unwrap(),
                "{artifact}"
            );
            manifest_dir().join(percent_decode(uri))
        }
        Err(_) => {
            assert!(artifact.get("uriBaseId").is_none(), "{artifact}");
            PathBuf::from(percent_decode(uri.strip_prefix("file://").unwrap()))
        }
    };
    assert_eq!(file, given, "{location}");
    let region = &physical["region"];
    match (e.record_line, e.line) {
        (Some(record_line), _) => {
            assert_eq!(region["startLine"], record_line, "{location}");
            assert!(region.get("startColumn").is_none(), "{location}");
        }
        (None, Some(line)) => {
            assert_eq!(region["startLine"], line, "{location}");
            assert_eq!(region["startColumn"], e.column.unwrap(), "{location}");
            let end_line = region["endLine"].as_u64().unwrap();
            let end_column = region["endColumn"].as_u64().unwrap();
            assert!(
                end_line > line || end_column > e.column.unwrap(),
                "{location}"
            );
        }
        (None, None) => assert!(physical.get("region").is_none(), "{location}"),
    }
}

#[test]
fn sarif_results_for_a_title_given_apart_point_at_the_first_line() {
    let doc = run_sarif(&[
        "--title",
        "Product Manager",
        "fixtures/postings/director-domain.txt",
    ]);
    assert!(schema_errors(&sarif_validator(), &doc).is_empty());
    // The title rules point at the title, which a title given apart has no place for but line 1.
    let results: Vec<&Value> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"].as_str().unwrap().starts_with("title-"))
        .collect();
    assert!(!results.is_empty(), "{doc}");
    for result in results {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region, &serde_json::json!({"startLine": 1}), "{result}");
    }
}

#[test]
fn the_schema_check_rejects_broken_sarif() {
    let validator = sarif_validator();
    let valid = run_sarif(&[MISMATCH_FIXTURE, "fixtures/batch.jsonl"]);
    assert!(schema_errors(&validator, &valid).is_empty());
    assert!(!valid["runs"][0]["results"].as_array().unwrap().is_empty());

    type Breakage = (&'static str, fn(&mut Value));
    let breakages: [Breakage; 6] = [
        ("an unknown level", |d| {
            d["runs"][0]["results"][0]["level"] = "fatal".into();
        }),
        ("a result without a message", |d| {
            d["runs"][0]["results"][0]
                .as_object_mut()
                .unwrap()
                .remove("message");
        }),
        ("line 0", |d| {
            d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                0.into();
        }),
        ("another version", |d| d["version"] = "2.0.0".into()),
        ("a rule without an id", |d| {
            d["runs"][0]["tool"]["driver"]["rules"][0]
                .as_object_mut()
                .unwrap()
                .remove("id");
        }),
        ("an unknown property", |d| {
            d["runs"][0]["results"][0]["severity"] = "high".into();
        }),
    ];
    for (what, break_it) in breakages {
        let mut broken = valid.clone();
        break_it(&mut broken);
        assert_ne!(broken, valid, "{what}: the document did not change");
        assert!(
            !schema_errors(&validator, &broken).is_empty(),
            "{what}: the schema accepted it"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// github

/// Undoes the runner's escaping of workflow command data and properties.
fn unescape_command(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

struct WorkflowCommand {
    name: String,
    properties: Vec<(String, String)>,
    data: String,
}

impl WorkflowCommand {
    fn parse(line: &str) -> Option<WorkflowCommand> {
        let re = Regex::new(r"^::(?P<name>[a-z]+) (?P<props>[^:]*)::(?P<data>.*)$").unwrap();
        let c = re.captures(line)?;
        let properties = c["props"]
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').expect("key=value");
                (k.to_string(), unescape_command(v))
            })
            .collect();
        Some(WorkflowCommand {
            name: c["name"].into(),
            properties,
            data: unescape_command(&c["data"]),
        })
    }

    fn property(&self, key: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[test]
fn github_commands_escape_data_and_properties() {
    let tmp = in_target_dir("github-escaping");
    let title = "Product Ninja, 100% remote: ops\r\nlead";
    let record = serde_json::json!({"title": title, "text": "We ship things, 50% faster: always."});
    let name = "we,ird:name%.jsonl";
    tmp.write(name, format!("{record}\n").as_bytes());

    let inputs = vec![name.to_string()];
    let want = expected(&jsonl_objects(tmp.path(), &inputs));
    let target = want
        .iter()
        .find(|e| e.rule == "unrecognized-title")
        .expect("the title is unrecognized");
    assert!(target.message.contains(title), "{target:?}");

    let out = run_in(tmp.path(), &["--format", "github", name]);
    let text = stdout(&out);
    assert!(!text.contains('\r'), "{text:?}");
    let lines: Vec<&str> = text.lines().collect();
    let commands: Vec<WorkflowCommand> = lines
        .iter()
        .filter_map(|l| WorkflowCommand::parse(l))
        .collect();
    assert_eq!(
        commands.len() + lines.iter().filter(|l| is_summary_line(l)).count(),
        lines.len(),
        "every line is a command or the summary:\n{text}"
    );
    assert_eq!(commands.len(), want.len(), "{text}");

    let raw = lines
        .iter()
        .find(|l| l.contains("title=unrecognized-title"))
        .unwrap();
    assert!(
        raw.starts_with("::warning file=we%2Cird%3Aname%25.jsonl,line=1,"),
        "{raw}"
    );
    // The title's line break came from the input: it is made visible, not sent as a break.
    assert!(
        raw.contains("Product Ninja, 100%25 remote: ops\\r\\nlead"),
        "{raw}"
    );
    let command = WorkflowCommand::parse(raw).unwrap();
    assert_eq!(command.name, "warning");
    assert_eq!(command.property("file"), Some(name));
    assert_eq!(command.property("line"), Some("1"));
    assert_eq!(command.property("title"), Some("unrecognized-title"));
    assert_eq!(
        command.data,
        format!(
            "{}\nhelp: {}",
            target.message.replace("\r\n", "\\r\\n"),
            target.help.as_deref().unwrap()
        )
    );
}

#[test]
fn github_commands_give_places_severities_and_input_errors() {
    let inputs: Vec<String> = [MISMATCH_FIXTURE, "fixtures/batch.jsonl", MISSING]
        .map(String::from)
        .to_vec();
    let want = expected(&jsonl_objects(manifest_dir(), &inputs));
    let out = run(&args_with("github", &inputs));
    assert_eq!(code(&out), 2, "{}", describe(&out));
    let text = stdout(&out);
    let commands: Vec<WorkflowCommand> = text.lines().filter_map(WorkflowCommand::parse).collect();
    assert_eq!(commands.len(), want.len(), "{text}");
    for (c, e) in commands.iter().zip(&want) {
        let name = match e.severity.as_str() {
            "info" => "notice",
            other => other,
        };
        assert_eq!(c.name, name);
        assert_eq!(c.property("file"), Some(e.path.as_str()));
        let title = if e.rule == "input" {
            "input error"
        } else {
            &e.rule
        };
        assert_eq!(c.property("title"), Some(title));
        assert!(c.data.starts_with(&e.message), "{}", c.data);
        let line = e.record_line.or(e.line).map(|l| l.to_string());
        assert_eq!(c.property("line"), line.as_deref());
        assert_eq!(
            c.property("col"),
            e.column.map(|c| c.to_string()).as_deref()
        );
    }
    // The title "Product Manager" spans columns 1 to 15 of line 1.
    assert!(
        text.contains(&format!(
            "::error file={MISMATCH_FIXTURE},line=1,col=1,endLine=1,endColumn=15,title=title-level-mismatch::"
        )),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// The summary

#[test]
fn the_summary_counts_postings_severities_levels_and_input_errors() {
    let inputs = varied_inputs();
    let objects = jsonl_objects(manifest_dir(), &inputs);
    let postings: Vec<&Value> = objects.iter().filter(|o| o["error"].is_null()).collect();
    let count = |severity: &str| {
        postings
            .iter()
            .flat_map(|p| p["diagnostics"].as_array().unwrap())
            .filter(|d| d["severity"] == severity)
            .count()
    };
    let levels = crate::common::LEVELS;
    let of_level = |level: Option<&str>| {
        postings
            .iter()
            .filter(|p| p["implied"]["level"].as_str() == level)
            .count()
    };
    let mut mix: Vec<String> = levels
        .iter()
        .filter(|l| of_level(Some(l)) > 0)
        .map(|l| format!("{l} {}", of_level(Some(l))))
        .collect();
    mix.push(format!("none {}", of_level(None)));
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let input_errors = objects.len() - postings.len();
    assert!(of_level(None) > 0 && input_errors == 2 && count("error") > 0);
    let want = vec![
        format!(
            "{} checked: {}, {}, {} info",
            plural(postings.len(), "posting"),
            plural(count("error"), "error"),
            plural(count("warning"), "warning"),
            count("info")
        ),
        format!("implied levels: {}", mix.join(", ")),
        format!("{} could not be read", plural(input_errors, "input")),
    ];

    for format in ["human", "brief", "github"] {
        let out = run(&args_with(format, &inputs));
        let text = stdout(&out);
        let last: Vec<&str> = text.lines().rev().take(3).collect::<Vec<_>>();
        let last: Vec<String> = last.into_iter().rev().map(String::from).collect();
        assert_eq!(last, want, "--format {format}\n{}", describe(&out));
    }

    let out = run(&args_with("json", &inputs));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let summary = &doc["summary"];
    assert_eq!(summary["postings"], postings.len());
    assert_eq!(summary["input_errors"], input_errors);
    for level in levels {
        assert_eq!(summary["implied_levels"][level], of_level(Some(level)));
    }
    assert_eq!(summary["implied_levels"]["none"], of_level(None));
}

// ---------------------------------------------------------------------------------------------
// --output

#[test]
fn output_writes_the_report_to_a_file_and_errors_to_stderr() {
    let tmp = in_target_dir("output");
    let inputs = [MISMATCH_FIXTURE, "fixtures/batch.jsonl", MISSING];
    for format in FORMATS {
        let file = tmp.path().join(format!("report.{format}"));
        let file_arg = file.to_str().unwrap();
        let mut args = vec![
            "--format", format, "--color", "always", "--output", file_arg,
        ];
        args.extend(inputs);
        let to_file = run(&args);
        assert_eq!(code(&to_file), 2, "{}", describe(&to_file));
        assert!(to_file.stdout.is_empty(), "{}", describe(&to_file));
        assert!(
            stderr(&to_file).contains(MISSING),
            "errors still go to stderr\n{}",
            describe(&to_file)
        );
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(!written.contains('\x1b'), "no colour in a file: {written}");

        let mut args = vec!["--format", format, "--color", "never"];
        args.extend(inputs);
        let to_stdout = run(&args);
        assert_eq!(written, stdout(&to_stdout), "--format {format}");
    }

    // `--color always` does colour standard output, so the file was plain by choice.
    let coloured = run(&["--color", "always", MISMATCH_FIXTURE]);
    assert!(stdout(&coloured).contains('\x1b'));
}

#[test]
fn output_refuses_an_input_and_an_unwritable_place() {
    let tmp = in_target_dir("output-refused");
    let fixture = std::fs::read(manifest_dir().join(MISMATCH_FIXTURE)).unwrap();
    let input = tmp.write("posting.txt", &fixture);

    let out = run(&["--output", &input, &input]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("also an input"), "{}", describe(&out));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        fixture,
        "the input is intact"
    );

    let nowhere = tmp.path().join("no/such/dir/report.txt");
    let out = run(&["--output", nowhere.to_str().unwrap(), &input]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(
        stderr(&out).contains("cannot write") && stderr(&out).contains("report.txt"),
        "{}",
        describe(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// --progress

#[test]
fn progress_shows_in_a_pipe_only_when_asked_for() {
    let inputs = varied_inputs();
    let mut outputs = Vec::new();
    for when in ["auto", "never", "always"] {
        let mut args = vec!["--format", "jsonl", "--progress", when];
        args.extend(inputs.iter().map(String::as_str));
        outputs.push((when, run(&args)));
    }
    let progress = Regex::new(r"\d+ postings  \d+/s").unwrap();
    let input_errors = Regex::new(r"\A(jdlint: error: [^\n]*\n){2}\z").unwrap();
    for (when, out) in &outputs {
        assert_eq!(
            stderr(out).matches("jdlint: error: ").count(),
            2,
            "{}",
            describe(out)
        );
        if *when == "always" {
            // A JSONL input: the count is not known beforehand, so the count and a rate.
            assert!(progress.is_match(&stderr(out)), "{}", describe(out));
        } else {
            assert!(
                input_errors.is_match(&stderr(out)),
                "--progress {when} in a pipe: nothing but the input errors\n{}",
                describe(out)
            );
        }
    }
    // The report itself is the same whatever the progress.
    assert_eq!(outputs[0].1.stdout, outputs[1].1.stdout);
    assert_eq!(outputs[0].1.stdout, outputs[2].1.stdout);

    // Files of one posting each: the total is known, so a bar and the time left. CI variables
    // turn `auto` off, not `always`.
    let documents: Vec<&str> = inputs
        .iter()
        .map(String::as_str)
        .filter(|p| p.starts_with("fixtures/postings/"))
        .collect();
    let out = jdlint()
        .env("CI", "true")
        .args(["--progress", "always"])
        .args(&documents)
        .output()
        .unwrap();
    let bar = Regex::new(&format!(r"\d+/{} postings  \d+/s  ETA", documents.len())).unwrap();
    assert!(bar.is_match(&stderr(&out)), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------------
// A closed stdout

#[test]
fn a_closed_stdout_ends_quietly_in_every_format() {
    let tmp = in_target_dir("closed-stdout");
    let mut jsonl = String::new();
    for i in 0..1100 {
        // An unrecognized title: every posting has a diagnostic, so that every format writes more
        // than a pipe holds from the first chunk on.
        let record = serde_json::json!({
            "id": i,
            "title": "Product Ninja",
            "text": "What you'll do\n- Own the roadmap for one product area\n- Run discovery\n",
        });
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
    }
    let input = tmp.write("many.jsonl", jsonl.as_bytes());

    for format in FORMATS {
        for read_first_line in [false, true] {
            let mut child = jdlint()
                .args(["--format", format, &input])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let stdout = child.stdout.take().unwrap();
            if read_first_line {
                // As `| head -1` does.
                let mut first = String::new();
                BufReader::new(stdout).read_line(&mut first).unwrap();
                assert!(!first.is_empty(), "--format {format}");
            } else {
                drop(stdout);
            }
            let out = child.wait_with_output().unwrap();
            let err = stderr(&out);
            assert!(
                err.is_empty(),
                "--format {format}: a closed stdout prints nothing on stderr: {err}"
            );
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "--format {format}: {:?}",
                out.status
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// jdlint lexicon terms

#[test]
fn lexicon_terms_layers_the_config_lexicon_as_linting_does() {
    let tmp = TempDir::new("terms-config");
    tmp.write(
        "words/extra.json",
        br#"{"signals":[{"terms":["zorblax"],"supports":"level:cpo","weight":3.0,"source":"003: test"}]}"#,
    );
    tmp.write("jdlint.toml", "lexicon = [\"words/extra.json\"]\n");
    let has_zorblax = |args: &[&str]| {
        let out = run_in(tmp.path(), args);
        assert_eq!(code(&out), 0, "{}", describe(&out));
        stdout(&out).lines().any(|t| t == "zorblax")
    };
    assert!(has_zorblax(&["lexicon", "terms"]));
    assert!(!has_zorblax(&["lexicon", "terms", "--no-config"]));
}

#[test]
fn lexicon_terms_prints_every_term_of_the_lexicon() {
    let out = run(&["lexicon", "terms"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let printed: Vec<String> = stdout(&out).lines().map(String::from).collect();
    let lexicon = jdlint::lexicon::Lexicon::embedded().unwrap();
    let terms: Vec<String> = lexicon.terms().collect();
    assert!(terms.len() > 100);
    assert_eq!(printed, terms);

    // With an overlay, its terms too.
    let tmp = in_target_dir("lexicon-terms");
    tmp.write(
        "extra.json",
        br#"{"signals":[{"terms":["Zorblax Roadmaps"],"supports":"level:cpo","weight":3.0,"source":"003: test"}]}"#,
    );
    let dir = tmp.path().to_str().unwrap();
    let out = run(&["lexicon", "terms", "--lexicon", dir]);
    let printed: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(printed.len(), terms.len() + 1, "{}", describe(&out));
    assert!(
        printed.iter().any(|t| t == "zorblax roadmaps"),
        "{}",
        describe(&out)
    );
    let only = run(&["lexicon", "terms", "--lexicon", dir, "--no-default-lexicon"]);
    assert_eq!(stdout(&only), "zorblax roadmaps\n", "{}", describe(&only));

    // A broken overlay is an error naming it; a closed stdout is not.
    tmp.write("broken.json", b"{");
    let out = run(&["lexicon", "terms", "--lexicon", dir]);
    assert_eq!(code(&out), 2, "{}", describe(&out));
    assert!(stderr(&out).contains("broken.json"), "{}", describe(&out));
    let mut child = jdlint()
        .args(["lexicon", "terms"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn stdin_reports_have_no_file() {
    let posting = std::fs::read(manifest_dir().join(MISMATCH_FIXTURE)).unwrap();
    for (format, check) in [("sarif", "\"locations\""), ("github", "file=")] {
        let mut child = jdlint()
            .args(["--format", format, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&posting).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 1, "{}", describe(&out));
        let text = stdout(&out);
        assert!(text.contains("title-level-mismatch"), "{text}");
        assert!(!text.contains(check), "--format {format}: {text}");
        if format == "sarif" {
            let doc: Value = serde_json::from_str(&text).unwrap();
            assert!(schema_errors(&sarif_validator(), &doc).is_empty());
        }
    }
}
