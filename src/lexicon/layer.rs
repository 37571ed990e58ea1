//! Layering: a user's lexicon over the default, each overlay entry replacing the base's use of
//! the phrases it repeats.

use super::{Lexicon, Located};
use crate::normalize::normalize_term;

impl Lexicon {
    /// Layers `overlay` on `self`. An overlay term, title phrase, heading or pattern that the base
    /// already has replaces the base's use of it (that is how a company re-weights or remaps);
    /// overlay experience bands, when there are any, replace the base's bands.
    pub fn overlay(mut self, overlay: Lexicon) -> Lexicon {
        merge_phrases(
            &mut self.signals,
            overlay.signals,
            |s| &mut s.terms,
            |_| false,
        );
        merge_phrases(
            &mut self.titles,
            overlay.titles,
            |t| &mut t.phrases,
            |_| false,
        );
        self.frames.extend(overlay.frames);
        // An entry whose headings the overlay all repeats keeps its openers.
        merge_phrases(
            &mut self.sections,
            overlay.sections,
            |s| &mut s.headings,
            |s| !s.openers.is_empty(),
        );

        self.patterns.retain(|p| {
            !overlay
                .patterns
                .iter()
                .any(|o| o.value.pattern == p.value.pattern)
        });
        self.patterns.extend(overlay.patterns);
        self.pattern_regexes.extend(overlay.pattern_regexes);

        if !overlay.experience.is_empty() {
            self.experience = overlay.experience;
        }
        self.negations.extend(overlay.negations);
        self.company_voice.extend(overlay.company_voice);

        // A term keeps one cue per category: the overlay's, when it repeats one.
        let overridden: std::collections::HashSet<(crate::cues::CueCategory, String)> = overlay
            .cues
            .iter()
            .flat_map(|o| {
                let category = o.value.cue.category();
                o.value
                    .terms
                    .iter()
                    .map(move |t| (category, normalize_term(t)))
            })
            .collect();
        self.cues.retain_mut(|entry| {
            let category = entry.value.cue.category();
            entry
                .value
                .terms
                .retain(|t| !overridden.contains(&(category, normalize_term(t))));
            !entry.value.terms.is_empty()
                || !entry.value.patterns.is_empty()
                || !entry.value.frames.is_empty()
        });
        self.cues.extend(overlay.cues);

        // An overlay check replaces the base's of the same id, and takes its phrases from any
        // other base check: a phrase is flagged by one check.
        let taken: std::collections::HashSet<String> = overlay
            .checks
            .iter()
            .flat_map(|o| {
                o.value
                    .phrases()
                    .into_iter()
                    .map(|(p, _)| normalize_term(p))
            })
            .collect();
        self.checks.retain_mut(|base| {
            if overlay.checks.iter().any(|o| o.value.id == base.value.id) {
                return false;
            }
            let entry = &mut base.value;
            entry.terms.retain(|t| !taken.contains(&normalize_term(t)));
            entry
                .swap
                .retain(|p, _| !taken.contains(&normalize_term(p)));
            !entry.terms.is_empty() || !entry.swap.is_empty() || !entry.cues.is_empty()
        });
        self.checks.extend(overlay.checks);
        self
    }
}

/// Appends `overlay` to `base`, first removing from `base` every phrase the overlay also has
/// (compared normalized) and the entries that leaves empty, unless `holds_more` says an entry
/// holds something else.
fn merge_phrases<T>(
    base: &mut Vec<Located<T>>,
    mut overlay: Vec<Located<T>>,
    phrases: impl Fn(&mut T) -> &mut Vec<String>,
    holds_more: impl Fn(&T) -> bool,
) {
    let overridden: std::collections::HashSet<String> = overlay
        .iter_mut()
        .flat_map(|o| {
            phrases(&mut o.value)
                .iter()
                .map(|p| normalize_term(p))
                .collect::<Vec<_>>()
        })
        .collect();
    base.retain_mut(|entry| {
        let list = phrases(&mut entry.value);
        list.retain(|p| !overridden.contains(&normalize_term(p)));
        !list.is_empty() || holds_more(&entry.value)
    });
    base.append(&mut overlay);
}

#[cfg(test)]
mod tests {
    use crate::lexicon::tests::{load, signal};

    #[test]
    fn a_section_whose_headings_an_overlay_takes_keeps_its_openers() {
        let base = load(&[(
            "base.json",
            r#"{"sections": [{"headings": ["the role"], "openers": ["in this role"], "kind": "role"}]}"#,
        )])
        .unwrap();
        let overlay = load(&[(
            "company.json",
            r#"{"sections": [{"headings": ["The Role"], "kind": "responsibilities"}]}"#,
        )])
        .unwrap();
        let merged = base.overlay(overlay);
        let entries: Vec<_> = merged
            .sections
            .iter()
            .map(|s| (s.value.headings.clone(), s.value.openers.clone()))
            .collect();
        assert_eq!(
            entries,
            [
                (vec![], vec!["in this role".to_string()]),
                (vec!["The Role".to_string()], vec![]),
            ]
        );
    }

    #[test]
    fn an_overlay_replaces_the_terms_it_repeats() {
        let base = load(&[(
            "base.json",
            &signal(r#""mentor", "mentoring""#, "level:senior"),
        )])
        .unwrap();
        let overlay =
            load(&[("company.json", &signal(r#""Mentoring""#, "level:principal"))]).unwrap();
        let merged = base.overlay(overlay);
        let pairs: Vec<_> = merged
            .signals
            .iter()
            .map(|s| (s.value.terms.clone(), s.value.supports.to_string()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (vec!["mentor".to_string()], "level:senior".to_string()),
                (vec!["Mentoring".to_string()], "level:principal".to_string()),
            ]
        );
    }
}
