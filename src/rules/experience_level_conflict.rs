//! `experience-level-conflict`: the years of experience asked for contradict the level.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::Cue;
use crate::domain::{Level, Target};
use crate::matcher::Origin;
use std::ops::Range;

pub struct ExperienceLevelConflict;

static DOC: RuleDoc = RuleDoc {
    id: "experience-level-conflict",
    severity: Severity::Warning,
    category: Category::Consistency,
    status: Status::Stable,
    formerly: &[],
    summary: "The years of experience asked for contradict the level of the title or an entry-level promise",
    explanation: "Reads the largest years-of-experience requirement in the responsibilities and \
requirements (\"8+ years\", \"1-2 years\") and places it on the ladder with the lexicon's experience \
bands (seed 004, Key Differences: the path from APM to CPO takes a decade or more). It fires when that \
is three or more ranks from the level the title claims (an Associate PM asking for 8+ years, a \
Director asking for 1-2), or from entry level when the body calls the role entry-level, for new \
graduates or interns and also asks for 10+ years. Such a posting either scares off the people it is \
for or attracts the wrong ones, and it usually means a template was reused without being read. Years \
in the company pitch (\"founded 12 years ago\"), in benefits or in legal text do not count.",
    instead: "Ask for the experience the level needs (seed 001 and 004: 0-2 years for an associate, \
several for a senior PM, a decade or more for a director), or retitle the role for the experience \
you ask for.",
    sources: &[
        "004: Key Differences #8 (years of experience along the career path)",
        "001: Associate Product Manager (APM); Director of Product",
        "lexicon/experience.json (the experience bands)",
    ],
    fires: "Associate Product Manager\n\nWhat you'll do\n- Write user stories and acceptance criteria for one product area\n- Help run customer interviews and usability tests\n- Track feature adoption and retention after each release\n\nRequirements\n- 8+ years of product management experience\n",
    clean: "Associate Product Manager\n\nWhat you'll do\n- Write user stories and acceptance criteria for one product area\n- Help run customer interviews and usability tests\n- Track feature adoption and retention after each release\n\nRequirements\n- 0-2 years of experience in product, design, engineering or analytics\n- Curiosity about customers and clear writing\n",
};

/// Ranks apart at which the years contradict the level: two ranks is a stretch some ladders make
/// (an associate at 3-4 years), three is not.
const CONFLICT_RANKS: u8 = 3;

impl Rule for ExperienceLevelConflict {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        let (years, span) = largest_years(cx)?;
        let quoted = cx.quote_body(&span);
        // The band level nearest the one compared with: the benefit of the doubt where bands
        // overlap (4 years reads as pm or senior).
        let nearest = |to: Level| {
            cx.lexicon
                .bands
                .iter()
                .filter(|b| b.years.contains(&years))
                .filter_map(|b| match b.signal.supports {
                    Target::Level(l) => Some(l),
                    _ => None,
                })
                .min_by_key(|l| l.rank().abs_diff(to.rank()))
        };
        if let Some(claimed) = cx.claimed.level {
            let band = nearest(claimed)?;
            if band.rank().abs_diff(claimed.rank()) >= CONFLICT_RANKS {
                let message = format!(
                    "asks for {years}+ years of experience ({quoted}), which is {} experience, but the title claims {} ({}, rank {})",
                    band.name(),
                    claimed.id(),
                    claimed.name(),
                    claimed.rank()
                );
                let help = format!(
                    "ask for the experience {} role needs, or retitle the posting for {years}+ years",
                    claimed.name_with_article()
                );
                return Some(cx.at_body(&DOC, span, message, help));
            }
        }
        let entry = cx.cues_in_role_text(Cue::EntryLevel).find(|m| {
            cx.lexicon
                .negations
                .negate_at(cx.normalized.as_str(), m.range.start)
                .is_none()
        })?;
        let band = nearest(Level::Associate)?;
        (band.rank().abs_diff(Level::Associate.rank()) >= CONFLICT_RANKS).then(|| {
            let message = format!(
                "calls the role {} but asks for {years}+ years of experience ({quoted})",
                cx.quote_body(&entry.span)
            );
            let help =
                "drop the entry-level wording, or ask for the 0-2 years an entry-level role needs"
                    .to_string();
            cx.at_body(&DOC, span, message, help)
        })
    }
}

