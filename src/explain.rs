//! Why a phrase counts: every lexicon entry the matcher finds in it, with its file, entry, what
//! it supports, weight and source, so that a user can ask why "P&L" made a posting a VP
//! (`jdlint lexicon why PHRASE`).
//!
//! The phrase is read as the matcher reads a posting's body (normalized, word forms of every
//! term, frames, patterns, years of experience, negation, the longest of overlapping terms for
//! one target, title mentions set aside), and its title phrases as the title parser reads a
//! title. A match a negation drops ("no P&L") is listed too, as counting for nothing. A phrase that
//! is a heading when it stands on a line of its own says which section it opens. Cues and wording
//! checks are not listed: they are never evidence of a level, and `jdlint rule ID` explains the
//! checks.

use crate::domain::{Level, Specialization, Target};
use crate::lexicon::{Lexicon, Located, Origin, SectionEntry, SectionKind, TitleKind};
use crate::matcher::{find_evidence_and_dropped, negated, Origin as Matched};
use crate::normalize::{is_word_char, normalize_term, NormalizedText};
use crate::sections::heading_line;
use crate::Engine;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;
use std::ops::Range;

/// One lexicon entry a phrase matches.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct EntryMatch {
    /// The words of the phrase the entry matched, as the phrase writes them.
    pub text: String,
    /// Where they are in the phrase, in bytes.
    pub span: Range<usize>,
    /// The lexicon file and the entry in it.
    pub origin: Origin,
    /// What kind of entry it is.
    pub kind: EntryKind,
    /// What the match counts for.
    pub counts: Counts,
    /// Where the entry's knowledge comes from, as the entry cites it.
    pub source: String,
}

/// The kinds of lexicon entry a phrase can match (see `lexicon/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EntryKind {
    /// A literal signal term, in any of its word forms.
    Signal,
    /// A verb and its object in one clause.
    Frame,
    /// A regular expression.
    Pattern,
    /// A years-of-experience band.
    Years,
    /// A title phrase.
    Title,
    /// A section heading, on a line of its own.
    Heading,
}

impl EntryKind {
    /// The kind's name, as `jdlint lexicon why` prints it: `signal`, `frame`, `pattern`,
    /// `years`, `title`, `heading`.
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Signal => "signal",
            EntryKind::Frame => "frame",
            EntryKind::Pattern => "pattern",
            EntryKind::Years => "years",
            EntryKind::Title => "title",
            EntryKind::Heading => "heading",
        }
    }
}

/// What a lexicon entry's match counts for.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Counts {
    /// Evidence in a posting's body: a signal's term, a frame, a pattern or a years band.
    Evidence {
        /// What the entry supports.
        supports: Target,
        /// What the match counts for in a body: `supports`, or what a negation before it makes
        /// of it (`track:ic` for negated manager evidence); `None` when the negation drops it
        /// ("no P&L" is no evidence of anything).
        counts_for: Option<Target>,
        /// The entry's weight, before the section factor and repeats.
        weight: f64,
        /// Whether a negation before it ("no", "without") turned it around or dropped it.
        negated: bool,
        /// Whether the hiring company is its subject ("we are hiring a team of"), which
        /// makes it no evidence of the role.
        by_company: bool,
    },
    /// A title phrase: what it claims when a title holds it (in a body it is a mention, never
    /// evidence).
    Title {
        /// A role noun or a qualifier.
        kind: TitleKind,
        /// The level it claims, if any.
        level: Option<Level>,
        /// The specialization it claims, if any.
        specialization: Option<Specialization>,
        /// The entry's note (why an alias is ambiguous), if any.
        note: Option<String>,
    },
    /// A heading: the section it opens when it stands on a line of its own.
    Section {
        /// The kind of section.
        kind: SectionKind,
        /// A `Key: value` line ("Salary: $100k"), whose kind covers that line alone.
        line_only: bool,
    },
}

