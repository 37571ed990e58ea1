//! The file format of `lexicon/`: the entry types each key of a file holds, parsing a file with
//! errors that name the entry, and the canonical (sorted) form the files are kept in.

use super::{CheckEntry, LexiconError};
use crate::cues::Cue;
use crate::domain::{Level, Specialization, Target};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A literal-phrase signal: `terms` are evidence for `supports`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalEntry {
    /// Literal phrases, matched as whole words in text normalized the same way as postings.
    pub terms: Vec<String>,
    /// What a match is evidence for: `level:<id>`, `track:<id>` or `specialization:<id>`.
    pub supports: Target,
    /// How much one match counts, in (0, 10], before the section factor and repeats.
    pub weight: f64,
    /// Where the knowledge comes from: a seed file and section (`NNN: Section > Subsection #n`)
    /// in the default lexicon, any citation in a user's layer (`acme: our ladder`).
    pub source: String,
}

/// A frame: a verb and its object within one clause ("hiring, growing and coaching a team of
/// product managers"), evidence for `supports` where a fixed phrase would miss the words between.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameEntry {
    /// Verbs as lemmas; their word forms are matched too.
    pub verbs: Vec<String>,
    /// Objects as lemmas; their plurals are matched too.
    pub objects: Vec<String>,
    /// Whether a product-management role named in the body ("product managers", "a director of
    /// product") is an object too. Which role it names does not matter, so that rewriting title
    /// mentions cannot change the verdict.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub role_objects: bool,
    /// What a verb-and-object match is evidence for.
    pub supports: Target,
    /// How much one match counts, in (0, 10], before the section factor and repeats.
    pub weight: f64,
    /// Where the knowledge comes from: a seed file and section (`NNN: Section > Subsection #n`)
    /// in the default lexicon, any citation in a user's layer (`acme: our ladder`).
    pub source: String,
}

/// A regular-expression signal, matched against normalized text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternEntry {
    /// The regular expression, matched against the normalized text; it must not match the
    /// empty string.
    pub pattern: String,
    /// What a match is evidence for.
    pub supports: Target,
    /// How much one match counts, in (0, 10], before the section factor and repeats.
    pub weight: f64,
    /// Where the knowledge comes from: a seed file and section (`NNN: Section > Subsection #n`)
    /// in the default lexicon, any citation in a user's layer (`acme: our ladder`).
    pub source: String,
    /// A `posting:*` cue that voids the pattern in a body that has it: "reports to the CEO" says
    /// nothing of level at a 20-person startup, where every PM does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<Cue>,
}

/// How a title phrase is used by the title parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleKind {
    /// A product-management role noun ("product manager", "head of product").
    Role,
    /// A word qualifying a role with a level or specialization ("senior", "growth").
    Qualifier,
}

/// Phrases the title parser reads titles with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleEntry {
    /// The phrases, matched on word boundaries in normalized text: in titles, and as title
    /// mentions in bodies.
    pub phrases: Vec<String>,
    /// Whether the phrases name the role or qualify it.
    pub kind: TitleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The level the phrases claim; `None` for a role noun that names none ("product manager"
    /// claims `pm` only by default) or a specialization qualifier.
    pub level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The specialization the phrases claim, if any. A qualifier needs this or `level`.
    pub specialization: Option<Specialization>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A caveat shown with the match, e.g. that the title reads differently across companies.
    pub note: Option<String>,
    /// Where the knowledge comes from: a seed file and section (`NNN: Section > Subsection #n`)
    /// in the default lexicon, any citation in a user's layer (`acme: our ladder`).
    pub source: String,
}

/// Years of experience in `min_years..=max_years` are evidence for `supports`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperienceBand {
    /// The fewest years the band covers (inclusive).
    pub min_years: u32,
    /// The most years the band covers (inclusive); at least `min_years`.
    pub max_years: u32,
    /// Whether the band counts years as a manager ("4+ years managing product managers") rather
    /// than years of experience.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub managing: bool,
    /// The level the band is evidence for; it must be a `level:<id>`.
    pub supports: Target,
    /// How much a years requirement in the band counts, in (0, 10].
    pub weight: f64,
    /// Where the knowledge comes from: a seed file and section (`NNN: Section > Subsection #n`)
    /// in the default lexicon, any citation in a user's layer (`acme: our ladder`).
    pub source: String,
}

