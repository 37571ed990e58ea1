//! `manager-without-team`: a manager-track posting that never says what team it manages.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::Cue;
use crate::domain::{Target, Track};

pub struct ManagerWithoutTeam;

static DOC: RuleDoc = RuleDoc {
    id: "manager-without-team",
    severity: Severity::Warning,
    category: Category::Consistency,
    status: Status::Stable,
    formerly: &[],
    summary: "A manager-track posting that never says what team the role manages",
    explanation: "A Group PM, Director, VP or CPO is hired to build and run a team (seed 003: \
\"Manage a team of PMs: hiring, performance, development\"; seed 002: coaching takes up to 80% of a \
group PM's time). Fires when the title claims a manager level, or the body reads as one, and the body \
speaks of leading people in general (\"people leader\", \"lead the product team\") but never gives the \
team's scope: how many PMs or reports, hiring, performance reviews, career development or org design. \
Candidates cannot tell a team of two from a team of forty, and it is the first thing a manager asks. \
When the body has no people management at all under a manager title, `title-track-mismatch` fires \
instead; an individual-contributor title whose body manages people is also `title-track-mismatch`, so \
there is no separate rule for it.",
    instead: "Say how many people the role manages and at what levels (\"a team of 5 PMs and 2 \
group PMs\"), whether it hires, and that it runs performance reviews and career development.",
    sources: &[
        "003: Group Product Manager / Product Lead > Core Responsibilities #1; Core Skill Sets #1",
        "002: Coaching and Development; Staffing and Team Building",
        "001: Manager Roles",
    ],
    fires: "Director of Product\n\nWhat you'll do\n- Be a people leader for the product team\n- Oversee multiple product lines and set their strategy and annual plan\n- Partner with sales and engineering leadership on the operating plan\n- Own revenue and retention targets for the portfolio\n\nRequirements\n- 10+ years of product management experience\n",
    clean: "Director of Product\n\nWhat you'll do\n- Lead a team of 6 product managers and 2 group product managers: hiring, performance reviews and career development\n- Oversee multiple product lines and set their strategy and annual plan\n- Partner with sales and engineering leadership on the operating plan\n- Own revenue and retention targets for the portfolio\n\nRequirements\n- 10+ years of product management experience, 4+ years managing product managers\n",
};

/// Whether the classifier read a team size as people-management evidence ("manage 5 PMs", "4
/// direct reports"): the lexicon's team-size patterns give their matches a number.
fn names_a_team_size(cx: &Context<'_>) -> bool {
    const NUMBER_WORDS: [&str; 13] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
        "several", "multiple", "dozen",
    ];
    cx.evidence.iter().any(|e| {
        e.supports == Target::Track(Track::Manager)
            && e.text.split(|c: char| !c.is_alphanumeric()).any(|w| {
                w.bytes().all(|b| b.is_ascii_digit()) && !w.is_empty()
                    || NUMBER_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w))
            })
    })
}

impl Rule for ManagerWithoutTeam {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let title_manager = cx.claimed.track == Some(Track::Manager);
        let body_manager = cx.claimed.track.is_none() && cx.implied.track == Some(Track::Manager);
        // No people management at all under a manager title is `title-track-mismatch`.
        if !(title_manager || body_manager) || cx.totals.net_manager() <= 0.0 {
            return None;
        }
        if cx.cues_in_role_text(Cue::TeamScope).next().is_some() || names_a_team_size(cx) {
            return None;
        }
        let quotes = cx.quote_evidence(|e| e.supports == Target::Track(Track::Manager), 2);
        let message = format!(
            "{} a manager-track role and speaks of leading people ({quotes}), but never says how many people it manages, whether it hires, or that it runs performance reviews",
            if title_manager { "the title claims" } else { "the body reads as" },
        );
        let help = "say how many PMs report to the role and at what levels, and whether it hires and runs performance reviews".to_string();
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    #[test]
    fn an_ic_title_never_fires() {
        let doc = "Senior Product Manager\n\nWhat you'll do\n- Be a people leader in the product team\n- Own the roadmap for checkout and track conversion\n\nRequirements\n- 5 years of product experience\n";
        assert!(!fired(doc).contains(&"manager-without-team"));
    }

    #[test]
    fn a_team_size_or_hiring_is_scope_enough() {
        for scope in [
            "You will have 4 direct reports",
            "Manage 5 product managers",
            "Hire and develop product managers",
            "Run performance reviews and 1:1s",
        ] {
            let doc = format!("Group Product Manager\n\nWhat you'll do\n- Be a people leader for the product team\n- {scope}\n- Own the portfolio roadmap and its retention targets\n\nRequirements\n- 8 years of product experience\n");
            assert!(!fired(&doc).contains(&"manager-without-team"), "{scope}");
        }
    }
}
