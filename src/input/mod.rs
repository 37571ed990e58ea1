//! Reading inputs into postings. An input is a file, a directory (walked as ripgrep walks one,
//! see [`WalkOptions`]) or `-` for standard input, in one of these formats:
//!
//! - a document: plain text or Markdown, one posting (see [`Posting::from_document`]);
//! - HTML, one posting, converted to text with a map back to the file's lines and columns;
//! - JSON Lines, JSON (an array of objects, or one object) and CSV with a header row: one posting
//!   per record, read lazily so that a file of any size is read in flat memory.
//!
//! Every input yields postings or errors that name the input and the place, in input order, so
//! that the count of results always equals the count of inputs and nothing is lost silently: a
//! file that holds no posting at all (empty, an empty array, a header row only) is an error too.
//! A directory with no posting file in it yields nothing, as ruff and typos check an empty
//! folder without failing; [`POSTING_EXTENSIONS`] says what a note about it can list.

mod csv;
mod decode;
mod html;
mod json;
mod records;
mod walk;

pub use decode::{decode, MAX_UTF16_BYTES};
pub(crate) use records::did_you_mean;
pub use records::Fields;
pub use walk::WalkOptions;

use crate::escape::visible;
use crate::posting::{Posting, Source};
use std::io::{self, Cursor, Read};
use std::path::Path;

/// The default of [`Options::max_posting_bytes`]: a posting (a document, or a record's text)
/// larger than this is reported as too large rather than slowing a batch down.
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// The largest posting limit that may be set: a posting is held in memory, and its record may be
/// twice as large.
pub const MAX_POSTING_BYTES_LIMIT: u64 = 1 << 30;

/// The default record limit: twice [`MAX_DOCUMENT_BYTES`], because a record (a JSONL line, a
/// JSON array element, a CSV record) holds its text escaped and other fields besides.
pub const MAX_RECORD_BYTES: usize = Limits::new(MAX_DOCUMENT_BYTES).record;

/// The size limits of a read, set by [`Options::max_posting_bytes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// The largest posting: a document, or a record's text.
    pub(crate) posting: usize,
    /// A record (a JSONL line, a JSON array element, a CSV record) larger than this is reported
    /// as too large without being held in memory. It is twice the posting limit because a
    /// record holds its text escaped (`\n`, `\u00e9`) and other fields besides.
    pub(crate) record: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::new(MAX_DOCUMENT_BYTES)
    }
}

impl Limits {
    pub(crate) const fn new(max_posting_bytes: usize) -> Limits {
        Limits {
            posting: max_posting_bytes,
            record: max_posting_bytes.saturating_mul(2),
        }
    }

    pub(crate) fn check_posting(self, bytes: usize) -> Result<(), String> {
        if bytes > self.posting {
            Err(format!(
                "posting is {bytes} bytes, over the {} byte limit",
                self.posting
            ))
        } else {
            Ok(())
        }
    }
}

/// An input (or one record of it) that could not be read as a posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Which input it was: file path, line and record id.
    pub source: Source,
    /// Why it could not be read. It may quote the input: `Display` shows hidden characters escaped.
    pub message: String,
}

/// For people: the message made [`visible`], since it may quote the input.
impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, visible(&self.message))
    }
}

/// One posting read from an input, or the reason it could not be.
pub type Item = Result<Posting, InputError>;

/// How many items are read ahead and analyzed together: enough to keep every core busy, few
/// enough that memory stays flat and results come while a large input is still being read.
pub const CHUNK: usize = 1024;

/// `items` a chunk of [`CHUNK`] at a time, each read only when it is asked for: what `jdlint` and
/// `jdlint calibrate` analyze in parallel, then take in input order.
pub fn chunks(mut items: impl Iterator<Item = Item>) -> impl Iterator<Item = Vec<Item>> {
    std::iter::from_fn(move || {
        let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
        (!chunk.is_empty()).then_some(chunk)
    })
}

