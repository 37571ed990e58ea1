//! `title-track-mismatch`: an IC title whose body manages people, or a manager title whose body
//! manages no one.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::domain::{Target, Track};

pub struct TitleTrackMismatch;

static DOC: RuleDoc = RuleDoc {
    id: "title-track-mismatch",
    severity: Severity::Warning,
    category: Category::Classification,
    status: Status::Stable,
    formerly: &[],
    summary: "An individual-contributor title with people-management duties, or a manager title with none",
    explanation: "The ladder has two tracks (seed 001): individual contributors (associate to \
principal/staff) influence without authority, managers (group PM and up) hire, develop and \
performance-manage PMs (seed 003: Group Product Manager, \"Manage a team of PMs: hiring, \
performance, development\"). A Staff or Principal title over a body that asks for direct reports \
hides a management job; a Group PM or Director title over a body with no team to manage promises \
one that does not exist. Negated phrases (\"no direct reports\") count as IC evidence.",
    instead: "For a manager title, say whom the role manages (how many PMs, hiring, performance reviews); for an individual-contributor title, drop the people management or say it has none.",
    sources: &["001: Individual Contributor Roles; Manager Roles", "003: Group Product Manager / Product Lead > Core Skill Sets", "003: Lead / Principal / Staff Product Manager > Main Focus"],
    fires: "Principal Product Manager\n\nWhat you'll do\n- Manage a team of 5 product managers, with hiring and performance reviews\n- Coach your direct reports and grow their careers\n- Set strategy across several product lines\n\nRequirements\n- 8+ years of product management experience\n",
    clean: "Principal Product Manager\n\nWhat you'll do\n- This is an individual contributor role with no direct reports\n- Coach other product people without managing them\n- Set strategy across several product lines and own their adoption metrics\n\nRequirements\n- 8+ years of product management experience\n",
};

impl Rule for TitleTrackMismatch {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let claimed_level = cx.claimed.level?;
        cx.implied.level?;
        let managing = cx.totals.net_manager();
        let (message, help) = match claimed_level.track() {
            Track::Ic if managing >= cx.settings.track_mismatch_evidence => {
                let quotes = cx.quote_evidence(|e| e.supports == Target::Track(Track::Manager), 3);
                (
                    format!(
                        "title claims an individual-contributor level ({}) but the body asks for people management: {quotes}",
                        claimed_level.id()
                    ),
                    "use a manager title (group product manager or above), or drop the people-management duties".to_string(),
                )
            }
            // Net of IC evidence: "no direct reports" outweighs a stray management phrase.
            Track::Manager if managing <= 0.0 => (
                format!(
                    "title claims a manager level ({}) but the body describes no people management (no team size, hiring or performance management){}",
                    claimed_level.id(),
                    match cx.quote_evidence(|e| e.supports == Target::Track(Track::Ic), 2) {
                        q if q.is_empty() => String::new(),
                        q => format!(" and reads as an individual contributor's: {q}"),
                    }
                ),
                "say whom the role manages (how many PMs, hiring, performance reviews), or use an individual-contributor title".to_string(),
            ),
            _ => return None,
        };
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    #[test]
    fn a_manager_title_over_an_ic_body_fires() {
        let doc = "Group Product Manager\n\nWhat you'll do\n- Own the roadmap for the checkout area\n- Write specs and prioritize the backlog\n- Run experiments with engineering\n- Handle ambiguity and mentor others\n\nRequirements\n- 6 years of product experience\n";
        assert!(
            fired(doc).contains(&"title-track-mismatch"),
            "{:?}",
            fired(doc)
        );
    }

    #[test]
    fn negated_people_management_does_not_fire_on_an_ic_title() {
        let doc = "Staff Product Manager\n\nWhat you'll do\n- This role has no direct reports and no people management\n- Coach others without managing them\n- Drive architecture and platform-level changes across the org\n\nRequirements\n- 9 years of product experience\n";
        assert!(
            !fired(doc).contains(&"title-track-mismatch"),
            "{:?}",
            fired(doc)
        );
    }
}
