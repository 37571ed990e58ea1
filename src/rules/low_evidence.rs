//! `low-evidence`: the body says too little to read a level from.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::matcher::body_reads_as_english;

pub struct LowEvidence;

static DOC: RuleDoc = RuleDoc {
    id: "low-evidence",
    severity: Severity::Warning,
    category: Category::Structure,
    status: Status::Stable,
    formerly: &[],
    summary: "The body says too little about the role to read its level",
    explanation: "A posting is read from what it asks of the candidate: responsibilities, skills, \
scope, stakeholders and years of experience (seed 003 describes each level by these). When the body \
holds almost none of them (a two-line teaser, a page of benefits), jdlint reports the implied level as \
unknown instead of guessing, and the mismatch rules stay silent. Candidates cannot judge such a \
posting either: say what the role owns and what it asks for. A body in another language than English \
gets no level either: the lexicon is English, and the few English words such a posting holds (tool \
names, a quoted job title) say nothing of its level.",
    instead: "Say what the role owns (its product area, decisions and outcomes), whom it works with, and what it asks of the candidate (experience, skills), under headings such as \"What you'll do\" and \"What you'll bring\".",
    sources: &["003: Associate / Junior Product Manager … Director / VP of Product / Chief Product Officer (Core Responsibilities, Core Skill Sets)"],
    fires: "Product Manager\n\nJoin our amazing team! We have great snacks and a dog-friendly office. Apply now.\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for one product area and write clear requirements\n- Run customer discovery interviews and usability tests\n- Define success metrics and run A/B tests\n\nRequirements\n- 2-4 years of product management experience\n",
};

impl Rule for LowEvidence {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        if cx.implied.level.is_some() {
            return None;
        }
        // Asked again only here, where no level was read: the evidence was empty either way.
        let (message, help) = if body_reads_as_english(cx.normalized, cx.scan, cx.lexicon) {
            (
                "the body says too little about responsibilities, scope or experience to read a level from",
                "describe what the role owns, whom it works with, and the experience it asks for",
            )
        } else {
            (
                "the body is not in English, the one language jdlint's lexicon reads: no level is read from it",
                "read this posting by hand, or check its English version",
            )
        };
        let (message, help) = (message.to_string(), help.to_string());
        // The problem is the body, not the title; point at the body's first line when there is one.
        let body = cx.posting.body_text();
        if cx.posting.title_span.is_some() && !body.trim().is_empty() {
            let start = body.len() - body.trim_start().len();
            let line = body[start..].split('\n').next().unwrap_or_default();
            let line = line.strip_suffix('\r').unwrap_or(line);
            return Some(cx.at_body(&DOC, start..start + line.len(), message, help));
        }
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}
