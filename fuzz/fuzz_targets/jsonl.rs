//! Arbitrary bytes as a JSONL file: nothing is lost (one item per non-blank line, or one error
//! for the file), every item names the file and a line that exists, in order.
#![no_main]

use jdlint::input::{read_bytes, Format, Item, Options};
use jdlint::Source;
use libfuzzer_sys::fuzz_target;

fn line_of(item: &Item) -> Option<usize> {
    match item {
        Ok(p) => p.source.line,
        Err(e) => e.source.line,
    }
}

fuzz_target!(|data: &[u8]| {
    let items = read_bytes(Source::file("fuzz.jsonl"), data, Format::Jsonl, &Options::default());
    assert!(!items.is_empty(), "every input yields something");
    for item in &items {
        let path = match item {
            Ok(p) => {
                assert!(!p.title.trim().is_empty());
                &p.source.path
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                &e.source.path
            }
        };
        assert_eq!(path.as_deref(), Some("fuzz.jsonl"));
    }

    // UTF-16 is converted and binary refused as a whole (a NUL in the first line, or in the
    // head when the first line is not UTF-8); otherwise each line is a record.
    let utf16 = data.starts_with(b"\xFF\xFE") || data.starts_with(b"\xFE\xFF");
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let first_line = data.split(|&b| b == b'\n').next().unwrap_or_default();
    let has_nul = |bytes: &[u8]| bytes.iter().take(64 * 1024).any(|&b| b == 0);
    let binary = has_nul(first_line)
        || (std::str::from_utf8(first_line).is_err() && has_nul(data));
    if utf16 {
        return;
    }
    if binary {
        assert!(items.len() == 1 && items[0].is_err(), "one error for the file");
        return;
    }
    let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    let records: Vec<usize> = (1..=lines.len())
        .filter(|&n| !lines[n - 1].iter().all(u8::is_ascii_whitespace))
        .collect();
    if records.is_empty() {
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err(), "no records is an error");
        return;
    }
    let got: Vec<Option<usize>> = items.iter().map(line_of).collect();
    let want: Vec<Option<usize>> = records.into_iter().map(Some).collect();
    assert_eq!(got, want, "one item per non-blank line, at its line");
});
