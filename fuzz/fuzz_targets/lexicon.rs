//! Arbitrary text as a lexicon file: loading either fails with an error or yields a lexicon that
//! compiles and analyzes a posting without a panic.
#![no_main]

use jdlint::lexicon::Lexicon;
use jdlint::{Engine, Posting, Source};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const TITLE: &str = "Senior Product Manager, Growth";
const BODY: &str = "About the role\n\
    - Own the roadmap and run experiments on activation and retention\n\
    - Mentor two PMs; no direct reports\n\
    Requirements\n\
    - 5-7 years of product management experience\n";

fn embedded() -> &'static Lexicon {
    static EMBEDDED: OnceLock<Lexicon> = OnceLock::new();
    EMBEDDED.get_or_init(|| Lexicon::embedded().unwrap())
}

fuzz_target!(|text: &str| {
    let Ok(lexicon) = Lexicon::from_sources([("fuzz.json".to_string(), text)]) else {
        return;
    };
    let posting = Posting::new(Source::default(), TITLE, BODY);
    // Alone and layered on the default lexicon, as `--lexicon DIR` uses it.
    Engine::from_lexicon(&lexicon).analyze(&posting);
    let layered = embedded().clone().overlay(lexicon);
    Engine::from_lexicon(&layered).analyze(&posting);
});
