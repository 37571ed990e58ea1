//! `missing-requirements`: no section or list says what the role asks of the candidate.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::lexicon::SectionKind;
use crate::sections::has_list_of;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

pub struct MissingRequirements;

static DOC: RuleDoc = RuleDoc {
    id: "missing-requirements",
    severity: Severity::Warning,
    category: Category::Structure,
    status: Status::Stable,
    formerly: &[],
    summary: "No section or bullet list says what the role asks of the candidate",
    explanation: "Each level in seed 003 has its core skill sets, and seed 004 sets levels apart by \
experience and scope; a candidate decides whether to apply from the requirements, and jdlint reads \
the level partly from them (years of experience above all). Fires when the body has no requirements \
or nice-to-have heading (\"Requirements\", \"What you'll bring\", \"About you\", \"Qualifications\", \
...) and no bullet list whose items mostly name experience, skills or knowledge (\"3+ years\", \
\"experience with\", \"strong ... skills\", \"ability to\"). Without them every reader, from the new \
graduate to the director, may think the job is theirs. Silent when the body is too short to read at \
all (`low-evidence` says so), and on text that lost its line breaks (scraped job-board text, one long \
line): its sections and lists cannot be judged.",
    instead: "Add a \"What you'll bring\" section: the experience (in years and kind), skills and \
knowledge the role needs, and a separate \"Nice to have\" for the rest.",
    sources: &[
        "003: each level's Core Skill Sets",
        "004: Key Differences (experience and scope by level)",
        "lexicon/sections.json (the requirements headings)",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and prioritize with engineering and design\n- Track adoption and retention after each release\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and prioritize with engineering and design\n- Track adoption and retention after each release\n\nWhat you'll bring\n- 3 years of product management experience\n- Experience running discovery interviews\n- Clear, concise writing\n",
};

/// Words of items that ask something of the candidate.
const REQUIREMENT_WORDS: [&str; 41] = [
    "ability",
    "able to",
    "bachelor",
    "background",
    "capable",
    "certification",
    "comfortable",
    "curious",
    "degree",
    "demonstrated",
    "detail-oriented",
    "eager",
    "excellent",
    "excited",
    "experience",
    "experienced",
    "expertise",
    "familiar",
    "familiarity",
    "fluency",
    "fluent",
    "good at",
    "great at",
    "knowledge",
    "master's",
    "mba",
    "organised",
    "organized",
    "passion",
    "passionate",
    "proficiency",
    "proficient",
    "proven",
    "skilled",
    "skills",
    "strong",
    "track record",
    "understanding of",
    "year",
    "years",
    "you have",
];

/// Whether a list item asks something of the candidate: it holds a requirement word, whole. The
/// words are found in one pass, not one search each.
fn is_requirement(item: &str) -> bool {
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(REQUIREMENT_WORDS)
            .expect("requirement words build an automaton")
    });
    WORDS.find_overlapping_iter(item).any(|m| {
        let before = item[..m.start()].chars().next_back();
        let after = item[m.end()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Rule for MissingRequirements {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        cx.implied.level?;
        let has_section =
            cx.sections.starts().iter().any(|&(_, kind)| {
                matches!(kind, SectionKind::Requirements | SectionKind::NiceToHave)
            });
        // A flattened body has no lists to tell.
        if has_section
            || cx.bullet_lists().is_none_or(|lists| has_list_of(lists, is_requirement))
        {
            return None;
        }
        let message = "no section or bullet list says what the role asks of the candidate (no \"Requirements\" or \"What you'll bring\")".to_string();
        let help = "add a \"What you'll bring\" section: the experience, skills and knowledge the role needs".to_string();
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use super::is_requirement;
    use crate::rules::testing::fired;

    #[test]
    fn requirement_items_name_experience_skills_or_knowledge() {
        for item in [
            "3+ years in product",
            "Strong SQL skills",
            "Experience with B2B",
            "Familiarity with APIs",
        ] {
            assert!(is_requirement(item), "{item}");
        }
        for item in ["Own the roadmap", "Run strongholds", "Partner with sales"] {
            assert!(!is_requirement(item), "{item}");
        }
    }

    #[test]
    fn an_unheaded_list_of_requirements_is_enough() {
        let doc = "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing\n- Run customer discovery and track retention\n\nIf this sounds like you:\n- 3 years of product management experience\n- Strong written communication skills\n- Experience with B2B software\n";
        assert!(!fired(doc).contains(&"missing-requirements"));
    }
}
