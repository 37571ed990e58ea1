//! Cues: the phrases the rule catalogue reads a posting with, beside the classifier's evidence.
//! What job a body describes (`role:*`), whether it names a team, a metric or equal-opportunity
//! boilerplate (`posting:*`), which words make a title (`title:*`), and the wording job-posting
//! linters look for (`wording:*`). They live in the lexicon's `cues` entries and never feed the
//! classifier, so a wording cue such as "decisive" cannot move a level.
//!
//! Cue terms are matched by the lexicon's one term trie, in the same pass as the classifier's
//! terms (see [`CompiledLexicon::scan`]); a [`CueLexicon`] selects the matches of the categories
//! a rule set reads and compiles their patterns into one regex set, so leaving the `wording` rules
//! out leaves their cues unread.

use crate::lexicon::{CompiledLexicon, FrameYield, RawMatch, Scan, SectionKind, REGEX_SIZE_LIMIT};
use crate::matcher;
use crate::normalize::NormalizedText;
use crate::sections::Sections;
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

/// A lexicon category of cues. Rules of the `wording` rule category read the `wording` cues;
/// switching those rules off leaves the category out of the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CueCategory {
    /// What job the body describes: product management, or another profession's work (`role:*`).
    Role,
    /// Facts about the posting or company: team scope, success metrics, equal-opportunity text,
    /// company size (`posting:*`).
    Posting,
    /// Nouns that name a job in a title, of any profession (`title:*`).
    Title,
    /// Wording that job-posting linters flag: gendered, hyped, exclusionary or empty (`wording:*`).
    Wording,
}

impl CueCategory {
    /// All categories, in declaration order.
    pub const ALL: [CueCategory; 4] = [
        CueCategory::Role,
        CueCategory::Posting,
        CueCategory::Title,
        CueCategory::Wording,
    ];

    /// The category's id, the part before the colon in a cue's `<category>:<name>`.
    pub fn id(self) -> &'static str {
        match self {
            CueCategory::Role => "role",
            CueCategory::Posting => "posting",
            CueCategory::Title => "title",
            CueCategory::Wording => "wording",
        }
    }
}

macro_rules! cues {
    ($($variant:ident => $category:ident : $name:literal, $doc:literal;)*) => {
        /// What a cue phrase indicates. Written `<category>:<name>` in lexicon files.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Cue {
            $(#[doc = $doc] $variant,)*
        }

        impl Cue {
            /// Every cue, in declaration order (role, posting, title, then wording cues).
            pub const ALL: &'static [Cue] = &[$(Cue::$variant,)*];

            /// The category the cue belongs to.
            pub fn category(self) -> CueCategory {
                match self {
                    $(Cue::$variant => CueCategory::$category,)*
                }
            }

            /// The name within its category.
            pub fn name(self) -> &'static str {
                match self {
                    $(Cue::$variant => $name,)*
                }
            }
        }
    };
}

