//! Text from input made safe to print where people and CI runners read it.
//!
//! jdlint prints titles, ids, paths and quoted phrases that strangers wrote: a posting from an
//! ATS export, a file name in a pull request. Printed as they are, a line break in them starts a
//! line of its own (which a GitHub runner reads as a workflow command when it opens with `::`)
//! and an escape sequence reaches the terminal (a window title, a cleared screen, a hidden link).
//! Every human-readable sink passes such text through [`visible`].

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character, line break and bidirectional control written out as
/// Rust writes it in a string literal (`\n`, `\r`, `\t`, `\u{1b}`, `\u{202e}`), and a leading
/// `::` (after white space, which a runner skips) written `\u{3a}:`, so that it can open no
/// workflow command. Text with none of these is returned as it is, and `visible` of its own
/// output changes nothing.
pub fn visible(text: &str) -> Cow<'_, str> {
    let opens_command = text.trim_start().starts_with("::");
    if !opens_command && !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let leading = text.len() - text.trim_start().len();
    for (at, c) in text.char_indices() {
        match c {
            ':' if opens_command && at == leading => out.push_str("\\u{3a}"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden_control(c) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether [`visible`] writes `c` out: control characters (C0, DEL, C1), the Unicode line and
/// paragraph separators, and the bidirectional controls that reorder what a reader sees
/// (CVE-2021-42574).
pub fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'
                ..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_as_it_is() {
        assert!(matches!(
            visible("Senior PM: Growth, a::b"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn line_breaks_and_controls_are_written_out() {
        assert_eq!(
            visible("a\n::error file=x::y\r\t\u{1b}]0;t\u{7}\u{9b}\u{202e}\u{2028}"),
            "a\\n::error file=x::y\\r\\t\\u{1b}]0;t\\u{7}\\u{9b}\\u{202e}\\u{2028}"
        );
    }

    #[test]
    fn a_leading_command_marker_is_broken() {
        assert_eq!(visible("::add-mask::x"), "\\u{3a}:add-mask::x");
        assert_eq!(visible("  ::warning::x"), "  \\u{3a}:warning::x");
        assert_eq!(visible(":x"), ":x");
    }

    #[test]
    fn escaping_twice_changes_nothing() {
        for s in ["::a\n", "\u{1b}[31m", "  ::\t::"] {
            let once = visible(s).into_owned();
            assert_eq!(visible(&once), once);
        }
    }
}