/// The extensions of the files a directory walk reads, for messages.
pub const POSTING_EXTENSIONS: &str = ".txt .md .markdown .html .htm .jsonl .ndjson .json .csv";

/// How an input's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One posting: plain text or Markdown.
    Document,
    /// One posting: an HTML page.
    Html,
    /// One posting per line: JSON objects with a title and a text field (see [`Fields`]).
    Jsonl,
    /// A JSON array of such objects, or one object.
    Json,
    /// CSV with a header row naming the title and text columns.
    Csv,
}

impl Format {
    /// The format a file's extension names, among those read inside directories: `txt`, `md`,
    /// `markdown`, `html`, `htm`, `jsonl`, `ndjson`, `json`, `csv` (in any case).
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" | "markdown" => Format::Document,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "csv" => Format::Csv,
            _ => return None,
        })
    }

    /// The format of a file named on the command line: by its extension, else a document.
    pub fn for_path(path: &str) -> Format {
        Format::from_extension(Path::new(path)).unwrap_or(Format::Document)
    }
}

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Read every file named (and standard input) as this format; `None` goes by each file's
    /// extension (standard input is then a document). Files in a directory are read by their
    /// extension, and in this format only when a glob took them without one.
    pub format: Option<Format>,
    /// The title of every document (the whole document is then the body); records keep theirs.
    pub title: Option<String>,
    /// Where records keep their title, text and id.
    pub fields: Fields,
    /// How directories are walked for postings.
    pub walk: WalkOptions,
    /// A posting (a document, or a record's text) larger than this is reported as too large
    /// instead of being analyzed; records may be twice as large (their text escaped, other
    /// fields besides). [`MAX_DOCUMENT_BYTES`] by default.
    pub max_posting_bytes: usize,
    /// The name standard input goes by in the output (`--stdin-filename`); its extension names
    /// its format when [`Options::format`] does not.
    pub stdin_name: Option<String>,
    /// Which element of an HTML page holds its title (`--html-title`: `h2`, `.job-title`,
    /// `h2.job-title`, `title`), instead of the first `<h1>`; a page with no such element is an
    /// error, never a silent fallback.
    pub html_title: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            format: None,
            title: None,
            fields: Fields::default(),
            walk: WalkOptions::default(),
            max_posting_bytes: MAX_DOCUMENT_BYTES,
            stdin_name: None,
            html_title: None,
        }
    }
}

/// Reads inputs with a set of [`Options`].
pub struct Reader {
    options: Options,
    limits: Limits,
    walker: walk::Walker,
    html_title: Option<html::Selector>,
}

impl Reader {
    /// `Err` when a `--glob` or the `--html-title` selector does not parse.
    pub fn new(options: Options) -> Result<Reader, String> {
        let walker = walk::Walker::new(options.walk.clone())?;
        let limits = Limits::new(options.max_posting_bytes);
        let html_title = options
            .html_title
            .as_deref()
            .map(html::Selector::parse)
            .transpose()?;
        Ok(Reader {
            options,
            limits,
            walker,
            html_title,
        })
    }

