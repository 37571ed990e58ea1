//! The worst inputs for time per byte (divan; run with `cargo bench --bench hostile`).
//!
//! Target: the cost per byte is flat from 4 KB to 4 MB: no work per match grows with the
//! posting (a column counted from the start of its line, a negation looked for back to the last
//! space, one evidence entry per repeat of a term).
//!
//! Each benchmark reads a posting from bytes as the `jdlint` binary does, analyzes it, applies
//! its suppressions (reporting unused ones) and writes its JSON result, at 4 KB, 64 KB, 1 MB and
//! 4 MB, counting bytes so that divan prints bytes/s:
//! - `dense_line`: one line of a lexicon term over and over (`headcount headcount ...`);
//! - `dense_html_line`: the same as one HTML paragraph (its source map counts the columns);
//! - `escaped_html_record`: a JSONL record whose text is a list escaped into entities
//!   (`&lt;li&gt;headcount&lt;/li&gt;...`): every `&lt;` is asked whether it opens a tag, then
//!   the text is unescaped and read as HTML;
//! - `many_headings`: a heading the lexicon knows and a bullet under it, over and over;
//! - `many_pitches`: a company pitch ended by a sentence that introduces the role, over and over
//!   (each splits a section in two);
//! - `many_markers`: one line of suppression markers naming no rule that fires;
//! - `many_unlisted_headings`: a company pitch ended by a heading no lexicon lists, over and
//!   over (each line of the pitch is asked whether it is such a heading);
//! - `many_pattern_starts`: one line of a word that opens three lexicon patterns and no match
//!   (`lead lead ...`): past a few tries at its starts, each pattern searches the rest whole;
//! - `many_inline_headings`: one line of headings run together with bullets, each after a word
//!   (`perks Benefits - A perks Benefits - A ...`): each capital looks a few bytes back and ahead.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use jdlint::input::{read_bytes, Format, Options};
use jdlint::printer::json::Jsonl;
use jdlint::printer::Reporter;
use jdlint::{suppress, Engine, Source};
use std::io;
use std::sync::LazyLock;

/// The jdlint binary's allocator, so that the benches time what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const SIZES: [usize; 4] = [4 << 10, 64 << 10, 1 << 20, 4 << 20];

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    Engine::new().with_suppressions(suppress::Options {
        report_unused: true,
        ..suppress::Options::default()
    })
});

/// `head`, then `repeated` until the text is `size` bytes long, then `tail`.
fn filled(head: &str, repeated: &str, tail: &str, size: usize) -> Vec<u8> {
    let mut text = String::from(head);
    while text.len() + repeated.len() + tail.len() <= size {
        text.push_str(repeated);
    }
    text.push_str(tail);
    text.into_bytes()
}

/// Reads `bytes` as `format`, analyzes, suppresses and renders the JSON line, as `jdlint --format
/// jsonl --report-unused-suppressions` does; the line's length.
fn lint(bytes: &[u8], format: Format) -> usize {
    let options = Options {
        max_posting_bytes: 8 << 20,
        ..Options::default()
    };
    let items = read_bytes(Source::file("bench"), bytes, format, &options);
    assert!(items[0].is_ok(), "the bench posting reads");
    let jsonl = Jsonl::new(Box::new(io::sink()));
    jsonl.render(&items[0], &ENGINE.report(&items[0])).len()
}

fn bench(bencher: Bencher, bytes: Vec<u8>, format: Format) {
    LazyLock::force(&ENGINE);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| lint(black_box(&bytes), format));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn dense_line(bencher: Bencher, size: usize) {
    let bytes = filled("Product Manager\n", "headcount ", "\n", size);
    bench(bencher, bytes, Format::Document);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn dense_html_line(bencher: Bencher, size: usize) {
    let bytes = filled("<h1>Product Manager</h1><p>", "headcount ", "</p>", size);
    bench(bencher, bytes, Format::Html);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn escaped_html_record(bencher: Bencher, size: usize) {
    let bytes = filled(
        r#"{"title": "Product Manager", "text": "&lt;ul&gt;"#,
        "&lt;li&gt;headcount&lt;/li&gt;",
        "&lt;/ul&gt;\"}",
        size,
    );
    bench(bencher, bytes, Format::Jsonl);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn many_headings(bencher: Bencher, size: usize) {
    let repeated = "Requirements\n- Manage four product managers\nAbout us\n- We ship\n";
    let bytes = filled("Product Manager\n", repeated, "", size);
    bench(bencher, bytes, Format::Document);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn many_pitches(bencher: Bencher, size: usize) {
    let bytes = filled(
        "Product Manager\n",
        "About us\nYou will own it.\n",
        "",
        size,
    );
    bench(bencher, bytes, Format::Document);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn many_unlisted_headings(bencher: Bencher, size: usize) {
    let bytes = filled(
        "Product Manager\n",
        "About Acme\nAcme ships tools.\nIn a nutshell\nYou own it.\n",
        "",
        size,
    );
    bench(bencher, bytes, Format::Document);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn many_markers(bencher: Bencher, size: usize) {
    let repeated = "jdlint: ignore[bro-culture] <!-- jdlint-disable-next-line vague-title --> ";
    let bytes = filled("Product Manager\n", repeated, "\n", size);
    bench(bencher, bytes, Format::Document);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn many_pattern_starts(bencher: Bencher, size: usize) {
    let bytes = filled("Product Manager\n", "lead ", "\n", size);
    bench(bencher, bytes, Format::Document);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn many_inline_headings(bencher: Bencher, size: usize) {
    let bytes = filled("Product Manager\n", "perks Benefits - A ", "\n", size);
    bench(bencher, bytes, Format::Document);
}
