//! Embedding jdlint: read postings, analyze them and print what `jdlint --format jsonl` prints,
//! with nothing of the command line.
//!
//! ```sh
//! cargo run --example embed -- fixtures/postings/pm-core.txt fixtures/batch.jsonl
//! ```

use jdlint::input::{Options, Reader};
use jdlint::printer::json::Jsonl;
use jdlint::printer::{Reporter, Summary};
use jdlint::Engine;
use std::io::BufWriter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // One engine per process, shared by every posting (and thread).
    let engine = Engine::new();
    let reader = Reader::new(Options::default())?;
    let mut printer = Jsonl::new(Box::new(BufWriter::new(std::io::stdout())));
    let mut summary = Summary::default();
    for path in std::env::args().skip(1) {
        // A file that cannot be read is an item too, which reports its error.
        for item in reader.read(&path) {
            let report = engine.report(&item);
            summary.add(&report);
            let line = printer.render(&item, &report);
            printer.posting(&item, &line)?;
        }
    }
    printer.finish(&summary)?;
    Ok(())
}
