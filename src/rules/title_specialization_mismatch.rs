//! `title-specialization-mismatch`: the title names a specialization the body barely mentions.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::domain::{Specialization, Target};

pub struct TitleSpecializationMismatch;

static DOC: RuleDoc = RuleDoc {
    id: "title-specialization-mismatch",
    severity: Severity::Warning,
    category: Category::Classification,
    status: Status::Stable,
    formerly: &[],
    summary: "The title names a specialization that the body is not about",
    explanation: "Seed 003 describes eight specializations, each judged by its own metrics (growth by \
activation, retention and CAC/LTV; data by freshness, lineage and adoption of data tools; and so on). \
When the title names one (\"Product Manager, Growth\") but the body has little of its vocabulary and \
reads clearly as another, candidates with the wrong skills apply. Fires only when the title names a \
specialization, the body's primary specialization is a different one, and the named one has under a \
tenth of the body's specialization evidence. A title that names two (\"Product Manager, Health \
Platform\") is read as either: the body may be about one of them.",
    instead: "Name the specialization the body describes, or describe the named one's work: its questions, skills and the metrics it is judged by.",
    sources: &["003: Specialization / Focus Area (eight specializations, their focus, skills and Typical Metrics)"],
    fires: "Product Manager, Growth\n\nWhat you'll do\n- Own the data platform: pipelines, schemas and the metrics layer\n- Improve data quality, lineage and governance\n- Grow adoption of self-serve analytics and BI tools\n- Work with data engineers and analysts on ETL\n\nRequirements\n- 3 years of experience, SQL fluency\n",
    clean: "Product Manager, Growth\n\nWhat you'll do\n- Own activation and retention across the funnel\n- Design and run A/B tests on onboarding and paywalls\n- Work with lifecycle marketing on referral loops\n- Track CAC, LTV and conversion\n\nRequirements\n- 3 years of experience in growth\n",
};

impl Rule for TitleSpecializationMismatch {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let implied = cx.implied.specialization?;
        // A title may name two ("Product Manager, Health Platform"): the body may read as either.
        let claimed: Vec<Specialization> = cx
            .claimed
            .specializations()
            .into_iter()
            .filter(|&s| s != Specialization::Core)
            .collect();
        if claimed.is_empty() || implied == Specialization::Core || claimed.contains(&implied) {
            return None;
        }
        let share = |s: &Specialization| {
            cx.implied
                .specialization_scores
                .get(s)
                .copied()
                .unwrap_or(0.0)
        };
        if claimed.iter().any(|s| share(s) >= 0.1) {
            return None;
        }
        let ids: Vec<&str> = claimed.iter().map(|s| s.id()).collect();
        let named = match ids.as_slice() {
            [one] => format!("the {one} specialization"),
            _ => format!("the {} specializations", ids.join(" and ")),
        };
        let quotes = cx.quote_evidence(|e| e.supports == Target::Specialization(implied), 3);
        let message = format!(
            "title names {named} but the body reads as {}: {quotes}",
            implied.id()
        );
        let help = format!(
            "retitle the posting for {}, or describe the {} work the role does (its metrics and skills)",
            implied.id(),
            ids.join(" or ")
        );
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    #[test]
    fn a_title_naming_two_specializations_fires_only_when_the_body_is_neither() {
        let body = "What you'll do\n- Own the data platform: pipelines, schemas and the metrics layer\n- Improve data quality, lineage and governance\n- Grow adoption of self-serve analytics and BI tools\n- Work with data engineers and analysts on ETL\n\nRequirements\n- 3 years of experience, SQL fluency\n";
        let both = format!("Product Manager, Growth Data\n\n{body}");
        assert!(!fired(&both).contains(&"title-specialization-mismatch"));
        let neither = format!("Product Manager, Growth Payments\n\n{body}");
        let diagnostics = crate::rules::testing::analyze(&neither).diagnostics;
        let d = diagnostics
            .iter()
            .find(|d| d.rule == "title-specialization-mismatch")
            .expect("fires when the body is neither");
        assert!(
            d.message
                .starts_with("title names the growth and domain specializations but the body reads as data"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_title_without_a_specialization_never_fires() {
        let doc = "Product Manager\n\nWhat you'll do\n- Own the data platform: pipelines, schemas and the metrics layer\n- Improve data quality, lineage and governance\n\nRequirements\n- 3 years of experience\n";
        assert!(!fired(doc).contains(&"title-specialization-mismatch"));
    }
}
