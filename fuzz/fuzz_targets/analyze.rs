//! Arbitrary bytes read as a document and as a JSONL batch, then analyzed: no panic, and every
//! evidence span quotes the posting's text.
#![no_main]

use jdlint::input::{read_bytes, Format, Options};
use jdlint::{Engine, Source};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

fuzz_target!(|data: &[u8]| {
    for format in [Format::Document, Format::Jsonl] {
        for posting in read_bytes(Source::file("fuzz"), data, format, &Options::default())
            .into_iter()
            .flatten()
        {
            let analysis = engine().analyze(&posting);
            for e in &analysis.evidence {
                assert_eq!(posting.text[e.span.clone()], e.text);
            }
            for d in &analysis.diagnostics {
                if let Some(span) = &d.span {
                    assert!(posting.text.get(span.clone()).is_some(), "{span:?}");
                }
            }
        }
    }
});
