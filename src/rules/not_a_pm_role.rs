//! `not-a-pm-role`: the title says product manager, the body describes another job.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueCategory, CueMatch};
use crate::lexicon::SectionKind;
use std::collections::HashMap;

pub struct NotAPmRole;

static DOC: RuleDoc = RuleDoc {
    id: "not-a-pm-role",
    severity: Severity::Error,
    category: Category::Role,
    status: Status::Preview,
    summary: "The title names a product-management role but the body describes another job",
    explanation: "Product management is deciding what to build and why: discovery, strategy, \
roadmap and prioritization, judged by outcomes (seed 003, Generalist / Core Product Manager; seed \
004 contrasts it with the jobs around it). Titles drift: a project or program manager's job \
(schedules, budgets, delivery governance), a Scrum product owner's (backlog, user stories, sprint \
ceremonies and nothing beyond), a product marketer's (positioning, messaging, launches), an \
engineering manager's, or an engineer's, designer's or tester's job gets posted as \"Product \
Manager\". The rule weighs the body's cues for each of these jobs (the lexicon's `role:*` cues, in \
the responsibilities and requirements, not in the company pitch or legal text) against its \
product-management cues, and fires when another job clearly outweighs product management. The \
wrong title sends the posting to the wrong candidates and the wrong pay band.",
    instead: "Title the posting for the job the body describes (\"Project Manager\", \"Product \
Owner\", \"Product Marketing Manager\", \"Engineering Manager\"), or describe the product work the \
role owns: the problems it chooses, the roadmap it sets and the outcomes it answers for.",
    sources: &[
        "003: Generalist / Core Product Manager > Main Focus; Core Skill Sets",
        "004: Product Leader vs Product Manager (the jobs around product management)",
        "lexicon/roles/*.json (the cues of each job)",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- Build project plans and schedules and keep every project on time and within budget\n- Maintain the risk register and send weekly status reports to the steering committee\n- Manage change requests and the statement of work with each client\n\nRequirements\n- PMP or PRINCE2 certification\n- 3 years of project management experience with Gantt charts and MS Project\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the product roadmap for invoicing and decide what to build next\n- Run customer discovery and prioritize the problems worth solving\n- Write PRDs with engineering and design and track adoption and retention\n\nRequirements\n- 3 years of product management experience\n",
};

/// Another job's cues must reach this weight before the body can read as that job.
const MIN_OTHER: f64 = 4.0;
/// And outweigh the product-management cues this many times.
const RATIO: f64 = 2.0;
/// Repeats of one phrase count less each time.
const REPEAT_DECAY: f64 = 0.5;

fn role_name(cue: Cue) -> &'static str {
    match cue {
        Cue::SoftwareEngineering => "a software engineer's",
        Cue::Design => "a designer's",
        Cue::QualityAssurance => "a QA engineer's",
        Cue::ProjectManagement => "a project or program manager's",
        Cue::ProductOwnership => "a Scrum product owner's",
        Cue::ProductMarketing => "a product marketer's",
        Cue::EngineeringManagement => "an engineering manager's",
        _ => "another",
    }
}

/// How much a cue counts in a section. What job a posting is for shows everywhere but in legal
/// text, and more in the parts that describe the role than in the company pitch or the benefits
/// (which scraped postings often run into, their headings lost).
fn section_factor(section: SectionKind) -> f64 {
    match section {
        SectionKind::Legal => 0.0,
        SectionKind::About
        | SectionKind::Benefits
        | SectionKind::Apply
        | SectionKind::NiceToHave => 0.5,
        SectionKind::Preamble
        | SectionKind::Role
        | SectionKind::Responsibilities
        | SectionKind::Requirements => 1.0,
    }
}

/// Each job's cue weight in the body, outside legal text and boilerplate.
fn masses<'a>(cx: &'a Context<'_>) -> (HashMap<Cue, f64>, Vec<&'a CueMatch>) {
    let mut seen: HashMap<&str, i32> = HashMap::new();
    let mut mass: HashMap<Cue, f64> = HashMap::new();
    let mut counted = Vec::new();
    let text = cx.normalized.as_str();
    for m in cx.cues.all() {
        let factor = section_factor(m.section);
        if m.cue.category() != CueCategory::Role
            || factor == 0.0
            || cx.cues.in_boilerplate(m.span.start)
        {
            continue;
        }
        let repeats = seen.entry(&text[m.range.clone()]).or_insert(0);
        let weight = m.weight * factor * REPEAT_DECAY.powi(*repeats);
        *repeats += 1;
        *mass.entry(m.cue).or_default() += weight;
        counted.push(m);
    }
    (mass, counted)
}

impl Rule for NotAPmRole {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        cx.claimed.level?;
        let (mass, counted) = masses(cx);
        let product = mass.get(&Cue::ProductManagement).copied().unwrap_or(0.0);
        let (&other, &other_mass) = mass
            .iter()
            .filter(|(&c, _)| c != Cue::ProductManagement)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))?;
        if other_mass < MIN_OTHER || other_mass < RATIO * product {
            return None;
        }
        let mut strongest: Vec<&CueMatch> =
            counted.into_iter().filter(|m| m.cue == other).collect();
        strongest.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(a.span.start.cmp(&b.span.start))
        });
        let quotes: Vec<String> = strongest
            .iter()
            .take(3)
            .map(|m| cx.quote_body(&m.span))
            .collect();
        let message = format!(
            "the title names a product-management role but the body describes {} job ({}; {:.1} against {:.1} for product management)",
            role_name(other),
            quotes.join(", "),
            other_mass,
            product
        );
        let help = "title the posting for the job the body describes, or describe the product decisions, roadmap and outcomes the role owns".to_string();
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    #[test]
    fn an_engineering_body_under_a_pm_title_fires() {
        let doc = "Product Manager\n\nWe are looking for a talented backend engineer to join us.\n\nWhat you'll do\n- Write clean, maintainable code in Java and Kotlin\n- Take part in code reviews and write unit tests\n- Debug production issues\n\nRequirements\n- A computer science degree and 3 years of software development experience\n";
        assert!(fired(doc).contains(&"not-a-pm-role"), "{:?}", fired(doc));
    }

    #[test]
    fn working_with_other_jobs_is_not_being_them() {
        let doc = "Product Manager\n\nWhat you'll do\n- Own the roadmap and prioritize with engineers, designers and QA\n- Work with product marketing on positioning and launches\n- Write user stories with acceptance criteria for the scrum team\n- Run discovery and A/B tests and track retention\n\nRequirements\n- 4 years of product management experience\n";
        assert!(!fired(doc).contains(&"not-a-pm-role"), "{:?}", fired(doc));
    }

    #[test]
    fn go_to_market_is_not_the_go_language() {
        let doc = "Product Manager\n\nWhat you'll do\n- Own the go-to-market plan with sales and decide what to build next\n- Prioritize the roadmap from customer discovery\n\nRequirements\n- 3 years of product management experience\n";
        assert!(!fired(doc).contains(&"not-a-pm-role"));
    }

    #[test]
    fn only_a_pm_title_is_checked() {
        let doc = "Software Engineer\n\nWhat you'll do\n- Write clean, maintainable code and review pull requests\n- Write unit tests and debug production issues\n";
        assert!(!fired(doc).contains(&"not-a-pm-role"));
    }
}
