//! `unrecognized-title`: the title names no product-management role the lexicon knows.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};

pub struct UnrecognizedTitle;

static DOC: RuleDoc = RuleDoc {
    id: "unrecognized-title",
    severity: Severity::Warning,
    category: Category::Role,
    status: Status::Stable,
    formerly: &[],
    summary: "The title names no product-management role jdlint knows, so it claims no level",
    explanation: "Titles are read through the lexicon's title phrases (seed 001's ladder and seed 002's \
aliases: Associate PM, Senior PM, Staff PM, Group PM, Head of Product, ...). A title with no role \
phrase (\"Product Ninja\", \"Product Wizard\") claims no level, track or specialization, so the \
mismatch rules cannot check it, and job boards and candidates cannot place it either. Use a \
conventional title, or map your company's title to a level in the lexicon or configuration. A \
title that names another profession's job (\"Software Engineer\", \"Data Analyst\") is reported as \
info, not a warning: it is another job's posting, and a repository of mixed postings passes \
`--fail-on warning`.",
    instead: "Use a title on the product-management ladder (\"Senior Product Manager\", \"Group Product Manager\"), or map your company's own title to a level in a lexicon overlay.",
    sources: &["001: the ladder and its titles", "002: title aliases (Lead PM, Product Group Manager, VP of Product, ...)"],
    fires: "Product Ninja\n\nWhat you'll do\n- Own the roadmap for one product area\n- Run customer discovery interviews\n\nRequirements\n- 2-4 years of product management experience\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for one product area\n- Run customer discovery interviews and track activation and retention\n\nRequirements\n- 2-4 years of product management experience\n",
};

impl Rule for UnrecognizedTitle {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        if cx.claimed.level.is_some() {
            return None;
        }
        // A title that names another profession's job ("Data Analyst") is a posting of another
        // job, not a PM title gone wrong: info, so that `--fail-on warning` passes a recruiting
        // repository of mixed postings (a configured severity still wins).
        let names_other_job = cx.title_cues.all().iter().any(|m| m.cue.role_named().is_some());
        if names_other_job {
            let message = format!(
                "title \"{}\" names another job than product management, so jdlint checks no level",
                cx.posting.title
            );
            let help = "nothing to fix if this is not a product-management posting; if it is, use a product-management title".to_string();
            return Some(cx.at_title(&DOC, Severity::Info, message, help));
        }
        let message = format!(
            "title \"{}\" names no product-management role that the lexicon knows, so it claims no level",
            cx.posting.title
        );
        let help = "use a conventional title (e.g. \"Senior Product Manager\"), or add your company's title to the lexicon's titles".to_string();
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}
