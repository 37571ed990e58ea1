//! `jdlint PATH...`: read the inputs, analyze postings in parallel a chunk at a time, and hand
//! each result, in input order, to the reporter of the chosen format.

use super::config::{ConfigFileArgs, SelectionArgs};
use super::output::progress::{Progress, ProgressWhen};
use super::output::{self, Destination, OutputFormat, Summary};
use super::scopes::{Scope, Scopes};
use clap::{Args, ValueEnum};
use jdlint::baseline::{Baseline, Recorder};
use jdlint::config::{self, Config};
use jdlint::escape::visible;
use jdlint::input::{
    self, Fields, Format, Item, Options, Reader, WalkOptions, MAX_POSTING_BYTES_LIMIT,
};
use jdlint::lexicon::Lexicon;
use jdlint::report::PostingReport;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Posting files and directories; `-` reads stdin. A file's extension names its format
    /// (.txt .md .html .jsonl .ndjson .json .csv; any other is text); directories are walked
    /// for files with those extensions, skipping hidden and git-ignored ones. With no PATH,
    /// stdin when something is piped or redirected into it, else the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Print the files that would be checked, one a line, and check nothing.
    #[arg(long)]
    pub files: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Use this title instead of reading it from the document (the whole document is the body).
    #[arg(long)]
    pub title: Option<String>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Exit with 1 when a diagnostic is at or above this severity [default: the config's
    /// `fail-on`, else error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    #[command(flatten)]
    pub config: ConfigFileArgs,

    #[command(flatten)]
    pub selection: SelectionArgs,

    /// The record field (JSON) or column (CSV) that holds rule ids (comma-separated) to
    /// suppress for that record.
    #[arg(long, value_name = "NAME", default_value = "jdlint_ignore")]
    pub suppress_field: String,

    /// Report suppressions that suppressed nothing, as `unused-suppression` warnings.
    #[arg(long)]
    pub report_unused_suppressions: bool,

    #[command(flatten)]
    pub lexicon: LexiconFileArgs,

    /// How many pieces of evidence the human format shows per posting, with --show-evidence or
    /// --verbose.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub evidence: usize,

    /// Show the evidence behind each verdict (human format).
    #[arg(long)]
    pub show_evidence: bool,

    /// Show every posting, those with no diagnostic too, with its evidence (human format); by
    /// default only postings with a diagnostic are shown.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Print the diagnostics and nothing else: no posting headings, evidence or summary (human,
    /// brief and --statistics).
    #[arg(short, long)]
    pub quiet: bool,

    /// Print how many diagnostics each rule gave, at each severity, most frequent first,
    /// instead of the diagnostics; then the summary.
    #[arg(long, conflicts_with = "format")]
    pub statistics: bool,

    /// When to use colour in the human format.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Number of threads to analyze with (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Write the report to this file instead of standard output (never in colour); errors still
    /// go to standard error.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Leave out the findings this baseline file holds (written by --write-baseline): CI then
    /// fails only on new ones. Findings are keyed by rule, posting (record id, else path) and
    /// the text they point at, not by line.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write every finding of this run to the --baseline file (replacing it) and exit 0 unless
    /// an input could not be read.
    #[arg(long, requires = "baseline")]
    pub write_baseline: bool,

    /// When to show a progress bar on standard error.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ProgressWhen::Auto)]
    pub progress: ProgressWhen,

    /// Apply the safe fixes (a wording substitution with one replacement) to the text and
    /// Markdown files in place, report each change on standard error, then lint the result.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the safe fixes as a unified diff instead of linting; exit 1 when there are any.
    #[arg(long)]
    pub diff: bool,
}

