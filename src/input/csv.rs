//! CSV files with a header row, read lazily a record at a time: quoted cells may hold commas,
//! quotes and line breaks. A record's place is the line it starts on, and its number counts the
//! records after the header from 1.
//!
//! The parser is `csv-core` (the `csv` crate's own) driven here directly, for two things the
//! `csv` crate's reader does not give: a record's exact first line when blank lines come before
//! it, and a bound on memory when a record is huge (an unclosed quote makes the rest of the file
//! one record): past the record limit ([`Limits::record`]) its bytes are parsed but no longer
//! kept.

use super::records::{csv_record, did_you_mean, find_name, Fields};
use super::{InputError, Item, Limits};
use crate::posting::Source;
use csv_core::ReadRecordResult;
use std::collections::BTreeMap;
use std::io::{self, BufRead};

/// More cells than this in one record make it too large, as more bytes do.
const MAX_CELLS: usize = 1 << 16;

/// The columns a record's title, text and id are in.
struct Columns {
    names: Vec<String>,
    title: usize,
    text: usize,
    id: Option<usize>,
}

pub(crate) struct Csv {
    input: Box<dyn BufRead>,
    parser: csv_core::Reader,
    path: String,
    fields: Fields,
    limits: Limits,
    columns: Option<Columns>,
    /// Line breaks consumed here rather than by the parser (blank lines before a record).
    skipped_lines: u64,
    /// The current record's cells, one after another, and where each ends.
    cells: Vec<u8>,
    ends: Vec<usize>,
    /// The number of records read after the header.
    number: usize,
    done: bool,
}

/// One record as read: where it starts, how many cells it has, whether it was too large to keep
/// (its length in bytes, then, or its count of cells when there were too many), and what is
/// wrong with its quotes.
struct Record {
    line: usize,
    cells: usize,
    too_large: Option<usize>,
    too_many_cells: Option<usize>,
    bad_quote: Option<String>,
}

/// Checks a record's quoting as RFC 4180 has it. The parser is lenient (a closing quote followed
/// by more text just goes on), which lets one unclosed quote swallow the records after it
/// silently; this says where that happened instead.
struct QuoteCheck {
    state: QuoteState,
    line: usize,
    column: usize,
    /// Where the current quoted cell opened.
    opened: (usize, usize),
    problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    CellStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: it closes the cell or, doubled, stands for itself.
    QuoteInQuoted,
}

impl QuoteCheck {
    fn new(line: usize) -> QuoteCheck {
        QuoteCheck {
            state: QuoteState::CellStart,
            line,
            column: 1,
            opened: (line, 1),
            problem: None,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        use QuoteState::*;
        for &b in bytes {
            self.state = match (self.state, b) {
                (CellStart, b'"') => {
                    self.opened = (self.line, self.column);
                    Quoted
                }
                (Quoted, b'"') => QuoteInQuoted,
                (Quoted, _) => Quoted,
                (QuoteInQuoted, b'"') => Quoted,
                (_, b',' | b'\r' | b'\n') => CellStart,
                (QuoteInQuoted, _) => {
                    if self.problem.is_none() {
                        let (line, column) = self.opened;
                        self.problem = Some(format!(
                            "the quoted cell opened at line {line}, column {column} goes on after its closing quote at line {}, column {} (a stray or unclosed quote?)",
                            self.line,
                            self.column - 1
                        ));
                    }
                    Unquoted
                }
                (CellStart | Unquoted, _) => Unquoted,
            };
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
        }
    }

    fn finish(mut self) -> Option<String> {
        if self.state == QuoteState::Quoted && self.problem.is_none() {
            let (line, column) = self.opened;
            self.problem = Some(format!(
                "the quote at line {line}, column {column} is never closed"
            ));
        }
        self.problem
    }
}

impl Csv {
    pub(crate) fn new(
        input: Box<dyn BufRead>,
        path: String,
        fields: Fields,
        limits: Limits,
    ) -> Csv {
        Csv {
            input,
            parser: csv_core::Reader::new(),
            path,
            fields,
            limits,
            columns: None,
            skipped_lines: 0,
            cells: vec![0; 4096],
            ends: vec![0; 64],
            number: 0,
            done: false,
        }
    }

    /// The line the next byte is on.
    fn line(&self) -> usize {
        (self.parser.line() + self.skipped_lines) as usize
    }

    fn source(&self, line: usize) -> Source {
        Source {
            path: Some(self.path.clone()),
            line: Some(line),
            id: None,
        }
    }

    fn cell(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.cells[start..self.ends[i]]
    }

