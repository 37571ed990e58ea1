//! Arbitrary bytes as an HTML page, read as `jdlint <file>.html` reads one: one item, a posting
//! or an error naming the input; the title quotes the converted text; and every place in the
//! text maps back to a line and column inside the file.
#![no_main]

use jdlint::input::{read_bytes, Format, Options};
use jdlint::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let items = read_bytes(Source::file("fuzz.html"), data, Format::Html, &Options::default());
    assert_eq!(items.len(), 1, "a page is one posting or one error");
    let posting = match &items[0] {
        Ok(posting) => posting,
        Err(e) => {
            assert_eq!(e.source, Source::file("fuzz.html"));
            assert!(!e.message.is_empty());
            return;
        }
    };
    let text = &posting.text;
    let span = posting.title_span.clone().expect("a page's title is read from it");
    assert_eq!(text[span].trim(), posting.title);
    assert!(!posting.title.is_empty());
    assert!(text.get(posting.body.clone()).is_some(), "{:?}", posting.body);

    // The file's lines (LF, CRLF or a lone CR end one): a place past them would point nowhere.
    let lone_crs = data
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(data.last() == Some(&b'\r'));
    let lines = data.iter().filter(|&&b| b == b'\n').count() + lone_crs + 1;
    let columns = data.len() + 1;
    assert!(posting.source_map.is_some(), "HTML has a source map");
    let places = jdlint::posting::Locator::new(posting);
    for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        // The place of the character at `offset`, and the place just past the text before it.
        for (line, column) in [places.start(offset), places.end(&(0..offset))] {
            assert!((1..=lines).contains(&line), "offset {offset}: line {line} of {lines}");
            assert!((1..=columns).contains(&column), "offset {offset}: column {column}");
        }
    }
});
