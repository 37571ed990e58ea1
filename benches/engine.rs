//! Benchmarks for the jdlint engine (divan; run with `cargo bench --bench engine`).
//!
//! Targets:
//! - building the engine from the embedded lexicon takes **< 20 ms**;
//! - one core analyzes **≥ 20,000 postings/s** of 4 KB postings (≤ 50 µs a posting).
//!
//! Benchmarks:
//! - `build_engine_embedded`: `Engine::new()`: parse, validate and compile the embedded lexicon.
//!   Its byte counter is the size of the embedded lexicon sources.
//! - `analyze_4kb_posting`: `Engine::analyze` on one ~4 KB posting, on one thread. The engine is
//!   built once, outside the timing.
//! - `normalize_4kb`: `NormalizedText::new` on the body of that posting, for comparison.
//! - `raw_term_scan_4kb`: counting every match of a plain unanchored, overlapping search of the
//!   compiled term automaton in the (pre-normalized) body of that posting: what one aho-corasick
//!   pass costs, without word-boundary checks, patterns, sections, titles, scoring or rules. The
//!   engine's own scan (`stage_term_scan`) walks a trie of the same phrases a word at a time from
//!   the words that start a phrase instead.
//! - The stages of `analyze_4kb_posting` on that body, to tell where its time goes:
//!   `stage_sections` (`Sections::split`), `stage_term_scan` (the lexicon's whole-word scan of the
//!   normalized body), `stage_patterns` (the regex patterns), `stage_evidence` (the scan, the
//!   patterns, years, negation and section weights: `find_evidence_in`) and
//!   `stage_analyze_without_rules` (everything but the rules).
//! - `analyze_batch_1000`: 1000 varied ~4 KB postings analyzed in a rayon pool of 1 and 2 threads
//!   (the pool is built once per thread count, outside the timing). On one thread, each posting
//!   takes about twice as long as in `analyze_4kb_posting`, where the CPU learns the branches of
//!   the one posting it sees over and over: this is the rate a real run sees.
//!
//! Every posting-sized benchmark counts postings (items) and bytes of posting body, so divan
//! prints postings/s and bytes/s on the same basis throughout.
//!
//! The postings are built deterministically from fixture bodies (each fixture less its title
//! line): lines are appended, fixture after fixture, up to 4096 bytes (the last line cut at a word
//! boundary). The single posting is senior-platform, group-core and pm-growth in that order; the
//! batch shuffles six fixtures and starts partway into the first one, driven by an LCG seeded
//! with 42.

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use jdlint::matcher::find_evidence_in;
use jdlint::normalize::NormalizedText;
use jdlint::rules::RuleSet;
use jdlint::sections::Sections;
use jdlint::{Engine, Posting, Source};
use rayon::prelude::*;
use std::sync::LazyLock;

/// The jdlint binary's allocator, so that the benches time what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// Size each benchmark posting's body approaches without exceeding.
const POSTING_BYTES: usize = 4096;

/// Postings in the batch benchmark.
const BATCH: usize = 1000;

/// Title of every benchmark posting.
const TITLE: &str = "Senior Product Manager";

/// Fixture documents; the first line of each is its title.
const FIXTURES: [&str; 6] = [
    include_str!("../fixtures/postings/senior-platform.txt"),
    include_str!("../fixtures/postings/group-core.txt"),
    include_str!("../fixtures/postings/pm-growth.txt"),
    include_str!("../fixtures/postings/principal-technical.txt"),
    include_str!("../fixtures/postings/director-domain.txt"),
    include_str!("../fixtures/postings/associate-core.txt"),
];

/// The body of a fixture document: everything after its title line, trimmed.
fn body_of(document: &str) -> &str {
    let posting = Posting::from_document(Source::default(), document.to_string(), None)
        .expect("fixture has a title");
    let start = posting.body.start;
    document[start..].trim()
}

