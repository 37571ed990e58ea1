//! Which config each input is linted with, as ruff finds one: the nearest `jdlint.toml` (or
//! `.jdlint.toml`) in the folder of the file or one above it, else the working directory's.
//! `--config` and `--no-config` name one config for every input instead.
//!
//! A config selects rules and their severities, moves thresholds, layers lexicon files and a
//! ladder, and sets `fail-on`: each found is built into an engine once, and every input under
//! it is analyzed with that engine. Configs that layer the same lexicon files (and no ladder of
//! their own) share one compiled lexicon, which is most of an engine. The settings of the run as a whole (the reader's
//! `max-posting-bytes`, the output) come from the working directory's config.

use super::check::CheckArgs;
use jdlint::classify::Settings;
use jdlint::config::{Config, FailOn};
use jdlint::domain::Level;
use jdlint::input::{InputError, Item};
use jdlint::posting::Source;
use jdlint::{suppress, Engine};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An engine built from one config, and that config's `fail-on`.
#[derive(Debug)]
pub struct Scope {
    pub engine: Engine,
    /// The config's `fail-on`; `None` when it sets none.
    pub fail_on: Option<FailOn>,
}

/// What a config's lexicon is built from besides the command line: its `lexicon` files and, when
/// it has a ladder, the ladder and the file that names it (the ladder's entries cite it).
type LexiconKey = (
    Vec<PathBuf>,
    Option<(Option<PathBuf>, BTreeMap<String, Level>)>,
);

fn lexicon_key(config: &Config) -> LexiconKey {
    let ladder = (!config.ladder.is_empty()).then(|| (config.file.clone(), config.ladder.clone()));
    (config.lexicon.clone(), ladder)
}

/// The engine for `config`: the lexicon layers (built once per distinct set of layers), the
/// config's thresholds, the rules the config and the command line select, suppressions
/// read as the command line says.
fn build(
    args: &CheckArgs,
    by_lexicon: &mut HashMap<LexiconKey, Engine>,
    config: &Config,
) -> Result<Scope, String> {
    let key = lexicon_key(config);
    let base = match by_lexicon.get(&key) {
        Some(engine) => engine.clone(),
        None => {
            let lexicon = args.lexicon.load(config)?;
            // Built first: the lexicon's wording checks become rules the flags may name.
            let engine = Engine::from_lexicon(&lexicon);
            by_lexicon.insert(key, engine.clone());
            engine
        }
    };
    let selection = args.selection.selection()?;
    let engine = base
        .with_settings(config.settings(Settings::default()))
        .with_rules(config.rules(&selection))
        .with_suppressions(suppress::Options {
            field: args.suppress_field.clone(),
            report_unused: args.report_unused_suppressions,
        });
    Ok(Scope {
        engine,
        fail_on: config.fail_on,
    })
}

/// The scope of every input: the root's (the working directory's config, or the one
/// `--config`/`--no-config` names) or the nearest config's above the input's file.
pub struct Scopes<'a> {
    args: &'a CheckArgs,
    /// An engine over each lexicon met, before rules and settings: configs that layer the same
    /// files share its compiled lexicon (a clone of an engine shares it), which is most of an
    /// engine's size and of the time to build one.
    by_lexicon: HashMap<LexiconKey, Engine>,
    root: Arc<Scope>,
    /// Whether configs are looked for next to each file (no `--config`, no `--no-config`).
    discover: bool,
    /// The working directory, which relative input paths are resolved against.
    cwd: Option<PathBuf>,
    /// Each folder looked up, with the config file found for it (`None`: none, the root's).
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// Each config file met, built, or the error that says why it cannot be.
    by_file: HashMap<PathBuf, Result<Arc<Scope>, String>>,
    /// The last input path resolved: the records of one file come one after another.
    last: Option<(String, Result<Arc<Scope>, String>)>,
}

impl<'a> Scopes<'a> {
    /// The scopes of a run whose root config (the working directory's, or the one the command
    /// line names) is `root_config`; an error when the root's engine cannot be built.
    pub fn new(args: &'a CheckArgs, root_config: &Config) -> Result<Scopes<'a>, String> {
        let mut by_lexicon = HashMap::new();
        let root = Arc::new(build(args, &mut by_lexicon, root_config)?);
        let mut by_file = HashMap::new();
        if let Some(file) = &root_config.file {
            let key = std::path::absolute(file).unwrap_or_else(|_| file.clone());
            by_file.insert(key, Ok(Arc::clone(&root)));
        }
        Ok(Scopes {
            args,
            by_lexicon,
            root,
            discover: args.config.config.is_none() && !args.config.no_config,
            cwd: std::env::current_dir().ok(),
            by_dir: HashMap::new(),
            by_file,
            last: None,
        })
    }

    /// The scope `item` is analyzed in. An item whose config cannot be read or built becomes
    /// an input error naming that config: the file is not checked, and the run says why.
    pub fn resolve(&mut self, item: &mut Item) -> Arc<Scope> {
        let found = match &*item {
            Ok(posting) => self.for_source(&posting.source),
            // Unread, it is reported as it is.
            Err(_) => return Arc::clone(&self.root),
        };
        match found {
            Ok(scope) => scope,
            Err(message) => {
                if let Ok(posting) = item {
                    let source = posting.source.clone();
                    *item = Err(InputError { source, message });
                }
                Arc::clone(&self.root)
            }
        }
    }

    fn for_source(&mut self, source: &Source) -> Result<Arc<Scope>, String> {
        // Standard input without --stdin-filename has no folder: the root's config.
        let path = match source.path.as_deref() {
            Some(path) if self.discover && path != "-" => path,
            _ => return Ok(Arc::clone(&self.root)),
        };
        if let Some((last, scope)) = &self.last {
            if last == path {
                return scope.clone();
            }
        }
        let scope = self.for_path(path);
        self.last = Some((path.to_string(), scope.clone()));
        scope
    }

    fn for_path(&mut self, path: &str) -> Result<Arc<Scope>, String> {
        let path = Path::new(path);
        let dir = path.parent().unwrap_or(Path::new(""));
        let dir = match &self.cwd {
            Some(cwd) => cwd.join(dir),
            None => dir.to_path_buf(),
        };
        // The folder's real path: `a/../b` has `b`'s ancestors, not `a`'s, and a linked folder
        // is found where it is. A folder that is gone (a record's file renamed) is looked up as
        // written.
        let file = self
            .by_dir
            .entry(dir)
            .or_insert_with_key(|dir| Config::discover(&dir.canonicalize().unwrap_or(dir.clone())))
            .clone();
        let Some(file) = file else {
            return Ok(Arc::clone(&self.root));
        };
        if let Some(scope) = self.by_file.get(&file) {
            return scope.clone();
        }
        super::config::note_the_other_file(Some(&file));
        let built = super::config::load(&file)
            .and_then(|config| build(self.args, &mut self.by_lexicon, &config))
            .map(Arc::new);
        self.by_file.insert(file, built.clone());
        built
    }
}
