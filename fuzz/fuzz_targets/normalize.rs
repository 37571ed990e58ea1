//! Normalized text and its map back: every normalized word comes from original text that
//! normalizes to the same word, and `original_range` never panics and lands on char boundaries.
#![no_main]

use jdlint::normalize::{normalize_term, NormalizedText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|original: &str| {
    let normalized = NormalizedText::new(original);
    let text = normalized.as_str();

    let mut at = 0;
    for word in text.split(' ') {
        let range = at..at + word.len();
        at = range.end + 1;
        if word.is_empty() {
            continue;
        }
        let back = normalized.original_range(range);
        assert_eq!(normalize_term(&original[back.clone()]), word, "{back:?}");
    }

    // Every short range of normalized characters (matches are such ranges) maps to a range of
    // original characters.
    let len = text.len();
    for start in (0..=len).filter(|&i| text.is_char_boundary(i)) {
        for end in (start..=len.min(start + 8)).filter(|&i| text.is_char_boundary(i)) {
            let back = normalized.original_range(start..end);
            assert!(back.start <= back.end && back.end <= original.len());
            assert!(original.is_char_boundary(back.start) && original.is_char_boundary(back.end));
        }
    }
});
