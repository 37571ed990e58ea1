//! `hype-job-title`: the candidate is called a rockstar, ninja or guru.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueMatch};

pub struct HypeJobTitle;

static DOC: RuleDoc = RuleDoc {
    id: "hype-job-title",
    severity: Severity::Warning,
    category: Category::Wording,
    status: Status::Stable,
    summary: "The title or body calls the candidate a rockstar, ninja, guru or the like",
    explanation: "Calling the person you hire a rockstar, ninja, guru or superhero says nothing about \
the job, reads as a cliché to most and as a club they are not in to many (joblint's \"Use of dumb job \
titles\"). It also hides the level: seed 001's ladder has no ninjas. Read in the title and where the \
posting describes the role and the candidate; the words come from the lexicon's `wording:hype-title` \
cues, whole words and phrases: a team of \"rockstars\" in the company story is not read, and a \
\"setup wizard\" in the product is not a \"product wizard\".",
    instead: "Say what you need: \"a product manager who has run pricing experiments\", not \"a \
pricing ninja\".",
    sources: &[
        "rowanmanning/joblint, lib/rules.js: \"Use of dumb job titles\"",
        "Vale Joblint style (DumbTitles)",
        "001: the ladder and its titles",
    ],
    fires: "Rockstar Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
};

impl Rule for HypeJobTitle {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let in_title: Vec<&CueMatch> = cx.title_cues.of(Cue::HypeTitle).collect();
        let in_body: Vec<&CueMatch> = cx.cues_in_role_text(Cue::HypeTitle).collect();
        let help = "say what the role needs instead of a hype word, e.g. \"a product manager who has run pricing experiments\"".to_string();
        if let Some(first) = in_title.first() {
            let word = &cx.posting.title[first.span.clone()];
            let message = format!("the title calls the candidate a \"{word}\"");
            return Some(cx.at_title(&DOC, DOC.severity, message, help));
        }
        let first = in_body.first()?;
        let message = format!(
            "hype word{} for the candidate: {}",
            if in_body.len() == 1 { "" } else { "s" },
            cx.quote_matches(&in_body, 3)
        );
        Some(cx.at_body(&DOC, first.span.clone(), message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    #[test]
    fn the_body_counts_where_it_describes_the_candidate() {
        let doc = "Product Manager\n\nWe want a true product ninja.\n\nWhat you'll do\n- Own the roadmap\n";
        assert!(fired(doc).contains(&"hype-job-title"));
        let about = "Product Manager\n\nAbout us\nWe are a team of rockstars.\n\nWhat you'll do\n- Own the roadmap and the setup wizard\n";
        assert!(!fired(about).contains(&"hype-job-title"));
    }
}
