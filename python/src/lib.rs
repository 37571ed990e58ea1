//! `jdlint._jdlint`: the Python binding of the jdlint library. It turns Python values into the
//! library's records, runs the library's engine, and hands back the JSON text the library's own
//! printer writes (what `jdlint --format jsonl` prints, a line per posting); `jdlint/__init__.py`
//! parses it. Nothing about postings is decided here: every rule, message and field is the
//! library's. Every posting, title and id is a stranger's text: nothing here may panic on it.

use jdlint::classify::Settings;
use jdlint::config::Config;
use jdlint::input::{self, InputError, Options};
use jdlint::printer::json::to_json;
use jdlint::report::PostingReport;
use jdlint::rules::Selection;
use jdlint::{suppress, Source};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::path::PathBuf;

create_exception!(
    jdlint,
    JdlintError,
    PyValueError,
    "A lexicon or config that jdlint cannot use; the message is the library's."
);
create_exception!(
    jdlint,
    LexiconError,
    JdlintError,
    "A lexicon file or folder that does not load: the message names the file and the entry."
);
create_exception!(
    jdlint,
    ConfigError,
    JdlintError,
    "A jdlint.toml that does not load: the message names the file, the line and the key."
);

/// How many records are converted, then analyzed with the GIL released, at a time: enough to
/// keep every thread busy, few enough that a long iterable is not all held as Rust values too.
const BATCH: usize = 4 * input::CHUNK;

/// A compiled lexicon with its settings and rules, as `jdlint` builds it for one run.
#[pyclass(frozen, module = "jdlint._jdlint")]
struct Engine {
    engine: jdlint::Engine,
    options: Options,
}

/// A record as taken from Python, before the library reads it.
enum Record {
    /// A mapping (or a `(title, text)` pair) as the JSON object a JSONL line would hold.
    Object(Value),
    /// A `str`: one JSONL line, read as the library reads a line of a file.
    Line(String),
    /// Not a record at all; the message says why.
    Invalid(String),
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (lexicon=None, config=None))]
    fn new(py: Python<'_>, lexicon: Option<PathBuf>, config: Option<PathBuf>) -> PyResult<Engine> {
        // Loading and compiling a lexicon takes tens of milliseconds: other threads may run.
        py.detach(|| build(lexicon, config))
    }

    /// One posting's result as JSON text (a `--format jsonl` line without its line end).
    #[pyo3(signature = (title, text, id=None))]
    fn analyze_json(
        &self,
        py: Python<'_>,
        title: String,
        text: String,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let mut object = Map::new();
        if let Some(id) = id.filter(|id| !id.is_none()) {
            let id = convert_value("id", id).map_err(PyValueError::new_err)?;
            object.insert("id".into(), id);
        }
        object.insert("title".into(), Value::String(title));
        object.insert("text".into(), Value::String(text));
        let record = Record::Object(Value::Object(object));
        Ok(py.detach(|| self.render(record)))
    }

    /// Each record's result as JSON text, in input order.
    #[pyo3(signature = (records, threads=None))]
    fn analyze_many_json(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let threads = Threads::new(threads)?;
        let mut results = Vec::new();
        let mut batch: Vec<Record> = Vec::with_capacity(BATCH);
        for record in records.try_iter()? {
            batch.push(convert_record(&record?));
            if batch.len() == BATCH {
                results.extend(self.render_all(py, &threads, std::mem::take(&mut batch)));
            }
        }
        results.extend(self.render_all(py, &threads, batch));
        Ok(results)
    }
}

impl Engine {
    /// The JSON text of one record's report, rendered by the library's printer.
    fn render(&self, record: Record) -> String {
        let item = match record {
            Record::Object(value) => input::record(Source::default(), value, &self.options),
            Record::Line(line) => input::record_line(Source::default(), &line, &self.options),
            Record::Invalid(message) => Err(InputError {
                source: Source::default(),
                message,
            }),
        };
        let report: PostingReport = self.engine.report(&item);
        // A report holds strings, numbers and maps with string keys: it always serializes, to
        // UTF-8.
        String::from_utf8(to_json(&report)).unwrap_or_default()
    }

    /// `batch`'s results in its order, analyzed with the GIL released.
    fn render_all(&self, py: Python<'_>, threads: &Threads, batch: Vec<Record>) -> Vec<String> {
        py.detach(|| match threads {
            Threads::One => batch.into_iter().map(|r| self.render(r)).collect(),
            Threads::Global => batch.into_par_iter().map(|r| self.render(r)).collect(),
            Threads::Pool(pool) => {
                pool.install(|| batch.into_par_iter().map(|r| self.render(r)).collect())
            }
        })
    }
}

/// Where a batch runs.
enum Threads {
    /// On the calling thread: what a Spark task wants, Spark running a task a core already.
    One,
    /// On rayon's global pool, a thread a core.
    Global,
    /// On a pool of its own.
    Pool(rayon::ThreadPool),
}

impl Threads {
    /// `threads` threads; `None` is rayon's global pool (a thread a core). As `jdlint -j` is, the
    /// count is capped at 4 a core: each thread holds a stack and buffers, and a stranger's
    /// `threads=10**6` must not take the machine's memory.
    fn new(threads: Option<usize>) -> PyResult<Threads> {
        match threads {
            None => Ok(Threads::Global),
            Some(0) => Err(PyValueError::new_err("threads must be 1 or more")),
            Some(1) => Ok(Threads::One),
            Some(n) => {
                let cores = std::thread::available_parallelism().map_or(1, usize::from);
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.min(4 * cores))
                    .build()
                    .map(Threads::Pool)
                    .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))
            }
        }
    }
}

