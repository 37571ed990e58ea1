//! JSON Lines and JSON files, read lazily a record at a time so that memory stays flat however
//! large the file: a JSONL file is one object per line; a JSON file is an array of objects (or
//! one object). A record over the record limit ([`Limits::record`]) is reported as too large
//! without being held in memory, and reading goes on with the next one.

use super::decode::record_text;
use super::records::{json_record, Fields};
use super::{InputError, Item, Limits};
use crate::posting::Source;
use std::io::{self, BufRead};

fn too_large(len: usize, limits: Limits) -> String {
    format!(
        "record is {len} bytes, over the {} byte limit",
        limits.record
    )
}

/// serde_json's message without its "at line L column C", which callers say in their own terms.
fn json_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rsplit_once(" at line ") {
        Some((m, _)) => m.to_string(),
        None => message,
    }
}

/// A JSONL file: one item per non-blank line, in order.
pub(crate) struct Jsonl {
    reader: Box<dyn BufRead>,
    path: String,
    fields: Fields,
    limits: Limits,
    /// The number of the last line read.
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl Jsonl {
    pub(crate) fn new(
        reader: Box<dyn BufRead>,
        path: String,
        fields: Fields,
        limits: Limits,
    ) -> Jsonl {
        Jsonl {
            reader,
            path,
            fields,
            limits,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn source(&self) -> Source {
        Source {
            path: Some(self.path.clone()),
            line: Some(self.line),
            id: None,
        }
    }
}

impl Iterator for Jsonl {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            let limit = self.limits.record;
            let read = read_line_bounded(self.reader.as_mut(), &mut self.buf, limit);
            self.line += 1;
            let len = match read {
                Ok(Some(len)) => len,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError {
                        source: self.source(),
                        message: format!("cannot read: {e}"),
                    }));
                }
            };
            let source = self.source();
            if len > limit {
                return Some(Err(InputError {
                    source,
                    message: too_large(len, self.limits),
                }));
            }
            let line = self.buf.strip_suffix(b"\r").unwrap_or(&self.buf);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(jsonl_record(source, line, &self.fields, self.limits));
        }
        None
    }
}

/// One line of a JSONL file (without its line end) as a posting: a JSON object read by
/// [`json_record`], or an error saying where the line is not JSON.
pub(crate) fn jsonl_record(source: Source, line: &[u8], fields: &Fields, limits: Limits) -> Item {
    if line.len() > limits.record {
        return Err(InputError {
            source,
            message: too_large(line.len(), limits),
        });
    }
    let value = record_text(line).and_then(|text| {
        serde_json::from_str(text).map_err(|e| {
            format!(
                "not valid JSON at column {}: {}",
                e.column(),
                json_message(&e)
            )
        })
    });
    match value {
        Ok(value) => json_record(source, value, fields, limits),
        Err(message) => Err(InputError { source, message }),
    }
}

/// Reads one line into `buf` without its `\n`, keeping no more than `limit` bytes of it, and
/// returns the line's whole length; `None` at the end of the input.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<usize>> {
    let mut len = 0;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(len));
        }
        any = true;
        let (part, used, end) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        if len + part.len() <= limit {
            buf.extend_from_slice(part);
        }
        len += part.len();
        reader.consume(used);
        if end {
            return Ok(Some(len));
        }
    }
}

/// A JSON file: the elements of a top-level array, or a top-level object, one item each. The
/// array is scanned for element boundaries and each element parsed alone, so a broken element
/// is reported at its line and the next ones are still read.
pub(crate) struct JsonArray {
    bytes: Bytes,
    path: String,
    fields: Fields,
    limits: Limits,
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the opening `[` or `{`.
    Start,
    /// Inside the array: after `[` (`first`) or after an element.
    Array {
        first: bool,
    },
    /// One object, not in an array.
    Object,
    /// After the array or the object: only white space may follow.
    End,
    Done,
}

impl JsonArray {
    pub(crate) fn new(
        reader: Box<dyn BufRead>,
        path: String,
        fields: Fields,
        limits: Limits,
    ) -> JsonArray {
        JsonArray {
            bytes: Bytes {
                reader,
                line: 1,
                column: 1,
            },
            path,
            fields,
            limits,
            state: State::Start,
        }
    }