/// The kind of section a heading starts; it decides how much the evidence inside counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SectionKind {
    /// Text under no recognized heading: before the first, or after an unlisted heading that ends
    /// the company's pitch.
    Preamble,
    /// About the company ("About us"): not evidence.
    About,
    /// A summary of the role ("The role"): full evidence.
    Role,
    /// What the person will do: full evidence.
    Responsibilities,
    /// What the person must have: full evidence.
    Requirements,
    /// Preferred, not required ("Nice to have"): half evidence.
    NiceToHave,
    /// Pay, perks and benefits: not evidence.
    Benefits,
    /// Equal-opportunity and other legal text: not evidence.
    Legal,
    /// How to apply: not evidence.
    Apply,
}

impl SectionKind {
    /// How much evidence in this section counts. DOMAIN.md: "About us" and benefits are not
    /// evidence; "nice to have" weighs less than "required". Text before any heading is often the
    /// role's summary, but as often a company pitch, so it counts for part.
    pub fn evidence_factor(self) -> f64 {
        match self {
            SectionKind::Role | SectionKind::Responsibilities | SectionKind::Requirements => 1.0,
            SectionKind::Preamble => 0.75,
            SectionKind::NiceToHave => 0.5,
            SectionKind::About
            | SectionKind::Benefits
            | SectionKind::Legal
            | SectionKind::Apply => 0.0,
        }
    }

    /// The kebab-case id used in lexicon files and in evidence's `section`, e.g. `nice-to-have`.
    pub fn id(self) -> &'static str {
        match self {
            SectionKind::Preamble => "preamble",
            SectionKind::About => "about",
            SectionKind::Role => "role",
            SectionKind::Responsibilities => "responsibilities",
            SectionKind::Requirements => "requirements",
            SectionKind::NiceToHave => "nice-to-have",
            SectionKind::Benefits => "benefits",
            SectionKind::Legal => "legal",
            SectionKind::Apply => "apply",
        }
    }
}

/// Headings that start a section of `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionEntry {
    /// Heading texts, matched against normalized lines (or inline, in text that lost its line
    /// breaks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<String>,
    /// Sentence openings that start this kind of section inside a company pitch that no heading
    /// ended ("About Acme ... We're looking for a product manager to ..."): a sentence of an
    /// `about` section that begins with one starts this section there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub openers: Vec<String>,
    /// Words that name this kind of section inside a heading no entry lists ("Things you'll
    /// own", "Sound like you?"): employers word their headings their own way, in a few shared
    /// words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
    /// The kind of section these headings start; never `preamble`.
    pub kind: SectionKind,
}

/// Words that negate a signal that follows them closely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegationEntry {
    /// The negating words or phrases ("no", "without").
    pub words: Vec<String>,
    /// Where the knowledge comes from: a seed file and section (`NNN: Section > Subsection #n`)
    /// in the default lexicon, any citation in a user's layer (`acme: our ladder`).
    pub source: String,
}

/// Words that make the hiring company the subject of what follows them ("we are hiring a team of
/// engineers"): such a match says what the company does, not what the role does, and is no
/// evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyVoiceEntry {
    /// The company as a subject, one word each ("we", "we're").
    pub subjects: Vec<String>,
    /// Words that may stand between the subject and the match, one word each ("are",
    /// "currently", "looking", "to").
    pub between: Vec<String>,
    /// Where the knowledge comes from, as for a negation.
    pub source: String,
}

/// Phrases and patterns that are cues for the rule catalogue (see [`crate::cues`]): what job a
/// body describes, whether it names a team or a metric, wording that job-posting linters flag.
/// Cues never count as evidence of a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    /// `<category>:<name>`, e.g. `role:design` or `wording:hype-title`.
    pub cue: Cue,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Literal phrases, matched as whole words in text normalized the same way as postings.
    pub terms: Vec<String>,
    /// Regular expressions over the normalized text, for cues a word list cannot say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    /// Verbs with their objects, matched in a body as [`FrameEntry`] frames are ("hire and
    /// manage a team of Android engineers"): the job's work said once for every way it is worded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<CueFrame>,
    /// How strongly one match indicates the cue (1.0 when omitted).
    #[serde(default = "unit_weight", skip_serializing_if = "is_unit_weight")]
    pub weight: f64,
    /// Where the knowledge comes from: a seed (`NNN: Section`) or a named outside source.
    pub source: String,
}

/// A cue's verb-and-object frame: any form of a verb followed, within a few words of the same
/// clause, by one of the objects (either number).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueFrame {
    /// Verbs as lemmas; their word forms are matched too.
    pub verbs: Vec<String>,
    /// Objects as lemmas; their plurals are matched too.
    pub objects: Vec<String>,
}

