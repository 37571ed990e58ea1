//! Configuration files: `jdlint.toml` (or `.jdlint.toml`), found by walking up from a directory.
//!
//! A config selects the rules an engine runs and overrides their severities (by rule id or
//! category name; see [`Config::rules`]), moves the classifier's mismatch thresholds, layers
//! extra lexicon files, and maps a company's title ladder onto level ids. Parsing is strict: an
//! unknown key, a bad value or an unknown rule id or category is an error naming the file, the
//! line and the key.
//!
//! ```toml
//! select = ["classification", "low-evidence"]
//! ignore = ["title-specialization-mismatch"]
//! fail-on = "warning"
//! lexicon = ["lexicon/acme"]
//! max-posting-bytes = 1048576
//!
//! [severity]
//! title-track-mismatch = "error"
//!
//! [thresholds]
//! confident = 0.6
//!
//! [ladder]
//! "Product Manager II" = "pm"
//! "L6" = "senior"
//! ```

use crate::classify::Settings;
use crate::domain::Level;
use crate::input::{read_small_file, MAX_POSTING_BYTES_LIMIT};
use crate::lexicon::read_lexicon_file;
use crate::lexicon::{CheckEntry, Lexicon, LexiconError, Located, Origin, TitleEntry, TitleKind};
use crate::normalize::normalize_term;
use crate::rules::{FormerId, RuleSet, Selection, Selector, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file names a config may have, in the order they are looked for in each directory.
pub const FILE_NAMES: [&str; 2] = ["jdlint.toml", ".jdlint.toml"];

/// The largest config file read: a real one is a few hundred bytes, a ladder of many titles a few
/// kilobytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// A config that cannot be read or is not valid, with the file, line and key when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file, as given.
    pub file: String,
    /// The 1-based line in the file at fault, when the parser or validator knows it.
    pub line: Option<usize>,
    /// The key at fault, dotted with its table (`thresholds.confident`).
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// When a run fails (exits 1): on a diagnostic at or above a severity, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on an `error` diagnostic (the default).
    Error,
    /// Fail on a `warning` or `error` diagnostic.
    Warning,
    /// Fail on any diagnostic.
    Info,
    /// Never fail because of diagnostics (input errors still do).
    Never,
}

impl FailOn {
    /// The lowest severity that fails a run; `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// `Severity` as a config spells it (the rule registry's type is not deserializable).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SeverityName {
    Info,
    Warning,
    Error,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Severity {
        match s {
            SeverityName::Info => Severity::Info,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Error => Severity::Error,
        }
    }
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<SeverityName>>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    thresholds: RawThresholds,
    #[serde(default)]
    lexicon: Vec<String>,
    #[serde(default)]
    ladder: BTreeMap<String, Spanned<Level>>,
    max_posting_bytes: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawThresholds {
    confident: Option<Spanned<f64>>,
    track_mismatch_evidence: Option<Spanned<f64>>,
    min_evidence: Option<Spanned<f64>>,
}

/// The mismatch thresholds of [`Settings`] a config may move; `None` keeps the default.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Thresholds {
    /// [`Settings::confident`].
    pub confident: Option<f64>,
    /// [`Settings::track_mismatch_evidence`].
    pub track_mismatch_evidence: Option<f64>,
    /// [`Settings::min_evidence`].
    pub min_evidence: Option<f64>,
}

/// A parsed and validated config. [`Config::default`] is "no config".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// The rules (ids or categories) to run; `None` runs every rule.
    pub select: Option<Vec<Selector>>,
    /// Rules (ids or categories) not to run.
    pub ignore: Vec<Selector>,
    /// Severities that replace rules' own, by rule id or category, in key order.
    pub severity: Vec<(Selector, Severity)>,
    /// When a run fails (`fail-on`); `--fail-on` overrides it, and `None` with no `--fail-on`
    /// means `error`.
    pub fail_on: Option<FailOn>,
    /// Classifier thresholds the config moves.
    pub thresholds: Thresholds,
    /// Lexicon files or directories, resolved against the config file's directory, layered on
    /// the base lexicon in this order.
    pub lexicon: Vec<PathBuf>,
    /// Title aliases (as written) and the level each claims.
    pub ladder: BTreeMap<String, Level>,
    /// [`crate::input::Options::max_posting_bytes`]; `None` keeps the default.
    pub max_posting_bytes: Option<usize>,
    /// What the file says that still works but should change (a rule named by its former id),
    /// placed as an error would be.
    pub warnings: Vec<ConfigError>,
}

