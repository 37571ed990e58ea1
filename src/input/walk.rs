//! Directories are walked as ripgrep walks them (the `ignore` crate): `.gitignore` (in a git
//! repository), `.ignore` and `.git/info/exclude` are honoured, hidden files and directories
//! skipped, and `--glob` includes or (`!GLOB`) excludes. Only files with a posting extension are
//! taken unless a glob names them. The walk is in path order, and its errors (an unreadable
//! directory, a symbolic link loop) are reported in place, naming the path.

use super::{io_message, Format, InputError};
use crate::posting::Source;
use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// How directories are walked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Globs as ripgrep's `--glob`: matched like `.gitignore` lines, relative to the current
    /// directory; `!` excludes; a later glob wins over an earlier one.
    pub globs: Vec<String>,
    /// Read hidden files and directories too.
    pub hidden: bool,
    /// Do not honour `.gitignore`, `.ignore` and the like.
    pub no_ignore: bool,
    /// Follow symbolic links (a loop is then reported as an error).
    pub follow: bool,
    /// Files never read: what jdlint is writing (`--output`), which it would otherwise read back
    /// and grow without end. A walk skips them; named, each is an error. Canonical paths.
    pub skip: Vec<PathBuf>,
}

pub(crate) struct Walker {
    options: WalkOptions,
    overrides: Override,
}

impl Walker {
    /// `Err` names a glob that does not parse.
    pub(crate) fn new(options: WalkOptions) -> Result<Walker, String> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut builder = OverrideBuilder::new(cwd);
        for glob in &options.globs {
            builder
                .add(glob)
                .map_err(|e| format!("invalid --glob {glob:?}: {}", error_message(&e)))?;
        }
        let overrides = builder
            .build()
            .map_err(|e| format!("invalid --glob: {}", error_message(&e)))?;
        Ok(Walker { options, overrides })
    }

    /// The files under `dir` to read, in path order, with the walk's errors in place.
    pub(crate) fn files(&self, dir: &str) -> impl Iterator<Item = Result<String, InputError>> {
        let honour_ignores = !self.options.no_ignore;
        let mut builder = WalkBuilder::new(dir);
        builder
            .hidden(!self.options.hidden)
            .ignore(honour_ignores)
            .git_ignore(honour_ignores)
            .git_global(honour_ignores)
            .git_exclude(honour_ignores)
            .parents(honour_ignores)
            .follow_links(self.options.follow)
            .overrides(self.overrides.clone())
            // `jdlint . > report.jsonl` must not read its own output.
            .skip_stdout(true)
            .sort_by_file_name(|a, b| a.cmp(b));
        let overrides = self.overrides.clone();
        let skip = self.options.skip.clone();
        let root = dir.to_string();
        builder.build().filter_map(move |entry| match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let path = entry.path();
                let wanted = Format::from_extension(path).is_some()
                    || overrides.matched(path, false).is_whitelist();
                (is_file && wanted && !is_skipped(path, &skip))
                    .then(|| Ok(path.to_string_lossy().into_owned()))
            }
            Err(e) => Some(Err(walk_error(&e, &root))),
        })
    }
}

/// Whether `path` is one of `skip` (canonical paths). Only a file of the same name is looked up
/// on disk, so a walk pays nothing for the check.
fn is_skipped(path: &Path, skip: &[PathBuf]) -> bool {
    skip.iter()
        .any(|s| s.file_name() == path.file_name() && path.canonicalize().is_ok_and(|p| p == *s))
}

/// A walk error as an input error naming the path it is about.
fn walk_error(e: &ignore::Error, root: &str) -> InputError {
    let (path, message) = describe(e);
    InputError {
        source: Source::file(path.map_or_else(|| root.to_string(), |p| p.display().to_string())),
        message,
    }
}

fn describe(e: &ignore::Error) -> (Option<&Path>, String) {
    match e {
        ignore::Error::WithPath { path, err } => (Some(path), describe(err).1),
        ignore::Error::WithDepth { err, .. } => describe(err),
        ignore::Error::WithLineNumber { line, err } => {
            let (path, message) = describe(err);
            (path, format!("line {line}: {message}"))
        }
        ignore::Error::Loop { ancestor, child } => (
            Some(child),
            format!(
                "symbolic link loop: it leads back to {}",
                ancestor.display()
            ),
        ),
        ignore::Error::Partial(errors) => {
            let path = errors.iter().find_map(|e| describe(e).0);
            let messages: Vec<String> = errors.iter().map(|e| describe(e).1).collect();
            (path, messages.join("; "))
        }
        ignore::Error::Io(io) => (None, format!("cannot read: {}", io_message(io))),
        other => (None, other.to_string()),
    }
}

fn error_message(e: &ignore::Error) -> String {
    describe(e).1
}
