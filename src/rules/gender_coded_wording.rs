//! `gender-coded-wording`: masculine-coded words far outweigh feminine-coded ones.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueMatch};
use crate::title::title_mentions;
use std::ops::Range;

pub struct GenderCodedWording;

static DOC: RuleDoc = RuleDoc {
    id: "gender-coded-wording",
    severity: Severity::Info,
    category: Category::Wording,
    status: Status::Preview,
    formerly: &[],
    summary: "Masculine-coded words far outweigh feminine-coded ones",
    explanation: "Gaucher, Friesen and Kay (2011) found that job advertisements worded with more \
masculine-coded (agentic) words, such as competitive, dominant, fearless, lead, were judged less \
appealing by women, who anticipated they would not belong, while feminine-coded (communal) words \
such as collaborative, supportive, committed did not put men off. Tools such as gender-decoder \
report the balance of the two, and so does this rule: it counts both kinds and fires when \
masculine-coded words number at least five and three times the feminine-coded ones. It is a \
balance, not a ban: one \"competitive\" is not a problem. The words are whole words of the lexicon's \
`wording:masculine-coded` and `wording:feminine-coded` cues, not stems, so \"competence\" is not \
\"compete\" and \"responsibilities\" is not \"responsive\"; phrases that hold such a word in \
another sense (\"competitive analysis\", \"patient data\") are `wording:not-coded` and hide it. Many \
of the paper's masculine-coded stems are also the vocabulary a level is read from (\"lead\", \
\"decision\", \"analytical\", \"independent\", \"autonomy\"): the two must not interfere, so those \
words are not in the masculine-coded list at all (they describe the job's scope, which seeds 001 \
and 003 define levels by, not its culture), the classifier reads its evidence whatever this rule \
says, and a coded word inside a phrase the classifier took as evidence, inside a job title or in \
legal text is not counted, since it cannot be reworded without changing what the posting says.",
    instead: "Balance the wording: describe how the role collaborates, supports and develops \
others alongside what it drives and decides, and drop agentic filler (\"fearless\", \"dominate\", \
\"crush\").",
    sources: &[
        "Gaucher, Friesen & Kay (2011), Evidence that gendered wording in job advertisements exists and sustains gender inequality, Journal of Personality and Social Psychology 101(1), 109-128",
        "gender-decoder (Kat Matfield), which reports the same balance",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- Be fearless and aggressive in a competitive market we intend to dominate\n- Take bold bets and be decisive under pressure\n- Stay confident and self-reliant when you challenge the plan\n- Track conversion and retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing with a supportive, collaborative team\n- Take bold bets and decide what to build next\n- Run customer discovery with empathy and track retention\n\nRequirements\n- 3 years of product management experience\n",
};

/// Masculine-coded words must number at least this many...
const MIN_MASCULINE: usize = 5;
/// ...and this many times the feminine-coded ones (counted as at least one).
const RATIO: usize = 3;

impl Rule for GenderCodedWording {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        if cx.cues.of(Cue::MasculineCoded).count() < MIN_MASCULINE {
            return None;
        }
        let mentions = title_mentions(cx.normalized.as_str(), cx.lexicon);
        let body_start = cx.posting.body.start;
        let evidence: Vec<Range<usize>> = cx
            .evidence
            .iter()
            .map(|e| e.span.start - body_start..e.span.end - body_start)
            .collect();
        let counted = |m: &&CueMatch| {
            let in_mention = mentions
                .iter()
                .any(|r| r.start <= m.range.start && m.range.end <= r.end);
            let in_evidence = evidence
                .iter()
                .any(|r| r.start <= m.span.start && m.span.end <= r.end);
            !in_mention && !in_evidence
        };
        let masculine: Vec<&CueMatch> = cx
            .cues_outside_legal(Cue::MasculineCoded)
            .filter(counted)
            .collect();
        if masculine.len() < MIN_MASCULINE {
            return None;
        }
        let feminine: Vec<&CueMatch> = cx
            .cues_outside_legal(Cue::FeminineCoded)
            .filter(counted)
            .collect();
        if masculine.len() < RATIO * feminine.len().max(1) {
            return None;
        }
        let message = format!(
            "masculine-coded wording outweighs feminine-coded, {} to {}: {}{}",
            masculine.len(),
            feminine.len(),
            cx.quote_matches(&masculine, 4),
            if feminine.is_empty() {
                String::new()
            } else {
                format!("; feminine-coded: {}", cx.quote_matches(&feminine, 2))
            }
        );
        let help = "balance the wording: describe how the role collaborates and supports others, and drop agentic filler".to_string();
        Some(cx.at_body(&DOC, masculine[0].span.clone(), message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{analyze, fired};

    #[test]
    fn competence_is_not_compete_and_responsibilities_not_responsive() {
        let doc = "Product Manager\n\nResponsibilities\n- Core competence in discovery; competencies in analytics\n- Responsibilities include the roadmap and its retention metrics\n\nRequirements\n- 3 years of product management experience\n";
        let a = analyze(doc);
        assert!(!a
            .diagnostics
            .iter()
            .any(|d| d.rule == "gender-coded-wording"));
    }

    #[test]
    fn level_vocabulary_and_other_senses_are_not_counted() {
        let doc = "Lead Product Manager\n\nWhat you'll do\n- Lead and grow a team; lead discovery and make decisions independently\n- Be analytical, decide with autonomy and lead through challenging trade-offs\n- Run competitive analysis of the competitive landscape for our competitive advantage\n- Track retention\n\nRequirements\n- 8 years of product management experience\n";
        assert!(!fired(doc).contains(&"gender-coded-wording"));
    }

    #[test]
    fn a_few_masculine_words_in_a_balanced_posting_do_not_fire() {
        let doc = "Product Manager\n\nWhat you'll do\n- Lead discovery, decide what to build and compete in a competitive market\n- Be analytical and independent\n- Be collaborative and supportive, with empathy for customers\n- Track retention\n";
        assert!(!fired(doc).contains(&"gender-coded-wording"));
    }
}
