//! The title parser: the level, track and specialization a title claims, read through the
//! lexicon's title phrases alone.
//!
//! A title is a product-management title when it holds a role phrase ("product manager", "head of
//! product"). Its level is the highest-ranked level among its phrases ("Senior Director of
//! Product" is a director), or `pm` when no phrase names one; its specialization is the first
//! specialization phrase. The same phrases find title mentions inside a body, which are masked so
//! they never count as evidence.

use crate::domain::{Level, Specialization, Track};
use crate::lexicon::{CompiledLexicon, RawMatch, Scan, TitleKind};
use crate::normalize::NormalizedText;
use serde::Serialize;
use std::ops::Range;

/// What a title claims.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Claimed {
    /// The highest level the title's phrases name (`pm` for a bare role noun); `null` when the
    /// title has no product-management role noun.
    pub level: Option<Level>,
    /// The claimed level's track; `null` exactly when `level` is.
    pub track: Option<Track>,
    /// The specialization a title qualifier names ("growth", "technical"); `null` when none does
    /// or the title names no role.
    pub specialization: Option<Specialization>,
    /// The title phrases that decided, with where they are in the title.
    pub matched: Vec<TitleMatch>,
}

impl Claimed {
    /// Every specialization the title's phrases name, in title order, once each ("Product
    /// Manager, Health Platform" names domain and platform); none when the title names no role.
    pub fn specializations(&self) -> Vec<Specialization> {
        if self.level.is_none() {
            return Vec::new();
        }
        let mut named: Vec<Specialization> = Vec::new();
        for s in self.matched.iter().filter_map(|m| m.specialization) {
            if !named.contains(&s) {
                named.push(s);
            }
        }
        named
    }
}

/// A title phrase found in a title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitleMatch {
    /// The phrase as written in the title.
    pub text: String,
    /// Byte range in the title.
    #[serde(skip)]
    pub span: Range<usize>,
    /// Whether the phrase is a role noun or a qualifier.
    pub kind: TitleKind,
    /// The level the phrase names, if any.
    pub level: Option<Level>,
    /// The specialization the phrase names, if any.
    pub specialization: Option<Specialization>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The lexicon's caveat about the phrase (e.g. that "Lead PM" reads differently across
    /// companies); omitted from JSON when there is none.
    pub note: Option<String>,
    /// The lexicon entry's seed reference (`NNN: Section`).
    pub source: String,
}

/// Reads `title` with the lexicon's title phrases.
pub fn parse_title(title: &str, lexicon: &CompiledLexicon) -> Claimed {
    let normalized = NormalizedText::new(title);
    let scan = lexicon.scan(normalized.as_str());
    parse_title_in(title, &normalized, &scan, lexicon)
}

/// Reads `title`, normalized as `normalized` and scanned by `lexicon` as `scan` (the engine
/// reads the title's cues off the same scan).
pub(crate) fn parse_title_in(
    title: &str,
    normalized: &NormalizedText,
    scan: &Scan,
    lexicon: &CompiledLexicon,
) -> Claimed {
    let mut matched: Vec<TitleMatch> = scan
        .title_phrases()
        .iter()
        .map(|m| {
            let phrase = &lexicon.titles[m.index];
            let span = normalized.original_range(m.range.clone());
            TitleMatch {
                text: title[span.clone()].to_string(),
                span,
                kind: phrase.kind,
                level: phrase.level,
                specialization: phrase.specialization,
                note: phrase.note.clone(),
                source: phrase.source.clone(),
            }
        })
        .collect();
    if !matched.iter().any(|m| m.kind == TitleKind::Role) {
        matched.extend(function_after_leader(title, &matched));
    }
    if !matched.iter().any(|m| m.kind == TitleKind::Role) {
        return Claimed {
            matched,
            ..Claimed::default()
        };
    }
    let level = matched
        .iter()
        .filter_map(|m| m.level)
        .max_by_key(|l| (l.rank(), l.track() == Track::Manager))
        .unwrap_or(Level::Pm);
    let specialization = matched.iter().find_map(|m| m.specialization);
    Claimed {
        level: Some(level),
        track: Some(level.track()),
        specialization,
        matched,
    }
}

/// The product function that a leader's title names after a separator: "Head, Product", "VP -
/// Product", "Director \u{2013} Product (Payments)", as ATS titles are often written. What stands
/// before the separator must be qualifiers alone, the last a leader's (rank 4 and up), and
/// "Product" must end the title or a part of it, so that another function ("Head, Product
/// Design", "Lead, Product Analytics") or another job ("Head of Delivery - Product", "Chief of
/// Staff - Product") is not read as one.
fn function_after_leader(title: &str, matched: &[TitleMatch]) -> Option<TitleMatch> {
    const SEPARATORS: [char; 6] = [',', '-', '\u{2013}', '\u{2014}', ':', '|'];
    matched
        .iter()
        .filter(|m| m.kind == TitleKind::Qualifier && m.level.is_some_and(|l| l.rank() >= 4))
        .find_map(|leader| {
            let qualifiers_alone = title[..leader.span.end]
                .char_indices()
                .filter(|(_, c)| c.is_alphanumeric())
                .all(|(i, _)| {
                    matched
                        .iter()
                        .any(|q| q.kind == TitleKind::Qualifier && q.span.contains(&i))
                });
            if !qualifiers_alone {
                return None;
            }
            let after = &title[leader.span.end..];
            let rest = after.trim_start().strip_prefix(SEPARATORS)?.trim_start();
            let word = rest
                .get(..7)
                .filter(|w| w.eq_ignore_ascii_case("product"))?;
            let tail = rest[word.len()..].trim_start();
            if !(tail.is_empty() || tail.starts_with(SEPARATORS) || tail.starts_with(['(', '/'])) {
                return None;
            }
            let start = title.len() - rest.len();
            Some(TitleMatch {
                text: word.to_string(),
                span: start..start + word.len(),
                kind: TitleKind::Role,
                level: None,
                specialization: None,
                note: Some(
                    "the product function, named after a leader's title (\"Head, Product\")".into(),
                ),
                source: "002: Group Product Manager and Head of Product".into(),
            })
        })
}

