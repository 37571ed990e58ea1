//! Corpus benchmark: a batch the size of a job board's export, end to end (divan; run with
//! `cargo bench --bench corpus`).
//!
//! Targets (issue 3):
//! - end to end, jdlint keeps at least **0.5x** the throughput of a raw aho-corasick scan of the
//!   same bytes with the same terms;
//! - two threads are at least **1.8x** one thread.
//!
//! Benchmarks, each over the same 10,000 postings of about 4 KB:
//! - `end_to_end`: what `jdlint --format jsonl` does with postings it has read (src/cli/check.rs):
//!   chunks of 1024, each analyzed into `PostingReport`s by `Engine::report` in a rayon pool of 1
//!   or 2 threads, then rendered as JSON lines by the library's `Jsonl` reporter in the same pool,
//!   then written by it in input order, on one thread, into a buffered sink. Pools are built once,
//!   outside the timing.
//! - `end_to_end_without_catalogue`: the same on one thread with only the classifier's own rules,
//!   to measure what the rule catalogue costs (issue 5: at most 20%).
//! - `serialize_jsonl`: rendering and writing the reports alone with that reporter, on one thread
//!   (the reports are built outside the timing): the output's share of the end-to-end time.
//! - `raw_term_scan`: counting every match of a plain unanchored, overlapping search of the
//!   engine's compiled term automaton in each posting's body, normalized beforehand (outside the
//!   timing) as the matcher normalizes it, in the same pools: what one aho-corasick pass over the
//!   text costs, without word boundaries, patterns, sections, titles, scoring, rules or output.
//!   (The engine's own scan walks a trie of the same phrases a word at a time from the words that
//!   start a phrase instead: `stage_term_scan` in the engine bench.)
//!
//! Both count postings and body bytes, so divan prints postings/s and bytes/s on one basis.
//!
//! The corpus is generated from the fixtures in fixtures/postings/ with a fixed seed: each
//! posting takes a fixture's title and runs of 2 to 8 consecutive body lines from random
//! fixtures (headings travel with their bullets) until the next run would pass 4096 bytes.
//! Fixtures with fewer than 8 body lines (a teaser, a one-line scraped body) give no runs.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use jdlint::input::{Item, CHUNK};
use jdlint::normalize::NormalizedText;
use jdlint::printer::json::Jsonl;
use jdlint::printer::{Reporter, Summary};
use jdlint::report::PostingReport;
use jdlint::rules::RuleSet;
use jdlint::{Engine, Posting, Source};
use rayon::prelude::*;
use std::io::{self, BufWriter};
use std::sync::LazyLock;

/// The jdlint binary's allocator, so that the benches time what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const POSTINGS: usize = 10_000;
const POSTING_BYTES: usize = 4096;
const SEED: u64 = 0x6a64_6c69_6e74;

/// SplitMix64: a tiny deterministic generator, enough to vary the corpus.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z % n as u64) as usize
    }
}

/// The fixture postings' titles and body lines, in file-name order.
fn fixtures() -> Vec<(String, Vec<String>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/postings");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/postings is readable")
        .map(|e| e.expect("fixture entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
            let posting =
                Posting::from_document(Source::default(), text, None).expect("fixture has a title");
            let lines = posting.body_text().lines().map(String::from).collect();
            (posting.title, lines)
        })
        .filter(|(_, lines): &(String, Vec<String>)| lines.len() >= 8)
        .collect()
}

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

/// The postings as the command line's reader hands them over: every one read.
static CORPUS: LazyLock<Vec<Item>> = LazyLock::new(|| {
    let fixtures = fixtures();
    let mut rng = SplitMix(SEED);
    (0..POSTINGS)
        .map(|i| {
            let title = &fixtures[rng.below(fixtures.len())].0;
            let mut body = String::with_capacity(POSTING_BYTES);
            loop {
                let lines = &fixtures[rng.below(fixtures.len())].1;
                let run = 2 + rng.below(7);
                let start = rng.below(lines.len() - run + 1);
                let piece = lines[start..start + run].join("\n") + "\n";
                if body.len() + piece.len() > POSTING_BYTES {
                    break;
                }
                body.push_str(&piece);
            }
            let source = Source {
                path: Some("corpus.jsonl".into()),
                line: Some(i + 1),
                id: Some(format!("corpus-{i}")),
            };
            Ok(Posting::new(source, title.as_str(), body))
        })
        .collect()
});

