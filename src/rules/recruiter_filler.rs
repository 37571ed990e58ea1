//! `recruiter-filler`: several phrases of recruiter filler that say nothing about the job.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueMatch};
use std::collections::HashSet;

pub struct RecruiterFiller;

static DOC: RuleDoc = RuleDoc {
    id: "recruiter-filler",
    severity: Severity::Info,
    category: Category::Wording,
    status: Status::Preview,
    formerly: &[],
    summary: "Several phrases of recruiter filler say nothing about the job",
    explanation: "\"An exciting opportunity to join a dynamic, fast-paced team with a competitive \
salary\" could open any posting for any job. Each phrase is harmless; together they crowd out what a \
candidate needs (what the role owns, the pay, the team) and mark a posting written from a template \
(joblint scores such wording on its \"recruiter\" dimension, and reports \"visionary\" jargon such as \
\"synergy\" and \"paradigm\"). One or two are common in good postings, so this rule fires only at \
three different phrases of the lexicon's `wording:recruiter-filler` cues. \"Competitive salary\" is \
among them: state the range instead.",
    instead: "Replace each phrase with the fact behind it: the salary range instead of \"competitive \
salary\", what changes week to week instead of \"fast-paced\", the problem instead of \"an exciting \
opportunity\".",
    sources: &[
        "rowanmanning/joblint, lib/rules.js: the recruiter score; \"Use of 'visionary' terminology\"",
        "Vale Joblint style (Competitive, Visionary)",
    ],
    fires: "Product Manager\n\nAn exciting opportunity to join a dynamic team in a fast-paced environment, with a competitive salary.\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nBilling is where our customers churn: help us fix it. The salary range is $120,000-$140,000.\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
};

/// Different phrases a posting may use before it is filler.
const MIN_DISTINCT: usize = 3;

impl Rule for RecruiterFiller {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let text = cx.normalized.as_str();
        let mut seen = HashSet::new();
        let distinct: Vec<&CueMatch> = cx
            .cues_outside_legal(Cue::RecruiterFiller)
            .filter(|m| seen.insert(&text[m.range.clone()]))
            .collect();
        if distinct.len() < MIN_DISTINCT {
            return None;
        }
        let message = format!(
            "{} phrases of recruiter filler: {}",
            distinct.len(),
            cx.quote_matches(&distinct, 4)
        );
        let help =
            "replace each phrase with the fact behind it: the salary range, the problem, the team"
                .to_string();
        Some(cx.at_body(&DOC, distinct[0].span.clone(), message, help))
    }
}