    fn error_here(&mut self, message: String) -> Option<Item> {
        Some(Err(InputError {
            source: Source {
                path: Some(self.path.clone()),
                line: Some(self.bytes.line),
                id: None,
            },
            message,
        }))
    }

    fn fail(&mut self, message: String) -> Option<Item> {
        self.state = State::Done;
        self.error_here(message)
    }

    /// Reads the element that starts here and parses it.
    fn element(&mut self) -> Option<Item> {
        let (line, column) = (self.bytes.line, self.bytes.column);
        let mut buf = Vec::new();
        let len = match self.bytes.element(&mut buf, self.limits.record) {
            Ok(len) => len,
            Err(e) => return self.fail(format!("cannot read: {e}")),
        };
        let source = Source {
            path: Some(self.path.clone()),
            line: Some(line),
            id: None,
        };
        if len > self.limits.record {
            return Some(Err(InputError {
                source,
                message: too_large(len, self.limits),
            }));
        }
        let value = record_text(&buf).and_then(|text| {
            serde_json::from_str(text).map_err(|e| {
                // serde counts from the element's start; say the file's place.
                let (at_line, at_column) = match e.line() {
                    1 => (line, column + e.column().saturating_sub(1)),
                    l => (line + l - 1, e.column()),
                };
                format!(
                    "not valid JSON at line {at_line}, column {at_column}: {}",
                    json_message(&e)
                )
            })
        });
        match value {
            Ok(value) => Some(json_record(source, value, &self.fields, self.limits)),
            Err(message) => {
                // A broken element that runs to the end of the file is the file's one error:
                // that the array is not closed too says the same thing again.
                if matches!(self.bytes.skip_white_space(), Ok(None)) {
                    self.state = State::Done;
                }
                Some(Err(InputError { source, message }))
            }
        }
    }
}

impl Iterator for JsonArray {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            let peeked = match self.bytes.skip_white_space() {
                Ok(b) => b,
                Err(e) => return self.fail(format!("cannot read: {e}")),
            };
            match (self.state, peeked) {
                (State::Done, _) | (State::End, None) => {
                    self.state = State::Done;
                    return None;
                }
                (State::End, Some(_)) => {
                    return self.fail("text after the end of the JSON value".into());
                }
                (State::Start, Some(b'[')) => {
                    self.bytes.bump();
                    self.state = State::Array { first: true };
                }
                (State::Start, Some(b'{')) => self.state = State::Object,
                (State::Start, None) => {
                    self.state = State::Done;
                    return None;
                }
                (State::Start, Some(_)) => {
                    return self.fail("not a JSON array of objects, nor one object".into());
                }
                (State::Object, _) => {
                    self.state = State::End;
                    return self.element();
                }
                (State::Array { .. }, None) => {
                    return self.fail("the array is not closed: the file ends inside it".into());
                }
                (State::Array { .. }, Some(b']')) => {
                    self.bytes.bump();
                    self.state = State::End;
                }
                (State::Array { first: false }, Some(b',')) => {
                    self.bytes.bump();
                    // After the comma: an element (or, leniently, the closing bracket).
                    match self.bytes.skip_white_space() {
                        Ok(Some(b']')) | Ok(None) => {}
                        Ok(Some(_)) => return self.element(),
                        Err(e) => return self.fail(format!("cannot read: {e}")),
                    }
                }
                (State::Array { first: true }, Some(_)) => {
                    self.state = State::Array { first: false };
                    return self.element();
                }
                (State::Array { first: false }, Some(_)) => {
                    // A missing comma: say so, then read on as if it were there.
                    let column = self.bytes.column;
                    self.state = State::Array { first: true };
                    return self.error_here(format!(
                        "expected `,` or `]` between the array's elements at column {column}"
                    ));
                }
            }
        }
    }
}

/// A byte cursor over a reader that knows its line and column (in characters).
struct Bytes {
    reader: Box<dyn BufRead>,
    line: usize,
    column: usize,
}

