//! Arbitrary bytes as a plain-text or Markdown document: one item, a posting or an error naming
//! the input. The title (front matter `title:`, else the first non-empty line less a Markdown
//! `#`) is one trimmed line quoted from the text, and the body follows it; with a title given
//! apart, the title is that one and the body is the document less any front matter.
#![no_main]

use jdlint::input::{read_bytes, Format, Options};
use jdlint::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = Source::file("fuzz.md");
    for given in [None, Some("Senior Product Manager")] {
        let options = Options {
            title: given.map(str::to_string),
            ..Options::default()
        };
        let items = read_bytes(source.clone(), data, Format::Document, &options);
        assert_eq!(items.len(), 1, "a document is one posting or one error");
        let posting = match &items[0] {
            Ok(posting) => posting,
            Err(e) => {
                assert_eq!(e.source, source);
                assert!(!e.message.is_empty());
                continue;
            }
        };
        let text = &posting.text;
        assert!(text.get(posting.body.clone()).is_some(), "{:?}", posting.body);
        match given {
            Some(title) => {
                assert_eq!(posting.title, title);
                assert_eq!(posting.title_span, None);
            }
            None => {
                let span = posting.title_span.clone().expect("the title is read from the text");
                assert_eq!(text[span.clone()], posting.title);
                assert!(span.end <= posting.body.start, "{span:?} {:?}", posting.body);
                assert_eq!(posting.title.trim(), posting.title);
                assert!(!posting.title.is_empty() && !posting.title.contains('\n'));
            }
        }
    }
});