    /// Reads the next record into `cells` and `ends`; `None` at the end of the file.
    fn read_record(&mut self) -> io::Result<Option<Record>> {
        // Blank lines are skipped here, so that the record's first line is known.
        loop {
            match self.input.fill_buf()?.first() {
                Some(b'\n') => self.skipped_lines += 1,
                Some(b'\r') => {}
                _ => break,
            }
            self.input.consume(1);
        }
        let line = self.line();
        let mut quotes = QuoteCheck::new(line);
        let (mut out, mut ends, mut len, mut cells) = (0, 0, 0, 0);
        let (mut too_large, mut too_many_cells) = (false, false);
        loop {
            let input = self.input.fill_buf()?;
            let (result, read, written, ended) =
                self.parser
                    .read_record(input, &mut self.cells[out..], &mut self.ends[ends..]);
            quotes.feed(&input[..read]);
            self.input.consume(read);
            out += written;
            ends += ended;
            len += written;
            cells += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull if self.cells.len() < self.limits.record => {
                    let grown = (self.cells.len() * 2).min(self.limits.record);
                    self.cells.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull if self.ends.len() < MAX_CELLS => {
                    self.ends.resize(self.ends.len() * 2, 0);
                }
                // Too large: parse on to the record's end, keeping nothing.
                ReadRecordResult::OutputFull => {
                    too_large = true;
                    (out, ends) = (0, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    too_many_cells = true;
                    (out, ends) = (0, 0);
                }
                ReadRecordResult::Record => {
                    return Ok(Some(Record {
                        line,
                        cells: ends,
                        too_large: (too_large || len > self.limits.record).then_some(len),
                        too_many_cells: (too_many_cells || cells > MAX_CELLS).then_some(cells),
                        bad_quote: quotes.finish(),
                    }));
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// The columns the header names; `Err` when it lacks the title or text column.
    fn columns(&self, cells: usize) -> Result<Columns, String> {
        let names: Vec<String> = (0..cells)
            .map(|i| String::from_utf8_lossy(self.cell(i)).trim().to_string())
            .collect();
        let find = |name: &str| find_name(names.iter().map(String::as_str), name);
        let listed = || names.join(", ");
        let title = find(&self.fields.title).ok_or_else(|| {
            format!(
                "no `{}` column in the header row (columns: {}){}",
                self.fields.title,
                listed(),
                did_you_mean(&self.fields.title, names.iter().map(String::as_str))
            )
        })?;
        let text = self
            .fields
            .text
            .iter()
            .find_map(|name| find(name))
            .ok_or_else(|| {
                let hint = self
                    .fields
                    .text
                    .iter()
                    .map(|name| did_you_mean(name, names.iter().map(String::as_str)));
                format!(
                    "no {} in the header row (columns: {}){}",
                    self.fields.describe_text("column"),
                    listed(),
                    hint.into_iter().find(|h| !h.is_empty()).unwrap_or_default()
                )
            })?;
        let id = find(&self.fields.id);
        Ok(Columns {
            names,
            title,
            text,
            id,
        })
    }

    /// The current record as a posting.
    fn posting(&self, columns: &Columns, source: Source) -> Item {
        let mut title = "";
        let mut text = "";
        let mut fields = BTreeMap::new();
        for (i, name) in columns.names.iter().enumerate() {
            let Ok(value) = std::str::from_utf8(self.cell(i)) else {
                return Err(InputError {
                    source,
                    message: format!("invalid UTF-8 in column `{name}`"),
                });
            };
            if i == columns.title {
                title = value;
            }
            if i == columns.text {
                text = value;
            } else if !value.is_empty() {
                fields.insert(name.clone(), value.to_string());
            }
        }
        let id = columns
            .id
            .and_then(|i| fields.get(&columns.names[i]))
            .cloned();
        csv_record(Source { id, ..source }, title, text, fields, self.limits)
    }
}

impl Iterator for Csv {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        let record = match self.read_record() {
            Ok(Some(record)) => record,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err(InputError {
                    source: self.source(self.line()),
                    message: format!("cannot read: {e}"),
                }));
            }
        };
        let source = self.source(record.line);
        let Some(columns) = &self.columns else {
            // The header row.
            let columns = match (record.too_many_cells, record.too_large, record.bad_quote) {
                (Some(cells), _, _) => Err(format!(
                    "the header row has {cells} columns, over the limit of {MAX_CELLS}"
                )),
                (None, Some(len), _) => Err(format!(
                    "the header row is {len} bytes, over the {} byte limit",
                    self.limits.record
                )),
                (None, None, Some(problem)) => Err(format!("the header row: {problem}")),
                (None, None, None) => self.columns(record.cells),
            };
            return match columns {
                Ok(columns) => {
                    self.columns = Some(columns);
                    self.next()
                }
                Err(message) => {
                    self.done = true;
                    Some(Err(InputError { source, message }))
                }
            };
        };
        self.number += 1;
        let n = self.number;
        let message = if let Some(cells) = record.too_many_cells {
            format!("record {n} has {cells} cells, over the limit of {MAX_CELLS}")
        } else if let Some(len) = record.too_large {
            // An unclosed quote makes a record run on; a record that ends where it should is
            // just large.
            let cause = match &record.bad_quote {
                Some(problem) => format!(": {problem}"),
                None => String::new(),
            };
            format!(
                "record {n} is {len} bytes, over the {} byte limit{cause}",
                self.limits.record
            )
        } else if let Some(problem) = record.bad_quote {
            format!("record {n}: {problem}")
        } else if record.cells != columns.names.len() {
            format!(
                "record {n} has {} cells, the header row has {} (a stray or unclosed quote?)",
                record.cells,
                columns.names.len()
            )
        } else {
            return Some(self.posting(columns, source));
        };
        Some(Err(InputError { source, message }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &'static str, fields: Fields) -> Vec<String> {
        Csv::new(
            Box::new(text.as_bytes()),
            "x.csv".into(),
            fields,
            Limits::default(),
        )
        .map(|i| match i {
            Ok(p) => format!(
                "{}: ok {} | {} | {:?}",
                p.source,
                p.title,
                p.body_text(),
                p.fields
            ),
            Err(e) => e.to_string(),
        })
        .collect()
    }

    #[test]
    fn records_start_on_their_line_and_cells_may_span_lines() {
        let got = read(
            concat!(
                "id,Title,Description,team\n",
                "a1,Senior PM,\"Own the roadmap,\n\"\"the\"\" plan\",growth\n",
                "\n",
                "a2,VP,short,\n",
                "a3,,no title,x\n",
            ),
            Fields::default(),
        );
        assert_eq!(
            got,
            [
                "x.csv:2 (id a1): ok Senior PM | Own the roadmap,\n\"the\" plan | {\"Title\": \"Senior PM\", \"id\": \"a1\", \"team\": \"growth\"}",
                "x.csv:5 (id a2): ok VP | short | {\"Title\": \"VP\", \"id\": \"a2\"}",
                "x.csv:6 (id a3): the title cell is empty",
            ]
        );
    }

    #[test]
    fn a_missing_column_is_one_error_for_the_file() {
        let got = read("name,text\nPM,body\nVP,body\n", Fields::default());
        assert_eq!(
            got,
            ["x.csv:1: no `title` column in the header row (columns: name, text)"]
        );
        let fields = Fields {
            text: vec!["summary".into()],
            ..Fields::default()
        };
        let got = read("title,text\nPM,body\n", fields);
        assert_eq!(
            got,
            ["x.csv:1: no `summary` column in the header row (columns: title, text)"]
        );
        let got = read("titel,text\nPM,body\n", Fields::default());
        assert_eq!(
            got,
            ["x.csv:1: no `title` column in the header row (columns: titel, text); did you mean `titel`?"]
        );
    }

    #[test]
    fn a_broken_quote_is_an_error_in_place() {
        let got = read(
            concat!(
                "title,text\n",
                "PM,fine\n",
                "Senior PM,\"unclosed,x\n",
                "VP,\"also fine\"\n",
                "Director,\"quoted \"\"well\"\"\"\n",
                "CPO,\"never closed\n",
                "VP,lost in the cell above\n",
            ),
            Fields::default(),
        );
        assert_eq!(
            got,
            [
                "x.csv:2: ok PM | fine | {\"title\": \"PM\"}",
                "x.csv:3: record 2: the quoted cell opened at line 3, column 11 goes on after its closing quote at line 4, column 4 (a stray or unclosed quote?)",
                "x.csv:5: ok Director | quoted \"well\" | {\"title\": \"Director\"}",
                "x.csv:6: record 4: the quote at line 6, column 5 is never closed",
            ]
        );
        let got = read("title,text\nPM,\"a\"\"\r\n\r\n\r\nVP,b", Fields::default());
        assert_eq!(
            got[0],
            "x.csv:2: record 1: the quote at line 2, column 4 is never closed"
        );
    }

    #[test]
    fn crlf_blank_lines_and_a_missing_final_line_break() {
        let got = read(
            "title,text\r\nPM,a\r\n\r\n\r\nVP,\"b\r\nc\"\r\nCPO,d",
            Fields::default(),
        );
        assert_eq!(
            got,
            [
                "x.csv:2: ok PM | a | {\"title\": \"PM\"}",
                "x.csv:5: ok VP | b\r\nc | {\"title\": \"VP\"}",
                "x.csv:7: ok CPO | d | {\"title\": \"CPO\"}",
            ]
        );
    }

    #[test]
    fn cell_counts_must_match_the_header() {
        let got = read(
            "title,text,team\nPM,a\nVP,b,c,d\nCPO,e,f\n",
            Fields::default(),
        );
        assert_eq!(
            got,
            [
                "x.csv:2: record 1 has 2 cells, the header row has 3 (a stray or unclosed quote?)",
                "x.csv:3: record 2 has 4 cells, the header row has 3 (a stray or unclosed quote?)",
                "x.csv:4: ok CPO | e | {\"team\": \"f\", \"title\": \"CPO\"}",
            ]
        );
    }

    #[test]
    fn invalid_utf8_names_the_column() {
        let got = Csv::new(
            Box::new(&b"title,text\nPM,caf\xe9\nVP,ok\n"[..]),
            "x.csv".into(),
            Fields::default(),
            Limits::default(),
        )
        .map(|i| i.map(|p| p.title).map_err(|e| e.to_string()))
        .collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                Err("x.csv:2: invalid UTF-8 in column `text`".to_string()),
                Ok("VP".to_string())
            ]
        );
    }
}