cues! {
    ProductManagement => Role:"product-management", "The work of a product manager: discovery, strategy, roadmap, prioritization.";
    SoftwareEngineering => Role:"software-engineering", "Writing, reviewing and testing code.";
    Design => Role:"design", "Visual, interface and interaction design, and a portfolio to show it.";
    QualityAssurance => Role:"quality-assurance", "Test plans, test cases, regression and test automation.";
    ProjectManagement => Role:"project-management", "Schedules, budgets, scope, delivery governance (project and program management).";
    ProductOwnership => Role:"product-ownership", "A Scrum team's product owner: backlog, user stories, sprint ceremonies.";
    ProductMarketing => Role:"product-marketing", "Positioning, messaging, launches, sales enablement.";
    EngineeringManagement => Role:"engineering-management", "Managing software engineers and their delivery.";
    Analytics => Role:"analytics", "Analysis for others to act on: queries, dashboards, statistics, business requirements.";
    TeamScope => Posting:"team-scope", "The size or shape of the team a manager runs: how many PMs, hiring, performance reviews.";
    SuccessMetric => Posting:"success-metric", "A metric or outcome the role is judged by.";
    EntryLevel => Posting:"entry-level", "A role described as entry-level or for new graduates.";
    EqualOpportunity => Posting:"equal-opportunity", "Equal-opportunity boilerplate.";
    SubstantiveBenefit => Posting:"substantive-benefit", "A benefit that costs the employer something: health cover, pension, paid leave, stated pay.";
    SmallCompany => Posting:"small-company", "A company small or young enough that every PM works with its founders: early-stage, a 20-person team.";
    SelfDescription => Posting:"self-description", "Words a posting introduces the job it is for with (\"we are looking for\", \"as a\", \"join us as\").";
    RoleWord => Title:"role-word", "A word that names a job in a title, of any profession (engineer, analyst, director).";
    ProductManagerTitle => Title:"product-manager", "A noun that names a product-management job, at any level.";
    SoftwareEngineerTitle => Title:"software-engineer", "A noun that names a software engineer's job.";
    DesignerTitle => Title:"designer", "A noun that names a designer's job.";
    QualityAssuranceTitle => Title:"qa-engineer", "A noun that names a QA engineer's or tester's job.";
    ProjectManagerTitle => Title:"project-manager", "A noun that names a project, program or delivery manager's job.";
    ProductOwnerTitle => Title:"product-owner", "A noun that names a product owner's job.";
    ProductMarketerTitle => Title:"product-marketer", "A noun that names a product marketer's job.";
    EngineeringManagerTitle => Title:"engineering-manager", "A noun that names an engineering manager's job.";
    AnalystTitle => Title:"analyst", "A noun that names a data, product or business analyst's job.";
    GenderedPronoun => Wording:"gendered-pronoun", "A pronoun of one gender.";
    MasculineCoded => Wording:"masculine-coded", "A word of the agentic, masculine-coded kind (Gaucher, Friesen and Kay, 2011).";
    FeminineCoded => Wording:"feminine-coded", "A word of the communal, feminine-coded kind (Gaucher, Friesen and Kay, 2011).";
    NotCoded => Wording:"not-coded", "A phrase that holds a gender-coded word but is not coded wording (\"data-driven\", \"competitive analysis\"): matched so that it hides the word.";
    HypeTitle => Wording:"hype-title", "A hype noun for a person: rockstar, ninja, guru.";
    BroCulture => Wording:"bro-culture", "Wording of a drinking, frat-house culture.";
    HollowPerk => Wording:"hollow-perk", "A perk that stands in for benefits: ping-pong tables, free snacks.";
    UnrealisticExpectation => Wording:"unrealistic-expectation", "A demand of unlimited availability or effort.";
    RecruiterFiller => Wording:"recruiter-filler", "Recruiter filler that says nothing about the job.";
}

impl Cue {
    /// Whether bodies are read for this cue: all but the words that only make a title.
    pub fn read_in_bodies(self) -> bool {
        self != Cue::RoleWord
    }

    /// The job a `title:*` job noun names, as its `role:*` cue.
    pub fn role_named(self) -> Option<Cue> {
        Some(match self {
            Cue::ProductManagerTitle => Cue::ProductManagement,
            Cue::SoftwareEngineerTitle => Cue::SoftwareEngineering,
            Cue::DesignerTitle => Cue::Design,
            Cue::QualityAssuranceTitle => Cue::QualityAssurance,
            Cue::ProjectManagerTitle => Cue::ProjectManagement,
            Cue::ProductOwnerTitle => Cue::ProductOwnership,
            Cue::ProductMarketerTitle => Cue::ProductMarketing,
            Cue::EngineeringManagerTitle => Cue::EngineeringManagement,
            Cue::AnalystTitle => Cue::Analytics,
            _ => return None,
        })
    }
}

impl fmt::Display for Cue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.category().id(), self.name())
    }
}

