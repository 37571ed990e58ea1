//! `vague-title`: a title with no word that names a level or a job.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::CueCategory;
use crate::lexicon::TitleKind;

pub struct VagueTitle;

static DOC: RuleDoc = RuleDoc {
    id: "vague-title",
    severity: Severity::Warning,
    category: Category::Role,
    status: Status::Stable,
    formerly: &[],
    summary: "The title has no word that names a level or a job",
    explanation: "A title is the one line every candidate and every job board reads: seed 001 and \
seed 002 name the titles of the ladder (Associate PM to CPO, with their aliases), and job boards file \
a posting by its job noun. \"Product Ninja\" or \"Product Hero\" has neither a level (senior, staff, \
director) nor a word that names a job of any profession (manager, owner, lead, engineer, designer, \
analyst, ...), so searches miss it and readers cannot tell what it is. Words that name a job come \
from the lexicon's title phrases and its `title:*` cues (job nouns and role words). A title that names another job \
(\"Software Engineer\") is not vague; `unrecognized-title` reports that it is not a PM title.",
    instead: "Use a conventional title that names the job and, where it matters, the level: \
\"Product Manager\", \"Senior Product Manager, Payments\".",
    sources: &[
        "001: the ladder and its titles",
        "002: title aliases (Lead PM, Product Group Manager, VP of Product, ...)",
        "lexicon/roles/role-words.json",
    ],
    fires: "Product Hero\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager, Billing\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
};

impl Rule for VagueTitle {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let names_level_or_role = cx
            .claimed
            .matched
            .iter()
            .any(|m| m.kind == TitleKind::Role || m.level.is_some());
        let names_a_job = cx
            .title_cues
            .all()
            .iter()
            .any(|m| m.cue.category() == CueCategory::Title);
        if names_level_or_role || names_a_job {
            return None;
        }
        let message = format!(
            "title \"{}\" has no word that names a level or a job",
            cx.posting.title
        );
        let help = "use a conventional title that names the job and level, e.g. \"Senior Product Manager\"".to_string();
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    fn vague(title: &str) -> bool {
        fired(&format!("{title}\n\nWhat you'll do\n- Own the roadmap\n")).contains(&"vague-title")
    }

    #[test]
    fn titles_without_a_level_or_job_word_are_vague() {
        assert!(vague("Product Ninja"));
        assert!(vague("Growth Wizard"));
        assert!(vague("Happiness Hero"));
    }

    #[test]
    fn titles_that_name_a_job_or_level_are_not() {
        for title in [
            "Product Manager",
            "Senior PM",
            "Software Engineer",
            "Rockstar Product Manager",
            "Head of Product",
            "Product Owner",
        ] {
            assert!(!vague(title), "{title}");
        }
    }
}
