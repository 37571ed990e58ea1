//! Golden tests of the command line's output, byte for byte: every fixture in every format, and
//! every rule on its documented examples and its `fixtures/rules/fires-<rule>-*` postings. The
//! expected outputs are the snapshots in `tests/it/golden/` (insta); any change of output fails
//! `cargo test` and is reviewed as a diff of those files. To accept a change:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test --test it golden   # rewrites tests/it/golden/*.snap
//! git diff tests/it/golden/                         # review it like code
//! ```
//!
//! (`cargo insta review` works too, for those who have cargo-insta.) Outputs are made
//! deterministic: jdlint runs from the package root on relative paths, and the package version
//! and root directory are redacted.

use crate::common;

use common::*;
use std::path::Path;
use std::process::Output;

/// The directories of fixtures whose postings the golden tests run, and the single files.
const FIXTURE_DIRS: [&str; 4] = [
    "fixtures/postings",
    "fixtures/rules",
    "fixtures/years",
    "fixtures/inputs",
];
const FIXTURE_FILES: [&str; 1] = ["fixtures/batch.jsonl"];

/// The output formats every fixture is shown in (`jsonl` is `json`'s objects one a line).
const FORMATS: [&str; 5] = ["human", "brief", "github", "sarif", "json"];

/// Every fixture posting file, as a path relative to the package root, sorted.
fn fixtures() -> Vec<String> {
    let mut paths: Vec<String> = FIXTURE_FILES.iter().map(|f| f.to_string()).collect();
    for dir in FIXTURE_DIRS {
        for entry in std::fs::read_dir(manifest_dir().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            paths.push(format!("{dir}/{name}"));
        }
    }
    paths.sort();
    paths
}

/// The exit code, stdout and stderr of a run, with what changes between machines and releases
/// replaced by placeholders.
fn transcript(out: &Output) -> String {
    let text = format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        code(out),
        stdout(out),
        stderr(out)
    );
    let mut text = text.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[VERSION]\"",
    );
    // The root as given and as the process sees its working directory (symbolic links
    // resolved), raw and as SARIF's base URI percent-encodes it (a folder with a space, say).
    let canonical = manifest_dir().canonicalize().unwrap();
    for root in [manifest_dir(), canonical.as_path()] {
        let root = root.to_str().unwrap();
        text = text
            .replace(root, "[ROOT]")
            .replace(&uri_encoded(root), "[ROOT]");
    }
    text
}