impl FromStr for Cue {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let known_categories = || {
            CueCategory::ALL
                .iter()
                .map(|c| c.id())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some((category, name)) = s.split_once(':') else {
            return Err(format!(
                "cue `{s}` is not of the form `<category>:<name>` (categories: {})",
                known_categories()
            ));
        };
        let Some(category) = CueCategory::ALL.into_iter().find(|c| c.id() == category) else {
            return Err(format!(
                "unknown category `{category}` in cue `{s}` (known: {})",
                known_categories()
            ));
        };
        let in_category = || Cue::ALL.iter().filter(move |c| c.category() == category);
        in_category()
            .find(|c| c.name() == name)
            .copied()
            .ok_or_else(|| {
                let known: Vec<_> = in_category().map(|c| c.name()).collect();
                format!(
                    "unknown cue `{name}` in category `{}` (known: {})",
                    category.id(),
                    known.join(", ")
                )
            })
    }
}

impl Serialize for Cue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// One match of a cue in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct CueMatch {
    /// Which cue matched.
    pub cue: Cue,
    /// The lexicon entry's weight.
    pub weight: f64,
    /// Byte range in the normalized body.
    pub range: Range<usize>,
    /// Byte range in the body.
    pub span: Range<usize>,
    /// The section of the body it stands in.
    pub section: SectionKind,
}

/// One match of a wording check's phrase in a body or title.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckMatch {
    /// Index of the check in the compiled lexicon.
    pub check: u32,
    /// What to write instead, the first preferred; empty for an existence check.
    pub replacements: Arc<[String]>,
    /// Byte range in the body (or title).
    pub span: Range<usize>,
    /// The section of the body it stands in.
    pub section: SectionKind,
}

/// The cues found in a body, in reading order, the matches of wording checks, and the spans that
/// are equal-opportunity boilerplate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueMatches {
    matches: Vec<CueMatch>,
    checks: Vec<CheckMatch>,
    boilerplate: Vec<Range<usize>>,
}

impl CueMatches {
    /// Every match, in reading order.
    pub fn all(&self) -> &[CueMatch] {
        &self.matches
    }

    /// Matches of `cue`, in reading order.
    pub fn of(&self, cue: Cue) -> impl Iterator<Item = &CueMatch> + '_ {
        self.matches.iter().filter(move |m| m.cue == cue)
    }

    /// Matches of the wording check at `check` (its index in the compiled lexicon), in reading
    /// order.
    pub fn of_check(&self, check: u32) -> impl Iterator<Item = &CheckMatch> + '_ {
        self.checks.iter().filter(move |m| m.check == check)
    }

    /// Whether body byte `offset` stands in equal-opportunity boilerplate found by its wording
    /// (a `legal` section is recognized by its heading; this finds the statement without one).
    pub fn in_boilerplate(&self, offset: usize) -> bool {
        let i = self.boilerplate.partition_point(|r| r.end <= offset);
        self.boilerplate.get(i).is_some_and(|r| r.start <= offset)
    }
}

/// Compiles a cue pattern. Cue patterns are matched in ASCII mode (`\b`, `\w` and classes are
/// ASCII, on the bytes of the normalized text): Unicode word boundaries would keep the regex
/// engine off its fast paths, and normalized text is lower-case with ASCII quotes and dashes.
pub(crate) fn build_cue_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regex: {e}"))
}

/// A line at most this long that holds an equal-opportunity phrase is boilerplate as a whole;
/// in a longer (flattened) line, only the sentence that holds it and the one after.
const BOILERPLATE_LINE: usize = 700;

/// The cues of some categories, ready to be read off a [`Scan`]. Cue terms are matched by the
/// lexicon's one term trie with everything else (see [`CompiledLexicon::scan`]); this selects the
/// matches of the categories a rule set reads and runs the cue patterns of those categories.
#[derive(Debug, Clone)]
pub struct CueLexicon {
    categories: Vec<CueCategory>,
    /// The compiled patterns of `categories`, with their cue entry indices.
    patterns: Vec<(Regex, u32)>,
    pattern_set: RegexSet,
    /// Whether any cue of `categories` has frames: without one, a body's frame words are not
    /// walked a second time for cues.
    reads_frames: bool,
}

