//! `jdlint config --show`: the effective configuration, and the flags it shares with linting:
//! `--config`/`--no-config`, and `--select`/`--extend-select`/`--ignore`.

use clap::{Args, ValueEnum};
use jdlint::classify::Settings;
use jdlint::config::{Config, FailOn};
use jdlint::escape::visible;
use jdlint::rules::{registry, FormerId, Selection, Selector, Severity, UnknownRule};
use jdlint::Level;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Which config file applies.
#[derive(Debug, Args)]
pub struct ConfigFileArgs {
    /// Read the configuration from this file, for every input, instead of looking for
    /// jdlint.toml (or .jdlint.toml): the nearest above each file checked, else in the working
    /// directory or its nearest ancestor that has one.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no configuration file, only the defaults and the command line.
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigFileArgs {
    /// The config these flags name, the one found from the working directory, or the defaults.
    pub fn load(&self) -> Result<Config, String> {
        if self.no_config {
            return Ok(Config::default());
        }
        let path = match &self.config {
            Some(path) => Some(path.clone()),
            None => {
                let cwd = std::env::current_dir()
                    .map_err(|e| format!("cannot read the working directory: {e}"))?;
                let found = Config::discover(&cwd);
                note_the_other_file(found.as_deref());
                found
            }
        };
        match path {
            Some(path) => load(&path),
            None => Ok(Config::default()),
        }
    }
}

/// The config at `path`, with a warning on standard error for each thing in it that should
/// change.
pub(super) fn load(path: &std::path::Path) -> Result<Config, String> {
    let config = Config::load(path).map_err(|e| format!("config error: {e}"))?;
    for warning in &config.warnings {
        super::print_warning(warning);
    }
    Ok(config)
}

/// A note when the config found has a sibling of the other name, which is not read: one
/// directory's `jdlint.toml` wins over its `.jdlint.toml`, and a file that is ignored must not be
/// ignored in silence.
pub(super) fn note_the_other_file(found: Option<&std::path::Path>) {
    let Some((found, dir)) = found.and_then(|f| Some((f, f.parent()?))) else {
        return;
    };
    let others = jdlint::config::FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .filter(|other| other != found && other.exists());
    for other in others {
        super::print_note(format_args!(
            "{} is read and {} beside it is not: jdlint.toml wins over .jdlint.toml",
            found.display(),
            other.display()
        ));
    }
}

/// Rule selection on the command line, applied over the config's as ruff's flags are.
#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Run only these rules: comma-separated rule ids or category names (`jdlint rules` lists
    /// them), instead of the config's `select` and `ignore`.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub select: Option<Vec<String>>,

    /// Run these rules too, over the config's choice (a rule id wins over an ignored category).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// Do not run these rules (rule ids or category names, comma-separated).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

impl SelectionArgs {
    /// The selection the flags name. Names are read once the lexicon is loaded, as a wording
    /// check of a `--lexicon` overlay is a rule from then on; an unknown one is an error naming
    /// its flag.
    pub fn selection(&self) -> Result<Selection, String> {
        let parse = |flag: &str, names: &[String]| {
            names
                .iter()
                .map(|name| {
                    if let Some(former) = FormerId::of(name.trim()) {
                        super::print_warning(format_args!("{flag}: {former}"));
                    }
                    Selector::parse(name.trim()).map_err(|e: UnknownRule| {
                        format!("invalid value '{}' for '{flag} <LIST>': {e}", visible(name))
                    })
                })
                .collect::<Result<Vec<Selector>, String>>()
        };
        Ok(Selection {
            select: self
                .select
                .as_deref()
                .map(|names| parse("--select", names))
                .transpose()?,
            extend_select: parse("--extend-select", &self.extend_select)?,
            ignore: parse("--ignore", &self.ignore)?,
        })
    }
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective configuration: the file's settings with every default filled in.
    #[arg(long, required = true)]
    show: bool,

    /// `human` is TOML (a valid config file); `json` adds the file it came from.
    #[arg(long, value_enum, default_value_t = ShowFormat::Human)]
    format: ShowFormat,

    #[command(flatten)]
    file: ConfigFileArgs,

