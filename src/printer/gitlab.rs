//! `--format gitlab`: a GitLab Code Quality report, the JSON array that a merge request's
//! widget and the pipeline's Code Quality tab read (`artifacts: reports: codequality`).
//!
//! One issue per diagnostic, and one per input that could not be read (`check_name` `input`,
//! severity `blocker`: nothing was checked there):
//!
//! ```json
//! [{"description": "title-level-mismatch: title claims pm ...", "check_name": "title-level-mismatch",
//!   "fingerprint": "5f0c...", "severity": "major",
//!   "location": {"path": "postings/pm.md", "lines": {"begin": 1}}}]
//! ```
//!
//! Severities: error is `major`, warning `minor`, info `info`. Paths are relative to the
//! directory given to [`Gitlab::new`] (a repository's root in CI). The fingerprint, which GitLab
//! uses to tell new issues from old ones between a branch and its target, hashes what a
//! baseline keys a finding by (rule, posting, the text pointed at; [`crate::baseline`]) and its
//! occurrence in the posting, never its line, so that an edit above it does not make it new.
//! Strings are JSON with every control character escaped ([`super::json::to_json`]).

use super::json::to_json;
use super::{relative_path, Place, Reporter, Sink, StreamedArray, Summary};
use crate::baseline::Finding;
use crate::input::Item;
use crate::report::PostingReport;
use crate::rules::Severity;
use serde_json::json;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// The `--format gitlab` reporter: a Code Quality JSON array, streamed.
pub struct Gitlab {
    out: Sink,
    cwd: Option<PathBuf>,
    issues: StreamedArray,
}

impl Gitlab {
    /// A report written to `out`, with paths relative to `cwd` when it is given.
    pub fn new(out: Sink, cwd: Option<PathBuf>) -> Gitlab {
        Gitlab {
            out,
            cwd,
            issues: StreamedArray::new(),
        }
    }

    fn issue(
        &self,
        check: &str,
        description: &str,
        severity: &str,
        path: &str,
        line: usize,
        key: &str,
    ) -> Vec<u8> {
        to_json(&json!({
            "description": description,
            "check_name": check,
            "fingerprint": fingerprint(key),
            "severity": severity,
            "location": {
                "path": relative_path(path, self.cwd.as_deref()),
                "lines": {"begin": line},
            },
        }))
    }
}

impl Reporter for Gitlab {
    fn begin(&mut self) -> io::Result<()> {
        self.out.write_all(b"[")
    }

    fn render(&self, item: &Item, report: &PostingReport) -> Vec<u8> {
        let path = report.source.path.as_deref().unwrap_or("-");
        let posting = match item {
            Err(e) => {
                let line = e.source.line.unwrap_or(1);
                let key = format!(
                    "input\0{}\0{line}",
                    relative_path(path, self.cwd.as_deref())
                );
                let description = format!("input: {}", e.message);
                return self.issue("input", &description, "blocker", path, line, &key);
            }
            Ok(posting) => posting,
        };
        let mut issues: Vec<Vec<u8>> = Vec::new();
        let mut seen: HashMap<Finding, usize> = HashMap::new();
        for d in &report.diagnostics {
            let finding = Finding::of(item, report, d, self.cwd.as_deref());
            let occurrence = seen.entry(finding.clone()).or_default();
            *occurrence += 1;
            let key = format!(
                "{}\0{}\0{}\0{occurrence}",
                finding.rule, finding.posting, finding.text
            );
            let line = Place::of_diagnostic(posting, d).line.unwrap_or(1);
            let description = format!("{}: {}", d.rule, d.message);
            issues.push(self.issue(d.rule, &description, severity(d.severity), path, line, &key));
        }
        issues.join(&b",\n"[..])
    }

    fn posting(&mut self, _item: &Item, rendered: &[u8]) -> io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        self.issues.push(&mut self.out, rendered)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let close = self.issues.close("");
        writeln!(self.out, "{close}")?;
        self.out.flush()
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// A stable 128-bit hex digest of `key`: two FNV-1a 64 hashes with different offsets. Not for
/// secrets; GitLab only needs it unique per issue and the same from run to run, which std's
/// hasher does not promise.
fn fingerprint(key: &str) -> String {
    let fnv = |offset: u64| {
        key.bytes().fold(offset, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    format!(
        "{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x6c62_272e_07bb_0142)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_differ_by_key() {
        assert_eq!(fingerprint("a"), fingerprint("a"));
        assert_ne!(fingerprint("a\0b"), fingerprint("a\0c"));
        assert_eq!(fingerprint("").len(), 32);
        // FNV-1a 64 of the empty string is its offset basis: the digest does not drift.
        assert!(fingerprint("").starts_with("cbf29ce484222325"));
    }
}