impl fmt::Display for Counts {
    /// One line: `level:vp, weight 2.00`; `track:ic, weight 2.50 (negated track:manager)`;
    /// `nothing: negated level:vp (weight 2.00)`; `in a title, a qualifier claiming
    /// level:senior; in a body, nothing (a title mention is never evidence)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Counts::Evidence {
                supports,
                weight,
                by_company: true,
                ..
            } => write!(
                f,
                "nothing: the hiring company says it of itself (\"we are ...\"), not of the \
                 role: {supports} (weight {weight:.2})"
            ),
            Counts::Evidence {
                supports,
                counts_for: Some(counts_for),
                weight,
                negated: true,
                ..
            } => write!(f, "{counts_for}, weight {weight:.2} (negated {supports})"),
            Counts::Evidence {
                supports,
                counts_for: None,
                weight,
                ..
            } => write!(f, "nothing: negated {supports} (weight {weight:.2})"),
            Counts::Evidence {
                supports, weight, ..
            } => write!(f, "{supports}, weight {weight:.2}"),
            Counts::Title {
                kind,
                level,
                specialization,
                note,
            } => {
                let kind = match kind {
                    TitleKind::Role => "role",
                    TitleKind::Qualifier => "qualifier",
                };
                write!(f, "in a title, a {kind}")?;
                let claims: Vec<String> = (level.map(|l| format!("level:{l}")).into_iter())
                    .chain(specialization.map(|s| format!("specialization:{s}")))
                    .collect();
                if !claims.is_empty() {
                    write!(f, " claiming {}", claims.join(" and "))?;
                }
                if let Some(note) = note {
                    write!(f, " ({note})")?;
                }
                f.write_str("; in a body, nothing (a title mention is never evidence)")
            }
            Counts::Section { kind, line_only } => {
                let factor = kind.evidence_factor();
                let kind = kind.id();
                if *line_only {
                    write!(
                        f,
                        "on a line of its own, a `Key: value` line: that line is {kind}"
                    )?;
                } else {
                    write!(f, "on a line of its own, a heading: what follows is {kind}")?;
                }
                write!(f, ", where evidence weighs {factor:.2}")
            }
        }
    }
}

impl Serialize for EntryMatch {
    /// `{"text", "kind", "file", "entry", "source", ...}` and, for evidence, `supports`,
    /// `counts_for` (`null` when a negation drops it or the company is its subject), `weight`,
    /// `negated`, `by_company`; for a title phrase,
    /// `title_kind` (`role`, `qualifier`), `level`, `specialization` and `note` (`null` when
    /// absent); for a heading, `section`, `line_only` and `evidence_factor`, and a `source` of
    /// `null` (headings cite no seed).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("text", &self.text)?;
        map.serialize_entry("kind", self.kind.name())?;
        map.serialize_entry("file", &self.origin.file)?;
        map.serialize_entry("entry", &self.origin.entry)?;
        match &self.counts {
            Counts::Evidence {
                supports,
                counts_for,
                weight,
                negated,
                by_company,
            } => {
                map.serialize_entry("supports", &supports.to_string())?;
                map.serialize_entry("counts_for", &counts_for.map(|t| t.to_string()))?;
                map.serialize_entry("weight", weight)?;
                map.serialize_entry("negated", negated)?;
                map.serialize_entry("by_company", by_company)?;
            }
            Counts::Title {
                kind,
                level,
                specialization,
                note,
            } => {
                map.serialize_entry("title_kind", kind)?;
                map.serialize_entry("level", level)?;
                map.serialize_entry("specialization", specialization)?;
                map.serialize_entry("note", note)?;
            }
            Counts::Section { kind, line_only } => {
                map.serialize_entry("section", kind.id())?;
                map.serialize_entry("line_only", line_only)?;
                map.serialize_entry("evidence_factor", &kind.evidence_factor())?;
            }
        }
        let cited = !self.source.is_empty();
        map.serialize_entry("source", &cited.then_some(&self.source))?;
        map.end()
    }
}

