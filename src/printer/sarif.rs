//! `--format sarif`: one SARIF 2.1.0 log, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run. `tool.driver` names the package's homepage (else its repository) as its
//! `informationUri` and lists every rule of the registry (id, summary, explanation, help with
//! the rule's examples, default level; no `helpUri`, since the docs live in the binary, `jdlint
//! rule ID`, not at a URL); each diagnostic is a result with its rule's id and index,
//! its level (`error`, `warning`, `note` for info), its message (and help) and its location: the
//! file as a URI relative to `%SRCROOT%` (the directory given to [`Sarif::new`], the current one
//! for `jdlint`, a repository's root in CI; absolute `file:` URIs for files outside it) and the region it points at (columns count Unicode
//! code points; the end column is just past the span). A JSONL record's results point at the
//! record's line, and a title given with `--title` (in no line of the file) at line 1, since
//! code scanning needs a line; results from standard input have no location, and code scanning
//! refuses them. Inputs that cannot be read are error notifications of the invocation, which is
//! then not `executionSuccessful`. Results are written as they arrive: the log streams too.

use super::json::to_json;
use super::{relative_path, Place, Reporter, Sink, StreamedArray, Summary};
use crate::input::Item;
use crate::report::PostingReport;
use crate::rules::{registry, Fix, RuleDoc, Severity};
use crate::Source;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The official schema of SARIF 2.1.0 (OASIS, with errata 01), which `tests/it/sarif/` vendors.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base that relative artifact URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// The `--format sarif` reporter: one SARIF 2.1.0 log, streamed as results arrive.
pub struct Sarif {
    out: Sink,
    cwd: Option<PathBuf>,
    rule_index: HashMap<&'static str, usize>,
    results: StreamedArray,
    notifications: Vec<Value>,
}

impl Sarif {
    /// A log written to `out`, with artifact URIs relative to `cwd` (a repository's root in CI)
    /// when it is given.
    pub fn new(out: Sink, cwd: Option<PathBuf>) -> Sarif {
        Sarif {
            out,
            cwd,
            rule_index: registry()
                .iter()
                .enumerate()
                .map(|(i, rule)| (rule.doc().id, i))
                .collect(),
            results: StreamedArray::new(),
            notifications: Vec::new(),
        }
    }

    /// A location in `source` at `place`; `None` for standard input, which has no URI.
    fn location(&self, source: &Source, place: Place) -> Option<Value> {
        let path = source.path.as_deref().filter(|p| *p != "-")?;
        let relative = relative_path(path, self.cwd.as_deref());
        let artifact = if Path::new(&relative).is_absolute() {
            json!({"uri": file_uri(&relative)})
        } else {
            json!({"uri": encode_uri_path(&relative), "uriBaseId": SRCROOT})
        };
        let mut physical = json!({"artifactLocation": artifact});
        if let Some(line) = place.line {
            let mut region = json!({"startLine": line});
            if let Some(column) = place.column {
                region["startColumn"] = column.into();
            }
            if let Some((end_line, end_column)) = place.end {
                region["endLine"] = end_line.into();
                region["endColumn"] = end_column.into();
            }
            physical["region"] = region;
        }
        Some(json!({"physicalLocation": physical}))
    }
}

impl Reporter for Sarif {
    fn begin(&mut self) -> io::Result<()> {
        let mut driver = json!({
            "name": "jdlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": registry().iter().map(|r| rule(r.doc())).collect::<Vec<_>>(),
        });
        let information = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")];
        if let Some(uri) = information.into_iter().find(|u| !u.is_empty()) {
            driver["informationUri"] = uri.into();
        }
        let mut base = json!({});
        if let Some(cwd) = &self.cwd {
            let mut uri = file_uri(&relative_path(&cwd.to_string_lossy(), None));
            if !uri.ends_with('/') {
                uri.push('/');
            }
            base[SRCROOT] = json!({"uri": uri});
        }
        // The run is written up to its results; `finish` closes it.
        write!(
            self.out,
            "{{\"$schema\":{},\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{},\"originalUriBaseIds\":{},\"columnKind\":\"unicodeCodePoints\",\"results\":[",
            Value::from(SCHEMA),
            json!({"driver": driver}),
            base
        )
    }