fn unit_weight() -> f64 {
    1.0
}

fn is_unit_weight(w: &f64) -> bool {
    *w == 1.0
}

/// One lexicon file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Literal-phrase signals.
    pub signals: Vec<SignalEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Verb-and-object frames.
    pub frames: Vec<FrameEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Regular-expression signals.
    pub patterns: Vec<PatternEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Phrases the title parser reads titles with.
    pub titles: Vec<TitleEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Years-of-experience bands; an overlay's bands replace the base's.
    pub experience: Vec<ExperienceBand>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Section headings.
    pub sections: Vec<SectionEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Negating words.
    pub negations: Vec<NegationEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Words that make the hiring company the subject of a match.
    pub company_voice: Vec<CompanyVoiceEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Cues for the rule catalogue.
    pub cues: Vec<CueEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Wording checks: rules of the catalogue written as data.
    pub checks: Vec<CheckEntry>,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

const KEYS: [&str; 10] = [
    "signals",
    "frames",
    "patterns",
    "titles",
    "experience",
    "sections",
    "negations",
    "company_voice",
    "cues",
    "checks",
];

/// Parses one lexicon file, with errors naming the entry (by key and index) that is wrong.
pub fn parse_file(name: &str, text: &str) -> Result<LexiconFile, LexiconError> {
    let file_err = |message: String| LexiconError {
        file: name.to_string(),
        entry: None,
        message,
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        file_err(format!(
            "invalid JSON at line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    let serde_json::Value::Object(map) = value else {
        return Err(file_err(format!(
            "a lexicon file holds one JSON object (keys: {})",
            KEYS.join(", ")
        )));
    };
    for (key, value) in &map {
        if !KEYS.contains(&key.as_str()) {
            // Wording rules are `checks`; the others are code with stable ids.
            let hint = if key == "rules" {
                "; a wording rule is a `checks` entry (see lexicon/README.md); the other rules \
                 are switched and their severity set in jdlint.toml (`select`, `ignore`, `[severity]`)"
            } else {
                ""
            };
            return Err(file_err(format!(
                "unknown key `{key}` (known: {}){hint}",
                KEYS.join(", ")
            )));
        }
        let serde_json::Value::Array(items) = value else {
            return Err(file_err(format!("`{key}` must be an array")));
        };
        for (i, item) in items.iter().enumerate() {
            let check = match key.as_str() {
                "signals" => SignalEntry::deserialize(item).map(drop),
                "frames" => FrameEntry::deserialize(item).map(drop),
                "patterns" => PatternEntry::deserialize(item).map(drop),
                "titles" => TitleEntry::deserialize(item).map(drop),
                "experience" => ExperienceBand::deserialize(item).map(drop),
                "sections" => SectionEntry::deserialize(item).map(drop),
                "cues" => CueEntry::deserialize(item).map(drop),
                "checks" => CheckEntry::deserialize(item).map(drop),
                "company_voice" => CompanyVoiceEntry::deserialize(item).map(drop),
                _ => NegationEntry::deserialize(item).map(drop),
            };
            if let Err(e) = check {
                let label = item
                    .as_object()
                    .and_then(|o| {
                        [
                            "id", "terms", "verbs", "phrases", "headings", "words", "subjects",
                            "pattern", "patterns",
                        ]
                        .iter()
                        .find_map(|k| o.get(*k))
                    })
                    .map(|v| match v {
                        serde_json::Value::Array(a) => {
                            a.first().map(|f| f.to_string()).unwrap_or_default()
                        }
                        other => other.to_string(),
                    })
                    .unwrap_or_default();
                return Err(LexiconError {
                    file: name.to_string(),
                    entry: Some(format!("{key}[{i}] ({label})")),
                    message: e.to_string(),
                });
            }
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| file_err(e.to_string()))
}

impl LexiconFile {
    /// The file in canonical form: phrases sorted and unique inside each entry, entries sorted.
    pub fn canonical(mut self) -> LexiconFile {
        fn tidy(v: &mut Vec<String>) {
            v.sort();
            v.dedup();
        }
        for s in &mut self.signals {
            tidy(&mut s.terms);
        }
        self.signals.sort_by(|a, b| {
            (&a.terms, a.supports.to_string()).cmp(&(&b.terms, b.supports.to_string()))
        });
        for f in &mut self.frames {
            tidy(&mut f.verbs);
            tidy(&mut f.objects);
        }
        self.frames.sort_by(|a, b| {
            (&a.verbs, &a.objects, a.supports.to_string()).cmp(&(
                &b.verbs,
                &b.objects,
                b.supports.to_string(),
            ))
        });
        self.patterns.sort_by(|a, b| a.pattern.cmp(&b.pattern));
        for t in &mut self.titles {
            tidy(&mut t.phrases);
        }
        self.titles.sort_by(|a, b| a.phrases.cmp(&b.phrases));
        self.experience.sort_by(|a, b| {
            (a.min_years, a.max_years, a.supports.to_string()).cmp(&(
                b.min_years,
                b.max_years,
                b.supports.to_string(),
            ))
        });
        for s in &mut self.sections {
            tidy(&mut s.headings);
        }
        self.sections.sort_by(|a, b| a.headings.cmp(&b.headings));
        for n in &mut self.negations {
            tidy(&mut n.words);
        }
        self.negations.sort_by(|a, b| a.words.cmp(&b.words));
        for v in &mut self.company_voice {
            tidy(&mut v.subjects);
            tidy(&mut v.between);
        }
        self.company_voice
            .sort_by(|a, b| a.subjects.cmp(&b.subjects));
        for c in &mut self.cues {
            tidy(&mut c.terms);
            tidy(&mut c.patterns);
            for f in &mut c.frames {
                tidy(&mut f.verbs);
                tidy(&mut f.objects);
            }
            c.frames.sort();
        }
        self.cues
            .sort_by(|a, b| (a.cue, &a.terms, &a.patterns).cmp(&(b.cue, &b.terms, &b.patterns)));
        self.checks = self.checks.into_iter().map(CheckEntry::canonical).collect();
        self.checks.sort_by(|a, b| a.id.cmp(&b.id));
        self
    }

    /// The file as canonical JSON text (two-space indentation, trailing newline).
    pub fn to_canonical_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.clone().canonical())
            .expect("lexicon files serialize");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::tests::{load, signal};

    #[test]
    fn unknown_fields_name_the_file_and_entry() {
        let text = r#"{"signals": [{"terms": ["mentor"], "supports": "level:senior", "weight": 1.0, "source": "003: x", "wieght": 2}]}"#;
        let e = load(&[("extra.json", text)]).unwrap_err();
        assert_eq!(e.file, "extra.json");
        assert_eq!(e.entry.as_deref(), Some("signals[0] (\"mentor\")"));
        assert!(e.message.contains("unknown field `wieght`"), "{e}");
    }

    #[test]
    fn unknown_top_level_keys_and_bad_json_are_errors() {
        let e = load(&[("a.json", r#"{"signal": []}"#)]).unwrap_err();
        assert!(e.message.contains("unknown key `signal`"), "{e}");
        let e = load(&[("a.json", "{\"signals\": [\n}")]).unwrap_err();
        assert!(e.message.contains("invalid JSON at line 2"), "{e}");
        let e = load(&[("a.json", "[]")]).unwrap_err();
        assert!(e.message.contains("one JSON object"), "{e}");
    }

    #[test]
    fn unknown_level_ids_are_errors() {
        let e = load(&[("a.json", &signal(r#""mentor""#, "level:seniour"))]).unwrap_err();
        assert!(e.to_string().contains("unknown level id `seniour`"), "{e}");
        let title = r#"{"titles": [{"phrases": ["sr"], "kind": "qualifier", "level": "snr", "source": "001: x"}]}"#;
        let e = load(&[("t.json", title)]).unwrap_err();
        assert_eq!(e.entry.as_deref(), Some("titles[0] (\"sr\")"));
        assert!(e.message.contains("unknown variant `snr`"), "{e}");
    }
    #[test]
    fn canonical_form_sorts_terms_and_entries() {
        let text = r#"{"signals": [
            {"terms": ["zeta", "alpha", "alpha"], "supports": "level:pm", "weight": 1.0, "source": "003: x"},
            {"terms": ["beta"], "supports": "level:pm", "weight": 1.5, "source": "003: y"}]}"#;
        let canonical = parse_file("a.json", text).unwrap().to_canonical_json();
        let alpha = canonical.find("\"alpha\"").unwrap();
        let beta = canonical.find("\"beta\"").unwrap();
        assert!(alpha < beta, "{canonical}");
        assert_eq!(canonical.matches("\"alpha\"").count(), 1);
        assert_eq!(
            parse_file("a.json", &canonical)
                .unwrap()
                .to_canonical_json(),
            canonical
        );
    }
}