/// The years-of-experience requirement the classifier counted (the largest one outside the
/// company pitch, benefits and legal text), with its body span: the evidence an experience band
/// gave it (known by its origin, whatever the band cites), which starts with the number ("5+
/// years", "five (5) or more years").
fn largest_years(cx: &Context<'_>) -> Option<(u32, Range<usize>)> {
    let evidence = cx
        .evidence
        .iter()
        .find(|e| matches!(e.supports, Target::Level(_)) && matches!(e.origin, Origin::Years(_)))?;
    // "In the past 35 years we have accumulated more experience" is the company's history.
    let before = cx.posting.text[..evidence.span.start].trim_end();
    // Compared as bytes: the text before may end in any character, not only on a boundary
    // that a slice of `w.len()` bytes would fall on.
    let history = ["past", "last", "for over", "since"].iter().any(|w| {
        before.len() >= w.len()
            && before.as_bytes()[before.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    });
    if history {
        return None;
    }
    let years = leading_number(&evidence.text)?;
    let body_start = cx.posting.body.start;
    Some((
        years,
        evidence.span.start - body_start..evidence.span.end - body_start,
    ))
}

/// The number a text starts with, in digits or words.
fn leading_number(text: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?;
    first.parse().ok().or_else(|| {
        WORDS
            .iter()
            .position(|w| w.eq_ignore_ascii_case(first))
            .map(|i| i as u32 + 1)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn history_check_does_not_split_a_character_before_the_years() {
        let posting = crate::Posting::new(
            crate::Source::default(),
            "Associate Product Manager",
            "\u{1E290}  \u{1D300} 000\u{3A3}\u{1FF2}\u{1A60} 0+ years of product management experience",
        );
        // Panicked once (found by tests/it/properties.rs): a byte slice before "0+" fell inside a
        // multi-byte character.
        let _ = crate::Engine::new().analyze(&posting);
    }

    use crate::rules::testing::fired;

    const BODY: &str = "\nWhat you'll do\n- Own the roadmap for the billing area and write clear specs\n- Run discovery with customers and track retention\n\nRequirements\n";

    fn conflict(title: &str, requirement: &str) -> bool {
        fired(&format!("{title}\n{BODY}- {requirement}\n")).contains(&"experience-level-conflict")
    }

    #[test]
    fn a_band_is_known_by_its_origin_not_by_what_it_cites() {
        // Every band citing what a level signal cites: the rule still reads the years.
        let mut lexicon = crate::lexicon::Lexicon::embedded().unwrap();
        let cited = lexicon.signals[0].value.source.clone();
        for band in &mut lexicon.experience {
            band.value.source = cited.clone();
        }
        let engine = crate::Engine::from_lexicon(&lexicon);
        let posting = crate::Posting::from_document(
            crate::Source::default(),
            format!(
                "Associate Product Manager\n{BODY}- 8+ years of product management experience\n"
            ),
            None,
        )
        .unwrap();
        let fired: Vec<_> = engine
            .analyze(&posting)
            .diagnostics
            .iter()
            .map(|d| d.rule)
            .collect();
        assert!(fired.contains(&"experience-level-conflict"), "{fired:?}");
    }

    #[test]
    fn years_three_ranks_from_the_title_conflict() {
        assert!(conflict(
            "Associate Product Manager",
            "8+ years of product management experience"
        ));
        assert!(conflict(
            "Director of Product",
            "1-2 years of product experience"
        ));
        assert!(conflict("Chief Product Officer", "3 years of experience"));
    }

    #[test]
    fn years_near_the_title_do_not() {
        assert!(!conflict(
            "Associate Product Manager",
            "1-2 years of experience"
        ));
        assert!(!conflict(
            "Associate Product Manager",
            "3+ years of experience"
        ));
        assert!(!conflict("Director of Product", "10+ years of experience"));
        assert!(!conflict(
            "Senior Product Manager",
            "5+ years of experience"
        ));
    }

    #[test]
    fn entry_level_beside_a_decade_conflicts() {
        let doc = format!(
            "Senior Product Manager\n\nThis is an entry-level role.\n{BODY}- 10+ years of product experience\n"
        );
        assert!(fired(&doc).contains(&"experience-level-conflict"));
        let negated = format!(
            "Senior Product Manager\n\nThis is not an entry-level role.\n{BODY}- 10+ years of product experience\n"
        );
        assert!(!fired(&negated).contains(&"experience-level-conflict"));
    }

    #[test]
    fn reads_the_leading_number_in_digits_or_words() {
        assert_eq!(super::leading_number("5+ years"), Some(5));
        assert_eq!(super::leading_number("Five (5) or more years"), Some(5));
        assert_eq!(super::leading_number("10-12 years"), Some(10));
        assert_eq!(super::leading_number("years"), None);
    }

    #[test]
    fn the_companys_history_is_not_a_requirement() {
        let doc = format!("Associate Product Manager\n\nIn the past 35 years we have accumulated more experience with banks than anyone.\n{BODY}- 1 year of experience\n");
        assert!(!fired(&doc).contains(&"experience-level-conflict"));
    }

    #[test]
    fn years_outside_the_requirements_do_not_count() {
        let doc = format!(
            "Associate Product Manager\n\nAbout us\nWe have served customers for 25 years of experience in retail.\n{BODY}- 1 year of experience\n"
        );
        assert!(!fired(&doc).contains(&"experience-level-conflict"));
    }
}