/// `path` as SARIF writes it in a URI: every byte but unreserved characters and `/` as `%XX`.
fn uri_encoded(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The snapshot name of `fixture` in `format`: `postings-pm-core.txt.brief`.
fn snapshot_name(fixture: &str, format: &str) -> String {
    let relative = fixture.strip_prefix("fixtures/").unwrap();
    format!("{}.{format}", relative.replace('/', "-"))
}

/// Runs every fixture through `jdlint --format FORMAT extra...` and compares each output with
/// its snapshot. A SARIF log's opening up to its results (the tool and every rule's
/// documentation, the same for every input) is compared across the fixtures and kept once, in
/// `sarif-header.snap`.
fn every_fixture_in(format: &str, extra: &[&str]) {
    let mut sarif_header: Option<String> = None;
    for fixture in fixtures() {
        let mut args = vec!["--format", format];
        args.extend_from_slice(extra);
        args.push(&fixture);
        let mut text = transcript(&run(&args));
        if format == "sarif" {
            let start = text.find("--- stdout\n").unwrap() + "--- stdout\n".len();
            let end = start + text[start..].find("\"results\":[").unwrap() + "\"results\":[".len();
            let header = text[start..end].to_string();
            match &sarif_header {
                None => {
                    assert_golden(
                        "sarif-header",
                        "the opening of every SARIF log, up to its results",
                        &header,
                    );
                    sarif_header = Some(header);
                }
                Some(first) => assert_eq!(&header, first, "{fixture}"),
            }
            text.replace_range(start..end, "[sarif-header.snap]");
        }
        assert_golden(
            &snapshot_name(&fixture, format),
            &format!("jdlint {}", args.join(" ")),
            &text,
        );
    }
}

/// Compares `text` with the snapshot `tests/it/golden/NAME.snap`, which says what made it.
fn assert_golden(name: &str, description: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => "golden",
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => description,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn every_fixture_in_the_human_format_without_colour() {
    // Every posting with its evidence: the default view leaves out clean postings and evidence
    // (tests/it/ergonomics.rs shows it).
    every_fixture_in("human", &["--color", "never", "--verbose"]);
}

#[test]
fn every_fixture_in_the_brief_format() {
    every_fixture_in("brief", &[]);
}

#[test]
fn every_fixture_in_the_github_format() {
    every_fixture_in("github", &[]);
}

#[test]
fn every_fixture_in_the_sarif_format() {
    every_fixture_in("sarif", &[]);
}

#[test]
fn every_fixture_in_the_json_format() {
    every_fixture_in("json", &[]);
}

/// Each rule alone (`--select`) in the human format on the posting its documentation says fires
/// it, the one it says does not, and its `fixtures/rules/fires-<rule>-*` postings.
#[test]
fn every_rule_on_its_examples_and_fixtures() {
    let rule_fixtures: Vec<String> = fixtures()
        .into_iter()
        .filter(|f| f.starts_with("fixtures/rules/fires-"))
        .collect();
    for rule in jdlint::rules::registry() {
        let doc = rule.doc();
        let dir = TempDir::new(doc.id);
        dir.write("fires.txt", doc.fires);
        dir.write("clean.txt", doc.clean);
        let mut args = vec!["--select", doc.id, "--format", "human", "--color", "never"];
        args.extend(["fires.txt", "clean.txt"]);
        let prefix = format!("fixtures/rules/fires-{}-", doc.id);
        let own: Vec<&String> = rule_fixtures
            .iter()
            .filter(|f| f.starts_with(&prefix))
            .collect();
        for fixture in &own {
            let name = Path::new(fixture).file_name().unwrap().to_str().unwrap();
            std::fs::copy(manifest_dir().join(fixture), dir.path().join(name)).unwrap();
            args.push(name);
        }
        let out = run_in(dir.path(), &args);
        assert_golden(
            &format!("rule-{}", doc.id),
            &format!("jdlint {}", args.join(" ")),
            &transcript(&out),
        );
    }
}

/// The library returns what the command line prints: every fixture read and analyzed through
/// `jdlint::input::Reader` and `Engine::report` serializes to the objects of `--format jsonl`,
/// suppressions and positions in the file included.
#[test]
fn the_library_returns_what_the_command_line_prints() {
    let reader = jdlint::input::Reader::new(jdlint::input::Options::default()).unwrap();
    let engine = jdlint::Engine::new();
    let mut args = vec!["--format", "jsonl", "--fail-on", "never"];
    let fixtures = fixtures();
    args.extend(fixtures.iter().map(String::as_str));
    let printed = parse_jsonl(&run(&args));
    let mut returned = Vec::new();
    for fixture in &fixtures {
        for item in reader.read(&manifest_dir().join(fixture).to_string_lossy()) {
            let mut report = serde_json::to_value(engine.report(&item)).unwrap();
            // The command line was given the path relative to the package root.
            report["source"]["path"] = fixture.as_str().into();
            returned.push(report);
        }
    }
    assert_eq!(returned.len(), printed.len());
    for (returned, printed) in returned.iter().zip(&printed) {
        assert_eq!(returned, printed, "{}", printed["source"]);
    }
}

/// A fixture named for a rule (`fires-<rule>-*`) names one that exists, so that it is in that
/// rule's snapshot.
#[test]
fn every_rule_fixture_names_a_rule() {
    for fixture in fixtures() {
        let Some(name) = fixture.strip_prefix("fixtures/rules/fires-") else {
            continue;
        };
        assert!(
            jdlint::rules::registry()
                .iter()
                .any(|r| name.starts_with(&format!("{}-", r.doc().id))),
            "{fixture} names no rule"
        );
    }
}

/// Every snapshot in `tests/it/golden/` belongs to a fixture and format or a rule that the tests
/// above check: none is left behind by a removed fixture or rule.
#[test]
fn no_snapshot_is_left_unchecked() {
    let mut expected: Vec<String> = fixtures()
        .iter()
        .flat_map(|f| FORMATS.map(|format| snapshot_name(f, format)))
        .chain(
            jdlint::rules::registry()
                .iter()
                .map(|r| format!("rule-{}", r.doc().id)),
        )
        .chain(["sarif-header".to_string()])
        .map(|name| format!("{name}.snap"))
        .collect();
    expected.sort();
    let mut found: Vec<String> = std::fs::read_dir(manifest_dir().join("tests/it/golden"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".snap"))
        .collect();
    found.sort();
    let stale: Vec<&String> = found.iter().filter(|f| !expected.contains(f)).collect();
    assert!(
        stale.is_empty(),
        "snapshots of no fixture or rule: {stale:?}"
    );
}
