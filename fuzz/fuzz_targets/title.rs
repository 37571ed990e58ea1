//! The title parser on arbitrary strings: no panic, and every matched phrase quotes the title.
#![no_main]

use jdlint::lexicon::{CompiledLexicon, Lexicon};
use jdlint::title::parse_title;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn lexicon() -> &'static CompiledLexicon {
    static LEXICON: OnceLock<CompiledLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| CompiledLexicon::new(&Lexicon::embedded().unwrap()))
}

fuzz_target!(|title: &str| {
    let claimed = parse_title(title, lexicon());
    for m in &claimed.matched {
        assert_eq!(title[m.span.clone()], m.text);
    }
    assert_eq!(claimed.level.is_some(), claimed.track.is_some());
});