/// Title mentions in normalized body text: each role phrase, widened to the qualifiers right
/// before it ("senior technical product manager"). Ranges are in the normalized text.
pub fn title_mentions(normalized: &str, lexicon: &CompiledLexicon) -> Vec<Range<usize>> {
    mentions_among(
        normalized,
        &lexicon.scan(normalized).title_phrases(),
        lexicon,
    )
}

/// [`title_mentions`] from the title phrases already `found` in the text.
pub(crate) fn mentions_among(
    normalized: &str,
    found: &[RawMatch],
    lexicon: &CompiledLexicon,
) -> Vec<Range<usize>> {
    let mut mentions: Vec<Range<usize>> = Vec::new();
    for (i, m) in found.iter().enumerate() {
        if lexicon.titles[m.index].kind != TitleKind::Role {
            continue;
        }
        let mut start = m.range.start;
        for q in found[..i].iter().rev() {
            let gap = &normalized[q.range.end..start];
            let adjacent = gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == ',');
            if lexicon.titles[q.index].kind == TitleKind::Qualifier && adjacent {
                start = q.range.start;
            } else {
                break;
            }
        }
        match mentions.last_mut() {
            Some(last) if last.end >= start => last.end = m.range.end,
            _ => mentions.push(start..m.range.end),
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn lexicon() -> CompiledLexicon {
        CompiledLexicon::new(&Lexicon::embedded().unwrap())
    }

    fn claim(
        title: &str,
    ) -> (
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    ) {
        let c = parse_title(title, &lexicon());
        (
            c.level.map(Level::id),
            c.track.map(Track::id),
            c.specialization.map(Specialization::id),
        )
    }

    #[test]
    fn reads_the_ladder_titles_of_the_domain_table() {
        let cases = [
            ("Associate Product Manager", "associate"),
            ("APM", "associate"),
            ("Junior PM", "associate"),
            ("Product Manager I", "associate"),
            ("Product Manager", "pm"),
            ("Product Manager II", "pm"),
            ("Senior Product Manager", "senior"),
            ("Sr. PM", "senior"),
            ("Product Manager III", "senior"),
            ("Staff Product Manager", "principal"),
            ("Principal PM", "principal"),
            ("Lead Product Manager", "principal"),
            ("Group Product Manager", "group"),
            ("GPM", "group"),
            ("Product Lead", "group"),
            ("Group Manager, Product", "group"),
            ("Director of Product", "director"),
            ("Senior Director of Product Management", "director"),
            // A qualifier that ends in "director" leaves no role behind unless the role phrase
            // is listed with it.
            ("Executive Director, Product", "director"),
            ("Product Director", "director"),
            ("VP of Product", "vp"),
            ("Head of Product", "vp"),
            ("Chief Product Officer", "cpo"),
            ("CPO", "cpo"),
        ];
        for (title, level) in cases {
            assert_eq!(claim(title).0, Some(level), "{title}");
        }
    }

    #[test]
    fn reads_track_and_specialization() {
        assert_eq!(
            claim("Senior Product Manager, Growth"),
            (Some("senior"), Some("ic"), Some("growth"))
        );
        assert_eq!(
            claim("Senior Technical Product Manager"),
            (Some("senior"), Some("ic"), Some("technical"))
        );
        assert_eq!(claim("Group Product Manager").1, Some("manager"));
        assert_eq!(claim("Product Manager").2, None);
    }

    #[test]
    fn titles_without_a_product_role_claim_nothing() {
        assert_eq!(claim("Product Ninja"), (None, None, None));
        assert_eq!(claim("Director of Engineering"), (None, None, None));
        assert_eq!(claim("Senior Software Engineer"), (None, None, None));
        // A director or VP of another product function, whatever qualifier they have.
        for title in [
            "Director, Product Design",
            "Senior Director, Product Marketing",
            "Executive Director, Product Marketing",
            "Sr. Director of Product Engineering",
            "SVP, Product Marketing",
            "VP, Product Design",
        ] {
            assert_eq!(claim(title), (None, None, None), "{title}");
        }
    }

    #[test]
    fn a_leader_of_the_product_function_named_after_a_separator_is_a_product_role() {
        for (title, level) in [
            ("Head, Product", "vp"),
            ("VP - Product", "vp"),
            ("Director \u{2013} Product (Payments)", "director"),
            ("Lead, Product", "principal"),
            ("Senior Director | Product", "director"),
        ] {
            assert_eq!(claim(title).0, Some(level), "{title}");
        }
        for title in [
            "Head, Product Design",
            "Lead, Product Analytics",
            "Director - Product Security",
            "Engineering Manager, Product",
            "Head of Delivery - Product",
            "Chief of Staff - Product",
            "Senior, Product",
            "Director, Production",
        ] {
            assert_eq!(claim(title), (None, None, None), "{title}");
        }
    }

    #[test]
    fn ambiguous_aliases_say_so_in_their_evidence() {
        let c = parse_title("Head of Product", &lexicon());
        assert!(c.matched.iter().any(|m| m.note.is_some()), "{c:?}");
    }

    #[test]
    fn finds_title_mentions_with_their_qualifiers() {
        let lex = lexicon();
        let text = "you will report to the director of product and mentor senior technical product managers.";
        let mentions: Vec<_> = title_mentions(text, &lex)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            mentions,
            vec!["director of product", "senior technical product managers"]
        );
    }
}
