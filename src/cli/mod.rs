//! The command line: `jdlint PATH...` lints postings (see [`check`]); subcommands answer questions
//! about jdlint itself. Exit codes: 0 nothing at or above `--fail-on`, 1 something is, 2 a usage,
//! input or lexicon error (every other input is still processed and reported).

mod calibrate;
mod check;
mod config;
mod fix;
mod generate;
mod lexicon;
mod output;
mod rules;
mod scopes;

use clap::{Parser, Subcommand};
use jdlint::escape::visible;
use std::io::{self, Write};
use std::process::ExitCode;

/// Lint product-management job postings: the level, track and specialization the body implies,
/// and whether the title matches.
#[derive(Debug, Parser)]
#[command(
    name = "jdlint",
    version,
    about,
    max_term_width = 100,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    // A flag given twice takes its last value, as in ripgrep: a wrapper (the GitHub Action) can
    // append `--fail-on never` to the user's arguments.
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    check: check::CheckArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint postings (the default: `jdlint PATH...` is `jdlint check PATH...`).
    Check(check::CheckArgs),
    /// Show what the lexicon holds (`jdlint lexicon terms`) and why a phrase counts (`jdlint
    /// lexicon why PHRASE`).
    Lexicon(lexicon::LexiconArgs),
    /// How titles (or people's labels) line up with what bodies ask for, over a set of postings;
    /// `--fit` fits the lexicon to a company's ladder.
    Calibrate(calibrate::CalibrateArgs),
    /// List every rule: id, default severity, category, status and summary.
    Rules(rules::RulesArgs),
    /// Explain a rule: what it checks and why, an example that fires, what to write instead.
    Rule(rules::RuleArgs),
    /// Show the effective configuration (`jdlint config --show`).
    Config(config::ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff): `jdlint man > jdlint.1; man ./jdlint.1`.
    Man,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => {
            if let Some(message) = mistyped_subcommand(&cli.check.paths) {
                print_error(message);
                return ExitCode::from(2);
            }
            check::run(cli.check)
        }
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Lexicon(args)) => lexicon::run(args),
        Some(Command::Calibrate(args)) => calibrate::run(args),
        Some(Command::Rules(args)) => rules::list(args),
        Some(Command::Rule(args)) => rules::explain(args),
        Some(Command::Config(args)) => config::run(args),
        Some(Command::Completions(args)) => generate::completions(args),
        Some(Command::Man) => generate::man(),
    }
}

/// When the first path does not exist and reads like a misspelled subcommand (`jdlint rulse`),
/// the error that says so; clap reads any word there as a path.
fn mistyped_subcommand(paths: &[String]) -> Option<String> {
    let first = paths.first()?;
    if first == "-" || std::path::Path::new(first).exists() {
        return None;
    }
    let cli = <Cli as clap::CommandFactory>::command();
    let names = cli.get_subcommands().map(|c| c.get_name().to_string());
    let closest: Vec<String> = jdlint::suggest::closest_names(first, names)
        .iter()
        .take(2)
        .map(|name| format!("`jdlint {name}`"))
        .collect();
    (!closest.is_empty()).then(|| {
        format!(
            "{first}: no such file, nor a subcommand; did you mean {}?",
            closest.join(" or ")
        )
    })
}

/// Writes `jdlint: MESSAGE` to standard error, the one way the command line reports an error.
/// Each line of the message is made [`visible`]: it names inputs and quotes them, and a CI
/// runner reads standard error for workflow commands too. The lines stay lines, for the messages
/// that are laid out on several (a regex error points at its pattern); what came from an input
/// has had its line breaks made visible already (`Source`, `InputError`).
pub(crate) fn print_error(message: impl std::fmt::Display) {
    let message = message.to_string();
    let lines: Vec<_> = message.split('\n').map(visible).collect();
    let _ = writeln!(io::stderr(), "jdlint: {}", lines.join("\n"));
}

/// Writes `jdlint: note: MESSAGE` to standard error: something the user should know that is not
/// an error (a guess made, nothing found to check). Made [`visible`] as [`print_error`] does.
pub(crate) fn print_note(message: impl std::fmt::Display) {
    print_error(format_args!("note: {message}"));
}

/// Writes `jdlint: warning: MESSAGE` to standard error, once a run: something that still works
/// but should change (a rule's former id). The flags are read again for each config file found,
/// and one warning is enough. Made [`visible`] as [`print_error`] does.
pub(crate) fn print_warning(message: impl std::fmt::Display) {
    static PRINTED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let message = message.to_string();
    let mut printed = PRINTED.lock().unwrap_or_else(|e| e.into_inner());
    if !printed.contains(&message) {
        print_error(format_args!("warning: {message}"));
        printed.push(message);
    }
}

/// How many analysis threads run, at most, per core: more only costs memory (a stack each).
const THREADS_PER_CORE: usize = 4;

/// Sizes the analysis thread pool for `-j N`: at least one thread, at most
/// [`THREADS_PER_CORE`] a core, with a note on standard error when `N` is cut.
pub(crate) fn use_threads(requested: Option<usize>) {
    let Some(requested) = requested else { return };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let most = cores * THREADS_PER_CORE;
    let threads = requested.clamp(1, most);
    if threads < requested {
        let _ = writeln!(
            io::stderr(),
            "jdlint: note: -j {requested} is capped at {most} ({THREADS_PER_CORE} threads for each of {cores} cores)"
        );
    }
    // Only fails if a global pool exists already, which nothing here builds.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
}
