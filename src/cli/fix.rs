//! `jdlint --fix` and `--diff`: the safe fixes of wording substitutions, applied to the text and
//! Markdown files named or found, or shown as a unified diff.

use super::scopes::Scopes;
use jdlint::escape::visible;
use jdlint::fix::{apply, Applied};
use jdlint::input::Item;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What one run of fixes did.
#[derive(Debug, Default)]
pub struct Fixed {
    /// Files changed (or, with `--diff`, that would be).
    pub files: usize,
    /// Phrases replaced.
    pub phrases: usize,
    /// Files that could not be fixed (an error was printed for each).
    pub errors: usize,
}

/// Whether `path` names a file `--fix` rewrites: plain text and Markdown, whose text is the
/// file's own (an HTML page or a record's text is not).
fn fixable(path: &str) -> bool {
    let extension = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(extension.as_deref(), Some("txt" | "md" | "markdown"))
}

/// Applies (or with `diff`, prints as a unified diff on `out`) the safe fixes of every text or
/// Markdown posting among `items`, reporting each change on standard error.
pub fn fix(
    scopes: &mut Scopes,
    items: impl Iterator<Item = Item>,
    diff: bool,
    out: &mut dyn Write,
) -> Fixed {
    let mut fixed = Fixed::default();
    for mut item in items {
        // The fixes of the rules the file's own config runs.
        let scope = scopes.resolve(&mut item);
        let engine = &scope.engine;
        let Ok(posting) = item else {
            // The lint that follows reports unreadable inputs.
            continue;
        };
        let Some(path) = posting.source.path.as_deref().filter(|p| fixable(p)) else {
            continue;
        };
        if posting.source_map.is_some() || posting.source.line.is_some() {
            continue;
        }
        let analysis = engine.analyze(&posting);
        let Some((text, applied)) = apply(&posting, &analysis.diagnostics) else {
            continue;
        };
        let done = if diff {
            print_diff(out, path, &posting.text, &text)
        } else {
            write_fixed(Path::new(path), posting.text.as_bytes(), &text)
        };
        match done {
            Ok(()) => {
                fixed.files += 1;
                fixed.phrases += applied.len();
                if !diff {
                    report(path, &applied);
                }
            }
            Err(message) => {
                fixed.errors += 1;
                super::print_error(format_args!("cannot fix {}: {message}", visible(path)));
            }
        }
    }
    fixed
}

fn report(path: &str, applied: &[Applied]) {
    let mut err = io::stderr().lock();
    for a in applied {
        let _ = writeln!(
            err,
            "{}:{}:{}: fixed {}: \"{}\" -> \"{}\"",
            visible(path),
            a.line,
            a.column,
            a.rule,
            visible(&a.from),
            visible(&a.to)
        );
    }
}

/// Prints the change as a unified diff, each line made [`visible`]: the posting's text reaches
/// a terminal.
fn print_diff(out: &mut dyn Write, path: &str, old: &str, new: &str) -> Result<(), String> {
    let shown = visible(path);
    let diff = similar::TextDiff::from_lines(old, new);
    let mut text = String::new();
    for line in diff
        .unified_diff()
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
        .lines()
    {
        text.push_str(&visible(line));
        text.push('\n');
    }
    out.write_all(text.as_bytes()).map_err(|e| e.to_string())
}

/// Replaces the file at `path` with `text`, atomically: a new file beside its target (symbolic
/// links resolved, so the link stays a link), renamed over it. The file must still hold what was
/// analyzed (`expected`), so that bytes the reader decoded (UTF-16) or changed since are never
/// lost.
fn write_fixed(path: &Path, expected: &[u8], text: &str) -> Result<(), String> {
    let target = fs::canonicalize(path).map_err(|e| e.to_string())?;
    let current = fs::read(&target).map_err(|e| e.to_string())?;
    if current != expected {
        return Err(
            "the file is not UTF-8 text as read (or changed while jdlint ran); it is left as it is"
                .into(),
        );
    }
    let dir = target.parent().ok_or("the file has no directory")?;
    let name = target.file_name().ok_or("the path names no file")?;
    let temporary: PathBuf = dir.join(format!(
        ".{}.jdlint-fix.{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.set_permissions(fs::metadata(&target)?.permissions())?;
        file.sync_all()?;
        fs::rename(&temporary, &target)
    })();
    written.map_err(|e| {
        let _ = fs::remove_file(&temporary);
        e.to_string()
    })
}
