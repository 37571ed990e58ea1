//! `unrealistic-expectations`: demands of unlimited availability or effort.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueMatch};

pub struct UnrealisticExpectations;

static DOC: RuleDoc = RuleDoc {
    id: "unrealistic-expectations",
    severity: Severity::Warning,
    category: Category::Wording,
    status: Status::Stable,
    summary: "The posting demands unlimited availability or effort",
    explanation: "\"Available 24/7\", \"whatever it takes\", \"long hours\", \"nights and weekends\", \
\"hit the ground running\": demands of unlimited availability or instant output drive away anyone with \
caring duties or a life outside work, and tell the rest that the team is understaffed (joblint's \
\"New starter expectations\" and its realism score). The lexicon's `wording:unrealistic-expectation` \
cues are phrases about the candidate's time and effort, not about the product: \"24/7 support\" and \
\"always-on infrastructure\" describe a system and are not flagged, \"be available 24/7\" is. Read \
everywhere except legal text.",
    instead: "Say honestly what the hours and on-call duties are (\"one week in six on call, with \
time off in lieu\") and how new starters are onboarded.",
    sources: &[
        "rowanmanning/joblint, lib/rules.js: \"New starter expectations\" and the realism score",
        "Vale Joblint style (Reassure, Starter)",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and do whatever it takes to ship\n- Be available 24/7 during launches\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing, which runs 24/7 support for our customers\n- Join the launch rota one week in six, with time off in lieu\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
};

impl Rule for UnrealisticExpectations {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let found: Vec<&CueMatch> = cx.cues_outside_legal(Cue::UnrealisticExpectation).collect();
        let first = found.first()?;
        let message = format!(
            "demands unlimited availability or effort: {}",
            cx.quote_matches(&found, 3)
        );
        let help =
            "say what the hours and on-call duties really are, and how new starters are onboarded"
                .to_string();
        Some(cx.at_body(&DOC, first.span.clone(), message, help))
    }
}
