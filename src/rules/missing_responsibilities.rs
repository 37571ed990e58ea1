//! `missing-responsibilities`: no section or list says what the role does.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::lexicon::SectionKind;
use crate::sections::has_list_of;

pub struct MissingResponsibilities;

static DOC: RuleDoc = RuleDoc {
    id: "missing-responsibilities",
    severity: Severity::Warning,
    category: Category::Structure,
    status: Status::Stable,
    formerly: &[],
    summary: "No section or bullet list says what the role does",
    explanation: "Seed 003 describes every level by its core responsibilities and typical day; a \
candidate judges a posting the same way, and so does jdlint, which weighs what the role owns to read \
its level. Fires when the body has no responsibilities heading (\"What you'll do\", \
\"Responsibilities\", \"In this role you will\", ...) and no bullet list whose items mostly start with \
what the role does (\"Own\", \"Lead\", \"Define\", \"Work with\", ...). A posting that is all \
company pitch and requirements leaves candidates guessing what the job is. Silent when the body is \
too short to read at all (`low-evidence` says so), and on text that lost its line breaks (scraped \
job-board text, one long line): its sections and lists cannot be judged.",
    instead: "Add a \"What you'll do\" section: five to eight bullets, each starting with a verb, \
naming what the role owns, decides and delivers.",
    sources: &[
        "003: each level's Core Responsibilities and Typical Activities in the Day",
        "lexicon/sections.json (the responsibilities headings)",
    ],
    fires: "Product Manager\n\nAcme builds invoicing software for small businesses. Our product team owns the roadmap for billing, payments and reporting, and our customers judge us on adoption and retention.\n\nRequirements\n- 3 years of product management experience\n- Experience with customer discovery and prioritization\n- Clear writing\n",
    clean: "Product Manager\n\nAcme builds invoicing software for small businesses.\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and prioritize with engineering and design\n- Track adoption and retention after each release\n\nRequirements\n- 3 years of product management experience\n",
};

/// First words of items that say what the role does.
const DUTY_VERBS: [&str; 83] = [
    "act",
    "advocate",
    "align",
    "analyse",
    "analyze",
    "articulate",
    "assess",
    "balance",
    "build",
    "champion",
    "coach",
    "collaborate",
    "communicate",
    "conduct",
    "contribute",
    "coordinate",
    "create",
    "decide",
    "define",
    "deliver",
    "design",
    "develop",
    "discover",
    "drive",
    "engage",
    "ensure",
    "establish",
    "evaluate",
    "evangelize",
    "execute",
    "explore",
    "facilitate",
    "gather",
    "guide",
    "help",
    "hire",
    "identify",
    "implement",
    "improve",
    "influence",
    "investigate",
    "iterate",
    "launch",
    "lead",
    "maintain",
    "make",
    "manage",
    "measure",
    "mentor",
    "monitor",
    "oversee",
    "own",
    "participate",
    "partner",
    "perform",
    "plan",
    "present",
    "prioritise",
    "prioritize",
    "report",
    "represent",
    "research",
    "responsible",
    "review",
    "run",
    "serve",
    "set",
    "shape",
    "ship",
    "support",
    "synthesize",
    "take",
    "test",
    "track",
    "translate",
    "understand",
    "use",
    "validate",
    "work",
    "write",
    "you",
    "you'll",
    "your",
];

/// Whether a list item starts with a verb of `DUTY_VERBS`, in any of its common forms.
fn is_duty(item: &str) -> bool {
    let first = item
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    // A form of a verb starts with the verb's first letter (every stem has one): the verbs of
    // another first letter are passed over without comparing their forms.
    let Some(&initial) = first.as_bytes().first() else {
        return false;
    };
    (DUTY_VERBS.iter())
        .filter(|verb| verb.as_bytes()[0] == initial)
        .any(|verb| is_form_of(&first, verb))
}

/// `own`: own, owns, owned, owning; `manage`: managed, managing; `run`: running.
fn is_form_of(word: &str, verb: &str) -> bool {
    let stem = verb.strip_suffix('e').unwrap_or(verb);
    let Some(rest) = word.strip_prefix(stem) else {
        return false;
    };
    let doubled = verb
        .chars()
        .next_back()
        .is_some_and(|last| rest.strip_prefix(last) == Some("ing"));
    word == verb || matches!(rest, "s" | "es" | "ed" | "d" | "ing") || doubled
}

impl Rule for MissingResponsibilities {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        cx.implied.level?;
        let has_section = cx
            .sections
            .starts()
            .iter()
            .any(|&(_, kind)| kind == SectionKind::Responsibilities);
        // A flattened body has no lists to tell.
        if has_section
            || cx.bullet_lists().is_none_or(|lists| has_list_of(lists, is_duty))
        {
            return None;
        }
        let message = "no section or bullet list says what the role does (no \"What you'll do\" or \"Responsibilities\")".to_string();
        let help = "add a \"What you'll do\" section: bullets that start with a verb and name what the role owns and delivers".to_string();
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use super::{is_duty, DUTY_VERBS};
    use crate::rules::testing::fired;

    /// `is_duty` passes over the verbs of another first letter: right only if every verb's stem
    /// (the verb without a final "e") has a first letter.
    #[test]
    fn every_duty_verb_has_a_stem() {
        for verb in DUTY_VERBS {
            assert!(!verb.strip_suffix('e').unwrap_or(verb).is_empty(), "{verb}");
        }
    }

    #[test]
    fn duty_items_start_with_a_verb_in_any_form() {
        for item in [
            "Own the roadmap",
            "Owning the roadmap",
            "Leads discovery",
            "Running experiments",
            "Prioritizing the backlog",
            "You'll define the vision",
        ] {
            assert!(is_duty(item), "{item}");
        }
        for item in [
            "5+ years of experience",
            "Strong SQL skills",
            "Bachelor's degree",
        ] {
            assert!(!is_duty(item), "{item}");
        }
    }

    #[test]
    fn an_unheaded_list_of_duties_is_enough() {
        let doc = "Product Manager\n\nJoin Acme to shape billing.\n\n- Own the roadmap for billing\n- Run customer discovery\n- Prioritize with engineering and track retention\n\nRequirements\n- 3 years of product management experience\n";
        assert!(!fired(doc).contains(&"missing-responsibilities"));
    }
}
