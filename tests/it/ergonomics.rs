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
    assert!(stdout(&piped).starts_with("1 posting checked"), "{}", describe(&piped));
}

#[test]
fn no_path_and_no_pipe_checks_the_current_directory() {
    let tmp = TempDir::new("dot");
    tmp.write("pm.txt", std::fs::read(manifest_dir().join(PM_CORE)).unwrap());
    let batch = std::fs::read(manifest_dir().join("fixtures/batch.jsonl")).unwrap();
    tmp.write("sub/batch.jsonl", batch);
    // Standard input is /dev/null here, a device: nothing is piped.
    let implicit = run_in(tmp.path(), &["--format", "brief"]);
    let explicit = run_in(tmp.path(), &["--format", "brief", "."]);
    assert_eq!(stdout(&implicit), stdout(&explicit));
    assert_eq!(code(&implicit), code(&explicit));
    assert!(stdout(&implicit).contains("./sub/batch.jsonl:"), "{}", describe(&implicit));
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
        &["--format", "brief", "--stdin-filename", "jobs/careers-page.html"],
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
    let out = run_with_stdin(&["--format", "brief", "--fail-on", "never"], records.as_bytes());
    insta::assert_snapshot!(transcript(&out, manifest_dir()));
    // Told the format, jdlint guesses nothing and says nothing.
    let told = run_with_stdin(&["--format", "brief", "--input-format", "text"], records.as_bytes());
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
    assert!(!stderr(&missing).contains("did you mean"), "{}", describe(&missing));
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
