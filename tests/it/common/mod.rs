//! Helpers shared by the black-box tests of the `jdlint` binary. Each test crate uses a part of
//! them, hence the `dead_code` allowance.
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the package root so that `fixtures/...` paths work as written, with
/// nothing on stdin and the colour and CI variables of the environment removed, so that colour
/// and progress depend on the flags alone.
pub fn jdlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jdlint"));
    cmd.current_dir(manifest_dir()).stdin(Stdio::null());
    for var in [
        "CLICOLOR_FORCE",
        "CLICOLOR",
        "NO_COLOR",
        "FORCE_COLOR",
        "CI",
        "GITHUB_ACTIONS",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs `jdlint args...` from the package root.
pub fn run(args: &[&str]) -> Output {
    jdlint().args(args).output().expect("cannot run jdlint")
}

/// Runs `jdlint args...` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    jdlint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("cannot run jdlint")
}

/// Runs `jdlint args...` with `input` on stdin (written from a thread, so a large input cannot
/// deadlock against a full stdout pipe).
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = jdlint()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run jdlint");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // A broken pipe here would be the binary's problem, visible in its output.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("cannot wait for jdlint");
    writer.join().unwrap();
    out
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is not UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn code(out: &Output) -> i32 {
    out.status
        .code()
        .unwrap_or_else(|| panic!("jdlint was killed by a signal: {:?}", out.status))
}

/// The exit code, stderr and the start of stdout, for assertion messages.
pub fn describe(out: &Output) -> String {
    let shown: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .take(4000)
        .collect();
    format!(
        "exit code {:?}\n--- stderr ---\n{}\n--- stdout (first 4000 chars) ---\n{shown}",
        out.status.code(),
        stderr(out)
    )
}

/// Every line of stdout, parsed as JSON.
pub fn parse_jsonl(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line: {e}: {line}\n{}", describe(out)))
        })
        .collect()
}

pub fn path_str(path: &Path) -> String {
    path.to_str().expect("test paths are UTF-8").to_string()
}

/// A fresh directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Under the system's temporary directory.
    pub fn new(name: &str) -> TempDir {
        TempDir::under(&std::env::temp_dir(), name)
    }

    pub fn under(base: &Path, name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = base.join(format!(
            "jdlint-test-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The path of `name` in the directory, as a string.
    pub fn join(&self, name: &str) -> String {
        path_str(&self.0.join(name))
    }

    /// Writes `bytes` to `name` (parent directories made) and returns the path as a string.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path_str(&path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The rule ids of the diagnostics of a JSON Lines run's first posting, in output order.
pub fn rule_ids(out: &Output) -> Vec<String> {
    parse_jsonl(out)[0]["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics: {}", describe(out)))
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// A file or directory under `../shared` (the development set, the seeds), or `None` when it is
/// absent and the tests that read it skip. With `JDLINT_REQUIRE_SHARED` set (`.ci/run` sets it:
/// there the clone sits beside `shared/`), an absent one fails the test instead, so that a test
/// that measured nothing cannot pass.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = manifest_dir().join("../shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("JDLINT_REQUIRE_SHARED").is_none(),
        "../shared/{relative} is not present, and JDLINT_REQUIRE_SHARED requires it"
    );
    None
}

/// The records of a development-set file in `../shared/data` (JSONL), or `None` when the data is
/// not there (see [`shared_path`]).
pub fn dev_records<T: serde::de::DeserializeOwned>(name: &str) -> Option<Vec<T>> {
    let path = shared_path(&format!("data/{name}"))?;
    let text = std::fs::read_to_string(path).expect("a readable development set");
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("a development record"))
            .collect(),
    )
}

/// The level ids of DOMAIN.md, lowest rank first.
pub const LEVELS: [&str; 8] = [
    "associate",
    "pm",
    "senior",
    "principal",
    "group",
    "director",
    "vp",
    "cpo",
];

/// A posting of the development set, as the classifier tests read it.
#[derive(serde::Deserialize)]
pub struct DevRecord {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// One canonical title per level, in ladder order (as [`LEVELS`]).
pub const CANONICAL_TITLES: [&str; 8] = [
    "Associate Product Manager",
    "Product Manager",
    "Senior Product Manager",
    "Principal Product Manager",
    "Group Product Manager",
    "Director of Product",
    "VP of Product",
    "Chief Product Officer",
];
