//! `missing-success-metrics`: nothing says how the role's success is measured.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::Cue;

pub struct MissingSuccessMetrics;

static DOC: RuleDoc = RuleDoc {
    id: "missing-success-metrics",
    severity: Severity::Info,
    category: Category::Structure,
    status: Status::Stable,
    formerly: &[],
    summary: "The posting names no metric or outcome the role is judged by",
    explanation: "Every specialization in seed 003 comes with its Typical Metrics: activation and \
retention for growth, SLOs and internal adoption for platform, data freshness for data, model quality \
for AI/ML, validated assumptions for zero-to-one. A product manager is judged by outcomes, not \
output; a posting that names none (no metric, KPI, OKR or outcome anywhere outside legal text) \
suggests a feature-factory role and tells candidates nothing about what success looks like. The \
lexicon's `posting:success-metric` cues list what counts. Silent when the body is too short to read \
at all (`low-evidence` says so).",
    instead: "Say what the role will be judged by: the metrics it owns (activation, retention, \
conversion, NPS, uptime, adoption) or the outcomes expected in its first year.",
    sources: &[
        "003: Specialization / Focus Area > Typical Metrics (all eight specializations)",
        "003: Product Manager (mid-level) > Core Responsibilities (define success metrics)",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and prioritize with engineering and design\n- Write clear specs and release notes\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and prioritize with engineering and design\n- Own the billing conversion rate and involuntary churn\n\nRequirements\n- 3 years of product management experience\n",
};

impl Rule for MissingSuccessMetrics {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        cx.implied.level?;
        if cx.cues_outside_legal(Cue::SuccessMetric).next().is_some() {
            return None;
        }
        let message = "names no metric or outcome the role is judged by".to_string();
        let help = "say which metrics or outcomes the role owns (e.g. activation, retention, conversion, adoption, uptime)".to_string();
        Some(cx.at_title(&DOC, DOC.severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    #[test]
    fn a_metric_in_legal_text_does_not_count() {
        let doc = "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing\n- Run customer discovery\n\nRequirements\n- 3 years of product management experience\n\nEqual opportunity\nWe track the diversity metrics of our hiring.\n";
        assert!(fired(doc).contains(&"missing-success-metrics"));
    }
}
