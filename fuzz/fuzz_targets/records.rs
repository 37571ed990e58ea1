//! What the fuzz targets of the CSV and JSON readers check alike: arbitrary bytes read as a file
//! of records yield at least one item, each naming the file and a line that exists, in file
//! order. (A module of those targets, not a target itself.)

use jdlint::input::{read_bytes, Format, Options};
use jdlint::Source;

pub fn check_records(data: &[u8], format: Format, path: &str) {
    let items = read_bytes(Source::file(path), data, format, &Options::default());
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
        assert_eq!(source.path.as_deref(), Some(path));
        if let Some(line) = source.line {
            assert!((1..=lines).contains(&line), "line {line} of {lines}");
            assert!(line >= last, "items in file order");
            last = line;
        }
    }
}