/// A lexicon layer: a directory of lexicon files, or one file; `named_by` says where its path was
/// given, for the error when it cannot be read.
fn load_layer(path: &Path, named_by: &str) -> Result<Lexicon, LexiconError> {
    if path.is_dir() {
        return Lexicon::from_dir(path);
    }
    let name = path.display().to_string();
    let text = read_lexicon_file(path).map_err(|message| LexiconError {
        file: name.clone(),
        entry: None,
        message: format!("{message} (named by {named_by})"),
    })?;
    Lexicon::from_sources([(name, text.as_str())])
}

impl Config {
    /// The config file for `dir`: the first of [`FILE_NAMES`] in it or, failing that, in the
    /// nearest ancestor that has one.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
            // Whatever the name is (a link to a device, a directory), loading it says what is
            // wrong with it.
            .find(|p| p.exists())
    }

    /// Reads and validates the config at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let error = |message: String| ConfigError {
            file: shown.clone(),
            line: None,
            key: None,
            message,
        };
        let bytes = read_small_file(path, MAX_CONFIG_BYTES).map_err(error)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            error(format!(
                "not valid UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let mut config = Config::parse(&shown, base, &text)?;
        config.file = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses config `text`; `file` names it in errors and `base` is the directory relative
    /// lexicon paths are resolved against.
    pub fn parse(file: &str, base: &Path, text: &str) -> Result<Config, ConfigError> {
        let error = |span: Option<Range<usize>>, key: Option<String>, message: String| {
            let line = span.map(|s| line_of(text, s.start));
            ConfigError {
                file: file.to_string(),
                key: key.or_else(|| line.and_then(|l| key_at(text, l))),
                line,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| error(e.span(), None, e.message().trim().to_string()))?;

        let lexicon: Vec<PathBuf> = raw.lexicon.iter().map(|p| base.join(p)).collect();
        let checks_loaded = std::cell::Cell::new(false);
        let warnings = std::cell::RefCell::new(Vec::new());
        // `name`, the value of `key` at `span`, as a selector; a former rule id is a warning.
        let selector = |name: &str, span: Range<usize>, key: String| {
            let selector = config_selector(name, &lexicon, &checks_loaded)
                .map_err(|u| error(Some(span.clone()), Some(key.clone()), u.to_string()))?;
            if let Some(former) = FormerId::of(name) {
                let warning = error(Some(span), Some(key), former.to_string());
                warnings.borrow_mut().push(warning);
            }
            Ok::<Selector, ConfigError>(selector)
        };
        let selectors = |key: &str, entries: Vec<Spanned<String>>| {
            entries
                .into_iter()
                .map(|e| selector(e.get_ref(), e.span(), key.to_string()))
                .collect::<Result<Vec<Selector>, ConfigError>>()
        };
        let select = raw.select.map(|s| selectors("select", s)).transpose()?;
        let ignore = selectors("ignore", raw.ignore)?;

        let mut severity = Vec::new();
        for (name, value) in raw.severity {
            let selector = selector(&name, value.span(), format!("severity.{name}"))?;
            severity.push((selector, Severity::from(value.into_inner())));
        }

        let threshold = |name: &str, value: Option<Spanned<f64>>, max: Option<f64>| {
            let Some(value) = value else {
                return Ok(None);
            };
            let v = *value.get_ref();
            let in_range = v.is_finite() && v >= 0.0 && max.is_none_or(|m| v <= m);
            if in_range {
                return Ok(Some(v));
            }
            let range = match max {
                Some(m) => format!("from 0 to {m}"),
                None => "0 or more".to_string(),
            };
            Err(error(
                Some(value.span()),
                Some(format!("thresholds.{name}")),
                format!("{v} is out of range: expected a number {range}"),
            ))
        };
        let t = raw.thresholds;
        let thresholds = Thresholds {
            confident: threshold("confident", t.confident, Some(1.0))?,
            track_mismatch_evidence: threshold(
                "track-mismatch-evidence",
                t.track_mismatch_evidence,
                None,
            )?,
            min_evidence: threshold("min-evidence", t.min_evidence, None)?,
        };

        let mut ladder = BTreeMap::new();
        for (alias, level) in raw.ladder {
            if normalize_term(&alias).is_empty() {
                let message = "a title alias needs a word".to_string();
                return Err(error(Some(level.span()), Some("ladder".into()), message));
            }
            ladder.insert(alias, level.into_inner());
        }

        let max_posting_bytes = match raw.max_posting_bytes {
            None => None,
            Some(value) => match usize::try_from(*value.get_ref()) {
                Ok(bytes) if bytes > 0 && bytes as u64 <= MAX_POSTING_BYTES_LIMIT => Some(bytes),
                _ => {
                    let message = format!(
                        "{} is out of range: expected a number of bytes from 1 to \
                         {MAX_POSTING_BYTES_LIMIT}",
                        value.get_ref()
                    );
                    let key = Some("max-posting-bytes".to_string());
                    return Err(error(Some(value.span()), key, message));
                }
            },
        };

        Ok(Config {
            file: None,
            select,
            ignore,
            severity,
            fail_on: raw.fail_on,
            thresholds,
            lexicon,
            ladder,
            max_posting_bytes,
            warnings: warnings.into_inner(),
        })
    }

    /// The largest posting to analyze: the config's `max-posting-bytes`, else the default.
    pub fn max_posting_bytes(&self) -> usize {
        self.max_posting_bytes
            .unwrap_or(crate::input::MAX_DOCUMENT_BYTES)
    }

    /// `base` with the config's thresholds.
    pub fn settings(&self, base: Settings) -> Settings {
        let t = &self.thresholds;
        Settings {
            confident: t.confident.unwrap_or(base.confident),
            track_mismatch_evidence: t
                .track_mismatch_evidence
                .unwrap_or(base.track_mismatch_evidence),
            min_evidence: t.min_evidence.unwrap_or(base.min_evidence),
            ..base
        }
    }

    /// The lexicon this configuration reads postings with, in layers: the default lexicon (or,
    /// with `no_default`, the `overlay` alone), the config's `lexicon` files and directories,
    /// `overlay` (a `--lexicon` file or directory), then the config's ladder. The one place
    /// the layers are stacked: `jdlint`, `jdlint calibrate`, `jdlint lexicon terms` and
    /// [`Engine::with_overlay`](crate::Engine::with_overlay) all build their lexicon here.
    pub fn lexicon(
        &self,
        overlay: Option<&Path>,
        no_default: bool,
    ) -> Result<Lexicon, LexiconError> {
        let mut lexicon = match overlay {
            Some(path) if no_default => load_layer(path, "--lexicon")?,
            _ => Lexicon::embedded()?,
        };
        for layer in self.lexicon_layers()? {
            lexicon = lexicon.overlay(layer);
        }
        if let (Some(path), false) = (overlay, no_default) {
            lexicon = lexicon.overlay(load_layer(path, "--lexicon")?);
        }
        Ok(lexicon.overlay(self.ladder_lexicon()))
    }

    /// The wording checks the config's `lexicon` files define, layered as linting layers them
    /// (a later file's check replaces an earlier one of the same id), made rules of the
    /// catalogue as linting makes them: selectors name them, and [`Config::rules`] runs them
    /// whether or not `select` names them.
    pub fn lexicon_checks(&self) -> Result<Vec<Located<CheckEntry>>, LexiconError> {
        let Some(lexicon) = self.lexicon_layers()?.into_iter().reduce(Lexicon::overlay) else {
            return Ok(Vec::new());
        };
        crate::rules::register_checks(&lexicon);
        Ok(lexicon.checks().to_vec())
    }

    /// The config's lexicon files and directories, one layer each, in order.
    fn lexicon_layers(&self) -> Result<Vec<Lexicon>, LexiconError> {
        lexicon_layers(&self.lexicon)
    }

    /// The ladder as a lexicon layer: each alias a role phrase claiming its level, so that the
    /// alias alone ("L6") is read as a title.
    pub fn ladder_lexicon(&self) -> Lexicon {
        let file = self
            .file
            .as_ref()
            .map_or_else(|| "config".to_string(), |f| f.display().to_string());
        let titles = self
            .ladder
            .iter()
            .map(|(alias, level)| Located {
                value: TitleEntry {
                    phrases: vec![alias.clone()],
                    kind: TitleKind::Role,
                    level: Some(*level),
                    specialization: None,
                    note: Some("a company ladder alias from the config".into()),
                    source: format!("{file}: ladder"),
                },
                origin: Origin {
                    file: file.clone(),
                    entry: format!("ladder.{alias:?}"),
                },
            })
            .collect();
        Lexicon {
            titles,
            ..Lexicon::default()
        }
    }

    /// The rules to run and their severities: every rule, the config's `select` and `ignore`,
    /// then `command_line`'s selection over them, then the config's severities (see
    /// [`RuleSet::select`] for precedence).
    pub fn rules(&self, command_line: &Selection) -> RuleSet {
        let mut rules = RuleSet::all();
        rules.select(&Selection {
            select: self.select.clone(),
            extend_select: Vec::new(),
            ignore: self.ignore.clone(),
        });
        rules.select(command_line);
        rules.set_severities(&self.severity);
        rules
    }
}

/// The lexicon files and directories `paths` names, one layer each, in order.
fn lexicon_layers(paths: &[PathBuf]) -> Result<Vec<Lexicon>, LexiconError> {
    paths
        .iter()
        .map(|path| load_layer(path, "the config's `lexicon`"))
        .collect()
}

/// `name` as a selector. A name that is no rule yet may be a wording check of the config's own
/// lexicon files, which join the catalogue once loaded: they are loaded then, once (a file that
/// does not load is reported when the lexicon is).
fn config_selector(
    name: &str,
    lexicon: &[PathBuf],
    loaded: &std::cell::Cell<bool>,
) -> Result<Selector, crate::rules::UnknownRule> {
    Selector::parse(name).or_else(|unknown| {
        if loaded.replace(true) {
            return Err(unknown);
        }
        for layer in lexicon_layers(lexicon).iter().flatten() {
            crate::rules::register_checks(layer);
        }
        Selector::parse(name)
    })
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The dotted key defined or opened on `line` (`thresholds.confident`), for errors whose own
/// message does not name it.
fn key_at(text: &str, line: usize) -> Option<String> {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if let Some(header) = l.strip_prefix('[') {
            table = header.trim_end_matches(']').trim().to_string();
            if i + 1 == line {
                return Some(table);
            }
            continue;
        }
        if i + 1 == line {
            let (key, _) = l.split_once('=')?;
            let key = key.trim().trim_matches(['"', '\'']);
            return Some(if table.is_empty() {
                key.to_string()
            } else {
                format!("{table}.{key}")
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse("jdlint.toml", Path::new("/cfg"), text)
    }

    #[test]
    fn a_full_config_parses_and_resolves_lexicon_paths() {
        let config = parse(
            "select = [\"title-level-mismatch\"]\nfail-on = \"warning\"\nlexicon = [\"extra.json\"]\n\
             [severity]\ntitle-level-mismatch = \"info\"\n[thresholds]\nconfident = 0.7\n\
             [ladder]\n\"L6\" = \"senior\"\n",
        )
        .unwrap();
        let selectors =
            |names: &[&str]| names.iter().map(|n| Selector::parse(n).unwrap()).collect();
        assert_eq!(config.select, Some(selectors(&["title-level-mismatch"])));
        assert_eq!(config.fail_on, Some(FailOn::Warning));
        assert_eq!(config.lexicon, vec![PathBuf::from("/cfg/extra.json")]);
        assert_eq!(config.thresholds.confident, Some(0.7));
        assert_eq!(config.ladder["L6"], Level::Senior);
        assert_eq!(rules(&config), [("title-level-mismatch", Severity::Info)]);
        assert_eq!(config.settings(Settings::default()).confident, 0.7);
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = parse("fail-on = \"error\"\n[thresholds]\nconfidence = 0.5\n").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(3), Some("thresholds.confidence"))
        );
        assert!(e.message.contains("unknown field"), "{}", e.message);

        let e = parse("\nfail-on = \"sometimes\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(2), Some("fail-on")));

        let e =
            parse("ignore = [\n  \"title-level-mismatch\",\n  \"no-such-rule\",\n]\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(3), Some("ignore")));
        assert_eq!(
            e.message,
            "unknown rule or category `no-such-rule` (`jdlint rules` lists them)"
        );

        let e = parse("[severity]\nno-such-rule = \"error\"\n").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("severity.no-such-rule"))
        );

        let e = parse("[thresholds]\nconfident = 1.5\n").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("thresholds.confident"))
        );
        assert_eq!(
            e.to_string(),
            "jdlint.toml:2: `thresholds.confident`: 1.5 is out of range: expected a number from 0 to 1"
        );
    }

    /// The rules `config` runs, each with its severity.
    fn rules(config: &Config) -> Vec<(&'static str, Severity)> {
        config
            .rules(&Selection::default())
            .iter()
            .map(|(r, s)| (r.doc().id, s))
            .collect()
    }

    #[test]
    fn max_posting_bytes_is_a_positive_number_of_bytes() {
        assert_eq!(parse("").unwrap().max_posting_bytes, None);
        let config = parse("max-posting-bytes = 1_000\n").unwrap();
        assert_eq!(config.max_posting_bytes, Some(1000));
        for bad in ["0", "-5", "\"1 MB\"", "1.5"] {
            let e = parse(&format!("\nmax-posting-bytes = {bad}\n")).unwrap_err();
            assert_eq!(
                (e.line, e.key.as_deref()),
                (Some(2), Some("max-posting-bytes")),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn categories_select_ignore_and_set_severities() {
        let config = parse("select = [\"classification\"]\n").unwrap();
        let ids: Vec<_> = rules(&config).into_iter().map(|(id, _)| id).collect();
        assert_eq!(
            ids,
            [
                "title-level-mismatch",
                "title-specialization-mismatch",
                "title-track-mismatch"
            ]
        );

        let config = parse("ignore = [\"wording\", \"structure\"]\n").unwrap();
        let ran = rules(&config);
        assert!(ran.iter().any(|(id, _)| *id == "title-level-mismatch"));
        assert!(ran.iter().all(|(id, _)| ![
            "hype-job-title",
            "gendered-pronoun",
            "low-evidence",
            "missing-requirements"
        ]
        .contains(id)));

        let config = parse("[severity]\nclassification = \"info\"\n").unwrap();
        let ran = rules(&config);
        assert!(ran.contains(&("title-level-mismatch", Severity::Info)));
        assert!(ran.contains(&("title-track-mismatch", Severity::Info)));
    }

    #[test]
    fn a_rule_id_wins_over_its_category_and_ignore_over_select_otherwise() {
        // More specific wins, in either direction.
        let config = parse("select = [\"hype-job-title\"]\nignore = [\"wording\"]\n").unwrap();
        assert_eq!(rules(&config), [("hype-job-title", Severity::Warning)]);
        let config = parse("select = [\"wording\"]\nignore = [\"hype-job-title\"]\n").unwrap();
        let ran = rules(&config);
        assert!(ran.iter().any(|(id, _)| *id == "gendered-pronoun"));
        assert!(ran.iter().all(|(id, _)| *id != "hype-job-title"));
        // Equally specific: ignore wins.
        let config = parse("select = [\"wording\"]\nignore = [\"wording\"]\n").unwrap();
        assert!(rules(&config).is_empty());
        // A rule's own severity wins over its category's, whatever the key order.
        let config = parse("[severity]\nhype-job-title = \"error\"\nwording = \"info\"\n").unwrap();
        let ran = rules(&config);
        assert!(ran.contains(&("hype-job-title", Severity::Error)));
        assert!(ran.contains(&("gendered-pronoun", Severity::Info)));
    }

    #[test]
    fn the_command_line_selects_over_the_config() {
        let config = parse("ignore = [\"wording\"]\n[severity]\nwording = \"error\"\n").unwrap();
        let selector = |n| Selector::parse(n).unwrap();
        // extend-select adds to the config's choice, with its severity.
        let extend = Selection {
            extend_select: vec![selector("hype-job-title")],
            ..Selection::default()
        };
        let ran = config.rules(&extend);
        assert!(ran.contains("hype-job-title") && !ran.contains("bro-culture"));
        assert!(ran.contains("title-level-mismatch"));
        let severity = ran.iter().find(|(r, _)| r.doc().id == "hype-job-title");
        assert_eq!(severity.map(|(_, s)| s), Some(Severity::Error));
        // select starts afresh: the config's ignore no longer applies.
        let select = Selection {
            select: Some(vec![selector("wording")]),
            ignore: vec![selector("bro-culture")],
            ..Selection::default()
        };
        let ran = config.rules(&select);
        assert!(ran.contains("hype-job-title") && !ran.contains("bro-culture"));
        assert!(!ran.contains("title-level-mismatch"));
        // ignore removes from the config's choice.
        let ignore = Selection {
            ignore: vec![selector("title-level-mismatch")],
            ..Selection::default()
        };
        let ran = config.rules(&ignore);
        assert!(!ran.contains("title-level-mismatch") && ran.contains("title-track-mismatch"));
    }
}