/// The bodies, normalized as the matcher sees them.
static NORMALIZED: LazyLock<Vec<String>> = LazyLock::new(|| {
    CORPUS
        .iter()
        .flatten()
        .map(|p| NormalizedText::new(p.body_text()).as_str().to_string())
        .collect()
});

fn body_bytes() -> usize {
    CORPUS.iter().flatten().map(|p| p.body_text().len()).sum()
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool builds")
}

#[divan::bench(args = [1, 2], sample_count = 5, sample_size = 1)]
fn end_to_end(bencher: Bencher, threads: usize) {
    analyze_and_write(bencher, &ENGINE, threads);
}

/// The engine with only the classifier's own rules (issue 2's: the three title mismatches,
/// `low-evidence`, `unrecognized-title`), without the rule catalogue of issue 5.
static CLASSIFIER_RULES_ONLY: LazyLock<Engine> = LazyLock::new(|| {
    let mut rules = RuleSet::none();
    for id in ["classification", "low-evidence", "unrecognized-title"] {
        rules.enable(id).expect("known rule or category");
    }
    Engine::new().with_rules(rules)
});

/// `end_to_end` on one thread without the rule catalogue: what the catalogue costs (issue 5: at
/// most 20% of the corpus bench).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn end_to_end_without_catalogue(bencher: Bencher) {
    analyze_and_write(bencher, &CLASSIFIER_RULES_ONLY, 1);
}

/// A `--format jsonl` reporter writing into a buffered sink, as the command line's into stdout.
fn jsonl_into_sink() -> Jsonl {
    Jsonl::new(Box::new(BufWriter::new(io::sink())))
}

fn analyze_and_write(bencher: Bencher, engine: &Engine, threads: usize) {
    let corpus = &*CORPUS;
    let pool = pool(threads);
    bencher
        .counter(ItemsCount::new(corpus.len()))
        .counter(BytesCount::new(body_bytes()))
        .bench(|| {
            let mut reporter = jsonl_into_sink();
            for chunk in black_box(corpus).chunks(CHUNK) {
                let reports: Vec<PostingReport> =
                    pool.install(|| chunk.par_iter().map(|item| engine.report(item)).collect());
                let renderer = &reporter;
                let rendered: Vec<Vec<u8>> = pool.install(|| {
                    chunk
                        .par_iter()
                        .zip(&reports)
                        .map(|(item, report)| renderer.render(item, report))
                        .collect()
                });
                for (item, line) in chunk.iter().zip(&rendered) {
                    reporter.posting(item, line).expect("the sink takes it");
                }
                reporter.flush().expect("the sink takes it");
            }
            reporter
                .finish(&Summary::default())
                .expect("the sink takes it");
        });
}

/// The reports of the corpus, built outside the timing of `serialize_jsonl`.
static REPORTS: LazyLock<Vec<PostingReport>> =
    LazyLock::new(|| CORPUS.par_iter().map(|item| ENGINE.report(item)).collect());

#[divan::bench(sample_count = 5, sample_size = 1)]
fn serialize_jsonl(bencher: Bencher) {
    let corpus = &*CORPUS;
    let reports = &*REPORTS;
    bencher
        .counter(ItemsCount::new(reports.len()))
        .counter(BytesCount::new(body_bytes()))
        .bench(|| {
            let mut reporter = jsonl_into_sink();
            for (item, report) in black_box(corpus).iter().zip(black_box(reports)) {
                let line = reporter.render(item, report);
                reporter.posting(item, &line).expect("the sink takes it");
            }
            reporter
                .finish(&Summary::default())
                .expect("the sink takes it");
        });
}

#[divan::bench(args = [1, 2], sample_count = 5, sample_size = 1)]
fn raw_term_scan(bencher: Bencher, threads: usize) {
    let lexicon = ENGINE.lexicon();
    let normalized = &*NORMALIZED;
    let pool = pool(threads);
    bencher
        .counter(ItemsCount::new(normalized.len()))
        .counter(BytesCount::new(body_bytes()))
        .bench(|| {
            pool.install(|| {
                black_box(normalized)
                    .par_iter()
                    .map(|text| lexicon.raw_match_count(text))
                    .sum::<usize>()
            })
        });
}