/// The engine `jdlint --no-config` (or `--config CONFIG`) with `--lexicon LEXICON` builds, with
/// no rule selection or suppression flags: the same calls, in the same order, as the command
/// line's (`build` in `src/cli/scopes.rs`).
fn build(lexicon: Option<PathBuf>, config: Option<PathBuf>) -> PyResult<Engine> {
    let config = match config {
        Some(path) => Config::load(&path).map_err(|e| ConfigError::new_err(e.to_string()))?,
        None => Config::default(),
    };
    let layers = config
        .lexicon(lexicon.as_deref(), false)
        .map_err(|e| LexiconError::new_err(e.to_string()))?;
    // Built first, as the command line builds it: the lexicon's wording checks become rules the
    // config may select.
    let engine = jdlint::Engine::from_lexicon(&layers)
        .with_settings(config.settings(Settings::default()))
        .with_rules(config.rules(&Selection::default()))
        .with_suppressions(suppress::Options::default());
    let options = Options {
        max_posting_bytes: config.max_posting_bytes(),
        ..Options::default()
    };
    Ok(Engine { engine, options })
}

/// A Python record as the library takes it: a `str` is a JSONL line; a mapping is a JSON object
/// of its items; a `(title, text)` pair (a tuple or list of two) is `{"title", "text"}`.
fn convert_record(record: &Bound<'_, PyAny>) -> Record {
    if let Ok(line) = record.cast::<PyString>() {
        return match line.to_cow() {
            Ok(line) => Record::Line(line.into_owned()),
            Err(_) => Record::Invalid("the line is not valid Unicode (a lone surrogate)".into()),
        };
    }
    let converted = if let Ok(mapping) = record.cast::<PyMapping>() {
        convert_mapping(mapping)
    } else if let Some(pair) = as_pair(record) {
        convert_pair(&pair)
    } else {
        Err(format!(
            "a record is {}, not a dict, a (title, text) pair or a JSON line",
            type_name(record)
        ))
    };
    match converted {
        Ok(value) => Record::Object(value),
        Err(message) => Record::Invalid(message),
    }
}

fn convert_mapping(mapping: &Bound<'_, PyMapping>) -> Result<Value, String> {
    let items = mapping.items().map_err(|e| e.to_string())?;
    let mut object = Map::new();
    for item in items.iter() {
        let pair = item.cast::<PyTuple>().map_err(|e| e.to_string())?;
        let (key, value) = (
            pair.get_item(0).map_err(|e| e.to_string())?,
            pair.get_item(1).map_err(|e| e.to_string())?,
        );
        let key = match key.cast::<PyString>() {
            Ok(key) => key
                .to_cow()
                .map_err(|_| "a key is not valid Unicode (a lone surrogate)".to_string())?
                .into_owned(),
            Err(_) => return Err(format!("a key is {}, not a string", type_name(&key))),
        };
        let value = convert_value(&key, &value)?;
        object.insert(key, value);
    }
    Ok(Value::Object(object))
}

/// A tuple or list of two items.
fn as_pair<'py>(record: &Bound<'py, PyAny>) -> Option<Vec<Bound<'py, PyAny>>> {
    let items: Vec<Bound<'py, PyAny>> = if let Ok(tuple) = record.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        record.cast::<PyList>().ok()?.iter().collect()
    };
    Some(items)
}

fn convert_pair(pair: &[Bound<'_, PyAny>]) -> Result<Value, String> {
    let [title, text] = pair else {
        return Err(format!(
            "a record sequence must be a (title, text) pair, not {} items",
            pair.len()
        ));
    };
    let mut object = Map::new();
    object.insert("title".into(), convert_value("title", title)?);
    object.insert("text".into(), convert_value("text", text)?);
    Ok(Value::Object(object))
}

/// A field's value as JSON. Strings, integers, floats, booleans and `None` are what JSON holds;
/// a number of another type (numpy's, which pandas hands out; a `Decimal`) is read through
/// `__index__`, else `__float__`; a float that JSON cannot hold (NaN, pandas' missing value, infinity) is `null`; any other
/// object (a list, a date) stands as an empty array or object: the record reader keeps only
/// scalar fields and names the kind of a title or text that is not a string.
fn convert_value(key: &str, value: &Bound<'_, PyAny>) -> Result<Value, String> {
    if let Ok(s) = value.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|_| format!("`{key}` is not valid Unicode (a lone surrogate)"));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    // Before integers: a Python bool is an int.
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    let number = if value.cast::<PyInt>().is_ok() || value.cast::<PyFloat>().is_ok() {
        Some(value.clone())
    } else if value.hasattr("__index__").unwrap_or(false) {
        value.call_method0("__index__").ok()
    } else if value.hasattr("__float__").unwrap_or(false) {
        value.call_method0("__float__").ok()
    } else {
        None
    };
    // `str` of an int is its digits, of a finite float a JSON number (`1.5`, `1e+20`), of a
    // NaN or an infinity not one: `null`.
    if let Some(number) = number {
        let written = number.str().map_err(|e| e.to_string())?;
        let written = written.to_cow().map_err(|e| e.to_string())?;
        return Ok(serde_json::from_str::<serde_json::Number>(&written)
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        return Ok(Value::Array(Vec::new()));
    }
    Ok(Value::Object(Map::new()))
}

/// "a dict", "an int": the value's type, for messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    let Ok(name) = value.get_type().name() else {
        return "an object".into();
    };
    let name = name.to_string();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

#[pymodule]
fn _jdlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    let py = m.py();
    m.add("JdlintError", py.get_type::<JdlintError>())?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
