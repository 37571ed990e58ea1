//! `not-a-pm-role`: the title says product manager, the body describes another job.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueCategory, CueMatch};
use crate::lexicon::SectionKind;
use std::collections::BTreeMap;
use std::ops::Range;

pub struct NotAPmRole;

static DOC: RuleDoc = RuleDoc {
    id: "not-a-pm-role",
    severity: Severity::Error,
    category: Category::Role,
    status: Status::Preview,
    formerly: &[],
    summary: "The title names a product-management role but the body describes another job",
    explanation: "Product management is deciding what to build and why: discovery, strategy, \
roadmap and prioritization, judged by outcomes (seed 003, Generalist / Core Product Manager; seed \
004 contrasts it with the jobs around it). Titles drift: a project or program manager's job \
(schedules, budgets, delivery governance), a Scrum product owner's (backlog, user stories, sprint \
ceremonies and nothing beyond), a product marketer's (positioning, messaging, launches), an \
engineering manager's, an analyst's (statistics, ad hoc analysis and requirements gathering for \
others), or an engineer's, designer's or tester's job gets posted as \"Product Manager\". The rule weighs the body's cues for each of these jobs (the lexicon's `role:*` cues, in \
the responsibilities and requirements, less in the company pitch, not in legal text), and a \
self-description that names another job (\"we are looking for a QA engineer\", \"as a UI designer, \
you will\", a \"Job title: Delivery Manager\" line) weighs most of all, and one that names a \
product-management job (\"we are looking for a technical product manager\") counts for product management as much as one product cue (a posting re-titled by hand names its job as the title does); these are set against the body's product-management cues, and fires when another job clearly outweighs product management, or merely outweighs it when the body names its job as that one and never as a product-management job (the engineering jobs, engineer, engineering manager and QA engineer, count together against it). The \
wrong title sends the posting to the wrong candidates and the wrong pay band.",
    instead: "Title the posting for the job the body describes (\"Project Manager\", \"Product \
Owner\", \"Product Marketing Manager\", \"Engineering Manager\", \"Product \
Analyst\"), or describe the product work the \
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
const MIN_OTHER: f64 = 3.0;
/// And outweigh the product-management cues this many times.
const RATIO: f64 = 1.75;
/// Or this many times, when the body names its job as that one and never as product management.
const NAMED_RATIO: f64 = 1.0;
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
        Cue::Analytics => "an analyst's",
        _ => "another",
    }
}