/// How inputs are found and read; shared by every subcommand that reads postings.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Read every file named (and stdin) as this format instead of going by its extension;
    /// files in directories go by theirs (files a --glob takes without one are read so).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// Include (or with `!`, exclude) files in directories that match this glob, as ripgrep's
    /// --glob; repeatable. A glob also takes files of other extensions.
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,

    /// Read hidden files and directories in directories too.
    #[arg(long)]
    pub hidden: bool,

    /// Do not honour .gitignore, .ignore and the like in directories.
    #[arg(long)]
    pub no_ignore: bool,

    /// Follow symbolic links in directories.
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// The field (JSON) or column (CSV) that holds a record's title.
    #[arg(long, value_name = "NAME", default_value = "title")]
    pub title_field: String,

    /// The field or column that holds a record's text [default: text, else description, else
    /// body].
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,

    /// The field or column that holds a record's id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,

    /// The element of an HTML page that holds its title instead of the first <h1> (which is
    /// often the site's logo): a tag (h2), a class (.job-title) or both (h2.job-title).
    #[arg(long, value_name = "SELECTOR")]
    pub html_title: Option<String>,

    /// The name standard input goes by in the output; its extension names stdin's format
    /// (`--stdin-filename jobs/pm.html`). Without it (or a format), stdin whose first character
    /// is `{` is read as JSON Lines, with a note.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Report a posting (a document, or a record's text) larger than this as too large instead
    /// of analyzing it; records may be twice as large [default: the config's
    /// `max-posting-bytes`, else 4194304 (4 MiB); at most 1073741824 (1 GiB)].
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u64).range(1..=MAX_POSTING_BYTES_LIMIT)
    )]
    pub max_posting_bytes: Option<u64>,
}

impl InputArgs {
    /// A reader for these options; `title` overrides every document's title. The posting size
    /// limit is the flag's, else `config`'s, else the default. `output_files` are the files this run
    /// writes, which a walk skips (those that do not exist yet are left out).
    pub fn reader(
        &self,
        title: Option<String>,
        config: &Config,
        output_files: &[&Path],
    ) -> Result<Reader, String> {
        let defaults = Fields::default();
        let max_posting_bytes = match self.max_posting_bytes {
            Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
            None => config.max_posting_bytes(),
        };
        Reader::new(Options {
            format: self.input_format.format(),
            title,
            fields: Fields {
                title: self.title_field.clone(),
                text: self.text_field.clone().map_or(defaults.text, |f| vec![f]),
                id: self.id_field.clone(),
            },
            walk: WalkOptions {
                globs: self.globs.clone(),
                hidden: self.hidden,
                no_ignore: self.no_ignore,
                follow: self.follow,
                skip: output_files
                    .iter()
                    .filter_map(|path| path.canonicalize().ok())
                    .collect(),
            },
            max_posting_bytes,
            stdin_name: self.stdin_filename.clone(),
            html_title: self.html_title.clone(),
        })
    }

    /// The inputs to read: `paths`, else standard input when something is piped or redirected
    /// into it (as ripgrep reads it) or `--stdin-filename` names it, else the current directory
    /// (as ruff and typos check it).
    pub fn inputs(&self, paths: &[String]) -> Vec<String> {
        if !paths.is_empty() {
            paths.to_vec()
        } else if self.stdin_filename.is_some() || stdin_is_readable() {
            vec!["-".to_string()]
        } else {
            vec![".".to_string()]
        }
    }
}

/// Whether standard input is a pipe, a file or a socket: something to read, not a terminal
/// nor `/dev/null` (a device).
fn stdin_is_readable() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(fd).metadata().is_ok_and(|m| {
            let t = m.file_type();
            t.is_file() || t.is_fifo() || t.is_socket()
        })
    }
    #[cfg(not(unix))]
    {
        use std::io::IsTerminal;
        !io::stdin().is_terminal()
    }
}

/// Everything `path` holds, as [`Reader::read`] reads it, with a note on standard error when
/// standard input was sniffed as JSON Lines or a directory holds no posting file: neither may
/// pass unsaid.
pub fn read_input<'a>(reader: &'a Reader, path: &'a str) -> Box<dyn Iterator<Item = Item> + 'a> {
    if path == "-" {
        let stdin = reader.read_stdin();
        if stdin.sniffed_jsonl {
            super::print_note(
                "standard input starts with `{`: read as JSON Lines, one posting a line \
                 (`--input-format text` reads it as one posting)",
            );
        }
        return stdin.items;
    }
    let mut items = reader.read(path).peekable();
    if items.peek().is_none() && Path::new(path).is_dir() {
        super::print_note(format_args!(
            "no posting file in {path} (read: {}; hidden and ignored files are skipped)",
            input::POSTING_EXTENSIONS
        ));
    }
    Box::new(items)
}

