//! `jdlint rules` lists the rule catalogue; `jdlint rule ID` explains one rule, in the manner of
//! `ruff rule`. Both print the rules' own documentation (the same text SARIF carries as rule help).

use super::check::LexiconFileArgs;
use super::config::ConfigFileArgs;
use clap::{Args, ValueEnum};
use jdlint::rules::{closest_names, find, register_checks, registry, Category, FormerId, RuleDoc};
use serde::Serialize;
use std::io::{self, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// A table (`rules`) or Markdown (`rule`).
    Human,
    /// JSON: `{"rules": [...]}` (`rules`) or one rule object (`rule`).
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = DocFormat::Human)]
    pub format: DocFormat,

    /// Only the rules of this category.
    #[arg(long, value_parser = category)]
    pub category: Option<Category>,

    #[command(flatten)]
    pub file: ConfigFileArgs,

    #[command(flatten)]
    pub lexicon: LexiconFileArgs,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's id, e.g. `title-level-mismatch` (`jdlint rules` lists them).
    #[arg(value_name = "ID")]
    pub id: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DocFormat::Human)]
    pub format: DocFormat,

    #[command(flatten)]
    pub file: ConfigFileArgs,

    #[command(flatten)]
    pub lexicon: LexiconFileArgs,
}

/// Loads the lexicon linting would use (the config's files, `--lexicon`), so that the wording
/// checks it defines are in the catalogue.
fn load_checks(file: &ConfigFileArgs, lexicon: &LexiconFileArgs) -> Result<(), ExitCode> {
    let loaded = file.load().and_then(|config| lexicon.load(&config));
    match loaded {
        Ok(lexicon) => {
            register_checks(&lexicon);
            Ok(())
        }
        Err(e) => {
            super::print_error(e);
            Err(ExitCode::from(2))
        }
    }
}

fn category(s: &str) -> Result<Category, String> {
    Category::ALL
        .into_iter()
        .find(|c| c.id() == s)
        .ok_or_else(|| {
            let known: Vec<_> = Category::ALL.iter().map(|c| c.id()).collect();
            format!("unknown category `{s}` (known: {})", known.join(", "))
        })
}

#[derive(Serialize)]
struct Catalogue<'a> {
    rules: Vec<&'a RuleDoc>,
}

/// Writes `text`; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> ExitCode {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            super::print_error(format_args!("cannot write output: {e}"));
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

pub fn list(args: RulesArgs) -> ExitCode {
    if let Err(code) = load_checks(&args.file, &args.lexicon) {
        return code;
    }
    let docs: Vec<&RuleDoc> = registry()
        .iter()
        .map(|r| r.doc())
        .filter(|d| args.category.is_none_or(|c| d.category == c))
        .collect();
    let text = match args.format {
        DocFormat::Json => {
            let mut text = serde_json::to_string_pretty(&Catalogue { rules: docs })
                .expect("rule docs serialize");
            text.push('\n');
            text
        }
        DocFormat::Human => table(&docs),
    };
    emit(&text)
}

fn table(docs: &[&RuleDoc]) -> String {
    let id_width = docs.iter().map(|d| d.id.len()).max().unwrap_or(2).max(2);
    let mut out = format!(
        "{:<id_width$}  {:<8}  {:<14}  {:<7}  SUMMARY\n",
        "ID", "SEVERITY", "CATEGORY", "STATUS"
    );
    for d in docs {
        out.push_str(&format!(
            "{:<id_width$}  {:<8}  {:<14}  {:<7}  {}\n",
            d.id,
            d.severity.id(),
            d.category.id(),
            d.status.id(),
            d.summary
        ));
    }
    out
}

pub fn explain(args: RuleArgs) -> ExitCode {
    if let Err(code) = load_checks(&args.file, &args.lexicon) {
        return code;
    }
    let former = FormerId::of(&args.id);
    if let Some(former) = former {
        super::print_warning(former);
    }
    let Some(rule) = find(former.map_or(&args.id, |f| f.now)) else {
        let suggestions: Vec<&str> = closest_names(&args.id)
            .into_iter()
            .filter(|n| find(n).is_some())
            .collect();
        let hint = match suggestions.as_slice() {
            _ if category(&args.id).is_ok() => format!(
                " (`{}` is a category: `jdlint rules --category {}` lists its rules)",
                args.id, args.id
            ),
            [] => " (`jdlint rules` lists every rule)".to_string(),
            [one] => format!("; did you mean `{one}`?"),
            many => format!("; did you mean one of: {}?", many.join(", ")),
        };
        super::print_error(format_args!("unknown rule `{}`{hint}", args.id));
        return ExitCode::from(2);
    };
    let doc = rule.doc();
    let text = match args.format {
        DocFormat::Json => {
            let mut text = serde_json::to_string_pretty(doc).expect("rule docs serialize");
            text.push('\n');
            text
        }
        DocFormat::Human => doc.markdown(),
    };
    emit(&text)
}
