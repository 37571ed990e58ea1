//! `title-level-mismatch`: the title claims a level the body does not read as.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::domain::{Level, Target, Track};
use crate::engine::Evidence;
use crate::matcher::Origin;

/// Evidence for the body's reading, summed, at which a mismatch two or more ranks wide is an
/// error: two typical phrases of that level, or one decisive one and a second piece.
const SUFFICIENT_EVIDENCE: f64 = 3.0;

pub struct TitleLevelMismatch;

static DOC: RuleDoc = RuleDoc {
    id: "title-level-mismatch",
    severity: Severity::Error,
    category: Category::Classification,
    status: Status::Stable,
    formerly: &[],
    summary: "The title claims a level that the body's responsibilities and requirements do not read as",
    explanation: "Compares the level the title claims (from the title alone) with the level the body \
implies (from responsibilities, scope, team size, reporting line and years of experience; title \
mentions inside the body do not count). Two or more ranks apart is an error when the body's reading \
rests on enough evidence from at least two lexicon entries and the title's level has little of its \
own, else a warning; one rank apart is a warning, and only when the body's reading is confident \
and rests on evidence of its own, not on the default reading of a body silent on level, and the \
years the body asks for are not the title's (years only break ties, so years that back the title \
leave a one-rank difference to wording). \
The message quotes the evidence for the body's level, strongest first. A mismatch misleads candidates (seed 001: \
roles differ in scope and complexity at every rung) and skews pay bands and pipelines. Either retitle \
the posting or rewrite its body for the level it names.",
    instead: "Use the title of the level the body describes, or describe the scope, decisions and experience of the level the title names.",
    sources: &["001: the ladder (Associate PM to CPO)", "003: each level's Main Focus, Core Responsibilities and Core Skill Sets", "004: Key Differences"],
    fires: "Product Manager\n\nWhat you'll do\n- Lead and grow a team of group product managers and directors\n- Own the P&L and the annual budget for the product organization\n- Design the product org and its team topology\n- Present product strategy to the board and the executive team\n\nRequirements\n- 12+ years of product management experience, 6+ years leading product leaders\n",
    clean: "Product Manager\n\nWhat you'll do\n- Own the roadmap for one product area and write clear requirements\n- Run customer discovery interviews and usability tests\n- Prioritize the backlog with engineering and design\n- Define success metrics and run A/B tests\n\nRequirements\n- 2-4 years of product management experience\n",
};

impl Rule for TitleLevelMismatch {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let claimed = cx.claimed.level?;
        let implied = cx.implied.level?;
        let distance = i16::from(implied.rank()) - i16::from(claimed.rank());
        let supports = |level: Level, e: &Evidence| match e.supports {
            Target::Level(l) => l == level,
            Target::Track(Track::Manager) => level.track() == Track::Manager,
            _ => false,
        };
        let for_implied: Vec<&Evidence> = cx
            .evidence
            .iter()
            .filter(|e| supports(implied, e))
            .collect();
        let severity = match distance.unsigned_abs() {
            0 => return None,
            // One rank off on the prior alone is a body silent on level, not one that argues
            // against its title; two or more ranks off, the title's level has nothing behind it.
            1 if for_implied.is_empty() => return None,
            // Years never decide a reading alone, so a body can read one rank off while the years
            // it asks for are the title's: then they back the title, and the two only disagree
            // on wording ("5+ years" under a senior title that reads as pm).
            1 if cx.evidence.iter().any(|e| {
                matches!(e.origin, Origin::Years(_)) && e.supports == Target::Level(claimed)
            }) =>
            {
                return None
            }
            1 if cx.implied.confidence >= cx.settings.confident => Severity::Warning,
            1 => return None,
            // An error says the title is wrong, and CI fails on it: only when the body's reading
            // stands on enough evidence from independent entries and the title's level has
            // little of its own. Otherwise the mismatch is worth a look, not a failed build.
            _ => {
                let implied_mass: f64 = for_implied.iter().map(|e| e.weight).sum();
                let claimed_mass: f64 = cx
                    .evidence
                    .iter()
                    .filter(|e| supports(claimed, e))
                    .map(|e| e.weight)
                    .sum();
                let mut entries: Vec<_> = for_implied.iter().map(|e| e.origin).collect();
                entries.sort_unstable();
                entries.dedup();
                if entries.len() >= 2
                    && implied_mass >= SUFFICIENT_EVIDENCE
                    && claimed_mass < implied_mass / 2.0
                {
                    Severity::Error
                } else {
                    Severity::Warning
                }
            }
        };
        let direction = if distance > 0 { "higher" } else { "lower" };
        let ranks = if distance.abs() == 1 { "rank" } else { "ranks" };
        // The message quotes what decided: evidence for the implied level only, strongest first.
        let quotes = cx.quote_evidence(|e| supports(implied, e), 3);
        let message = format!(
            "title claims {} ({}, rank {}) but the body reads as {} ({}, rank {}), {} {ranks} {direction}{}",
            claimed.id(),
            claimed.name(),
            claimed.rank(),
            implied.id(),
            implied.name(),
            implied.rank(),
            distance.abs(),
            if quotes.is_empty() { String::new() } else { format!(": {quotes}") },
        );
        let help = format!(
            "retitle the posting for the {} level, or rewrite its responsibilities and requirements for {} role",
            implied.id(),
            claimed.name_with_article()
        );
        Some(cx.at_title(&DOC, severity, message, help))
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::Level;
    use crate::rules::testing::{analyze, fired};