/// Which lexicon files are layered on which; shared by every subcommand that analyzes postings.
#[derive(Debug, Args)]
pub struct LexiconFileArgs {
    /// A lexicon file, or a directory of them, layered on the default lexicon (see
    /// lexicon/README.md).
    #[arg(long, value_name = "PATH")]
    pub lexicon: Option<PathBuf>,

    /// Start from an empty lexicon instead of the default one (with --lexicon).
    #[arg(long, requires = "lexicon")]
    pub no_default_lexicon: bool,
}

impl LexiconFileArgs {
    /// The lexicon layers, in order: the default lexicon (or `--lexicon` alone with
    /// `--no-default-lexicon`), the config's `lexicon` files, `--lexicon`, the config's ladder.
    pub fn load(&self, config: &Config) -> Result<Lexicon, String> {
        config
            .lexicon(self.lexicon.as_deref(), self.no_default_lexicon)
            .map_err(|e| format!("lexicon error: {e}"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By extension; standard input is text.
    Auto,
    Text,
    Markdown,
    Html,
    Jsonl,
    Json,
    Csv,
}

impl InputFormat {
    fn format(self) -> Option<Format> {
        match self {
            InputFormat::Auto => None,
            InputFormat::Text | InputFormat::Markdown => Some(Format::Document),
            InputFormat::Html => Some(Format::Html),
            InputFormat::Jsonl => Some(Format::Jsonl),
            InputFormat::Json => Some(Format::Json),
            InputFormat::Csv => Some(Format::Csv),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOn> for config::FailOn {
    fn from(f: FailOn) -> config::FailOn {
        match f {
            FailOn::Error => config::FailOn::Error,
            FailOn::Warning => config::FailOn::Warning,
            FailOn::Info => config::FailOn::Info,
            FailOn::Never => config::FailOn::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

pub fn run(args: CheckArgs) -> ExitCode {
    match args.color {
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    super::use_threads(args.threads);
    let config = match args.config.load() {
        Ok(config) => config,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    let mut scopes = match Scopes::new(&args, &config) {
        Ok(scopes) => scopes,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };

    let destination = match &args.output {
        None => Destination::stdout(),
        Some(path) if is_an_input(path, &args.paths) => {
            super::print_error(format_args!(
                "--output {} is also an input; writing it would destroy it",
                path.display()
            ));
            return ExitCode::from(2);
        }
        Some(path) => match Destination::file(path) {
            Ok(d) => d,
            Err(e) => {
                super::print_error(format_args!("cannot write {}: {e}", path.display()));
                return ExitCode::from(2);
            }
        },
    };
    // Created above, the output file exists now: a walk that meets it skips it, and naming it
    // (before it existed) is an error. A baseline is JSON, which a walk would read as postings.
    let output_files: Vec<&Path> = args
        .output
        .iter()
        .chain(&args.baseline)
        .map(PathBuf::as_path)
        .collect();
    let mut review = match Review::new(&args) {
        Ok(review) => review,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    let reader = match args
        .input
        .reader(args.title.clone(), &config, &output_files)
    {
        Ok(reader) => reader,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    let paths = args.input.inputs(&args.paths);
    if args.files {
        return list_files(&reader, &paths);
    }
    if args.fix || args.diff {
        let items = paths.iter().flat_map(|path| reader.read(path));
        let mut stdout = io::stdout().lock();
        let fixed = super::fix::fix(&mut scopes, items, args.diff, &mut stdout);
        if args.diff {
            let code = if fixed.errors > 0 {
                2
            } else {
                u8::from(fixed.files > 0)
            };
            return ExitCode::from(code);
        }
        let _ = writeln!(
            io::stderr(),
            "jdlint: fixed {} phrase{} in {} file{}",
            fixed.phrases,
            if fixed.phrases == 1 { "" } else { "s" },
            fixed.files,
            if fixed.files == 1 { "" } else { "s" }
        );
        if fixed.errors > 0 {
            return ExitCode::from(2);
        }
    }
    let items = paths.iter().flat_map(|path| read_input(&reader, path));
    let view = output::View {
        evidence: (args.show_evidence || args.verbose).then_some(args.evidence),
        every_posting: args.verbose,
        quiet: args.quiet,
    };
    let mut reporter = output::reporter(args.format, destination, view, args.statistics);
    let progress = Progress::new(args.progress, known_total(&args.input, &paths));
    let fail_on = args.fail_on.map(config::FailOn::from);
    let mut run = Run {
        scopes: &mut scopes,
        fail_on,
        failing: false,
    };
    let (summary, written) = lint(&mut run, items, reporter.as_mut(), &progress, &mut review);
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            super::print_error(format_args!("cannot write output: {e}"));
            return ExitCode::from(2);
        }
    }

    let wrote_baseline = match review.finish(&args) {
        Ok(wrote) => wrote,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    if summary.input_errors > 0 {
        return ExitCode::from(2);
    }
    if wrote_baseline {
        return ExitCode::SUCCESS;
    }
    ExitCode::from(u8::from(run.failing))
}

/// Whether `output` is the same file as one of `inputs`.
pub(super) fn is_an_input(output: &std::path::Path, inputs: &[String]) -> bool {
    let Ok(output) = output.canonicalize() else {
        return false; // It does not exist yet.
    };
    inputs
        .iter()
        .any(|input| std::fs::canonicalize(input).is_ok_and(|input| input == output))
}

/// How many postings the inputs hold, when that is known without reading them: when each is a
/// file (not a directory) of one posting.
fn known_total(input: &InputArgs, paths: &[String]) -> Option<u64> {
    let one_posting_each = paths.iter().all(|path| {
        let format = input
            .input_format
            .format()
            .unwrap_or_else(|| Format::for_path(path));
        matches!(format, Format::Document | Format::Html) && std::path::Path::new(path).is_file()
    });
    one_posting_each.then_some(paths.len() as u64)
}

/// `--files`: each file the inputs stand for, one a line (made [`visible`]: a file name is
/// anyone's text), and the walk's errors on standard error. Exit code 2 when there were any.
fn list_files(reader: &Reader, paths: &[String]) -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for path in paths {
        let mut any = false;
        for file in reader.files(path) {
            any = true;
            let written = match file {
                Ok(file) => writeln!(out, "{}", visible(&file)),
                Err(e) => {
                    failed = true;
                    super::print_error(format_args!("error: {e}"));
                    Ok(())
                }
            };
            if written.is_err() {
                // A closed stdout (`| head`) ends the list.
                return ExitCode::from(u8::from(failed) * 2);
            }
        }
        if !any {
            super::print_note(format_args!("no posting file in {path}"));
        }
    }
    let _ = out.flush();
    ExitCode::from(u8::from(failed) * 2)
}

/// What is done to each report in input order, between its analysis and its rendering: the
/// baseline leaves out what it accepts, and `--write-baseline` records every finding.
struct Review {
    baseline: Option<Baseline>,
    recorder: Option<Recorder>,
}

impl Review {
    fn new(args: &CheckArgs) -> Result<Review, String> {
        let Some(path) = &args.baseline else {
            return Ok(Review {
                baseline: None,
                recorder: None,
            });
        };
        if args.write_baseline {
            return Ok(Review {
                baseline: None,
                recorder: Some(Recorder::new(std::env::current_dir().ok())),
            });
        }
        Ok(Review {
            baseline: Some(Baseline::load(path, std::env::current_dir().ok())?),
            recorder: None,
        })
    }

    fn report(&mut self, item: &Item, report: &mut PostingReport) {
        if let Some(baseline) = &mut self.baseline {
            baseline.filter(item, report);
        }
        if let Some(recorder) = &mut self.recorder {
            recorder.add(item, report);
        }
    }

    /// Writes the baseline recorded, or notes how many findings the baseline left out; whether
    /// a baseline was written.
    fn finish(self, args: &CheckArgs) -> Result<bool, String> {
        let Some(path) = &args.baseline else {
            return Ok(false);
        };
        if let Some(recorder) = self.recorder {
            let n = recorder.len();
            std::fs::write(path, recorder.to_json())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            super::print_note(format_args!(
                "wrote {n} finding{} to {}; `--baseline {}` leaves them out",
                if n == 1 { "" } else { "s" },
                path.display(),
                path.display()
            ));
            return Ok(true);
        }
        if let Some(baseline) = self.baseline.filter(|b| b.matched > 0) {
            super::print_note(format_args!(
                "{} finding{} in the baseline {} left out",
                baseline.matched,
                if baseline.matched == 1 { "" } else { "s" },
                path.display()
            ));
        }
        Ok(false)
    }
}

/// The engines of a lint run and whether it fails.
struct Run<'s, 'a> {
    scopes: &'s mut Scopes<'a>,
    /// `--fail-on`, which wins over every config's.
    fail_on: Option<config::FailOn>,
    /// Whether a diagnostic was at or above the `fail-on` of its input's config.
    failing: bool,
}

/// Analyzes `items` a chunk at a time and reports them in input order. Stops at the first write
/// error: once stdout is closed (`| head`) there is no one left to read the rest.
fn lint(
    run: &mut Run,
    items: impl Iterator<Item = Item>,
    reporter: &mut dyn output::Reporter,
    progress: &Progress,
    review: &mut Review,
) -> (Summary, io::Result<()>) {
    let mut summary = Summary::default();
    let mut written = reporter.begin();
    // The next chunk is read only while everything was written.
    let mut chunks = input::chunks(items);
    while written.is_ok() {
        let Some(mut chunk) = chunks.next() else {
            break;
        };
        // Each input's config is found in input order (the folders of one chunk are few, and
        // each config is built once), then the workers analyze, the review runs in input order
        // (a baseline's counts must not depend on thread timing), and the workers render;
        // `collect` keeps input order, so output is the same at any thread count.
        let scopes: Vec<Arc<Scope>> = chunk
            .iter_mut()
            .map(|item| run.scopes.resolve(item))
            .collect();
        let mut reports: Vec<PostingReport> = chunk
            .par_iter()
            .zip(&scopes)
            .map(|(item, scope)| {
                let report = scope.engine.report(item);
                progress.advance();
                report
            })
            .collect();
        for ((item, report), scope) in chunk.iter().zip(&mut reports).zip(&scopes) {
            review.report(item, report);
            let fail_on = run
                .fail_on
                .or(scope.fail_on)
                .unwrap_or(config::FailOn::Error);
            let highest = report.diagnostics.iter().map(|d| d.severity).max();
            run.failing |= fail_on
                .threshold()
                .is_some_and(|t| highest.is_some_and(|h| h >= t));
        }
        let renderer: &dyn output::Reporter = reporter;
        let rendered: Vec<Vec<u8>> = chunk
            .par_iter()
            .zip(&reports)
            .map(|(item, report)| renderer.render(item, report))
            .collect();
        let results = reports.into_iter().zip(rendered);
        // The loop runs while everything was written, so `written` starts again from `Ok`.
        written = progress.suspend(|| {
            let mut written = Ok(());
            for (item, (report, rendered)) in chunk.iter().zip(results) {
                summary.add(&report);
                if let Err(e) = item {
                    super::print_error(format_args!("error: {e}"));
                }
                written = written.and_then(|()| reporter.posting(item, &rendered));
            }
            written.and_then(|()| reporter.flush())
        });
    }
    // The bar goes before the summary is written: cleared after, it would clear the summary's
    // last line and leave its own in the scrollback.
    progress.finish();
    let written = written.and_then(|()| reporter.finish(&summary));
    (summary, written)
}