    /// Everything `path` holds, lazily: a file's postings, those of every posting file in a
    /// directory, or standard input's for `-`.
    pub fn read(&self, path: &str) -> Box<dyn Iterator<Item = Item> + '_> {
        if path == "-" {
            return self.read_stdin().items;
        }
        if self.is_skipped(Path::new(path)) {
            let message =
                "a file jdlint writes (--output, --baseline): it is never read as postings"
                    .to_string();
            return error(Source::file(path), message);
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                // A file in a directory is read by its extension: `--input-format jsonl DIR`
                // must not read DIR's Markdown as JSONL. The format given applies to the files
                // a `--glob` takes that have no posting extension.
                let items = self.walker.files(path).flat_map(|file| match file {
                    Ok(file) => {
                        let format = Format::from_extension(Path::new(&file))
                            .or(self.options.format)
                            .unwrap_or(Format::Document);
                        self.read_file(&file, format)
                    }
                    Err(e) => Box::new(std::iter::once(Err(e))),
                });
                Box::new(items)
            }
            // A FIFO with no writer would block the batch, a device never end.
            Ok(m) if !m.is_file() => {
                let message = format!(
                    "{}; pipe it to standard input (`-`) to read it",
                    not_a_regular_file(&m)
                );
                error(Source::file(path), message)
            }
            Ok(_) => {
                let format = self
                    .options
                    .format
                    .unwrap_or_else(|| Format::for_path(path));
                self.read_file(path, format)
            }
            Err(e) => error(Source::file(path), cannot_read(&e)),
        }
    }

    /// The files `path` stands for, as [`Reader::read`] would read them (`--files`): `path`
    /// itself for a file or `-`, a directory's posting files in walk order, and the walk's errors
    /// (and a path that does not exist) in place. Nothing is read.
    pub fn files(&self, path: &str) -> Box<dyn Iterator<Item = Result<String, InputError>> + '_> {
        if path != "-" {
            match std::fs::metadata(path) {
                Ok(m) if m.is_dir() => return Box::new(self.walker.files(path)),
                Ok(_) => {}
                Err(e) => {
                    let e = InputError {
                        source: Source::file(path),
                        message: cannot_read(&e),
                    };
                    return Box::new(std::iter::once(Err(e)));
                }
            }
        }
        let name = match (path, &self.options.stdin_name) {
            ("-", Some(name)) => name.clone(),
            _ => path.to_string(),
        };
        Box::new(std::iter::once(Ok(name)))
    }

    /// Standard input, named [`Options::stdin_name`] (else `-`), in [`Options::format`], else
    /// the format the name's extension gives, else sniffed: JSON Lines when its first character
    /// that is not white space is `{` (a posting's text never starts so; a JSON record always
    /// does), a document otherwise. Whether it was sniffed as JSON Lines is told, for a note:
    /// the guess must never be silent.
    pub fn read_stdin(&self) -> Stdin<'_> {
        let name = self.options.stdin_name.as_deref().unwrap_or("-");
        let source = Source::file(name);
        let named = self.options.stdin_name.as_deref().map(Path::new);
        if let Some(format) = self
            .options
            .format
            .or_else(|| named.and_then(Format::from_extension))
        {
            let items = self.read_stream(source, Box::new(io::stdin().lock()), format);
            return Stdin {
                items,
                sniffed_jsonl: false,
            };
        }
        match sniff(Box::new(io::stdin().lock())) {
            Ok((reader, first)) => {
                let sniffed_jsonl = first == Some(b'{');
                let format = if sniffed_jsonl {
                    Format::Jsonl
                } else {
                    Format::Document
                };
                Stdin {
                    items: self.read_stream(source, reader, format),
                    sniffed_jsonl,
                }
            }
            Err(e) => Stdin {
                items: error(source, cannot_read(&e)),
                sniffed_jsonl: false,
            },
        }
    }

    /// Whether `path` is one of the files never read ([`WalkOptions::skip`]).
    fn is_skipped(&self, path: &Path) -> bool {
        let skip = &self.options.walk.skip;
        !skip.is_empty() && path.canonicalize().is_ok_and(|p| skip.contains(&p))
    }

    /// A file, in `format`, never walked.
    fn read_file(&self, path: &str, format: Format) -> Box<dyn Iterator<Item = Item> + '_> {
        let source = Source::file(path);
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) => return error(source, cannot_read(&e)),
        };
        // A document over the limit is refused before it is read.
        if matches!(format, Format::Document | Format::Html) {
            let len = file.metadata().map_or(0, |m| m.len());
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            if let Err(message) = self.limits.check_posting(len) {
                return error(source, message);
            }
        }
        self.read_stream(source, Box::new(file), format)
    }

    fn read_stream(
        &self,
        source: Source,
        reader: Box<dyn Read>,
        format: Format,
    ) -> Box<dyn Iterator<Item = Item> + '_> {
        let path = source.path.clone().unwrap_or_default();
        let fields = self.options.fields.clone();
        let records: Box<dyn Iterator<Item = Item>> = match format {
            Format::Document | Format::Html => {
                let mut bytes = Vec::new();
                let read = reader
                    .take((self.limits.posting as u64).saturating_add(1))
                    .read_to_end(&mut bytes);
                let item = match read {
                    Err(e) => Err(InputError {
                        source,
                        message: cannot_read(&e),
                    }),
                    Ok(_) => document(
                        source,
                        &bytes,
                        format,
                        self.options.title.as_deref(),
                        self.html_title.as_ref(),
                        self.limits,
                    ),
                };
                return Box::new(std::iter::once(item));
            }
            _ => match decode::utf8_stream(reader) {
                Err(message) => return error(source, message),
                Ok(stream) => match format {
                    Format::Jsonl => Box::new(json::Jsonl::new(stream, path, fields, self.limits)),
                    Format::Json => {
                        Box::new(json::JsonArray::new(stream, path, fields, self.limits))
                    }
                    _ => Box::new(csv::Csv::new(stream, path, fields, self.limits)),
                },
            },
        };
        Box::new(NonEmpty::new(
            source,
            records,
            "no records in it (an empty file, an empty array or a header row only)",
        ))
    }
}