impl CueLexicon {
    /// The cues of `categories` in `lexicon`, whose scans it reads.
    pub fn new(lexicon: &CompiledLexicon, categories: &[CueCategory]) -> CueLexicon {
        let patterns: Vec<(Regex, u32)> = lexicon
            .cue_patterns
            .iter()
            .filter(|(_, owner)| categories.contains(&lexicon.cues[*owner as usize].0.category()))
            .map(|(p, owner)| {
                let regex = build_cue_regex(p).expect("cue patterns are validated");
                (regex, *owner)
            })
            .collect();
        let pattern_set = RegexSetBuilder::new(patterns.iter().map(|(r, _)| r.as_str()))
            .unicode(false)
            .size_limit(REGEX_SIZE_LIMIT * 8)
            .build()
            .expect("cue patterns are validated one by one");
        CueLexicon {
            categories: categories.to_vec(),
            patterns,
            pattern_set,
            reads_frames: lexicon.frames.iter().any(|f| match f.yields {
                FrameYield::Cue(owner) => {
                    categories.contains(&lexicon.cues[owner as usize].0.category())
                }
                FrameYield::Evidence(_) => false,
            }),
        }
    }

    /// The cue categories this lexicon selects, whose matches and patterns it reads.
    pub fn categories(&self) -> &[CueCategory] {
        &self.categories
    }

    /// The cues in `body` (normalized as `normalized`, scanned by `lexicon` as `scan`, split into
    /// `sections`).
    ///
    /// Terms match on whole words; within a category the leftmost-longest of overlapping matches
    /// wins ("product roadmap" over "roadmap"), while categories do not hide one another (a word
    /// may be a wording cue and a role cue at once).
    pub fn body_cues(
        &self,
        lexicon: &CompiledLexicon,
        scan: &Scan,
        body: &str,
        normalized: &NormalizedText,
        sections: &Sections,
    ) -> CueMatches {
        self.select(lexicon, scan, false, body, normalized, sections)
    }

    /// The cues read in titles, in `title` (normalized as `normalized`, scanned by `lexicon` as
    /// `scan`).
    pub fn title_cues(
        &self,
        lexicon: &CompiledLexicon,
        scan: &Scan,
        title: &str,
        normalized: &NormalizedText,
    ) -> CueMatches {
        let sections = Sections::default();
        self.select(lexicon, scan, true, title, normalized, &sections)
    }

