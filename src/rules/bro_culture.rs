//! `bro-culture`: wording of a frat-house, drinking culture.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueMatch};

pub struct BroCulture;

static DOC: RuleDoc = RuleDoc {
    id: "bro-culture",
    severity: Severity::Warning,
    category: Category::Wording,
    status: Status::Stable,
    summary: "The posting uses bro-culture wording: bros, crushing it, work hard play hard",
    explanation: "Bro-culture wording (\"work hard, play hard\", \"crush it\", \"brogrammers\", \
\"dudes\") tells everyone who does not fit a single young, male archetype that the team is not for \
them; joblint reports it as \"Use of bro terminology\". The words come from the lexicon's \
`wording:bro-culture` cues, as whole words and phrases. Drinks offered as a perk (\"beer on tap\", \
\"Friday drinks\") are not bro talk: they are perks, which `hollow-benefits` weighs against the \
benefits the posting names. Read everywhere except legal text.",
    instead: "Describe the culture by how the team works (how decisions are made, how people grow, \
what flexibility there is), not by drinking or bravado.",
    sources: &[
        "rowanmanning/joblint, lib/rules.js: \"Use of bro terminology\"",
        "Vale Joblint style (Bro)",
    ],
    fires: "Product Manager\n\nWe work hard, play hard, and our brogrammers crush it every sprint.\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nWe work in small teams, write things down and keep Fridays free of meetings.\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
};

impl Rule for BroCulture {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let found: Vec<&CueMatch> = cx.cues_outside_legal(Cue::BroCulture).collect();
        let first = found.first()?;
        let message = format!("bro-culture wording: {}", cx.quote_matches(&found, 3));
        let help =
            "describe how the team works instead: decisions, growth, flexibility".to_string();
        Some(cx.at_body(&DOC, first.span.clone(), message, help))
    }
}
