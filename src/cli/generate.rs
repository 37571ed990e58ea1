//! `jdlint completions SHELL` and `jdlint man`: shell completions and a man page, generated from
//! the command's own definition by clap's generators, so that neither can drift from the flags.

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::{self, Write};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for (bash: `jdlint completions bash > ~/.local/share/bash-completion/completions/jdlint`).
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script for the shell asked for to standard output.
pub fn completions(args: CompletionsArgs) -> ExitCode {
    let mut command = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "jdlint", &mut out);
    write_out(&out)
}

/// Writes the man page, roff, to standard output (`jdlint man > jdlint.1`): the command, its
/// flags and every subcommand.
pub fn man() -> ExitCode {
    let command = super::Cli::command();
    let mut out = Vec::new();
    let rendered = clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .and_then(|()| {
            // Each subcommand's flags in a section of its own, after the command's.
            command.get_subcommands().try_for_each(|sub| {
                writeln!(out, ".SH \"JDLINT {}\"", sub.get_name().to_uppercase())?;
                let man = clap_mangen::Man::new(sub.clone());
                man.render_description_section(&mut out)?;
                man.render_options_section(&mut out)
            })
        });
    if let Err(e) = rendered {
        super::print_error(format_args!("cannot render the man page: {e}"));
        return ExitCode::from(2);
    }
    write_out(&out)
}

fn write_out(bytes: &[u8]) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            super::print_error(format_args!("cannot write output: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
