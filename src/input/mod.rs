//! Reading inputs into postings: a plain-text or Markdown document is one posting, a `.jsonl` file
//! one posting per line. Every input yields postings or errors that name the input and the place,
//! so the count of results always equals the count of inputs and nothing is lost silently.

use crate::posting::{Posting, Source};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Documents larger than this are reported as too large rather than slowing a batch down.
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

fn check_size(bytes: usize) -> Result<(), String> {
    if bytes > MAX_DOCUMENT_BYTES {
        Err(format!(
            "posting is {bytes} bytes, over the {MAX_DOCUMENT_BYTES} byte limit"
        ))
    } else {
        Ok(())
    }
}

/// An input (or one record of it) that could not be read as a posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub source: Source,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

/// One posting read from an input, or the reason it could not be.
pub type Item = Result<Posting, InputError>;

/// How an input's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One posting: plain text or Markdown.
    Document,
    /// One posting per line: JSON objects with `title` and `text` (or `description`/`body`).
    Jsonl,
}

impl Format {
    /// The format a path's extension implies.
    pub fn for_path(path: &str) -> Format {
        if path.ends_with(".jsonl") || path.ends_with(".ndjson") {
            Format::Jsonl
        } else {
            Format::Document
        }
    }
}

/// Reads the file at `path` (or standard input for `-`).
pub fn read_input(path: &str, format: Format, title: Option<&str>) -> Vec<Item> {
    let err = |message: String| {
        vec![Err(InputError {
            source: Source::file(path),
            message,
        })]
    };
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        match std::io::stdin().lock().read_to_end(&mut buf) {
            Ok(_) => buf,
            Err(e) => return err(format!("cannot read standard input: {e}")),
        }
    } else {
        let p = Path::new(path);
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                return err("is a directory, not a posting file".into());
            }
            // Refused before reading: a huge file is not loaded only to be rejected.
            Ok(m) if format == Format::Document => {
                if let Err(message) = check_size(usize::try_from(m.len()).unwrap_or(usize::MAX)) {
                    return err(message);
                }
            }
            Ok(_) => {}
            Err(e) => return err(format!("cannot read: {}", io_message(&e))),
        }
        match std::fs::read(p) {
            Ok(b) => b,
            Err(e) => return err(format!("cannot read: {}", io_message(&e))),
        }
    };
    read_bytes(Source::file(path), &bytes, format, title)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads an input already in memory.
pub fn read_bytes(source: Source, bytes: &[u8], format: Format, title: Option<&str>) -> Vec<Item> {
    let err = |message: String| {
        vec![Err(InputError {
            source: source.clone(),
            message,
        })]
    };
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(message) => return err(message),
    };
    match format {
        Format::Jsonl => read_jsonl(&source, &text),
        Format::Document => {
            if let Err(message) = check_size(text.len()) {
                return err(message);
            }
            match Posting::from_document(source.clone(), text, title) {
                Some(p) => vec![Ok(p)],
                None => err("empty posting: no title and no text".into()),
            }
        }
    }
}

