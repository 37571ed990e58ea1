//! `hollow-benefits`: perks stand in for benefits the posting does not name.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueMatch};
use crate::lexicon::SectionKind;

pub struct HollowBenefits;

static DOC: RuleDoc = RuleDoc {
    id: "hollow-benefits",
    severity: Severity::Info,
    category: Category::Wording,
    status: Status::Stable,
    formerly: &[],
    summary: "Perks such as ping-pong and free snacks stand in for benefits the posting does not name",
    explanation: "A ping-pong table or a stocked kitchen is not bad in itself, but when it is all a \
posting offers it often disguises that there are few real benefits (joblint's \"Mention of hollow \
benefits\"). jdlint is stricter about what it flags than joblint: it fires only when the posting \
lists such perks (the lexicon's `wording:hollow-perk` cues, outside the responsibilities and \
requirements, where \"pizza\" may be the product) and names no substantive benefit anywhere: no \
health cover, pension or 401(k), paid or parental leave, equity or learning budget (the \
`posting:substantive-benefit` cues), and no amount of pay. A benefits section that has both is left alone.",
    instead: "Name the benefits that cost you something: health cover, retirement plan, leave, \
equity, the salary range; keep the perks, after them.",
    sources: &[
        "rowanmanning/joblint, lib/rules.js: \"Mention of hollow benefits\"",
        "Vale Joblint style (Benefits)",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n\nPerks\n- Ping-pong and foosball in the office\n- Free snacks every day\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n\nBenefits\n- Salary range $120,000-$140,000 and stock options\n- Health insurance, 401(k) matching and 20 days of paid time off\n- Free snacks every day\n",
};

/// Whether the body states an amount of money ("$120,000", "£55k", "€60.000"): pay is the first
/// substantive benefit.
fn states_pay(body: &str) -> bool {
    body.match_indices(['$', '£', '€']).any(|(at, sign)| {
        body[at + sign.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    })
}

impl Rule for HollowBenefits {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let perks: Vec<&CueMatch> = cx
            .cues_outside_legal(Cue::HollowPerk)
            .filter(|m| {
                !matches!(
                    m.section,
                    SectionKind::Responsibilities
                        | SectionKind::Requirements
                        | SectionKind::NiceToHave
                )
            })
            .collect();
        let first = perks.first()?;
        if cx.cues.of(Cue::SubstantiveBenefit).next().is_some()
            || states_pay(cx.posting.body_text())
        {
            return None;
        }
        let message = format!(
            "offers perks ({}) but names no substantive benefit: no health cover, retirement plan, paid leave, equity or pay",
            cx.quote_matches(&perks, 3)
        );
        let help = "name the benefits that cost the employer something (health cover, leave, retirement, pay) before the perks".to_string();
        Some(cx.at_body(&DOC, first.span.clone(), message, help))
    }
}

#[cfg(test)]
mod tests {
    use super::states_pay;
    use crate::rules::testing::fired;

    #[test]
    fn an_amount_of_pay_is_a_substantive_benefit() {
        assert!(states_pay("Salary: $ 120,000 to $140,000"));
        assert!(states_pay("£55k plus equity"));
        assert!(!states_pay("We raised $ in funding"));
        let doc = "Product Manager\n\nWhat you'll do\n- Own the roadmap and track retention\n\nPerks\n- Pay: €60.000\n- Free snacks\n";
        assert!(!fired(doc).contains(&"hollow-benefits"));
    }
}