/// Lines of the given bodies, in order and cycling, from line `skip` of the first, appended while
/// the total stays within `POSTING_BYTES`; the line that would overflow it is cut after its last
/// word that fits. Bodies are separated by a blank line.
fn compose(bodies: &[&str], skip: usize) -> String {
    let mut out = String::with_capacity(POSTING_BYTES);
    'fill: for (i, body) in bodies.iter().cycle().enumerate() {
        let skip = if i == 0 { skip } else { 0 };
        let separator = if i == 0 { None } else { Some("") };
        for line in separator.into_iter().chain(body.lines().skip(skip)) {
            let room = POSTING_BYTES - out.len();
            if line.len() + 1 > room {
                // Finish with as many whole words of the line as fit.
                let fits = line.match_indices(' ').map(|(i, _)| i);
                if let Some(cut) = fits.take_while(|&i| i < room).last() {
                    out.push_str(&line[..cut]);
                    out.push('\n');
                }
                break 'fill;
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A small deterministic generator (Knuth's MMIX LCG), for varying the batch.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

/// The ~4 KB posting: senior-platform, group-core and pm-growth.
static POSTING: LazyLock<Posting> = LazyLock::new(|| {
    let bodies: Vec<&str> = FIXTURES[..3].iter().map(|d| body_of(d)).collect();
    Posting::new(Source::default(), TITLE, compose(&bodies, 0))
});

/// The batch: each posting shuffles the fixture bodies and starts partway into the first.
static BATCH_POSTINGS: LazyLock<Vec<Posting>> = LazyLock::new(|| {
    let mut rng = Lcg(42);
    let mut bodies: Vec<&str> = FIXTURES.iter().map(|d| body_of(d)).collect();
    (0..BATCH)
        .map(|i| {
            // Fisher-Yates shuffle, continuing from the previous posting's order.
            for j in (1..bodies.len()).rev() {
                bodies.swap(j, rng.below(j + 1));
            }
            let skip = rng.below(bodies[0].lines().count());
            let source = Source {
                id: Some(format!("bench-{i}")),
                ..Source::default()
            };
            Posting::new(source, TITLE, compose(&bodies, skip))
        })
        .collect()
});

#[divan::bench]
fn build_engine_embedded(bencher: Bencher) {
    let lexicon_bytes: usize = jdlint::lexicon::embedded_files()
        .iter()
        .map(|(_, text)| text.len())
        .sum();
    bencher
        .counter(BytesCount::new(lexicon_bytes))
        .bench(Engine::new);
}

#[divan::bench]
fn analyze_4kb_posting(bencher: Bencher) {
    let engine = &*ENGINE;
    let posting = &*POSTING;
    bencher
        .counter(ItemsCount::new(1usize))
        .counter(BytesCount::of_str(posting.body_text()))
        .bench(|| engine.analyze(black_box(posting)));
}

#[divan::bench]
fn normalize_4kb(bencher: Bencher) {
    let body = POSTING.body_text();
    bencher
        .counter(ItemsCount::new(1usize))
        .counter(BytesCount::of_str(body))
        .bench(|| NormalizedText::new(black_box(body)));
}

#[divan::bench]
fn raw_term_scan_4kb(bencher: Bencher) {
    let lexicon = ENGINE.lexicon();
    let text = NORMALIZED_4KB.as_str();
    bencher
        .counter(ItemsCount::new(1usize))
        .counter(BytesCount::of_str(POSTING.body_text()))
        .bench(|| lexicon.raw_match_count(black_box(text)));
}

#[divan::bench(args = [1, 2])]
fn analyze_batch_1000(bencher: Bencher, threads: usize) {
    let engine = &*ENGINE;
    let postings = &*BATCH_POSTINGS;
    let bytes: usize = postings.iter().map(|p| p.body_text().len()).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("rayon pool builds");
    bencher
        .counter(ItemsCount::new(postings.len()))
        .counter(BytesCount::new(bytes))
        .bench(|| {
            pool.install(|| {
                black_box(postings)
                    .par_iter()
                    .map(|p| engine.analyze(p))
                    .collect::<Vec<_>>()
            })
        });
}

/// The body of the 4 KB posting, normalized as the matcher sees it.
static NORMALIZED_4KB: LazyLock<NormalizedText> =
    LazyLock::new(|| NormalizedText::new(POSTING.body_text()));

#[divan::bench]
fn stage_sections(bencher: Bencher) {
    let body = POSTING.body_text();
    bencher.bench(|| Sections::split(black_box(body), ENGINE.lexicon()));
}

#[divan::bench]
fn stage_term_scan(bencher: Bencher) {
    let text = NORMALIZED_4KB.as_str();
    bencher.bench(|| ENGINE.lexicon().scan(black_box(text)));
}

#[divan::bench]
fn stage_patterns(bencher: Bencher) {
    let text = NORMALIZED_4KB.as_str();
    let scan = ENGINE.lexicon().scan(text);
    bencher.bench(|| ENGINE.lexicon().find_patterns(black_box(text), &scan));
}

#[divan::bench]
fn stage_evidence(bencher: Bencher) {
    let sections = Sections::split(POSTING.body_text(), ENGINE.lexicon());
    bencher.bench(|| find_evidence_in(black_box(&NORMALIZED_4KB), &sections, ENGINE.lexicon()));
}

/// The engine without any rule.
static WITHOUT_RULES: LazyLock<Engine> =
    LazyLock::new(|| Engine::new().with_rules(RuleSet::none()));

#[divan::bench]
fn stage_analyze_without_rules(bencher: Bencher) {
    let posting = &*POSTING;
    bencher.bench(|| WITHOUT_RULES.analyze(black_box(posting)));
}