/// Decodes bytes as UTF-8 (a UTF-8 byte-order mark is dropped, UTF-16 with a byte-order mark is
/// converted), refusing binary data and naming the place of the first invalid byte.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(utf16) = decode_utf16_bom(bytes) {
        return utf16;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().take(64 * 1024).position(|&b| b == 0) {
        return Err(format!(
            "binary file (NUL byte at offset {at}), not a text posting"
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(format!(
                "invalid UTF-8 at line {line}, column {column} (byte offset {})",
                e.valid_up_to()
            ))
        }
    }
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

/// The field names a JSONL record's body may be under, in order of preference.
const TEXT_FIELDS: [&str; 3] = ["text", "description", "body"];

fn read_jsonl(source: &Source, text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = i + 1;
        let mut record_source = Source {
            path: source.path.clone(),
            line: Some(line_no),
            id: None,
        };
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                items.push(Err(InputError {
                    source: record_source,
                    message: format!("not valid JSON (column {}): {e}", e.column()),
                }));
                continue;
            }
        };
        let serde_json::Value::Object(record) = value else {
            items.push(Err(InputError {
                source: record_source,
                message: "not a JSON object".into(),
            }));
            continue;
        };
        record_source.id = match record.get("id") {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let title = record.get("title").and_then(|v| v.as_str()).map(str::trim);
        let body = TEXT_FIELDS
            .iter()
            .find_map(|f| record.get(*f).and_then(|v| v.as_str()));
        let item = match (title, body) {
            (None, _) | (Some(""), _) => Err("no `title` field (a non-empty string)".to_string()),
            (_, None) => {
                Err("no `text` field (nor `description` or `body`) holding a string".into())
            }
            (Some(t), Some(b)) => check_size(b.len()).map(|()| {
                let mut posting = Posting::new(record_source.clone(), t, b);
                posting.fields = scalar_fields(&record);
                posting
            }),
        };
        items.push(item.map_err(|message| InputError {
            source: record_source,
            message,
        }));
    }
    items
}

/// A record's string, number and boolean fields as text; nested values are left out.
fn scalar_fields(record: &serde_json::Map<String, serde_json::Value>) -> BTreeMap<String, String> {
    record
        .iter()
        .filter_map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k.clone(), text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Ok(p) => format!("ok {}", p.title),
                Err(e) => e.to_string(),
            })
            .collect()
    }

    #[test]
    fn jsonl_yields_one_item_per_record_in_order() {
        let text = concat!(
            "{\"id\": \"a\", \"title\": \"PM\", \"text\": \"body\"}\n",
            "\n",
            "{\"id\": 7, \"title\": \"Senior PM\", \"description\": \"body\"\n",
            "[1, 2]\n",
            "{\"title\": \"VP\", \"summary\": \"x\"}\n",
            "{\"title\": \"Director\", \"body\": \"b\"}\n",
        );
        let items = read_bytes(
            Source::file("x.jsonl"),
            text.as_bytes(),
            Format::Jsonl,
            None,
        );
        let m = messages(&items);
        assert_eq!(m.len(), 5);
        assert_eq!(m[0], "ok PM");
        assert!(m[1].starts_with("x.jsonl:3: not valid JSON"), "{}", m[1]);
        assert_eq!(m[2], "x.jsonl:4: not a JSON object");
        assert!(m[3].starts_with("x.jsonl:5: no `text` field"), "{}", m[3]);
        assert_eq!(m[4], "ok Director");
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.source.id.as_deref(), Some("a"));
        assert_eq!(first.source.line, Some(1));
        assert_eq!(first.fields.get("id").map(String::as_str), Some("a"));
        assert_eq!(first.fields.get("title").map(String::as_str), Some("PM"));
    }

    #[test]
    fn refuses_binary_and_names_the_place_of_invalid_utf8() {
        assert!(decode(b"PK\x03\x04\x00\x00")
            .unwrap_err()
            .contains("binary file"));
        let e = decode(b"Title\nbody \xff more").unwrap_err();
        assert_eq!(e, "invalid UTF-8 at line 2, column 6 (byte offset 11)");
    }

    #[test]
    fn decodes_boms() {
        assert_eq!(decode(b"\xEF\xBB\xBFPM").unwrap(), "PM");
        assert_eq!(decode(b"\xFF\xFEP\x00M\x00").unwrap(), "PM");
        assert_eq!(decode(b"\xFE\xFF\x00P\x00M").unwrap(), "PM");
    }

    #[test]
    fn empty_documents_are_errors() {
        let items = read_bytes(Source::file("e.txt"), b"  \n", Format::Document, None);
        assert_eq!(
            messages(&items),
            vec!["e.txt: empty posting: no title and no text"]
        );
    }
}