    fn select(
        &self,
        lexicon: &CompiledLexicon,
        scan: &Scan,
        in_title: bool,
        body: &str,
        normalized: &NormalizedText,
        sections: &Sections,
    ) -> CueMatches {
        let found = &scan.cues;
        // A title is read for its job words and for the wording cues of the checks that read
        // titles ("Rockstar PM", "Product Dude"); a body for all but the words that only make a
        // title.
        let read_here = |cue: Cue| {
            if in_title {
                cue.category() == CueCategory::Title || lexicon.cues_in_titles.contains(&cue)
            } else {
                cue.read_in_bodies()
            }
        };
        let text = normalized.as_str();
        let mut read = [false; CueCategory::ALL.len()];
        for &c in &self.categories {
            read[c as usize] = true;
        }
        // Matches come by start, longest first: keeping each that starts after the last kept one
        // of its category is leftmost-longest within the category.
        let mut category_end = [0usize; CueCategory::ALL.len()];
        let mut selected: Vec<(Range<usize>, u32)> = Vec::with_capacity(found.len());
        for m in found {
            let cue = lexicon.cues[m.index].0;
            let category = cue.category() as usize;
            if !read[category] || !read_here(cue) {
                continue;
            }
            if m.range.start >= category_end[category] {
                category_end[category] = m.range.end;
                selected.push((m.range.clone(), m.index as u32));
            }
        }
        let with_patterns = !self.patterns.is_empty();
        let hits = with_patterns.then(|| self.pattern_set.matches(text.as_bytes()));
        for index in hits.iter().flat_map(|h| h.iter()) {
            let (regex, owner) = &self.patterns[index];
            // ASCII mode can end a match inside a multi-byte character (`[^a-z]` takes one
            // byte of it); such a match is not on a character boundary and is dropped.
            selected.extend(
                regex
                    .find_iter(text.as_bytes())
                    .map(|m| m.range())
                    .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
                    .map(|r| (r, *owner)),
            );
        }
        // Frames are read in bodies: a title is a name, not a clause with a verb.
        let frames_before = selected.len();
        if !in_title && self.reads_frames {
            let frames = matcher::frames(normalized, lexicon, scan, &[], |f| {
                matches!(f.yields, FrameYield::Cue(_))
            });
            // Frames come by verb: the first of overlapping frames of a category is the whole
            // list ("hiring and managing engineers"), the later ones parts of it.
            let mut frame_end = [0usize; CueCategory::ALL.len()];
            for (range, frame) in frames {
                let FrameYield::Cue(owner) = lexicon.frames[frame as usize].yields else {
                    unreachable!("only cue frames are asked for");
                };
                let cue = lexicon.cues[owner as usize].0;
                let category = cue.category() as usize;
                // A frame around a term of its category says the same thing once more
                // ("maintain project plans" is the term "project plans").
                let says_a_term_again = selected[..frames_before].iter().any(|(r, o)| {
                    lexicon.cues[*o as usize].0.category() as usize == category
                        && r.start < range.end
                        && range.start < r.end
                });
                if read[category]
                    && read_here(cue)
                    && !says_a_term_again
                    && range.start >= frame_end[category]
                {
                    frame_end[category] = range.end;
                    selected.push((range, owner));
                }
            }
        }
        if with_patterns || selected.len() > frames_before {
            selected.sort_by_key(|(r, o)| (r.start, r.end, lexicon.cues[*o as usize].0));
        }

        let mut matches = Vec::with_capacity(selected.len());
        let mut boilerplate: Vec<Range<usize>> = Vec::new();
        for (range, owner) in selected {
            let (cue, weight) = lexicon.cues[owner as usize];
            let span = normalized.original_range(range.clone());
            if cue == Cue::EqualOpportunity {
                let statement = boilerplate_around(body, span.start);
                match boilerplate.last_mut() {
                    Some(last) if last.end >= statement.start => {
                        last.end = last.end.max(statement.end)
                    }
                    _ => boilerplate.push(statement),
                }
            }
            matches.push(CueMatch {
                cue,
                weight,
                section: sections.kind_at(span.start),
                range,
                span,
            });
        }
        let checks = if read[CueCategory::Wording as usize] {
            select_checks(lexicon, &scan.checks, in_title, normalized, sections)
        } else {
            Vec::new()
        };
        CueMatches {
            matches,
            checks,
            boilerplate,
        }
    }
}

/// The matches of wording checks among `found`: leftmost-longest within each check (a check's
/// "work hard play hard" hides its "play hard"; another check's phrases are not hidden), but
/// none inside one of the check's exceptions ("chairman" in "chairman of the board"), in
/// titles only those of checks that read titles.
fn select_checks(
    lexicon: &CompiledLexicon,
    found: &[RawMatch],
    in_title: bool,
    normalized: &NormalizedText,
    sections: &Sections,
) -> Vec<CheckMatch> {
    let mut check_end = vec![0usize; lexicon.checks.len()];
    // How far each check's exceptions seen so far reach. `found` is by start, longest first,
    // so each of them starts at or before the match at hand, which lies inside one of them
    // exactly when it ends by then.
    let mut except_end = vec![0usize; lexicon.checks.len()];
    let mut selected = Vec::new();
    for m in found {
        let phrase = &lexicon.check_phrases[m.index];
        let check = phrase.check as usize;
        if in_title && !lexicon.checks[check].title {
            continue;
        }
        if phrase.except {
            except_end[check] = except_end[check].max(m.range.end);
            continue;
        }
        if m.range.end <= except_end[check] {
            continue;
        }
        if m.range.start >= check_end[check] {
            check_end[check] = m.range.end;
            let span = normalized.original_range(m.range.clone());
            selected.push(CheckMatch {
                check: phrase.check,
                replacements: phrase.replacements.clone(),
                section: sections.kind_at(span.start),
                span,
            });
        }
    }
    selected
}

