//! `mixed-level-signals`: strong evidence for levels three or more ranks apart in one body.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::domain::{Level, Target};
use crate::engine::Evidence;

pub struct MixedLevelSignals;

static DOC: RuleDoc = RuleDoc {
    id: "mixed-level-signals",
    severity: Severity::Warning,
    category: Category::Consistency,
    status: Status::Preview,
    formerly: &[],
    summary: "The body holds strong evidence for levels three or more ranks apart",
    explanation: "Seed 003 describes each level by its own scope: an associate works \"under the \
guidance of senior PMs\" on well-defined problems, a director or CPO owns the P&L, designs the \
organization and reports to the board. A body that asks for both describes two jobs, usually a senior \
posting pasted over a junior one or the reverse, and candidates of neither level know whether to \
apply. Only strong evidence counts (phrases the lexicon weighs 1.5 or more, after the weight of their \
section), at least two units of it at each end; common PM vocabulary, which every level shares, \
never does. The classifier still reads one level (the weighted median); this rule says the body \
argues with itself.",
    instead: "Describe one level: keep the scope, autonomy and stakeholders of the level you are \
hiring for and drop the phrases of the other.",
    sources: &[
        "003: Associate / Junior Product Manager > Main Focus; Director / VP of Product / Chief Product Officer > Core Responsibilities",
        "001: the ladder (each level's scope)",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- Work under the guidance of experienced product people on well-defined tasks\n- Own the P&L for the product line and present to the board of directors\n- Track feature adoption and retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for one product area and write clear requirements\n- Run customer discovery interviews and usability tests\n- Track feature adoption and retention\n\nRequirements\n- 3 years of product management experience\n",
};

/// A piece of evidence this heavy (after its section factor) is strong, not shared vocabulary.
const STRONG_WEIGHT: f64 = 1.5;
/// Strong evidence a level needs before it counts as one end of the conflict.
const STRONG_MASS: f64 = 2.0;
/// Ranks apart that make two readings contradictory rather than neighbouring.
const APART: u8 = 3;

fn level_of(e: &Evidence) -> Option<Level> {
    match e.supports {
        Target::Level(l) if e.weight >= STRONG_WEIGHT => Some(l),
        _ => None,
    }
}

impl Rule for MixedLevelSignals {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let mut mass = [0.0f64; 8];
        for e in cx.evidence {
            if let Some(l) = level_of(e) {
                mass[l as usize] += e.weight;
            }
        }
        let strong: Vec<Level> = Level::ALL
            .into_iter()
            .filter(|&l| mass[l as usize] >= STRONG_MASS)
            .collect();
        let low = *strong.first()?;
        let high = *strong.iter().max_by_key(|l| l.rank())?;
        if high.rank() - low.rank() < APART {
            return None;
        }
        let low_quotes = cx.quote_evidence(|e| level_of(e) == Some(low), 2);
        let high_quotes = cx.quote_evidence(|e| level_of(e) == Some(high), 2);
        let first = cx
            .evidence
            .iter()
            .filter(|e| level_of(e).is_some_and(|l| l == low || l == high))
            .min_by_key(|e| e.span.start)?;
        let message = format!(
            "the body argues for {} ({low_quotes}) and for {} ({high_quotes}), {} ranks apart",
            low.name(),
            high.name(),
            high.rank() - low.rank()
        );
        let help = "describe one level: keep the scope of the level you are hiring for and drop the other's".to_string();
        let span = first.span.start - cx.posting.body.start..first.span.end - cx.posting.body.start;
        Some(cx.at_body(&DOC, span, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    #[test]
    fn neighbouring_levels_do_not_fire() {
        let doc = "Senior Product Manager\n\nWhat you'll do\n- Mentor other product people and lead through ambiguity\n- Own the strategy for several complex product areas\n- Define the long-term vision and multi-year strategy for the platform\n\nRequirements\n- 6 years of product experience\n";
        assert!(!fired(doc).contains(&"mixed-level-signals"));
    }

    #[test]
    fn distant_levels_in_the_about_section_do_not_count() {
        let doc = "Associate Product Manager\n\nAbout us\nOur founders report to the board of directors and present to investors.\n\nWhat you'll do\n- Work under the guidance of experienced product people on well-defined tasks\n- Write user stories\n\nRequirements\n- 0-2 years of experience\n";
        assert!(!fired(doc).contains(&"mixed-level-signals"));
    }
}