impl Engine {
    /// Every lexicon entry the engine's matcher finds in `phrase`, in the phrase's order (at
    /// one place, evidence before title phrases).
    ///
    /// ```
    /// use jdlint::explain::Counts;
    ///
    /// let matches = jdlint::Engine::new().explain("P&L");
    /// assert!(matches.iter().any(|m| matches!(
    ///     m.counts,
    ///     Counts::Evidence { supports, .. } if supports.to_string() == "level:vp"
    /// )));
    /// ```
    pub fn explain(&self, phrase: &str) -> Vec<EntryMatch> {
        let lexicon = self.source_lexicon();
        // The compiled lexicon keeps the source lexicon's order: an origin's index is the
        // entry's index there.
        let mut found: Vec<EntryMatch> = find_evidence_and_dropped(phrase, self.lexicon())
            .into_iter()
            .map(|f| {
                let (kind, origin, source, supports, weight) = match f.origin {
                    Matched::Signal(i) => {
                        let e = &lexicon.signals()[i as usize];
                        let v = &e.value;
                        (
                            EntryKind::Signal,
                            &e.origin,
                            &v.source,
                            v.supports,
                            v.weight,
                        )
                    }
                    Matched::Pattern(i) => {
                        let e = &lexicon.patterns()[i as usize];
                        let v = &e.value;
                        (
                            EntryKind::Pattern,
                            &e.origin,
                            &v.source,
                            v.supports,
                            v.weight,
                        )
                    }
                    Matched::Frame(i) => {
                        let e = &lexicon.frames()[i as usize];
                        let v = &e.value;
                        (EntryKind::Frame, &e.origin, &v.source, v.supports, v.weight)
                    }
                    Matched::Years(i) | Matched::Tenure(i) => {
                        let e = &lexicon.experience()[i as usize];
                        let v = &e.value;
                        (EntryKind::Years, &e.origin, &v.source, v.supports, v.weight)
                    }
                };
                EntryMatch {
                    text: phrase[f.span.clone()].to_string(),
                    span: f.span,
                    origin: origin.clone(),
                    kind,
                    counts: Counts::Evidence {
                        supports,
                        counts_for: if f.by_company {
                            None
                        } else if f.negated {
                            negated(supports)
                        } else {
                            Some(supports)
                        },
                        weight,
                        negated: f.negated,
                        by_company: f.by_company,
                    },
                    source: source.clone(),
                }
            })
            .collect();

        let normalized = NormalizedText::new(phrase);
        let scan = self.lexicon().scan(normalized.as_str());
        for m in scan.title_phrases() {
            let span = normalized.original_range(m.range);
            let entry = &lexicon.titles()[m.index];
            let title = &entry.value;
            found.push(EntryMatch {
                text: phrase[span.clone()].to_string(),
                span,
                origin: entry.origin.clone(),
                kind: EntryKind::Title,
                counts: Counts::Title {
                    kind: title.kind,
                    level: title.level,
                    specialization: title.specialization,
                    note: title.note.clone(),
                },
                source: title.source.clone(),
            });
        }
        // Stable: at one place, evidence (in the matcher's order) before title phrases.
        found.sort_by_key(|m| m.span.start);
        let line = phrase.trim();
        let heading = heading_line(line, self.lexicon()).and_then(|(kind, line_only)| {
            Some((kind, line_only, heading_origin(lexicon, kind, line)?))
        });
        if let Some((kind, line_only, origin)) = heading {
            let start = phrase.len() - phrase.trim_start().len();
            found.push(EntryMatch {
                text: line.to_string(),
                span: start..start + line.len(),
                origin,
                kind: EntryKind::Heading,
                counts: Counts::Section { kind, line_only },
                source: String::new(),
            });
        }
        found
    }
}