    /// A posting's results, one a line, separated by commas.
    fn render(&self, item: &Item, report: &PostingReport) -> Vec<u8> {
        let Ok(posting) = item else {
            return Vec::new();
        };
        let mut results = Vec::new();
        for d in &report.diagnostics {
            let mut place = Place::of_diagnostic(posting, d);
            place.line.get_or_insert(1);
            let text = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": text},
            });
            if let Some(&index) = self.rule_index.get(d.rule) {
                result["ruleIndex"] = index.into();
            }
            if let Some(location) = self.location(&posting.source, place) {
                if let Some(fix) = &d.fix {
                    result["fixes"] = json!([sarif_fix(fix, &location)]);
                }
                result["locations"] = json!([location]);
            }
            if !results.is_empty() {
                results.extend_from_slice(b",\n");
            }
            results.extend(to_json(&result));
        }
        results
    }

    fn posting(&mut self, item: &Item, rendered: &[u8]) -> io::Result<()> {
        if let Err(e) = item {
            let mut notification = json!({
                "level": "error",
                "message": {"text": e.message},
            });
            if let Some(location) = self.location(&e.source, Place::of_source(&e.source)) {
                notification["locations"] = json!([location]);
            }
            self.notifications.push(notification);
        }
        if rendered.is_empty() {
            return Ok(());
        }
        self.results.push(&mut self.out, rendered)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let invocation = json!({
            "executionSuccessful": summary.input_errors == 0,
            "toolExecutionNotifications": self.notifications,
        });
        let close = self.results.close("");
        writeln!(self.out, "{close},\"invocations\":[{invocation}]}}]}}")?;
        self.out.flush()
    }
}

/// A diagnostic's fix as a SARIF `fix`: the replacement of its span in the result's artifact.
fn sarif_fix(fix: &Fix, location: &Value) -> Value {
    json!({
        "description": {"text": format!("replace with \"{}\"", fix.replacement)},
        "artifactChanges": [{
            "artifactLocation": location["physicalLocation"]["artifactLocation"],
            "replacements": [{
                "deletedRegion": {
                    "startLine": fix.line,
                    "startColumn": fix.column,
                    "endLine": fix.end_line,
                    "endColumn": fix.end_column,
                },
                "insertedContent": {"text": fix.replacement},
            }],
        }],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule's `reportingDescriptor`.
fn rule(doc: &RuleDoc) -> Value {
    let markdown = format!(
        "{}\n\nFires on:\n\n```text\n{}\n```\n\nDoes not fire on:\n\n```text\n{}\n```\n",
        doc.explanation,
        doc.fires.trim_end(),
        doc.clean.trim_end()
    );
    let mut descriptor = json!({
        "id": doc.id,
        "name": pascal_case(doc.id),
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": doc.explanation},
        "help": {"text": doc.explanation, "markdown": markdown},
        "defaultConfiguration": {"level": level(doc.severity)},
    });
    // SARIF's own place for a renamed rule's old ids and names, so that a viewer matches the
    // results of earlier runs to the rule.
    if !doc.formerly.is_empty() {
        let names: Vec<String> = doc.formerly.iter().map(|id| pascal_case(id)).collect();
        descriptor["deprecatedIds"] = json!(doc.formerly);
        descriptor["deprecatedNames"] = json!(names);
    }
    descriptor
}

/// `title-level-mismatch` as `TitleLevelMismatch`, the form SARIF viewers expect of a rule's name.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The `file:` URI of an absolute path with `/` separators (`/a/b`, or `C:/a/b` on Windows).
fn file_uri(absolute: &str) -> String {
    let rooted = if absolute.starts_with('/') { "" } else { "/" };
    format!("file://{rooted}{}", encode_uri_path(absolute))
}

/// A path as a URI path: every byte but unreserved characters and `/` percent-encoded (which
/// also keeps a `:` in a first segment from reading as a scheme).
fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_pascal_case_ids() {
        assert_eq!(pascal_case("title-level-mismatch"), "TitleLevelMismatch");
        assert_eq!(pascal_case("low-evidence"), "LowEvidence");
    }

    #[test]
    fn uri_paths_encode_all_but_unreserved_and_slash() {
        assert_eq!(encode_uri_path("a b/c:d%é.md"), "a%20b/c%3Ad%25%C3%A9.md");
        assert_eq!(
            encode_uri_path("postings/pm-core_2.txt"),
            "postings/pm-core_2.txt"
        );
    }
}
