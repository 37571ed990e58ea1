//! Arbitrary bytes as a JSON file (an array of objects, or one object): at least one item, each
//! naming the file and a line that exists, in order.
#![no_main]

use jdlint::input::{read_bytes, Format, Options};
use jdlint::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let items = read_bytes(Source::file("fuzz.json"), data, Format::Json, &Options::default());
    assert!(!items.is_empty(), "every input yields something");
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut last = 0;
    for item in &items {
        let source = match item {
            Ok(p) => {
                assert!(!p.title.trim().is_empty());
                &p.source
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                &e.source
            }
        };
        assert_eq!(source.path.as_deref(), Some("fuzz.json"));
        if let Some(line) = source.line {
            assert!((1..=lines).contains(&line), "line {line} of {lines}");
            assert!(line >= last, "items in file order");
            last = line;
        }
    }
});
