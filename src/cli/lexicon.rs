//! `jdlint lexicon ...`: questions about the lexicon jdlint matches with.

use super::check::LexiconFileArgs;
use super::config::ConfigFileArgs;
use clap::{Args, Subcommand};
use jdlint::escape::visible;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct LexiconArgs {
    #[command(subcommand)]
    command: LexiconCommand,
}

#[derive(Debug, Subcommand)]
enum LexiconCommand {
    /// Print every literal term the lexicon's signals match, normalized as the matcher sees it,
    /// one per line, in lexicon order: the lexicon `jdlint` reads postings with, layered from the
    /// config's `lexicon` and ladder and `--lexicon` as there.
    Terms {
        #[command(flatten)]
        config: ConfigFileArgs,

        #[command(flatten)]
        lexicon: LexiconFileArgs,
    },
}

pub fn run(args: LexiconArgs) -> ExitCode {
    let LexiconCommand::Terms { config, lexicon } = args.command;
    let lexicon = match config.load().and_then(|config| lexicon.load(&config)) {
        Ok(l) => l,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::new(io::stdout());
    let written = lexicon
        .terms()
        .try_for_each(|term| writeln!(out, "{}", visible(&term)))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            super::print_error(format_args!("cannot write output: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
