//! `jdlint lexicon ...`: questions about the lexicon jdlint matches with.

use super::check::LexiconFileArgs;
use super::config::ConfigFileArgs;
use clap::{Args, Subcommand, ValueEnum};
use jdlint::escape::visible;
use jdlint::explain::EntryMatch;
use jdlint::lexicon::Lexicon;
use jdlint::normalize::normalize_term;
use jdlint::printer::json::to_json;
use jdlint::Engine;
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
    /// Why a phrase counts: every lexicon entry it matches, read as a posting's body is
    /// (normalized, in every word form, with frames, patterns, years of experience, negation
    /// and what the hiring company says of itself), as a title is and, on a line of its own, as a heading is, with what each
    /// counts for, its weight, its file and entry, and the source it cites. The lexicon is the
    /// one `jdlint` reads postings with, layered from the config's `lexicon` and ladder and
    /// `--lexicon` as there.
    Why {
        /// The phrase, as a posting writes it ("P&L", "no direct reports"); several words are
        /// read as one phrase.
        #[arg(required = true, num_args = 1.., value_name = "PHRASE")]
        phrase: Vec<String>,

        /// Output format: `human`, or `json` (one object: the phrase and its matches).
        #[arg(long, value_enum, default_value_t = WhyFormat::Human)]
        format: WhyFormat,

        #[command(flatten)]
        config: ConfigFileArgs,

        #[command(flatten)]
        lexicon: LexiconFileArgs,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum WhyFormat {
    /// An entry a paragraph: the words matched, what they count for, the entry and its source.
    Human,
    /// One JSON object: `phrase` and `matches` (fields documented on
    /// `jdlint::explain::EntryMatch`).
    Json,
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
    match args.command {
        LexiconCommand::Terms {
            format,
            config,
            lexicon,
        } => terms(format, config, lexicon),
        LexiconCommand::Why {
            phrase,
            format,
            config,
            lexicon,
        } => why(&phrase.join(" "), format, config, lexicon),
    }
}

/// The lexicon the config and `--lexicon` layer, or the exit code of the error that says why
/// there is none.
fn load(config: ConfigFileArgs, lexicon: LexiconFileArgs) -> Result<Lexicon, ExitCode> {
    config
        .load()
        .and_then(|config| lexicon.load(&config))
        .map_err(|message| {
            super::print_error(message);
            ExitCode::from(2)
        })
}

fn why(
    phrase: &str,
    format: WhyFormat,
    config: ConfigFileArgs,
    lexicon: LexiconFileArgs,
) -> ExitCode {
    let lexicon = match load(config, lexicon) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let matches = Engine::from_lexicon(&lexicon).explain(phrase);
    let mut out = BufWriter::new(io::stdout());
    let written = match format {
        WhyFormat::Json => {
            let doc = WhyDocument {
                phrase,
                matches: &matches,
            };
            out.write_all(&to_json(&doc)).and_then(|()| writeln!(out))
        }
        WhyFormat::Human => why_human(&mut out, phrase, &matches),
    };
    finish(written.and_then(|()| out.flush()))
}

/// `jdlint lexicon why --format json`: the phrase as given and every entry it matches.
#[derive(serde::Serialize)]
struct WhyDocument<'a> {
    phrase: &'a str,
    matches: &'a [EntryMatch],
}

/// `"P&L": 1 lexicon entry`, then a paragraph an entry: the words it matched and the kind of entry,
/// what they count for, the entry and the source it cites, if it cites one. Everything from the
/// phrase or a lexicon file is made [`visible`].
fn why_human(out: &mut impl Write, phrase: &str, matches: &[EntryMatch]) -> io::Result<()> {
    let n = matches.len();
    match n {
        0 => writeln!(out, "\"{}\": no lexicon entry", visible(phrase))?,
        _ => writeln!(
            out,
            "\"{}\": {n} lexicon entr{}",
            visible(phrase),
            if n == 1 { "y" } else { "ies" }
        )?,
    }
    for m in matches {
        writeln!(out, "  \"{}\" ({})", visible(&m.text), m.kind.name())?;
        writeln!(out, "      counts  {}", visible(&m.counts.to_string()))?;
        writeln!(out, "      entry   {}", visible(&m.origin.to_string()))?;
        // Headings cite no seed.
        if !m.source.is_empty() {
            writeln!(out, "      source  {}", visible(&m.source))?;
        }
    }
    Ok(())
}

/// Exit code 0 once written; a write error other than a closed pipe is one of the run's.
fn finish(written: io::Result<()>) -> ExitCode {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            super::print_error(format_args!("cannot write output: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn terms(format: TermsFormat, config: ConfigFileArgs, lexicon: LexiconFileArgs) -> ExitCode {
    let lexicon = match load(config, lexicon) {
        Ok(l) => l,
        Err(code) => return code,
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
    finish(written)
}
