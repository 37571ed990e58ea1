//! Baselines: accept today's findings, and fail only on new ones (`--baseline FILE`, written by
//! `--write-baseline`), as a repository adopts jdlint without fixing every old posting first.
//!
//! A finding is keyed by what stays put when postings are edited around it: its rule, its
//! posting (the record's id, else the file's path) and the text it points at (the phrase, or the
//! title), never line numbers. The same key twice is two findings: a baseline holds each
//! occurrence, and a third is new. The file is canonical JSON, sorted, so that its diffs read:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"rule": "title-level-mismatch", "posting": "postings/pm.md", "text": "Product Manager"}
//!   ]
//! }
//! ```

use crate::input::Item;
use crate::report::PostingReport;
use crate::rules::{Diagnostic, FormerId};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The largest baseline file read: a finding is a few hundred bytes, so this holds hundreds of
/// thousands, and a baseline that names `/dev/zero` is an error at once.
pub const MAX_BASELINE_BYTES: u64 = 256 << 20;

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule id.
    pub rule: String,
    /// The record's id, else the file's path (relative to the current directory, without
    /// `./`: `jdlint .` and `jdlint a.md` name `a.md` alike).
    pub posting: String,
    /// The text the diagnostic points at: its phrase, or the title.
    pub text: String,
}

impl Finding {
    /// The key of `d`, a diagnostic of `report`, whose posting `item` is; paths are taken
    /// relative to `cwd`.
    pub fn of(item: &Item, report: &PostingReport, d: &Diagnostic, cwd: Option<&Path>) -> Finding {
        let source = &report.source;
        let posting = match (&source.id, &source.path) {
            (Some(id), _) => id.clone(),
            (None, Some(path)) => crate::printer::relative_path(path, cwd),
            (None, None) => String::new(),
        };
        let text = match (item, &d.span) {
            (Ok(p), Some(span)) => p.text.get(span.clone()).unwrap_or_default().to_string(),
            _ => report.title.clone().unwrap_or_default(),
        };
        Finding {
            rule: d.rule.to_string(),
            posting,
            text,
        }
    }
}

/// The baseline file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Finding>,
}

/// The findings a baseline accepts, each as many times as it was recorded.
#[derive(Debug)]
pub struct Baseline {
    remaining: HashMap<Finding, usize>,
    cwd: Option<PathBuf>,
    /// How many diagnostics [`Baseline::filter`] has left out.
    pub matched: usize,
}

impl Baseline {
    /// Reads a baseline file, whose paths are relative to `cwd`; `Err` names the file and, for
    /// malformed JSON, the line and column.
    pub fn load(path: &Path, cwd: Option<PathBuf>) -> Result<Baseline, String> {
        let bytes = crate::input::read_small_file(path, MAX_BASELINE_BYTES)
            .map_err(|e| format!("baseline {}: {e}", path.display()))?;
        let file: File = serde_json::from_slice(&bytes)
            .map_err(|e| format!("baseline {}: {e}", path.display()))?;
        if file.version != 1 {
            return Err(format!(
                "baseline {}: version {} is not one this jdlint reads (1)",
                path.display(),
                file.version
            ));
        }
        let mut remaining: HashMap<Finding, usize> = HashMap::new();
        for mut finding in file.findings {
            // A baseline recorded before a rule was renamed still accepts its findings.
            if let Some(former) = FormerId::of(&finding.rule) {
                finding.rule = former.now.to_string();
            }
            *remaining.entry(finding).or_default() += 1;
        }
        Ok(Baseline {
            remaining,
            cwd,
            matched: 0,
        })
    }

    /// Removes from `report` the diagnostics the baseline accepts, each finding as many times as
    /// it was recorded. Call it in input order, so that which of two equal findings is new does
    /// not depend on thread timing.
    pub fn filter(&mut self, item: &Item, report: &mut PostingReport) {
        if self.remaining.is_empty() {
            return;
        }
        let mut diagnostics = std::mem::take(&mut report.diagnostics);
        diagnostics.retain(|d| {
            let finding = Finding::of(item, report, d, self.cwd.as_deref());
            match self.remaining.get_mut(&finding) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    self.matched += 1;
                    false
                }
                _ => true,
            }
        });
        report.diagnostics = diagnostics;
    }
}

/// The findings of a run, to write as a baseline.
#[derive(Debug)]
pub struct Recorder {
    findings: Vec<Finding>,
    cwd: Option<PathBuf>,
}

impl Recorder {
    /// A recorder of findings whose paths are taken relative to `cwd`.
    pub fn new(cwd: Option<PathBuf>) -> Recorder {
        Recorder {
            findings: Vec::new(),
            cwd,
        }
    }

    /// Records every diagnostic of `report`.
    pub fn add(&mut self, item: &Item, report: &PostingReport) {
        self.findings.extend(
            report
                .diagnostics
                .iter()
                .map(|d| Finding::of(item, report, d, self.cwd.as_deref())),
        );
    }

    /// How many findings were recorded.
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// Whether none was.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The baseline file: canonical JSON, findings sorted, one a line.
    pub fn to_json(mut self) -> String {
        self.findings.sort();
        let lines: Vec<String> = self
            .findings
            .iter()
            .map(|f| String::from_utf8_lossy(&crate::printer::json::to_json(f)).into_owned())
            .collect();
        if lines.is_empty() {
            return "{\n  \"version\": 1,\n  \"findings\": []\n}\n".to_string();
        }
        format!(
            "{{\n  \"version\": 1,\n  \"findings\": [\n    {}\n  ]\n}}\n",
            lines.join(",\n    ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{Posting, Source};
    use crate::Engine;

    fn posting(path: &str, text: &str) -> (Item, PostingReport) {
        let item: Item =
            Ok(Posting::from_document(Source::file(path), text.to_string(), None).unwrap());
        let report = Engine::new().report(&item);
        (item, report)
    }

    #[test]
    fn a_baseline_accepts_each_recorded_finding_once_and_survives_moved_lines() {
        let text = "Product Ninja\n\nWhat you'll do\n- Own the roadmap\n";
        let (item, report) = posting("./a.md", text);
        assert!(!report.diagnostics.is_empty());
        let mut recorder = Recorder::new(None);
        recorder.add(&item, &report);
        let json = recorder.to_json();
        let dir = std::env::temp_dir().join(format!("jdlint-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("baseline.json");
        std::fs::write(&path, &json).unwrap();

        // Lines added above the findings move them, and the baseline still holds them.
        let moved = format!("\n\n{text}");
        let (item, mut again) = posting("a.md", &moved);
        let mut baseline = Baseline::load(&path, None).unwrap();
        baseline.filter(&item, &mut again);
        assert_eq!(again.diagnostics, Vec::new());
        assert_eq!(baseline.matched, report.diagnostics.len());

        // The same findings in another posting are new.
        let (item, mut other) = posting("b.md", text);
        baseline.filter(&item, &mut other);
        assert_eq!(other.diagnostics.len(), report.diagnostics.len());

        std::fs::write(&path, "{\"version\": 1, \"findings\": [{\"rule\": 5}]}").unwrap();
        let error = Baseline::load(&path, None).unwrap_err();
        assert!(
            error.contains("baseline.json") && error.contains("line 1"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