/// Standard input's postings, and whether its format was sniffed as JSON Lines (see
/// [`Reader::read_stdin`]).
pub struct Stdin<'a> {
    /// Its postings, or why they could not be read.
    pub items: Box<dyn Iterator<Item = Item> + 'a>,
    /// It was read as JSON Lines because it starts with `{`, no format or name having said so.
    pub sniffed_jsonl: bool,
}

/// How far [`sniff`] looks for the first character that is not white space.
const SNIFF_BYTES: usize = 64 << 10;

/// `reader`'s first byte that is not white space (after a UTF-8 byte-order mark), looking at
/// most [`SNIFF_BYTES`] in, and a reader that still yields every byte.
fn sniff(mut reader: Box<dyn Read>) -> io::Result<(Box<dyn Read>, Option<u8>)> {
    let mut head = Vec::new();
    let mut buf = [0u8; 8192];
    let first = loop {
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break None;
        }
        head.extend_from_slice(&buf[..n]);
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        if let Some(&b) = text.iter().find(|b| !b.is_ascii_whitespace()) {
            break Some(b);
        }
        if head.len() >= SNIFF_BYTES {
            break None;
        }
    };
    Ok((Box::new(Cursor::new(head).chain(reader)), first))
}

/// Reads an input already in memory.
pub fn read_bytes(source: Source, bytes: &[u8], format: Format, options: &Options) -> Vec<Item> {
    match Reader::new(options.clone()) {
        Ok(reader) => reader
            .read_stream(source, Box::new(Cursor::new(bytes.to_vec())), format)
            .collect(),
        Err(message) => vec![Err(InputError { source, message })],
    }
}

/// A record already parsed (a JSON object a program built, a Python dict) as a posting, read as
/// a JSONL line is: its title, text and id from `options.fields`, its other scalar fields kept,
/// its text held to `options.max_posting_bytes`. A record that is not a posting (no title, a
/// text that is not a string) is an error with the message a JSONL file's would get.
pub fn record(source: Source, value: serde_json::Value, options: &Options) -> Item {
    records::json_record(
        source,
        value,
        &options.fields,
        Limits::new(options.max_posting_bytes),
    )
}

/// One line of JSON Lines (its line end, if any, left out) as a posting, read exactly as `jdlint` reads a
/// line of a `.jsonl` file: numbers kept as written, the same limits, the same messages for a
/// line that is not JSON or not a posting. For a program that holds lines, not a file (a Spark
/// partition of a JSONL table). A blank line, which a file's reader skips, is an error here:
/// every line given yields its result.
pub fn record_line(source: Source, line: &str, options: &Options) -> Item {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.bytes().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError {
            source,
            message: "a blank line holds no record".into(),
        });
    }
    json::jsonl_record(
        source,
        line.as_bytes(),
        &options.fields,
        Limits::new(options.max_posting_bytes),
    )
}

