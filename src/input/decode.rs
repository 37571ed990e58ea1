//! Bytes to text: UTF-8 (a byte-order mark is dropped) or UTF-16 with a byte-order mark; binary
//! data is refused and invalid UTF-8 named by its place.

use std::io::{self, BufRead, BufReader, Cursor, Read};

/// How much of an input's start is looked at for a byte-order mark and for NUL bytes.
const SNIFF_BYTES: usize = 64 * 1024;

/// UTF-16 record files are decoded whole, and so refused above this size.
pub const MAX_UTF16_BYTES: usize = 64 << 20;

/// Decodes bytes as UTF-8 (a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order mark is
/// converted), refusing binary data and naming the place of the first invalid byte.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(utf16) = decode_utf16_bom(bytes) {
        return utf16;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(message) = binary(bytes) {
        return Err(message);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (line, column) = place(&bytes[..e.valid_up_to()]);
            Err(format!(
                "invalid UTF-8 at line {line}, column {column} (byte offset {})",
                e.valid_up_to()
            ))
        }
    }
}

/// Old Mac line ends (a lone `\r`) become `\n`, so that a line is a line whichever convention
/// wrote it; `\r\n` is left as it is. One byte for one, so offsets and columns stay the
/// input's.
pub(crate) fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("an ASCII byte for an ASCII byte keeps UTF-8 valid")
}

/// A record's bytes as text, or where in the record the first invalid byte is.
pub(crate) fn record_text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = place(&bytes[..e.valid_up_to()]);
        if line == 1 {
            format!("invalid UTF-8 at column {column}")
        } else {
            format!("invalid UTF-8 at line {line} of the record, column {column}")
        }
    })
}

/// The 1-based line and column (in characters) just after `valid`.
fn place(valid: &[u8]) -> (usize, usize) {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn binary(head: &[u8]) -> Option<String> {
    let at = head.iter().take(SNIFF_BYTES).position(|&b| b == 0)?;
    Some(format!(
        "binary file (NUL byte at offset {at}), not a text posting"
    ))
}

fn decode_utf16_bom(bytes: &[u8]) -> Option<Result<String, String>> {
    let little = bytes.starts_with(b"\xFF\xFE");
    if !little && !bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let body = &bytes[2..];
    if body.len() % 2 != 0 {
        return Some(Err("invalid UTF-16: odd number of bytes".into()));
    }
    let units = body.chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|e| format!("invalid UTF-16: {e}")),
    )
}

/// A record file (JSONL, JSON, CSV) as a stream of UTF-8 bytes, read lazily. Its start is looked
/// at first: binary data is refused outright, a UTF-8 byte-order mark dropped, and UTF-16 read
/// whole and converted (up to [`MAX_UTF16_BYTES`]). The UTF-8 itself is checked record by record
/// by the reader of the format, so that one bad record does not cost the others.
pub(crate) fn utf8_stream(mut reader: Box<dyn Read>) -> Result<Box<dyn BufRead>, String> {
    let cannot_read = |e: io::Error| format!("cannot read: {e}");
    let mut head = Vec::new();
    reader
        .by_ref()
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(cannot_read)?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        reader
            .take((MAX_UTF16_BYTES + 1 - head.len()) as u64)
            .read_to_end(&mut head)
            .map_err(cannot_read)?;
        if head.len() > MAX_UTF16_BYTES {
            return Err(format!(
                "UTF-16 file over the {MAX_UTF16_BYTES} byte limit for UTF-16; convert it to UTF-8"
            ));
        }
        let text = decode(&head)?;
        return Ok(Box::new(Cursor::new(text.into_bytes())));
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        head.drain(..3);
    }
    // The first line decides: a binary file shows itself at once, while a NUL further on is
    // one bad record, which its reader reports in place without costing the others. A first
    // line that is not even UTF-8 (an image's magic number: `\x89PNG\r\n\x1a\n\0...`) makes
    // any NUL in the head a sign of binary data too.
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    // (A character cut off by the end of the head, not by the line's end, is no such sign.)
    let cut_by_head = first_line.len() == head.len();
    let text_start = std::str::from_utf8(first_line)
        .map_or_else(|e| cut_by_head && e.error_len().is_none(), |_| true);
    if let Some(message) = binary(if text_start { first_line } else { &head }) {
        return Err(message);
    }
    Ok(Box::new(BufReader::with_capacity(
        SNIFF_BYTES,
        Cursor::new(head).chain(reader),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_and_names_the_place_of_invalid_utf8() {
        assert!(decode(b"PK\x03\x04\x00\x00")
            .unwrap_err()
            .contains("binary file"));
        let e = decode(b"Title\nbody \xff more").unwrap_err();
        assert_eq!(e, "invalid UTF-8 at line 2, column 6 (byte offset 11)");
        assert_eq!(
            record_text(b"ab\xffc").unwrap_err(),
            "invalid UTF-8 at column 3"
        );
    }

    #[test]
    fn decodes_boms() {
        assert_eq!(decode(b"\xEF\xBB\xBFPM").unwrap(), "PM");
        assert_eq!(decode(b"\xFF\xFEP\x00M\x00").unwrap(), "PM");
        assert_eq!(decode(b"\xFE\xFF\x00P\x00M").unwrap(), "PM");
    }

    fn stream(bytes: &'static [u8]) -> Result<String, String> {
        let mut out = String::new();
        utf8_stream(Box::new(bytes))?
            .read_to_string(&mut out)
            .map_err(|e| e.to_string())?;
        Ok(out)
    }

    #[test]
    fn record_streams_drop_boms_convert_utf16_and_refuse_binary() {
        assert_eq!(stream(b"\xEF\xBB\xBF{}\n").unwrap(), "{}\n");
        assert_eq!(stream(b"\xFF\xFE{\x00}\x00").unwrap(), "{}");
        assert!(stream(b"\x89PNG\x00\x00\x00\rIHDR\n")
            .unwrap_err()
            .contains("binary file"));
        // Only the first line decides: a NUL in a later record is that record's problem,
        // reported in place by the format's reader without costing the others.
        assert_eq!(stream(b"{}\n\x00\x00").unwrap(), "{}\n\0\0");
        // A PNG's first line has no NUL, but is no text either.
        assert!(stream(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
            .unwrap_err()
            .contains("binary file (NUL byte at offset 8)"));
        // A first line that ends inside a character is not UTF-8 either (found by the jsonl
        // fuzz target).
        assert!(stream(b"\xC2\n{}\n\x00")
            .unwrap_err()
            .contains("binary file (NUL byte at offset 5)"));
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        assert_eq!(lone_cr_to_lf("a\rb\r\nc\r".into()), "a\nb\r\nc\n");
        assert_eq!(lone_cr_to_lf("caf\u{e9}\r\r".into()), "caf\u{e9}\n\n");
    }
}
