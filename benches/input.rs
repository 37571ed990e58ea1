//! Benchmarks for reading inputs (divan; run with `cargo bench --bench input`).
//!
//! Target: reading stays a small part of a run's time next to analysis (`benches/engine.rs`:
//! ≥ 20,000 postings/s a core), so a batch's speed is the engine's.
//!
//! Benchmarks (each counts postings and input bytes):
//! - `jsonl_1000`: 1000 JSONL records of ~4 KB (the six fixture postings in turn, each record its
//!   fixture's title and body) read into postings through the public streaming reader.
//! - `csv_1000`: the same records as a CSV file with a header row and quoted multi-line cells.
//! - `html_page`: one careers page (`fixtures/inputs/careers-page.html`) converted to a posting
//!   with its source map.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use jdlint::input::{read_bytes, Format, Options};
use jdlint::Source;
use std::sync::LazyLock;

/// The jdlint binary's allocator, so that the benches time what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const RECORDS: usize = 1000;

const FIXTURES: [&str; 6] = [
    include_str!("../fixtures/postings/senior-platform.txt"),
    include_str!("../fixtures/postings/group-core.txt"),
    include_str!("../fixtures/postings/pm-growth.txt"),
    include_str!("../fixtures/postings/principal-technical.txt"),
    include_str!("../fixtures/postings/director-domain.txt"),
    include_str!("../fixtures/postings/associate-core.txt"),
];

fn records() -> impl Iterator<Item = (String, &'static str, &'static str)> {
    (0..RECORDS).map(|i| {
        let (title, body) = FIXTURES[i % FIXTURES.len()].split_once('\n').unwrap();
        (format!("r{i}"), title, body)
    })
}

static JSONL: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for (id, title, text) in records() {
        let record = serde_json::json!({"id": id, "title": title, "text": text});
        serde_json::to_writer(&mut out, &record).unwrap();
        out.push(b'\n');
    }
    out
});

static CSV: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("id,title,text\n");
    for (id, title, text) in records() {
        out.push_str(&format!("{id},{},{}\n", quote(title), quote(text)));
    }
    out.into_bytes()
});

fn bench_read(bencher: Bencher, bytes: &[u8], format: Format, postings: usize) {
    let options = Options::default();
    bencher
        .counter(ItemsCount::new(postings))
        .counter(BytesCount::new(bytes.len()))
        .bench(|| {
            let items = read_bytes(Source::file("bench"), black_box(bytes), format, &options);
            assert_eq!(items.len(), postings);
            items
        });
}

#[divan::bench]
fn jsonl_1000(bencher: Bencher) {
    bench_read(bencher, &JSONL, Format::Jsonl, RECORDS);
}

#[divan::bench]
fn csv_1000(bencher: Bencher) {
    bench_read(bencher, &CSV, Format::Csv, RECORDS);
}

#[divan::bench]
fn html_page(bencher: Bencher) {
    let page = include_bytes!("../fixtures/inputs/careers-page.html");
    bench_read(bencher, page, Format::Html, 1);
}