    #[command(flatten)]
    selection: SelectionArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ShowFormat {
    Human,
    Json,
}

/// The effective configuration, in the config file's own keys.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
struct Effective {
    /// The rules that run, by id.
    select: Vec<&'static str>,
    /// The rules that do not run, by id.
    ignore: Vec<&'static str>,
    fail_on: FailOn,
    lexicon: Vec<String>,
    /// Every rule that runs, at the severity it reports with.
    severity: BTreeMap<&'static str, Severity>,
    max_posting_bytes: usize,
    thresholds: EffectiveThresholds,
    ladder: BTreeMap<String, Level>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
struct EffectiveThresholds {
    confident: f64,
    track_mismatch_evidence: f64,
    min_evidence: f64,
}

/// A wording check the config's lexicon files add: a rule like any other, which runs whether or
/// not the config names it.
#[derive(Debug, Serialize)]
struct AddedCheck {
    id: String,
    /// The severity the check itself gives, before the config's `severity`.
    severity: Severity,
    /// The lexicon file that defines it.
    file: String,
}

#[derive(Debug, Serialize)]
struct Shown<'a> {
    /// The config file, or `null` when there is none.
    file: Option<String>,
    /// The wording checks its lexicon files add.
    checks: &'a [AddedCheck],
    #[serde(flatten)]
    effective: &'a Effective,
}

impl Effective {
    fn new(config: &Config, command_line: &Selection) -> Effective {
        let rules = config.rules(command_line);
        let settings = config.settings(Settings::default());
        Effective {
            select: rules.iter().map(|(r, _)| r.doc().id).collect(),
            ignore: registry()
                .iter()
                .map(|r| r.doc().id)
                .filter(|id| !rules.contains(id))
                .collect(),
            fail_on: config.fail_on.unwrap_or(FailOn::Error),
            lexicon: config
                .lexicon
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            severity: rules.iter().map(|(r, s)| (r.doc().id, s)).collect(),
            max_posting_bytes: config.max_posting_bytes(),
            thresholds: EffectiveThresholds {
                confident: settings.confident,
                track_mismatch_evidence: settings.track_mismatch_evidence,
                min_evidence: settings.min_evidence,
            },
            ladder: config.ladder.clone(),
        }
    }
}

pub fn run(args: ConfigArgs) -> ExitCode {
    let config = match args.file.load() {
        Ok(config) => config,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    // Loaded before the selection is read: the flags may name the checks, and they run
    // whether or not the config names them.
    let checks: Vec<AddedCheck> = match config.lexicon_checks() {
        Ok(checks) => checks
            .into_iter()
            .map(|c| AddedCheck {
                id: c.value.id,
                severity: c.value.severity,
                file: c.origin.file,
            })
            .collect(),
        Err(e) => {
            super::print_error(format_args!("lexicon error: {e}"));
            return ExitCode::from(2);
        }
    };
    let selection = match args.selection.selection() {
        Ok(selection) => selection,
        Err(message) => {
            super::print_error(message);
            return ExitCode::from(2);
        }
    };
    let effective = Effective::new(&config, &selection);
    let file = config.file.as_ref().map(|f| f.display().to_string());
    let text = match args.format {
        ShowFormat::Json => {
            let shown = Shown {
                file,
                checks: &checks,
                effective: &effective,
            };
            serde_json::to_string_pretty(&shown)
                .map(|s| s + "\n")
                .map_err(|e| e.to_string())
        }
        // Comments, so that the output stays a config file that behaves the same; a line break
        // in a path would end one.
        ShowFormat::Human => toml::to_string(&effective)
            .map(|s| {
                let mut head = format!("# config file: {}\n", file.as_deref().unwrap_or("none"));
                for c in &checks {
                    head += &format!(
                        "# wording check {} ({} by default) from {}\n",
                        c.id,
                        c.severity.id(),
                        visible(&c.file)
                    );
                }
                head + &s
            })
            .map_err(|e| e.to_string()),
    };
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            super::print_error(format_args!("cannot render the configuration: {e}"));
            return ExitCode::from(2);
        }
    };
    match io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            super::print_error(format_args!("cannot write output: {e}"));
            ExitCode::from(2)
        }
    }
}