/// The engineering jobs, whose cues a body shares out among them: an engineering manager's
/// posting asks for software development and QA too, and an engineer's for engineering practice.
/// Set against product management, they count as one job.
fn is_engineering(cue: Cue) -> bool {
    matches!(
        cue,
        Cue::SoftwareEngineering | Cue::EngineeringManagement | Cue::QualityAssurance
    )
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

/// One piece of evidence for a job: a `role:*` cue, or a self-description naming the job.
struct JobCue {
    job: Cue,
    /// The weight that counts: the lexicon weight, the section factor, repeats counting less.
    weight: f64,
    /// Body bytes.
    span: Range<usize>,
    /// A self-description naming the job, not one of its cues.
    self_description: bool,
}

/// Most words between a self-description and the job noun it introduces ("looking for an
/// experienced, detail-oriented QA engineer" has four).
const SELF_DESCRIPTION_GAP: usize = 4;

/// Words that make the job noun after a self-description someone else ("you will be working
/// closely with the developers", "looking for feedback from designers").
const GAP_STOP_WORDS: [&str; 14] = [
    "with",
    "to",
    "for",
    "of",
    "in",
    "on",
    "at",
    "by",
    "from",
    "and",
    "or",
    "alongside",
    "like",
    "other",
];

/// The job nouns (`title:*` cues) that a self-description introduces: "we are looking for a
/// talented backend engineer", "as a UI designer, you will" (at the start of a sentence, so
/// "experience as a software engineer" is not one), each with the span from the trigger on.
fn self_descriptions<'a>(
    cx: &'a Context<'_>,
) -> impl Iterator<Item = (&'a CueMatch, Cue, Range<usize>)> + 'a {
    let text = cx.normalized.as_str();
    let body = cx.posting.body_text();
    let triggers: Vec<&CueMatch> = cx.cues.of(Cue::SelfDescription).collect();
    cx.cues.all().iter().filter_map(move |noun| {
        let job = noun.cue.role_named()?;
        let i = triggers.partition_point(|t| t.range.end <= noun.range.start);
        let trigger = triggers[..i].last()?;
        let gap = &text[trigger.range.end..noun.range.start];
        let mut words = gap.split_whitespace().map(|w| w.trim_end_matches(','));
        // The word limit first, and counted only up to it: the last trigger before a noun is
        // often far back, and the gap then runs for kilobytes.
        if gap.split_whitespace().nth(SELF_DESCRIPTION_GAP).is_some()
            || gap.contains(['.', ';', ':', '!', '?', '(', ')'])
            || words.any(|w| GAP_STOP_WORDS.contains(&w))
        {
            return None;
        }
        if text[trigger.range.clone()].starts_with("as ") {
            // Read in the body as written: normalized text folds a line break into a space,
            // and a heading's last word is no part of the sentence below it.
            let before = body[..trigger.span.start].trim_end_matches([' ', '\t', '\r']);
            // After a line break, only a capital "As" starts a sentence: text wrapped at a
            // fixed width breaks lines inside sentences too.
            let capital = body[trigger.span.start..].starts_with('A');
            let sentence_start = before.chars().next_back().is_none_or(|c| {
                !(c.is_alphanumeric() || c == ',' || c == '\'' || (c == '\n' && !capital))
            });
            if !sentence_start {
                return None;
            }
        }
        Some((noun, job, trigger.span.start..noun.span.end))
    })
}

/// Each job's weight in the body (outside legal text and boilerplate) and the cues behind it.
fn masses(cx: &Context<'_>) -> (BTreeMap<Cue, f64>, Vec<JobCue>) {
    let text = cx.normalized.as_str();
    // Repeats are counted apart for the two kinds: a self-description ("as the delivery
    // manager, you will") is not a repeat of the same noun used as a cue elsewhere.
    let mut seen: BTreeMap<(bool, &str), i32> = BTreeMap::new();
    let mut mass: BTreeMap<Cue, f64> = BTreeMap::new();
    // Each counted cue is one of the body's cues: room for them all spares the regrowth.
    let mut counted = Vec::with_capacity(cx.cues.all().len());
    let role_cues = cx
        .cues
        .all()
        .iter()
        .filter(|m| m.cue.category() == CueCategory::Role)
        .map(|m| (m, m.cue, m.span.clone(), false));
    let self_described = self_descriptions(cx).map(|(m, job, span)| (m, job, span, true));
    for (m, job, span, self_description) in role_cues.chain(self_described) {
        let factor = section_factor(m.section);
        if factor == 0.0 || cx.cues.in_boilerplate(m.span.start) {
            continue;
        }
        let repeats = seen
            .entry((self_description, &text[m.range.clone()]))
            .or_insert(0);
        let weight = m.weight * factor * REPEAT_DECAY.powi(*repeats);
        *repeats += 1;
        *mass.entry(job).or_default() += weight;
        counted.push(JobCue {
            job,
            weight,
            span,
            self_description,
        });
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
        // The job with the most weight must reach MIN_OTHER on its own; against product
        // management, the engineering jobs count together.
        let against_product: f64 = if is_engineering(other) {
            mass.iter()
                .filter(|(&c, _)| is_engineering(c))
                .map(|(_, &m)| m)
                .sum()
        } else {
            other_mass
        };
        // A body that names its job as another one, and never as product management, needs
        // only to outweigh product management: it has said what it is.
        let named_other = counted.iter().any(|c| c.job == other && c.self_description);
        let named_product = counted
            .iter()
            .any(|c| c.job == Cue::ProductManagement && c.self_description);
        let ratio = if named_other && !named_product {
            NAMED_RATIO
        } else {
            RATIO
        };
        if other_mass < MIN_OTHER || against_product < ratio * product {
            return None;
        }
        let mut strongest: Vec<&JobCue> = counted.iter().filter(|c| c.job == other).collect();
        strongest.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(a.span.start.cmp(&b.span.start))
        });
        // A self-description and the job noun inside it are one place: quoted once.
        let mut quoted: Vec<&Range<usize>> = Vec::new();
        for c in &strongest {
            if quoted.len() == 3 {
                break;
            }
            if !quoted
                .iter()
                .any(|q| q.start < c.span.end && c.span.start < q.end)
            {
                quoted.push(&c.span);
            }
        }
        let quotes: Vec<String> = quoted.iter().map(|span| cx.quote_body(span)).collect();
        let message = format!(
            "the title names a product-management role but the body describes {} job ({}; {:.1} against {:.1} for product management)",
            role_name(other),
            quotes.join(", "),
            against_product,
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
    fn a_self_description_names_the_job_but_a_past_job_does_not() {
        let body = "\n\nWhat you'll do\n- Own the roadmap for search\n\nRequirements\n- 3 years of product management experience\n";
        let hiring =
            format!("Product Manager\n\nWe are looking for an experienced QA engineer.{body}");
        assert!(
            fired(&hiring).contains(&"not-a-pm-role"),
            "{:?}",
            fired(&hiring)
        );
        let initial = format!("Product Manager\n\nAs a UI designer, you will shape our app.{body}");
        assert!(fired(&initial).contains(&"not-a-pm-role"));
        let past = format!("Product Manager\n\nExperience as a software engineer is a plus.{body}");
        assert!(!fired(&past).contains(&"not-a-pm-role"));
        let colleague =
            format!("Product Manager\n\nYou will be working closely with the developers.{body}");
        assert!(!fired(&colleague).contains(&"not-a-pm-role"));
    }

    #[test]
    fn a_body_that_names_its_job_as_another_needs_only_to_outweigh_product_management() {
        // An analyst's job with as much product work beside it as product analysts do: 6.0 for
        // the self-description and 0.5 of analysis against 4.5 of product cues.
        let body = "\n\nWhat you'll do\n- Own the product roadmap with the product team\n- Turn customer needs into product requirements\n- Run statistical analysis of our experiments\n";
        let named = format!("Product Manager\n\nWe are seeking a product analyst.{body}");
        assert!(fired(&named).contains(&"not-a-pm-role"), "{:?}", fired(&named));
        // Named as product management too, it needs the full margin.
        let both = format!(
            "Product Manager\n\nWe are seeking a product analyst. As the product manager, you will lead.{body}"
        );
        assert!(!fired(&both).contains(&"not-a-pm-role"), "{:?}", fired(&both));
    }

    #[test]
    fn as_the_job_under_a_heading_starts_a_sentence_but_a_wrapped_line_does_not() {
        let body = "\n\nWhat you'll do\n- Own the roadmap for search\n\nRequirements\n- 3 years of product management experience\n";
        let headed =
            format!("Product Manager\n\nThe role\n\nAs the QA engineer of our team, you will test.{body}");
        assert!(fired(&headed).contains(&"not-a-pm-role"), "{:?}", fired(&headed));
        let wrapped = format!(
            "Product Manager\n\nYou bring years of experience\nas a QA engineer to the team.{body}"
        );
        assert!(!fired(&wrapped).contains(&"not-a-pm-role"));
    }

    #[test]
    fn a_job_title_line_or_as_the_names_the_job() {
        let body = "\n\nWhat you'll do\n- Own the roadmap for search\n\nRequirements\n- 3 years of product management experience\n";
        let line = format!("Product Manager\n\nJob title: Senior Delivery Manager{body}");
        assert!(fired(&line).contains(&"not-a-pm-role"), "{:?}", fired(&line));
        let as_the = format!("Product Manager\n\nAs the program manager for billing, you will run it.{body}");
        assert!(fired(&as_the).contains(&"not-a-pm-role"), "{:?}", fired(&as_the));
        let own = format!("Product Manager\n\nJob title: Product Manager. As the product manager for search, you will work with our delivery manager.{body}");
        assert!(!fired(&own).contains(&"not-a-pm-role"), "{:?}", fired(&own));
    }

    #[test]
    fn a_body_that_names_its_job_product_manager_counts_as_one_product_cue() {
        // A thin body with a little of another job's work: naming the job "product manager"
        // tips it back.
        let thin = "\n\nRequirements\n- Hands-on incident management and SRE experience\n";
        let unnamed = format!("Product Manager{thin}");
        assert!(fired(&unnamed).contains(&"not-a-pm-role"), "{:?}", fired(&unnamed));
        let named = format!("Product Manager\n\nWe are looking for a product manager for monitoring.{thin}");
        assert!(!fired(&named).contains(&"not-a-pm-role"), "{:?}", fired(&named));
        // A posting re-titled by hand names its job as the title does: the name does not
        // outweigh a body of another job's work.
        let engineering = "\n\nWhat you'll do\n- Review pull requests and code reviews with the developers\n- Keep the CI/CD pipeline and Docker images healthy\n\nRequirements\n- Strong coding skills in Python and Go, and a computer science degree\n- Own the roadmap\n";
        let named = format!("Product Manager\n\nWe are looking for a technical product manager.{engineering}");
        assert!(fired(&named).contains(&"not-a-pm-role"), "{:?}", fired(&named));
    }

    #[test]
    fn a_self_description_is_not_a_repeat_of_the_job_noun_used_elsewhere() {
        // Three earlier mentions of "delivery manager" as a cue would leave a self-description
        // an eighth of its weight if repeats were counted across both kinds.
        let doc = "Product Manager\n\nOur delivery manager guild: every delivery manager pairs with a delivery manager.\n\nJob title: Delivery Manager\n\nWhat you'll do\n- Own the roadmap for search\n- Run discovery with customers\n\nRequirements\n- 3 years of product management experience\n";
        assert!(fired(doc).contains(&"not-a-pm-role"), "{:?}", fired(doc));
    }

    #[test]
    fn an_analysts_body_under_a_pm_title_fires() {
        let doc = "Product Manager\n\nWe are looking for a product analyst to join the growth team.\n\nWhat you'll do\n- Run ad hoc analysis and deep dives on funnel and retention data\n- Build dashboards in Looker and Tableau for the leadership team\n- Apply statistical methods and regression analysis to experiment results\n\nRequirements\n- 3 years of data analysis experience and strong statistics\n";
        assert!(fired(doc).contains(&"not-a-pm-role"), "{:?}", fired(doc));
    }

    #[test]
    fn a_pm_who_reads_data_is_not_an_analyst() {
        let doc = "Product Manager\n\nWhat you'll do\n- Own the product roadmap for checkout and decide what to build next\n- Use dashboards and data analysis with our analysts to prioritize the backlog\n- Write product requirements and track adoption and retention\n\nRequirements\n- 3 years of product management experience; SQL is a plus\n";
        assert!(!fired(doc).contains(&"not-a-pm-role"), "{:?}", fired(doc));
    }

    #[test]
    fn engineering_jobs_count_together_against_product_management() {
        let management = "Product Manager\n\nWhat you'll do\n- Shape our engineering culture and join the on-call rotation\n- Own the roadmap and make product decisions with design\n";
        assert!(!fired(management).contains(&"not-a-pm-role"), "{:?}", fired(management));
        // The same body with an engineer's work beside the engineering manager's.
        let with_code = management.replace(
            "with design\n",
            "with design\n- Take part in code reviews\n",
        );
        assert!(fired(&with_code).contains(&"not-a-pm-role"), "{:?}", fired(&with_code));
    }

    #[test]
    fn only_a_pm_title_is_checked() {
        let doc = "Software Engineer\n\nWhat you'll do\n- Write clean, maintainable code and review pull requests\n- Write unit tests and debug production issues\n";
        assert!(!fired(doc).contains(&"not-a-pm-role"));
    }
}