/// The sections entry of `kind` that a heading line comes from: the one with the longest heading
/// the line holds as whole words, else the first with a cue it holds, else the first of that kind
/// (an "About Acme" heading, which no entry lists).
fn heading_origin(lexicon: &Lexicon, kind: SectionKind, line: &str) -> Option<Origin> {
    let key = normalize_term(line);
    let holds = |phrase: &str| {
        let phrase = normalize_term(phrase);
        key.match_indices(phrase.as_str()).any(|(at, m)| {
            !key[..at].chars().next_back().is_some_and(is_word_char)
                && !key[at + m.len()..].chars().next().is_some_and(is_word_char)
        })
    };
    let of_kind = || lexicon.sections().iter().filter(|e| e.value.kind == kind);
    let longest_heading = |e: &&Located<SectionEntry>| {
        (e.value.headings.iter())
            .filter(|h| holds(h))
            .map(|h| h.len())
            .max()
    };
    // The first of the longest: `max_by_key` keeps the last of equals.
    let by_heading = of_kind()
        .filter_map(|e| Some((longest_heading(&e)?, e)))
        .rev()
        .max_by_key(|&(len, _)| len)
        .map(|(_, e)| e);
    by_heading
        .or_else(|| of_kind().find(|e| e.value.cues.iter().any(|c| holds(c))))
        .or_else(|| of_kind().next())
        .map(|e| e.origin.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(overlay: &str) -> Engine {
        let layer = Lexicon::from_sources([("acme.json".to_string(), overlay)]).unwrap();
        Engine::from_lexicon(&Lexicon::embedded().unwrap().overlay(layer))
    }

    fn target(s: &str) -> Target {
        s.parse().unwrap()
    }

    /// The evidence among `matches`, as (text, kind, what it counts for, negated).
    fn evidence(matches: &[EntryMatch]) -> Vec<(&str, EntryKind, Option<String>, bool)> {
        matches
            .iter()
            .filter_map(|m| match &m.counts {
                Counts::Evidence {
                    counts_for,
                    negated,
                    ..
                } => Some((
                    m.text.as_str(),
                    m.kind,
                    counts_for.map(|t| t.to_string()),
                    *negated,
                )),
                Counts::Title { .. } | Counts::Section { .. } => None,
            })
            .collect()
    }

    #[test]
    fn p_and_l_is_vp_evidence_from_the_default_lexicon_with_its_seed() {
        let matches = Engine::new().explain("P&L");
        assert_eq!(matches.len(), 1, "{matches:#?}");
        let m = &matches[0];
        assert_eq!((m.text.as_str(), m.kind), ("P&L", EntryKind::Signal));
        assert_eq!(m.origin.file, "levels/vp.json");
        assert!(m.origin.entry.starts_with("signals["), "{m:?}");
        assert!(
            m.source.starts_with("003: Director / VP of Product"),
            "{m:?}"
        );
        let Counts::Evidence {
            supports,
            counts_for,
            weight,
            negated,
            by_company,
        } = m.counts
        else {
            panic!("{m:?}")
        };
        assert_eq!(supports, target("level:vp"));
        assert_eq!(counts_for, Some(supports));
        assert!(weight > 0.0);
        assert!(!negated && !by_company);
    }

    #[test]
    fn word_forms_of_an_overlay_entry_are_found_with_its_own_citation() {
        let engine = engine(
            r#"{"signals": [{"terms": ["run the squad"], "supports": "track:manager", "weight": 1.5, "source": "acme: our ladder"}]}"#,
        );
        let matches = engine.explain("Ran the Squad across Acme");
        let ours: Vec<_> = matches
            .iter()
            .filter(|m| m.origin.file == "acme.json")
            .collect();
        assert_eq!(ours.len(), 1, "{matches:#?}");
        assert_eq!(ours[0].text, "Ran the Squad");
        assert_eq!(ours[0].span, 0..13);
        assert_eq!(ours[0].origin.entry, "signals[0] (\"run the squad\")");
        assert_eq!(ours[0].source, "acme: our ladder");
        assert_eq!(
            ours[0].counts,
            Counts::Evidence {
                supports: target("track:manager"),
                counts_for: Some(target("track:manager")),
                weight: 1.5,
                negated: false,
                by_company: false,
            }
        );
    }

    #[test]
    fn a_negation_turns_manager_evidence_around_and_drops_a_level_phrase() {
        let engine = Engine::new();
        let direct = engine.explain("direct reports");
        assert_eq!(
            evidence(&direct),
            [(
                "direct reports",
                EntryKind::Signal,
                Some("track:manager".into()),
                false
            )]
        );
        let none = engine.explain("no direct reports");
        assert_eq!(
            evidence(&none),
            [(
                "direct reports",
                EntryKind::Signal,
                Some("track:ic".into()),
                true
            )]
        );
        // A negated level phrase is listed, counting for nothing: "why does it not count?" has
        // an answer too.
        let pl = engine.explain("without P&L");
        let dropped: Vec<_> = evidence(&pl)
            .into_iter()
            .filter(|(text, ..)| *text == "P&L")
            .collect();
        assert_eq!(dropped, [("P&L", EntryKind::Signal, None, true)], "{pl:#?}");
        assert!(pl.iter().any(|m| m
            .counts
            .to_string()
            .starts_with("nothing: negated level:vp")));
    }

    #[test]
    fn what_the_company_says_of_itself_is_listed_counting_for_nothing() {
        let engine = Engine::new();
        let ours = engine.explain("We are hiring a team of product managers");
        let said = ours
            .iter()
            .find(|m| m.text == "hiring a team of product managers")
            .unwrap_or_else(|| panic!("{ours:#?}"));
        assert!(
            matches!(
                said.counts,
                Counts::Evidence {
                    counts_for: None,
                    by_company: true,
                    ..
                }
            ),
            "{said:?}"
        );
        assert!(said
            .counts
            .to_string()
            .starts_with("nothing: the hiring company says it of itself"));
        // The role's own hiring counts.
        let role = engine.explain("You will be hiring a team of product managers");
        assert!(
            role.iter().any(|m| matches!(
                m.counts,
                Counts::Evidence { counts_for: Some(t), by_company: false, .. }
                    if t == target("track:manager")
            )),
            "{role:#?}"
        );
    }

    #[test]
    fn a_frame_pairs_a_verb_with_its_object() {
        let matches = Engine::new().explain("hiring and coaching designers");
        let frames: Vec<_> = evidence(&matches)
            .into_iter()
            .filter(|(_, kind, ..)| *kind == EntryKind::Frame)
            .collect();
        assert_eq!(
            frames,
            [(
                "hiring and coaching designers",
                EntryKind::Frame,
                Some("track:manager".into()),
                false
            )],
            "{matches:#?}"
        );
    }

    #[test]
    fn years_of_experience_match_every_band_that_holds_them() {
        let engine = Engine::new();
        let matches = engine.explain("8+ years of product management experience");
        let bands: Vec<&EntryMatch> = matches
            .iter()
            .filter(|m| m.kind == EntryKind::Years)
            .collect();
        assert!(!bands.is_empty(), "{matches:#?}");
        for band in &bands {
            assert_eq!(band.text, "8+ years");
            assert!(band.origin.entry.starts_with("experience["), "{band:?}");
            let index: usize = band.origin.entry["experience[".len()..]
                .split(']')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let entry = &engine.source_lexicon().experience()[index].value;
            assert!((entry.min_years..=entry.max_years).contains(&8), "{band:?}");
        }
        // A horizon is not experience.
        assert!(engine
            .explain("a 3 year roadmap")
            .iter()
            .all(|m| m.kind != EntryKind::Years));
    }

    #[test]
    fn title_phrases_say_what_they_claim_and_are_no_evidence() {
        let matches = Engine::new().explain("Senior Product Manager");
        let claims: Vec<_> = matches
            .iter()
            .map(|m| (m.text.as_str(), m.kind, &m.counts))
            .collect();
        assert!(claims.contains(&(
            "Senior",
            EntryKind::Title,
            &Counts::Title {
                kind: TitleKind::Qualifier,
                level: Some(Level::Senior),
                specialization: None,
                note: None,
            }
        )));
        assert!(claims
            .iter()
            .any(|(text, _, counts)| *text == "Product Manager"
                && matches!(
                    counts,
                    Counts::Title {
                        kind: TitleKind::Role,
                        ..
                    }
                )));
        // A title mention in a body is never evidence, whatever its words.
        assert_eq!(evidence(&matches), [], "{matches:#?}");
    }

    #[test]
    fn json_says_what_the_human_line_says() {
        let matches = Engine::new().explain("no direct reports, Senior");
        let json = serde_json::to_value(&matches).unwrap();
        assert_eq!(json[0]["text"], "direct reports");
        assert_eq!(json[0]["kind"], "signal");
        assert_eq!(json[0]["supports"], "track:manager");
        assert_eq!(json[0]["counts_for"], "track:ic");
        assert_eq!(json[0]["negated"], true);
        assert_eq!(json[1]["kind"], "title");
        assert_eq!(json[1]["title_kind"], "qualifier");
        assert_eq!(json[1]["level"], "senior");
        assert_eq!(json[1]["specialization"], serde_json::Value::Null);
        assert!(matches[0]
            .counts
            .to_string()
            .starts_with("track:ic, weight 2.50 (negated track:manager)"));
    }

    /// The heading entries of `phrase`: their section, whether they cover their line alone, and
    /// the entry they come from.
    fn headings(phrase: &str) -> Vec<(String, bool, String)> {
        (Engine::new().explain(phrase).into_iter())
            .filter_map(|m| match m.counts {
                Counts::Section { kind, line_only } => {
                    Some((kind.id().to_string(), line_only, m.origin.file))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_heading_is_found_whichever_connector_joins_its_words() {
        let section = |kind: &str| vec![(kind.to_string(), false, "sections.json".to_string())];
        // The lexicon lists "experience and skills" and "compensation and benefits".
        for line in [
            "Experience and Skills",
            "Experience & Skills",
            "Experience + Skills",
        ] {
            assert_eq!(headings(line), section("requirements"), "{line}");
        }
        assert_eq!(headings("Compensation & Benefits:"), section("benefits"));
        // The connector is all that may differ.
        assert_eq!(headings("Experience & Zeal"), []);
        assert_eq!(headings("Experience or Skills"), []);
    }

    #[test]
    fn a_heading_says_which_section_it_opens() {
        let section = |kind: &str| vec![(kind.to_string(), false, "sections.json".to_string())];
        assert_eq!(headings("What you'll bring"), section("requirements"));
        assert_eq!(
            headings("  2. Essential criteria: "),
            section("requirements")
        );
        // An unlisted heading, by its cues.
        assert_eq!(
            headings("Why you'll love working here"),
            section("benefits")
        );
        // A `Key: value` line covers itself.
        assert_eq!(
            headings("Salary: $120k"),
            [("benefits".to_string(), true, "sections.json".to_string())]
        );
        // A line of the job is no heading, nor a numbered item of it.
        assert_eq!(headings("Own the roadmap for payments"), []);
        assert_eq!(headings("1. Own the roadmap"), []);
        let json = serde_json::to_value(Engine::new().explain("Benefits")).unwrap();
        assert_eq!(json[0]["kind"], "heading");
        assert_eq!(json[0]["section"], "benefits");
        assert_eq!(json[0]["evidence_factor"], 0.0);
        assert_eq!(json[0]["source"], serde_json::Value::Null);
    }

    #[test]
    fn a_heading_comes_from_the_entry_that_lists_it() {
        let overlay =
            r#"{"sections": [{"headings": ["what you'll tackle"], "kind": "responsibilities"}]}"#;
        let matches = engine(overlay).explain("What you'll tackle");
        let heading: Vec<_> = matches
            .iter()
            .filter(|m| m.kind == EntryKind::Heading)
            .map(|m| m.origin.file.as_str())
            .collect();
        assert_eq!(heading, ["acme.json"], "{matches:#?}");
    }

    #[test]
    fn a_phrase_no_entry_matches_explains_nothing() {
        assert_eq!(Engine::new().explain("zorblax quux"), []);
        assert_eq!(Engine::new().explain(""), []);
    }
}