impl Bytes {
    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.reader.fill_buf() {
                Ok(bytes) => return Ok(bytes.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Moves past the byte `peek` returned.
    fn bump(&mut self) {
        let Ok(Some(b)) = self.peek() else { return };
        self.reader.consume(1);
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    /// The next byte that is not JSON white space, not consumed.
    fn skip_white_space(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.peek()? {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.bump(),
                other => return Ok(other),
            }
        }
    }

    /// Reads one array element (an object, an array or a scalar) into `buf`, keeping no more than
    /// `limit` bytes of it, and returns its whole length. It ends after its closing
    /// bracket, or for a scalar before the `,` or `]` that follows it.
    fn element(&mut self, buf: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut len = 0;
        while let Some(b) = self.peek()? {
            // A scalar ends at what follows it; a container ends at its closing bracket.
            if !in_string
                && depth == 0
                && len > 0
                && matches!(b, b',' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                break;
            }
            self.bump();
            if len < limit {
                buf.push(b);
            }
            len += 1;
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(items: impl Iterator<Item = Item>) -> Vec<String> {
        items
            .map(|i| match i {
                Ok(p) => format!("{}: ok {}", p.source, p.title),
                Err(e) => e.to_string(),
            })
            .collect()
    }

    fn jsonl(text: &'static str) -> Vec<String> {
        messages(Jsonl::new(
            Box::new(text.as_bytes()),
            "x.jsonl".into(),
            Fields::default(),
            Limits::default(),
        ))
    }

    fn array(text: &'static str) -> Vec<String> {
        messages(JsonArray::new(
            Box::new(text.as_bytes()),
            "x.json".into(),
            Fields::default(),
            Limits::default(),
        ))
    }

    #[test]
    fn jsonl_yields_one_item_per_record_in_order() {
        let m = jsonl(concat!(
            "{\"id\": \"a\", \"title\": \"PM\", \"text\": \"body\"}\n",
            "\n",
            "{\"id\": 7, \"title\": \"Senior PM\", \"description\": \"body\"\n",
            "[1, 2]\r\n",
            "{\"title\": \"VP\", \"summary\": \"x\"}\n",
            "{\"title\": \"Director\", \"body\": \"b\"}",
        ));
        assert_eq!(
            m,
            [
                "x.jsonl:1 (id a): ok PM",
                "x.jsonl:3: not valid JSON at column 53: EOF while parsing an object",
                "x.jsonl:4: not a JSON object",
                "x.jsonl:5: no `text` field (nor `description` or `body`) holding a string",
                "x.jsonl:6: ok Director",
            ]
        );
    }

    #[test]
    fn an_over_long_line_is_skipped_without_being_kept() {
        let mut reader: &[u8] = b"abcdef\nxy\n";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 3).unwrap(),
            Some(6)
        );
        assert!(buf.is_empty(), "nothing past the limit is kept");
        buf.clear();
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 3).unwrap(),
            Some(2)
        );
        assert_eq!(buf, b"xy");
        assert_eq!(read_line_bounded(&mut reader, &mut buf, 3).unwrap(), None);
    }

    #[test]
    fn json_arrays_yield_their_elements_with_their_lines() {
        let m = array(concat!(
            "[\n",
            "  {\"title\": \"PM\", \"text\": \"a, [b] \\\"c\\\" {d}\"},\n",
            "  {\"title\": \"Senior PM\",\n   \"text\": 3},\n",
            "  {\"title\": \"VP\", \"text\": \"x\" \"y\"},\n",
            "  42\n",
            "  {\"title\": \"CPO\", \"text\": \"z\"}\n",
            "]\n",
        ));
        assert_eq!(
            m,
            [
                "x.json:2: ok PM",
                "x.json:3: `text` is a number, not a string",
                "x.json:5: not valid JSON at line 5, column 31: expected `,` or `}`",
                "x.json:6: not a JSON object",
                "x.json:7: expected `,` or `]` between the array's elements at column 3",
                "x.json:7: ok CPO",
            ]
        );
    }

    #[test]
    fn a_json_object_is_one_record_and_broken_files_say_where() {
        assert_eq!(
            array("{\"title\": \"PM\", \"text\": \"t\"}\n"),
            ["x.json:1: ok PM"]
        );
        assert_eq!(array("[]"), Vec::<String>::new());
        assert_eq!(
            array("[{\"title\": \"PM\", \"text\": \"t\"},\n"),
            [
                "x.json:1: ok PM",
                "x.json:2: the array is not closed: the file ends inside it"
            ]
        );
        assert_eq!(
            array("\"just a string\""),
            ["x.json:1: not a JSON array of objects, nor one object"]
        );
        assert_eq!(
            array("[{\"title\": \"PM\", \"text\": \"t\"}] x"),
            [
                "x.json:1: ok PM",
                "x.json:1: text after the end of the JSON value"
            ]
        );
    }
}