    const SENIOR_BODY: &str = "\nWhat you'll do\n- Set strategy and vision for several complex product areas\n- Mentor other product people and lead through ambiguity\n- Drive cross-team launches\n\nRequirements\n- 5-7 years of product management experience\n";

    #[test]
    fn two_ranks_apart_is_an_error() {
        let a = analyze(&format!("Associate Product Manager\n{SENIOR_BODY}"));
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.rule == "title-level-mismatch");
        let d = d.unwrap_or_else(|| panic!("{:?} {:?}", a.implied, a.diagnostics));
        assert_eq!(d.severity, crate::rules::Severity::Error);
        assert!(
            d.message.contains("title claims associate"),
            "{}",
            d.message
        );
        assert!(d.message.contains("reads as senior"), "{}", d.message);
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
    }

    #[test]
    fn a_body_silent_on_level_argues_against_a_title_only_two_ranks_away() {
        // Specialization evidence and no level evidence: the reading is the prior's, pm.
        let silent = "\n\nWhat you'll do\n- Work on payments, billing and invoicing for healthcare clinics\n- Work on machine learning models that flag fraud\n";
        let a = analyze(&format!("Senior Product Manager{silent}"));
        assert_eq!(a.implied.level, Some(Level::Pm));
        assert!(!fired(&format!("Senior Product Manager{silent}")).contains(&"title-level-mismatch"));
        assert!(fired(&format!("Director of Product{silent}")).contains(&"title-level-mismatch"));
    }

    #[test]
    fn years_that_back_a_title_one_rank_off_leave_it_alone() {
        // Read as pm: the senior years cannot decide alone, but they are the senior title's.
        let body = "\n\nWhat you'll do\n- Own the product roadmap and define success metrics\n- Gather customer feedback\n\nRequirements\n- 5+ years of product management experience\n";
        let a = analyze(&format!("Senior Product Manager{body}"));
        assert_eq!(a.implied.level, Some(Level::Pm));
        assert!(!fired(&format!("Senior Product Manager{body}")).contains(&"title-level-mismatch"));
        // Under an associate title the same years back nothing it claims.
        assert!(fired(&format!("Associate Product Manager{body}")).contains(&"title-level-mismatch"));
    }

    #[test]
    fn the_matching_title_is_clean() {
        let a = analyze(&format!("Senior Product Manager\n{SENIOR_BODY}"));
        assert_eq!(a.implied.level, Some(Level::Senior));
        assert!(!fired(&format!("Senior Product Manager\n{SENIOR_BODY}"))
            .contains(&"title-level-mismatch"));
    }

    #[test]
    fn a_phrase_supporting_two_levels_is_quoted_once() {
        // "12+ years" is evidence for both director and vp (lexicon/experience.json).
        let a = analyze(
            "Associate Product Manager\n\nWhat you'll do\n- Own the P&L and the annual budget for the product organization\n\
             - Design the product org and its team topology\n- Present product strategy to the board\n\n\
             Requirements\n- 12+ years of product management experience\n",
        );
        let supports = a.evidence.iter().filter(|e| e.text == "12+ years").count();
        assert!(supports >= 2, "{:?}", a.evidence);
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.rule == "title-level-mismatch")
            .unwrap_or_else(|| panic!("{:?} {:?}", a.implied, a.diagnostics));
        assert_eq!(
            d.message.matches("\"12+ years\"").count(),
            1,
            "{}",
            d.message
        );
    }

    #[test]
    fn unknown_levels_do_not_fire() {
        assert!(!fired(&format!("Product Ninja\n{SENIOR_BODY}")).contains(&"title-level-mismatch"));
        assert!(!fired("Associate Product Manager\nApply now.").contains(&"title-level-mismatch"));
    }

    #[test]
    fn a_mismatch_resting_on_one_entry_is_a_warning() {
        // Two vp phrases of one entry, each two ranks and more above the title.
        let a = analyze(
            "Associate Product Manager\n\nWhat you'll do\n- Own the P&L for the business\n\
             - Report on the P&L every month\n- Write clear requirements\n",
        );
        if let Some(d) = a
            .diagnostics
            .iter()
            .find(|d| d.rule == "title-level-mismatch")
        {
            assert_eq!(d.severity, crate::rules::Severity::Warning, "{}", d.message);
        }
    }

    #[test]
    fn the_message_quotes_only_evidence_for_the_implied_level() {
        let a = analyze(&format!(
            "Associate Product Manager\n{SENIOR_BODY}- Write user stories\n"
        ));
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.rule == "title-level-mismatch")
            .unwrap_or_else(|| panic!("{:?} {:?}", a.implied, a.diagnostics));
        let implied = a.implied.level.unwrap();
        for e in &a.evidence {
            let quoted = d.message.contains(&format!("\"{}\"", e.text));
            let for_implied = e.supports == crate::domain::Target::Level(implied);
            assert!(
                !quoted || for_implied || e.supports.to_string().starts_with("track:"),
                "{} quotes {:?}",
                d.message,
                e
            );
        }
    }
}