/// A document or HTML page as a posting.
fn document(
    source: Source,
    bytes: &[u8],
    format: Format,
    title: Option<&str>,
    html_title: Option<&html::Selector>,
    limits: Limits,
) -> Item {
    let err = |source: Source, message: String| Err(InputError { source, message });
    if bytes.len() > limits.posting {
        let message = format!("posting is over the {} byte limit", limits.posting);
        return err(source, message);
    }
    let text = match decode(bytes) {
        Ok(text) => decode::lone_cr_to_lf(text),
        Err(message) => return err(source, message),
    };
    if let Err(message) = limits.check_posting(text.len()) {
        return err(source, message);
    }
    let posting = match format {
        Format::Html => html_posting(source.clone(), &text, title, html_title)?,
        _ => Posting::from_document(source.clone(), text, title),
    };
    posting.ok_or_else(|| InputError {
        source,
        message: "empty posting: no title and no text".into(),
    })
}

/// An HTML page as a posting. Its title is the element `selector` chooses (an error when none
/// has text), else the first `<h1>` (what the page shows as the job's name; `<title>` often adds
/// the company and the site) or the job heading below a logo `<h1>` ([`html::Page::job_heading`]),
/// else `<title>`, else the first line of text; the body is what
/// follows the title's line.
fn html_posting(
    source: Source,
    html: &str,
    title: Option<&str>,
    selector: Option<&html::Selector>,
) -> Result<Option<Posting>, InputError> {
    let page = html::to_text(html, selector);
    let span = match selector {
        None => page.job_heading().or(page.title),
        Some(s) if s.is_title() => page.title,
        Some(_) => page.chosen,
    };
    if let (None, Some(_), None) = (title, selector, &span) {
        return Err(InputError {
            source,
            message: "no element with text matches --html-title".into(),
        });
    }
    let mut posting = match (title, span) {
        (None, Some(span)) => Posting::titled_at(source, page.text, span),
        _ => match Posting::from_document(source, page.text, title) {
            Some(posting) => posting,
            None => return Ok(None),
        },
    };
    let mut map = page.map;
    // The page itself, which the human view quotes at a diagnostic's place: its lines and
    // columns are the page's.
    map.keep_file(html);
    posting.source_map = Some(map);
    Ok(Some(posting))
}

fn error<'a>(source: Source, message: String) -> Box<dyn Iterator<Item = Item> + 'a> {
    Box::new(std::iter::once(Err(InputError { source, message })))
}

/// Why a file that is not a regular one is not read: a FIFO blocks until a writer comes, and a
/// device (`/dev/zero`, `/dev/urandom`) never ends.
fn not_a_regular_file(metadata: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    let kind = {
        use std::os::unix::fs::FileTypeExt;
        let t = metadata.file_type();
        if t.is_fifo() {
            " (a FIFO)"
        } else if t.is_char_device() || t.is_block_device() {
            " (a device)"
        } else if t.is_socket() {
            " (a socket)"
        } else {
            ""
        }
    };
    #[cfg(not(unix))]
    let kind = {
        let _ = metadata;
        ""
    };
    format!("not a regular file{kind}")
}