/// The equal-opportunity statement around body byte `at`: its line, or in a long flattened line
/// the sentence that holds it and the next.
fn boilerplate_around(body: &str, at: usize) -> Range<usize> {
    // memchr on the bytes (the marks are ASCII, so a byte that is one is that character): in a
    // flattened body the line runs for kilobytes, and searched by characters, back from a
    // statement deep in it, it cost more than the rest of the cues.
    let bytes = body.as_bytes();
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(body.len(), |i| at + i);
    if line_end - line_start <= BOILERPLATE_LINE {
        return line_start..line_end;
    }
    let sentence_end = |from: usize| {
        memchr::memchr3(b'.', b'!', b'?', &bytes[from..line_end]).map_or(line_end, |i| from + i + 1)
    };
    let start = memchr::memrchr3(b'.', b'!', b'?', &bytes[line_start..at])
        .map_or(line_start, |i| line_start + i + 1);
    let start = start + (body[start..at].len() - body[start..at].trim_start().len());
    let end = sentence_end(sentence_end(at));
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    #[test]
    fn cue_ids_round_trip_and_name_what_is_wrong() {
        for &cue in Cue::ALL {
            assert_eq!(cue.to_string().parse::<Cue>(), Ok(cue));
        }
        let e = "wordng:hype-title".parse::<Cue>().unwrap_err();
        assert!(e.contains("unknown category `wordng`"), "{e}");
        let e = "role:bartending".parse::<Cue>().unwrap_err();
        assert!(
            e.contains("unknown cue `bartending` in category `role`"),
            "{e}"
        );
        assert!("design".parse::<Cue>().is_err());
    }

    fn scan(lexicon_json: &str, body: &str) -> Vec<(String, String)> {
        let lexicon = Lexicon::from_sources([("t.json".to_string(), lexicon_json)]).unwrap();
        let compiled = CompiledLexicon::new(&lexicon);
        let cues = CueLexicon::new(&compiled, &CueCategory::ALL);
        let sections = Sections::split(body, &compiled);
        let normalized = NormalizedText::new(body);
        let scan = compiled.scan(normalized.as_str());
        cues.body_cues(&compiled, &scan, body, &normalized, &sections)
            .all()
            .iter()
            .map(|m| (m.cue.to_string(), body[m.span.clone()].to_string()))
            .collect()
    }

    const LEX: &str = r#"{"cues": [
        {"cue": "role:product-management", "terms": ["roadmap", "product roadmap"], "source": "003: x"},
        {"cue": "wording:masculine-coded", "terms": ["lead", "compete"], "source": "Gaucher et al. 2011"},
        {"cue": "role:software-engineering", "terms": ["lead"], "patterns": ["\\bwrite (?:clean )?code\\b"], "source": "own words"}
    ]}"#;

    #[test]
    fn categories_do_not_hide_one_another_but_terms_in_one_do() {
        let found = scan(LEX, "Lead the Product Roadmap and write clean code.");
        assert_eq!(
            found,
            vec![
                ("role:software-engineering".into(), "Lead".into()),
                ("wording:masculine-coded".into(), "Lead".into()),
                ("role:product-management".into(), "Product Roadmap".into()),
                (
                    "role:software-engineering".into(),
                    "write clean code".into()
                ),
            ]
        );
    }

    const FRAMES: &str = r#"{"cues": [
        {"cue": "role:engineering-management", "frames": [{"verbs": ["hire", "manage"], "objects": ["engineer", "engineering team"]}], "source": "own words"},
        {"cue": "role:engineering-management", "terms": ["team of engineers"], "source": "own words"},
        {"cue": "wording:masculine-coded", "terms": ["engineers"], "source": "own words"}
    ]}"#;

    #[test]
    fn cue_frames_match_word_forms_within_a_clause() {
        let em = |body: &str| -> Vec<String> {
            scan(FRAMES, body)
                .into_iter()
                .filter(|(cue, _)| cue == "role:engineering-management")
                .map(|(_, text)| text)
                .collect()
        };
        assert_eq!(
            em("Hiring and managing Android engineers. You managed engineering teams."),
            [
                "Hiring and managing Android engineers",
                "managed engineering teams"
            ]
        );
        // Another clause, a preposition that makes the noun no object, or a title: no frame.
        assert!(em("Hire fast. Engineers review the flows.").is_empty());
        assert!(em("Manage the roadmap with engineers").is_empty());
        // Inside a term of its category the frame says nothing new; other categories still see
        // their terms.
        assert_eq!(em("Manage a team of engineers"), ["team of engineers"]);
        let wording = scan(FRAMES, "Manage a team of engineers");
        assert!(wording.contains(&("wording:masculine-coded".into(), "engineers".into())));
    }

    #[test]
    fn a_checks_exceptions_silence_its_phrases_inside_them_only() {
        let lexicon = r#"{"checks": [{"id": "acme-jargon", "kind": "substitution",
            "category": "wording", "severity": "info", "summary": "Jargon",
            "message": "jargon: {phrase}", "help": "write {suggestion}", "explanation": "x",
            "instead": "x", "swap": {"pod": ["team"], "pod lead": ["team lead"]},
            "except": ["acme pod", "pod racing"], "sources": ["Acme guide"],
            "fires": "x", "clean": "x"}]}"#;
        let lexicon = Lexicon::from_sources([("t.json".to_string(), lexicon)]).unwrap();
        let compiled = CompiledLexicon::new(&lexicon);
        let cues = CueLexicon::new(&compiled, &CueCategory::ALL);
        let body = "Acme pod racing fans, join a pod. The Acme pod lead decides.";
        let sections = Sections::split(body, &compiled);
        let normalized = NormalizedText::new(body);
        let scan = compiled.scan(normalized.as_str());
        let found = cues.body_cues(&compiled, &scan, body, &normalized, &sections);
        let hits: Vec<&str> = found.of_check(0).map(|m| &body[m.span.clone()]).collect();
        // "pod" inside two overlapping exceptions is silent; "pod lead" reaches out of "Acme
        // pod", so it is no part of it and is reported.
        assert_eq!(hits, ["pod", "pod lead"]);
    }

    #[test]
    fn whole_words_only() {
        assert!(scan(LEX, "core competence, misleading roadmaps").is_empty());
    }

    #[test]
    fn leaving_a_category_out_leaves_its_cues_unscanned() {
        let lexicon = Lexicon::from_sources([("t.json".to_string(), LEX)]).unwrap();
        let body = "lead the roadmap";
        let compiled = CompiledLexicon::new(&lexicon);
        let cues = CueLexicon::new(&compiled, &[CueCategory::Role]);
        let sections = Sections::split(body, &compiled);
        let normalized = NormalizedText::new(body);
        let scan = compiled.scan(normalized.as_str());
        let found = cues.body_cues(&compiled, &scan, body, &normalized, &sections);
        assert!(found
            .all()
            .iter()
            .all(|m| m.cue.category() == CueCategory::Role));
        assert_eq!(found.all().len(), 2);
    }

    #[test]
    fn boilerplate_is_the_line_or_the_sentences_around_the_phrase() {
        let body = "Own the roadmap.\nAcme is an equal opportunity employer. We welcome everyone.\nApply now.\n";
        let at = body.find("equal").unwrap();
        assert_eq!(
            &body[boilerplate_around(body, at)],
            "Acme is an equal opportunity employer. We welcome everyone."
        );
        let long = format!(
            "{} Acme is an equal opportunity employer. We welcome all. Benefits follow. More.",
            "Own the roadmap. ".repeat(50)
        );
        let at = long.find("equal").unwrap();
        assert_eq!(
            &long[boilerplate_around(&long, at)],
            "Acme is an equal opportunity employer. We welcome all."
        );
    }
}
