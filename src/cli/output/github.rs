//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the run and on the pull request's files, then the summary as plain log lines:
//!
//! ```text
//! ::error file=postings/a.md,line=1,col=1,endLine=1,endColumn=15,title=title-level-mismatch::title claims ...%0Ahelp: ...
//! ```
//!
//! Severities map to `error`, `warning` and `notice`. Text from the input (paths, quoted
//! phrases, input errors) is first made visible (`jdlint::escape`), so that no line break or
//! control character of a stranger's reaches the runner; then data is escaped as the runner
//! expects (`%`, CR and LF as `%25`, `%0D`, `%0A`), and property values also escape `:` and `,`
//! (`%3A`, `%2C`). Paths are made relative to the current directory, the workspace root in a workflow.
//! Columns are given only for a span on one line (annotations do not support others) and the
//! end column is the span's last character. An input that cannot be read is an `error` with the
//! title `input error`.

use jdlint::escape::visible;
use jdlint::input::Item;
use jdlint::printer::{relative_path, Place, Reporter, Sink, Summary};
use jdlint::report::PostingReport;
use jdlint::{Severity, Source};
use std::io::{self, Write};
use std::path::PathBuf;

pub struct Github {
    out: Sink,
    cwd: Option<PathBuf>,
}

impl Github {
    pub fn new(out: Sink) -> Github {
        Github {
            out,
            cwd: std::env::current_dir().ok(),
        }
    }

    /// The `file`, `line`, `col`, `endLine` and `endColumn` properties of a place in `source`.
    fn place_properties(&self, source: &Source, place: Place) -> Vec<(&'static str, String)> {
        let mut props = Vec::new();
        let Some(path) = source.path.as_deref().filter(|p| *p != "-") else {
            return props;
        };
        let path = relative_path(path, self.cwd.as_deref());
        props.push(("file", visible(&path).into_owned()));
        let Some(line) = place.line else { return props };
        props.push(("line", line.to_string()));
        match (place.column, place.end) {
            (Some(column), Some((end_line, end_column))) if end_line == line => {
                props.push(("col", column.to_string()));
                props.push(("endLine", line.to_string()));
                props.push(("endColumn", (end_column - 1).to_string()));
            }
            (Some(column), Some((end_line, _))) => {
                props.push(("col", column.to_string()));
                props.push(("endLine", end_line.to_string()));
            }
            (Some(column), None) => props.push(("col", column.to_string())),
            (None, _) => {}
        }
        props
    }
}

/// One workflow command, with its line break.
fn command(
    name: &str,
    mut props: Vec<(&'static str, String)>,
    title: &str,
    message: &str,
) -> String {
    props.push(("title", title.to_string()));
    let props: Vec<String> = props
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    format!("::{name} {}::{}\n", props.join(","), escape_data(message))
}

impl Reporter for Github {
    fn render(&self, item: &Item, report: &PostingReport) -> Vec<u8> {
        let commands = match item {
            Err(e) => {
                let props = self.place_properties(&e.source, Place::of_source(&e.source));
                command("error", props, "input error", &visible(&e.message))
            }
            Ok(posting) => {
                let mut commands = String::new();
                for d in &report.diagnostics {
                    // The line break before the help is jdlint's own, escaped as data.
                    let message = visible(&d.message);
                    let message = match &d.help {
                        Some(help) => format!("{message}\nhelp: {}", visible(help)),
                        None => message.into_owned(),
                    };
                    let place = Place::of_diagnostic(posting, d);
                    let props = self.place_properties(&posting.source, place);
                    commands.push_str(&command(command_name(d.severity), props, d.rule, &message));
                }
                commands
            }
        };
        commands.into_bytes()
    }

    fn posting(&mut self, _item: &Item, rendered: &[u8]) -> io::Result<()> {
        self.out.write_all(rendered)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        for line in summary.lines() {
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }
}

/// The command that annotates a diagnostic of `severity`.
fn command_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_map_to_error_warning_and_notice() {
        assert_eq!(command_name(Severity::Error), "error");
        assert_eq!(command_name(Severity::Warning), "warning");
        assert_eq!(command_name(Severity::Info), "notice");
    }

    #[test]
    fn escapes_percent_first_then_line_breaks_and_in_properties_colon_and_comma() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(escape_property("a%0A:b,c\n"), "a%250A%3Ab%2Cc%0A");
    }
}
