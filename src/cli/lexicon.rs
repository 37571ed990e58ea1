//! `jdlint lexicon ...`: questions about the lexicon jdlint matches with.

use clap::{Args, Subcommand};
use jdlint::escape::visible;
use jdlint::lexicon::Lexicon;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct LexiconArgs {
    #[command(subcommand)]
    command: LexiconCommand,
}

#[derive(Debug, Subcommand)]
enum LexiconCommand {
    /// Print every literal term the lexicon's signals match, normalized as the matcher sees it,
    /// one per line, in lexicon order.
    Terms {
        /// A directory of lexicon files layered on the default lexicon (see lexicon/README.md).
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,

        /// Start from an empty lexicon instead of the default one (with --lexicon).
        #[arg(long, requires = "lexicon")]
        no_default_lexicon: bool,
    },
}

pub fn run(args: LexiconArgs) -> ExitCode {
    let LexiconCommand::Terms {
        lexicon,
        no_default_lexicon,
    } = args.command;
    let loaded = match (&lexicon, no_default_lexicon) {
        (None, _) => Lexicon::embedded(),
        (Some(dir), true) => Lexicon::from_dir(dir),
        (Some(dir), false) => Lexicon::embedded()
            .and_then(|base| Lexicon::from_dir(dir).map(|overlay| base.overlay(overlay))),
    };
    let lexicon = match loaded {
        Ok(l) => l,
        Err(e) => {
            super::print_error(format_args!("lexicon error: {e}"));
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
