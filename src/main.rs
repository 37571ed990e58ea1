//! The `jdlint` command: a thin layer over the library that reads arguments, runs the engine over
//! the inputs in parallel, renders the results in input order and turns them into an exit code.

mod cli;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::run()
}