/// A configuration or lexicon file's bytes, at most `limit` of them: anything else (a FIFO, a
/// device, a larger file) is an error, so that a repository's `jdlint.toml` cannot make jdlint
/// wait or fill memory by naming `/dev/zero`.
pub(crate) fn read_small_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| cannot_read(&e))?;
    if !metadata.is_file() {
        return Err(not_a_regular_file(&metadata));
    }
    let too_large = |bytes: u64| format!("{bytes} bytes, over the {limit} byte limit");
    if metadata.len() > limit {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| cannot_read(&e))?;
    // It grew since it was measured.
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn cannot_read(e: &io::Error) -> String {
    format!("cannot read: {}", io_message(e))
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// An input's items, or one error when it has none.
struct NonEmpty<I> {
    items: I,
    /// Until the first item: the input, for the error.
    empty: Option<(Source, &'static str)>,
}

impl<I> NonEmpty<I> {
    fn new(source: Source, items: I, message: &'static str) -> NonEmpty<I> {
        NonEmpty {
            items,
            empty: Some((source, message)),
        }
    }
}

impl<I: Iterator<Item = Item>> Iterator for NonEmpty<I> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self.items.next() {
            Some(item) => {
                self.empty = None;
                Some(item)
            }
            None => self.empty.take().map(|(source, message)| {
                Err(InputError {
                    source,
                    message: message.into(),
                })
            }),
        }
    }
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

    fn read(name: &str, bytes: &[u8], format: Format) -> Vec<String> {
        messages(&read_bytes(
            Source::file(name),
            bytes,
            format,
            &Options::default(),
        ))
    }

    #[test]
    fn empty_inputs_are_errors_in_every_format() {
        assert_eq!(
            read("e.txt", b"  \n", Format::Document),
            ["e.txt: empty posting: no title and no text"]
        );
        assert_eq!(
            read("e.html", b"<html><script>x</script></html>", Format::Html),
            ["e.html: empty posting: no title and no text"]
        );
        for (name, format) in [
            ("e.jsonl", Format::Jsonl),
            ("e.json", Format::Json),
            ("e.csv", Format::Csv),
        ] {
            let got = read(name, b"", format);
            assert_eq!(got.len(), 1, "{got:?}");
            assert!(
                got[0].starts_with(&format!("{name}: no records")),
                "{got:?}"
            );
        }
        assert!(read("h.csv", b"title,text\n", Format::Csv)[0].contains("no records"));
        assert!(read("a.json", b" [ ] ", Format::Json)[0].contains("no records"));
    }

    #[test]
    fn oversized_documents_are_refused() {
        let big = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
        assert_eq!(
            read("big.txt", &big, Format::Document),
            [format!(
                "big.txt: posting is over the {MAX_DOCUMENT_BYTES} byte limit"
            )]
        );
    }

    #[test]
    fn html_title_is_the_h1_else_the_title_element() {
        let page = b"<html><head><title>Senior PM | Acme</title></head>\n<body>\n<nav>Jobs</nav>\n\
                     <h1>Senior Product Manager</h1>\n<p>Own the roadmap.</p></body></html>";
        let items = read_bytes(
            Source::file("p.html"),
            page,
            Format::Html,
            &Options::default(),
        );
        let p = items[0].as_ref().unwrap();
        assert_eq!(p.title, "Senior Product Manager");
        assert_eq!(p.body_text().trim(), "Own the roadmap.");
        let title = p.title_span.clone().unwrap();
        let places = crate::posting::Locator::new(p);
        assert_eq!(
            (places.start(title.start), places.end(&title)),
            ((4, 5), (4, 27))
        );

        let page = b"<title>Director of Product</title><p>Lead the org.</p>";
        let items = read_bytes(
            Source::file("p.html"),
            page,
            Format::Html,
            &Options::default(),
        );
        let p = items[0].as_ref().unwrap();
        assert_eq!(p.title, "Director of Product");
        assert_eq!(p.body_text().trim(), "Lead the org.");
    }

    #[test]
    fn extensions_name_formats() {
        let of = |p: &str| Format::from_extension(Path::new(p));
        assert_eq!(of("a/b.MD"), Some(Format::Document));
        assert_eq!(of("b.htm"), Some(Format::Html));
        assert_eq!(of("b.ndjson"), Some(Format::Jsonl));
        assert_eq!(of("b.json"), Some(Format::Json));
        assert_eq!(of("b.csv"), Some(Format::Csv));
        assert_eq!(of("b.pdf"), None);
        assert_eq!(of("README"), None);
        assert_eq!(Format::for_path("README"), Format::Document);
    }
}
