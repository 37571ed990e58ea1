//! `jdlint lexicon ...`: questions about the lexicon jdlint matches with.

use super::check::LexiconFileArgs;
use super::config::ConfigFileArgs;
use clap::{Args, Subcommand, ValueEnum};
use jdlint::escape::visible;
use jdlint::normalize::normalize_term;
use jdlint::printer::json::to_json;
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
    /// config's `lexicon` and ladder and `--lexicon` as there. `--format json` or `tsv` adds
    /// what each term supports, its weight, the source it cites and the file it comes from, so
    /// that one can ask why a phrase moved a posting.
    Terms {
        /// Output format.
        #[arg(long, value_enum, default_value_t = TermsFormat::Text)]
        format: TermsFormat,

        #[command(flatten)]
        config: ConfigFileArgs,

        #[command(flatten)]
        lexicon: LexiconFileArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TermsFormat {
    /// The terms alone, one a line.
    Text,
    /// One JSON object a line: term, supports, weight, source, file.
    Json,
    /// Tab-separated, with a header row: term, supports, weight, source, file.
    Tsv,
}

pub fn run(args: LexiconArgs) -> ExitCode {
    let LexiconCommand::Terms {
        format,
        config,
        lexicon,
    } = args.command;
    let lexicon = match config.load().and_then(|config| lexicon.load(&config)) {
        Ok(l) => l,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::new(io::stdout());
    let mut rows = lexicon.signals().iter().flat_map(|signal| {
        signal
            .value
            .terms
            .iter()
            .map(move |term| (normalize_term(term), signal))
    });
    let header = match format {
        TermsFormat::Tsv => writeln!(out, "term\tsupports\tweight\tsource\tfile"),
        _ => Ok(()),
    };
    let written = header
        .and_then(|()| {
            rows.try_for_each(|(term, signal)| {
                let entry = &signal.value;
                match format {
                    TermsFormat::Text => writeln!(out, "{}", visible(&term)),
                    TermsFormat::Tsv => writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}",
                        visible(&term),
                        entry.supports,
                        entry.weight,
                        visible(&entry.source),
                        visible(&signal.origin.file)
                    ),
                    TermsFormat::Json => {
                        let row = serde_json::json!({
                            "term": term,
                            "supports": entry.supports.to_string(),
                            "weight": entry.weight,
                            "source": entry.source,
                            "file": signal.origin.file,
                        });
                        out.write_all(&to_json(&row))?;
                        writeln!(out)
                    }
                }
            })
        })
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            super::print_error(format_args!("cannot write output: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
