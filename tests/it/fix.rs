//! `jdlint --fix` and `--diff`: the safe fixes of wording substitutions, applied in place to text
//! and Markdown files, never in code or a front matter, atomically, and idempotent.

use crate::common;
use common::*;

const POSTING: &str = "---\ntitle: Product Manager\n---\n\n# Product Manager\n\nWork with our \
salesman and the sales guys.\n\n- Sanity check each release; the `salesman` field stays\n- Speak \
native English\n";

const FIXED: &str = "---\ntitle: Product Manager\n---\n\n# Product Manager\n\nWork with our \
salesperson and the sales guys.\n\n- Quick check each release; the `salesman` field stays\n- Speak \
fluent English\n";

#[test]
fn diff_shows_the_safe_fixes_and_changes_nothing() {
    let dir = TempDir::new("fix-diff");
    let path = dir.write("p.md", POSTING);
    let out = run(&["--diff", &path]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let diff = stdout(&out);
    assert!(
        diff.contains("-Work with our salesman and the sales guys."),
        "{diff}"
    );
    assert!(
        diff.contains("+Work with our salesperson and the sales guys."),
        "{diff}"
    );
    assert!(diff.contains("+- Speak fluent English"), "{diff}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), POSTING);
}

#[test]
fn fix_rewrites_the_file_reports_each_change_and_a_second_run_finds_nothing() {
    let dir = TempDir::new("fix-apply");
    let path = dir.write("p.md", POSTING);
    let out = run(&["--fix", "--format", "brief", &path]);
    let err = stderr(&out);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED, "{err}");
    assert!(
        err.contains(":7:15: fixed gendered-word: \"salesman\" -> \"salesperson\""),
        "{err}"
    );
    assert!(err.contains("fixed 3 phrases in 1 file"), "{err}");
    // What is left is linted: "guys" has several replacements, a person picks.
    assert!(
        stdout(&out).contains("gendered-word: gendered word: \"guys\""),
        "{}",
        stdout(&out)
    );

    let again = run(&["--diff", &path]);
    assert_eq!(again.status.code(), Some(0), "{}", describe(&again));
    assert!(stdout(&again).is_empty());
    let again = run(&["--fix", &path]);
    assert!(stderr(&again).contains("fixed 0 phrases in 0 files"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");
}

#[test]
fn records_html_and_unreadable_files_are_not_rewritten() {
    let dir = TempDir::new("fix-others");
    let jsonl = dir.write(
        "p.jsonl",
        "{\"title\": \"Product Manager\", \"text\": \"Work with our salesman.\"}\n",
    );
    let html = dir.write(
        "p.html",
        "<h1>Product Manager</h1><p>Work with our salesman.</p>",
    );
    let bad = dir.write("bad.txt", b"Product Manager\n\nour salesman \xff\xfe\n");
    let before: Vec<Vec<u8>> = [&jsonl, &html, &bad]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let out = run(&["--fix", "--format", "brief", &jsonl, &html, &bad]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        stderr(&out).contains("bad.txt: invalid UTF-8"),
        "{}",
        stderr(&out)
    );
    let after: Vec<Vec<u8>> = [&jsonl, &html, &bad]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after);
    // A converted page's diagnostic suggests the word but offers no fix to its own text.
    let out = run(&["--format", "jsonl", &html]);
    let report = &parse_jsonl(&out)[0];
    let salesman = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "gendered-word")
        .unwrap();
    assert!(salesman["fix"].is_null(), "{salesman}");
}

#[cfg(unix)]
#[test]
fn a_link_is_fixed_in_its_target_and_stays_a_link() {
    let dir = TempDir::new("fix-link");
    let target = dir.write("target.md", POSTING);
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = run(&["--fix", "-L", link.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("fixed 3 phrases"),
        "{}",
        describe(&out)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FIXED);
}

#[test]
fn the_diff_writes_control_characters_out() {
    let dir = TempDir::new("fix-escape");
    let path = dir.write(
        "p.txt",
        "Product Manager\n\n\u{1b}]0;owned\u{7} our salesman\n::error::forged salesman\n",
    );
    let out = run(&["--diff", &path]);
    let diff = stdout(&out);
    assert!(
        !diff.contains('\u{1b}') && !diff.contains('\u{7}'),
        "{diff:?}"
    );
    assert!(
        diff.contains("\\u{1b}]0;owned\\u{7} our salesperson"),
        "{diff}"
    );
    assert!(
        diff.lines().all(|l| !l.trim_start().starts_with("::")),
        "{diff}"
    );
}

#[test]
fn a_file_is_fixed_by_the_rules_of_its_own_config() {
    let dir = TempDir::new("fix-per-config");
    dir.write("quiet/jdlint.toml", "ignore = [\"wording\"]\n");
    let quiet = dir.write("quiet/p.md", POSTING);
    let loud = dir.write("loud/p.md", POSTING);
    let out = run_in(dir.path(), &["--diff", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let diff = stdout(&out);
    assert!(diff.contains("loud/p.md"), "{diff}");
    assert!(!diff.contains("quiet/p.md"), "{diff}");
    let out = run_in(dir.path(), &["--fix", "--format", "brief", "."]);
    assert_ne!(out.status.code(), Some(2), "{}", describe(&out));
    assert_eq!(std::fs::read_to_string(&quiet).unwrap(), POSTING);
    assert_eq!(std::fs::read_to_string(&loud).unwrap(), FIXED);
}
