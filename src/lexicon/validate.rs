//! Validation of a lexicon layer: weights in range, sources that cite, phrases that are unique
//! and can match, regexes that compile and cannot match almost anywhere. Errors name the file,
//! the entry and the problem.

use super::{checks, compiled, Lexicon, LexiconError, Origin, SectionKind, TitleKind};
use crate::cues::CueCategory;
use crate::domain::{Target, Track};
use crate::normalize::normalize_term;
use regex_automata::meta;
use std::collections::HashMap;

/// What the `source` of a layer's entries must cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Citations {
    /// A seed article and section, `NNN: Section > Subsection #n`: the default lexicon's every
    /// entry traces back to the seed articles, and its tests check their coverage by citation.
    Seed,
    /// Any non-empty text ("acme: our ladder"): a user's layer cites the user's own knowledge,
    /// which no seed article holds.
    Any,
}

impl Lexicon {
    /// Validates the lexicon, and gives its patterns' regexes by pattern: compiling the lexicon
    /// takes them instead of building each again.
    pub(super) fn validate(
        &self,
        citations: Citations,
    ) -> Result<HashMap<String, meta::Regex>, LexiconError> {
        let err = |origin: &Origin, message: String| LexiconError {
            file: origin.file.clone(),
            entry: Some(origin.entry.clone()),
            message,
        };

        let mut seen_terms: HashMap<String, &Origin> = HashMap::new();
        for s in &self.signals {
            check_weight(s.value.weight).map_err(|m| err(&s.origin, m))?;
            check_source(&s.value.source, citations).map_err(|m| err(&s.origin, m))?;
            check_phrases("terms", &s.value.terms, &s.origin, &mut seen_terms)?;
        }

        let mut seen_pairs: HashMap<(String, String), &Origin> = HashMap::new();
        for f in &self.frames {
            check_weight(f.value.weight).map_err(|m| err(&f.origin, m))?;
            check_source(&f.value.source, citations).map_err(|m| err(&f.origin, m))?;
            check_phrases("verbs", &f.value.verbs, &f.origin, &mut HashMap::new())?;
            check_phrases("objects", &f.value.objects, &f.origin, &mut HashMap::new())?;
            check_frame_pairs(&f.value.verbs, &f.value.objects, &f.origin, &mut seen_pairs)?;
        }

        let mut pattern_regexes = HashMap::with_capacity(self.patterns.len());
        for p in &self.patterns {
            check_weight(p.value.weight).map_err(|m| err(&p.origin, m))?;
            check_source(&p.value.source, citations).map_err(|m| err(&p.origin, m))?;
            let re =
                compiled::build_pattern_regex(&p.value.pattern).map_err(|m| err(&p.origin, m))?;
            if re.is_match("") {
                return Err(err(
                    &p.origin,
                    "pattern matches the empty string, so it would match everywhere".into(),
                ));
            }
            check_shortest_match(&p.value.pattern).map_err(|m| err(&p.origin, m))?;
            if let Some(cue) = p.value.unless {
                if cue.category() != CueCategory::Posting {
                    return Err(err(
                        &p.origin,
                        format!("`unless` names `{cue}`; it takes a `posting:*` cue"),
                    ));
                }
            }
            pattern_regexes.insert(p.value.pattern.clone(), re);
        }

        let mut seen_phrases: HashMap<String, &Origin> = HashMap::new();
        for t in &self.titles {
            check_source(&t.value.source, citations).map_err(|m| err(&t.origin, m))?;
            check_phrases("phrases", &t.value.phrases, &t.origin, &mut seen_phrases)?;
            if t.value.kind == TitleKind::Qualifier
                && t.value.level.is_none()
                && t.value.specialization.is_none()
            {
                return Err(err(
                    &t.origin,
                    "a qualifier needs a `level` or a `specialization`".into(),
                ));
            }
        }

        for b in &self.experience {
            check_weight(b.value.weight).map_err(|m| err(&b.origin, m))?;
            check_source(&b.value.source, citations).map_err(|m| err(&b.origin, m))?;
            if b.value.min_years > b.value.max_years {
                return Err(err(
                    &b.origin,
                    format!(
                        "min_years ({}) is greater than max_years ({})",
                        b.value.min_years, b.value.max_years
                    ),
                ));
            }
            if !matches!(b.value.supports, Target::Level(_)) {
                return Err(err(
                    &b.origin,
                    format!("experience supports a level, not `{}`", b.value.supports),
                ));
            }
            // Years as a manager can only say how high a manager: an IC level has no managers.
            if b.value.managing
                && matches!(b.value.supports, Target::Level(l) if l.track() != Track::Manager)
            {
                return Err(err(
                    &b.origin,
                    format!(
                        "years managing support a manager-track level (group, director, vp, cpo), \
                         not `{}`",
                        b.value.supports
                    ),
                ));
            }
        }

        let mut seen_headings: HashMap<String, &Origin> = HashMap::new();
        let mut seen_openers: HashMap<String, &Origin> = HashMap::new();
        let mut seen_cues: HashMap<String, &Origin> = HashMap::new();
        for s in &self.sections {
            if s.value.headings.is_empty() && s.value.openers.is_empty() && s.value.cues.is_empty()
            {
                return Err(err(
                    &s.origin,
                    "a section needs `headings`, `openers` or `cues`".into(),
                ));
            }
            if !s.value.cues.is_empty() {
                check_phrases("cues", &s.value.cues, &s.origin, &mut seen_cues)?;
            }
            if !s.value.headings.is_empty() {
                // Headings that differ only in their connector ("and", "&") are one heading.
                let headings: Vec<String> = s
                    .value
                    .headings
                    .iter()
                    .map(|h| compiled::canonical_connectors(h))
                    .collect();
                check_phrases("headings", &headings, &s.origin, &mut seen_headings)?;
            }
            if !s.value.openers.is_empty() {
                check_phrases("openers", &s.value.openers, &s.origin, &mut seen_openers)?;
            }
            if s.value.kind == SectionKind::Preamble {
                return Err(err(
                    &s.origin,
                    "`preamble` is the text before any heading, not a heading kind".into(),
                ));
            }
            if s.value.kind == SectionKind::About && !s.value.cues.is_empty() {
                return Err(err(
                    &s.origin,
                    "`cues` name the job's sections; the company's is \"About\" and its name"
                        .into(),
                ));
            }
            if s.value.kind == SectionKind::About && !s.value.openers.is_empty() {
                return Err(err(
                    &s.origin,
                    "`openers` end an `about` section; they cannot start one".into(),
                ));
            }
        }

        let mut seen_words: HashMap<String, &Origin> = HashMap::new();
        for n in &self.negations {
            check_source(&n.value.source, citations).map_err(|m| err(&n.origin, m))?;
            check_phrases("words", &n.value.words, &n.origin, &mut seen_words)?;
        }

        // A word is a subject or may stand between, not both: the company's voice reads the
        // words back from a match one at a time.
        let mut seen_voice_words: HashMap<String, &Origin> = HashMap::new();
        for v in &self.company_voice {
            check_source(&v.value.source, citations).map_err(|m| err(&v.origin, m))?;
            for (key, words) in [
                ("subjects", &v.value.subjects),
                ("between", &v.value.between),
            ] {
                check_phrases(key, words, &v.origin, &mut seen_voice_words)?;
                if let Some(phrase) = words.iter().find(|w| normalize_term(w).contains(' ')) {
                    return Err(err(
                        &v.origin,
                        format!(
                            "{phrase:?} in `{key}` is more than one word; list its words apart"
                        ),
                    ));
                }
            }
        }

        // Cue terms are unique within a category: one word may be a role cue and a wording cue.
        let mut seen_cue_terms: HashMap<crate::cues::CueCategory, HashMap<String, &Origin>> =
            HashMap::new();
        let mut seen_cue_pairs: HashMap<
            crate::cues::CueCategory,
            HashMap<(String, String), &Origin>,
        > = HashMap::new();
        for c in &self.cues {
            let cue = &c.value;
            check_weight(cue.weight).map_err(|m| err(&c.origin, m))?;
            if cue.source.trim().len() < 3 {
                return Err(err(
                    &c.origin,
                    "`source` must name where the cue comes from (a seed `NNN: Section` or an outside source)".into(),
                ));
            }
            if cue.terms.is_empty() && cue.patterns.is_empty() && cue.frames.is_empty() {
                return Err(err(
                    &c.origin,
                    "a cue needs `terms`, `patterns` or `frames`".into(),
                ));
            }
            for f in &cue.frames {
                check_phrases("verbs", &f.verbs, &c.origin, &mut HashMap::new())?;
                check_phrases("objects", &f.objects, &c.origin, &mut HashMap::new())?;
                let seen = seen_cue_pairs.entry(cue.cue.category()).or_default();
                check_frame_pairs(&f.verbs, &f.objects, &c.origin, seen)?;
            }
            if !cue.terms.is_empty() {
                let seen = seen_cue_terms.entry(cue.cue.category()).or_default();
                check_phrases("terms", &cue.terms, &c.origin, seen)?;
            }
            for pattern in &cue.patterns {
                let re = crate::cues::build_cue_regex(pattern)
                    .map_err(|m| err(&c.origin, format!("pattern {pattern:?}: {m}")))?;
                if re.is_match(b"") {
                    return Err(err(
                        &c.origin,
                        format!("pattern {pattern:?} matches the empty string, so it would match everywhere"),
                    ));
                }
                check_shortest_match(pattern)
                    .map_err(|m| err(&c.origin, format!("pattern {pattern:?}: {m}")))?;
            }
        }
        checks::validate(&self.checks)?;
        Ok(pattern_regexes)
    }
}

/// A verb and an object make one frame: two entries that both hold them would count the same
/// words twice, or one would silently take the other's place (the longer match wins, not the
/// heavier), so a pair is unique in its layer as a term is.
fn check_frame_pairs<'a>(
    verbs: &[String],
    objects: &[String],
    origin: &'a Origin,
    seen: &mut HashMap<(String, String), &'a Origin>,
) -> Result<(), LexiconError> {
    for verb in verbs {
        for object in objects {
            let pair = (normalize_term(verb), normalize_term(object));
            match seen.get(&pair) {
                Some(first) if *first != origin => {
                    return Err(LexiconError {
                        file: origin.file.clone(),
                        entry: Some(origin.entry.clone()),
                        message: format!("the frame {verb:?} x {object:?} is already in {first}"),
                    });
                }
                _ => {
                    seen.insert(pair, origin);
                }
            }
        }
    }
    Ok(())
}

fn check_weight(weight: f64) -> Result<(), String> {
    if weight.is_finite() && weight > 0.0 && weight <= 10.0 {
        Ok(())
    } else {
        Err(format!("weight {weight} is out of range (0, 10]"))
    }
}

fn check_source(source: &str, citations: Citations) -> Result<(), String> {
    if citations == Citations::Any {
        return if source.trim().is_empty() {
            Err(
                "`source` is empty: cite where the entry's knowledge comes from \
                 (\"acme: our ladder\")"
                    .into(),
            )
        } else {
            Ok(())
        };
    }
    let b = source.as_bytes();
    let well_formed = b.len() > 5 && b[..3].iter().all(u8::is_ascii_digit) && &b[3..5] == b": ";
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "source {source:?} does not name a seed file and section (`NNN: Section > Subsection #n`)"
        ))
    }
}

pub(super) fn check_phrases<'a>(
    key: &str,
    phrases: &[String],
    origin: &'a Origin,
    seen: &mut HashMap<String, &'a Origin>,
) -> Result<(), LexiconError> {
    let err = |message: String| LexiconError {
        file: origin.file.clone(),
        entry: Some(origin.entry.clone()),
        message,
    };
    if phrases.is_empty() {
        return Err(err(format!("`{key}` is empty")));
    }
    for phrase in phrases {
        let normalized = normalize_term(phrase);
        if normalized.is_empty() {
            return Err(err(format!("empty entry in `{key}`")));
        }
        if !normalized.chars().any(crate::normalize::is_word_char) {
            return Err(err(format!(
                "{phrase:?} in `{key}` has no letter or digit, so it would match punctuation \
                 anywhere"
            )));
        }
        if let Some(first) = seen.insert(normalized.clone(), origin) {
            return Err(err(format!(
                "duplicate `{phrase}` (normalized `{normalized}`), already in {first}"
            )));
        }
    }
    Ok(())
}

/// `Err` when `pattern` can match fewer than [`compiled::SHORTEST_PATTERN_MATCH`] bytes.
fn check_shortest_match(pattern: &str) -> Result<(), String> {
    match compiled::shortest_match(pattern) {
        Some(n) if n < compiled::SHORTEST_PATTERN_MATCH => Err(format!(
            "pattern can match {n} byte{} alone, so it would match almost anywhere; a pattern \
             must match at least {} (a word, a phrase)",
            if n == 1 { "" } else { "s" },
            compiled::SHORTEST_PATTERN_MATCH
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::Citations;
    use crate::lexicon::tests::{load, signal};
    use crate::lexicon::Lexicon;

    #[test]
    fn duplicate_and_empty_terms_are_errors() {
        let e = load(&[
            ("a.json", &signal(r#""Cross-functional""#, "level:pm")),
            ("b.json", &signal(r#""cross functional""#, "level:senior")),
        ])
        .unwrap_err();
        assert_eq!(e.file, "b.json");
        assert!(e.message.contains("duplicate `cross functional`"), "{e}");
        assert!(e.message.contains("a.json: signals[0]"), "{e}");
        let e = load(&[("a.json", &signal(r#""  ""#, "level:pm"))]).unwrap_err();
        assert!(e.message.contains("empty entry in `terms`"), "{e}");
        let e = load(&[("a.json", &signal("", "level:pm"))]).unwrap_err();
        assert!(e.message.contains("`terms` is empty"), "{e}");
        let e = load(&[("a.json", &signal(r#""mentor", "—!?""#, "level:pm"))]).unwrap_err();
        assert_eq!(e.entry.as_deref(), Some("signals[0] (\"mentor\")"));
        assert!(e.message.contains("has no letter or digit"), "{e}");
    }

    #[test]
    fn headings_that_differ_only_in_their_connector_are_duplicates() {
        let e = load(&[(
            "s.json",
            r#"{"sections": [{"headings": ["Skills and experience", "skills & experience"], "kind": "requirements"}]}"#,
        )])
        .unwrap_err();
        assert!(e.to_string().contains("s.json: sections[0]"), "{e}");
        assert!(
            e.message.contains("duplicate `skills and experience`"),
            "{e}"
        );
    }

    #[test]
    fn section_openers_and_cues_are_checked() {
        let section = |entry: &str| format!(r#"{{"sections": [{entry}]}}"#);
        let e = load(&[(
            "s.json",
            &section(r#"{"openers": ["we are proud"], "kind": "about"}"#),
        )])
        .unwrap_err();
        assert!(e.to_string().contains("s.json: sections[0]"), "{e}");
        assert!(e.to_string().contains("they cannot start one"), "{e}");
        let e = load(&[("s.json", &section(r#"{"kind": "role"}"#))]).unwrap_err();
        assert!(
            e.to_string()
                .contains("needs `headings`, `openers` or `cues`"),
            "{e}"
        );
        let e = load(&[(
            "s.json",
            &section(r#"{"cues": ["our story"], "kind": "about"}"#),
        )])
        .unwrap_err();
        assert!(
            e.to_string().contains("`cues` name the job's sections"),
            "{e}"
        );
        let e = load(&[(
            "s.json",
            &section(
                r#"{"cues": ["you'll"], "kind": "role"}, {"cues": ["You’ll"], "kind": "requirements"}"#,
            ),
        )])
        .unwrap_err();
        assert!(e.to_string().contains("sections[1]"), "{e}");
        assert!(e.to_string().contains("duplicate"), "{e}");
        let e = load(&[(
            "s.json",
            &section(r#"{"openers": ["In this role", "in this  role"], "kind": "role"}"#),
        )])
        .unwrap_err();
        assert!(e.to_string().contains("duplicate `in this  role`"), "{e}");
        load(&[(
            "s.json",
            &section(r#"{"openers": ["in this role"], "kind": "role"}"#),
        )])
        .unwrap();
    }

    #[test]
    fn bad_regexes_and_match_everything_patterns_are_errors() {
        let bad = r#"{"patterns": [{"pattern": "report(s", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}]}"#;
        let e = load(&[("p.json", bad)]).unwrap_err();
        assert_eq!(e.entry.as_deref(), Some("patterns[0] (\"report(s\")"));
        assert!(e.message.contains("invalid regex"), "{e}");
        let all = r#"{"patterns": [{"pattern": "x*", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}]}"#;
        let e = load(&[("p.json", all)]).unwrap_err();
        assert!(e.message.contains("empty string"), "{e}");
        // A single character class matches almost anywhere: a megabyte would be a million
        // matches.
        for pattern in ["[a-z]", "\\\\w\\\\b", "(?:ab|c)"] {
            let one = format!(
                r#"{{"patterns": [{{"pattern": "{pattern}", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}}]}}"#
            );
            let e = load(&[("p.json", &one)]).unwrap_err();
            assert!(
                e.entry.as_deref().unwrap().starts_with("patterns[0]"),
                "{e}"
            );
            assert!(e.message.contains("almost anywhere"), "{e}");
        }
        let fine = r#"{"patterns": [{"pattern": "\\bceo\\b", "supports": "level:cpo", "weight": 1.0, "source": "003: x"}]}"#;
        assert!(load(&[("p.json", fine)]).is_ok());
    }

    #[test]
    fn weights_and_sources_are_checked() {
        let text = r#"{"signals": [{"terms": ["x"], "supports": "level:pm", "weight": -1, "source": "003: x"}]}"#;
        assert!(load(&[("a.json", text)])
            .unwrap_err()
            .message
            .contains("out of range"));
    }

    #[test]
    fn a_verb_and_object_pair_is_one_frame_in_a_layer() {
        let frame = |verbs: &str, objects: &str| {
            format!(
                r#"{{"verbs": {verbs}, "objects": {objects}, "supports": "track:manager", "weight": 1, "source": "003: x"}}"#
            )
        };
        let frames = |a: String, b: String| format!(r#"{{"frames": [{a}, {b}]}}"#);
        let e = load(&[(
            "f.json",
            &frames(
                frame(r#"["hire", "manage"]"#, r#"["designers"]"#),
                frame(r#"["Manage"]"#, r#"["designers", "staff"]"#),
            ),
        )])
        .unwrap_err();
        assert_eq!(
            e.entry.as_deref(),
            Some("frames[1] (\"Manage\" x \"designers\")")
        );
        assert!(
            e.message
                .contains("\"Manage\" x \"designers\" is already in f.json: frames[0]"),
            "{e}"
        );
        assert!(load(&[(
            "f.json",
            &frames(
                frame(r#"["hire"]"#, r#"["designers"]"#),
                frame(r#"["manage"]"#, r#"["designers"]"#),
            ),
        )])
        .is_ok());
        // Cue frames likewise, within a category.
        let cue = |name: &str, verbs: &str| {
            format!(
                r#"{{"cue": "{name}", "frames": [{{"verbs": {verbs}, "objects": ["engineers"]}}], "source": "own words"}}"#
            )
        };
        let cues = |a: String, b: String| format!(r#"{{"cues": [{a}, {b}]}}"#);
        let e = load(&[(
            "em.json",
            &cues(
                cue("role:engineering-management", r#"["hire", "manage"]"#),
                cue("role:software-engineering", r#"["manage"]"#),
            ),
        )])
        .unwrap_err();
        assert!(e.message.contains("\"manage\" x \"engineers\""), "{e}");
        assert!(load(&[(
            "em.json",
            &cues(
                cue("role:engineering-management", r#"["manage"]"#),
                cue("wording:hype-title", r#"["manage"]"#),
            ),
        )])
        .is_ok());
    }

    #[test]
    fn a_cue_frame_needs_verbs_and_objects() {
        let cue = |frames: &str| {
            format!(
                r#"{{"cues": [{{"cue": "role:engineering-management", "frames": {frames}, "source": "own words"}}]}}"#
            )
        };
        assert!(load(&[(
            "em.json",
            &cue(r#"[{"verbs": ["hire"], "objects": ["engineers"]}]"#)
        )])
        .is_ok());
        let e = load(&[(
            "em.json",
            &cue(r#"[{"verbs": [], "objects": ["engineers"]}]"#),
        )])
        .unwrap_err();
        assert_eq!(e.file, "em.json");
        assert_eq!(
            e.entry.as_deref(),
            Some("cues[0] (role:engineering-management)")
        );
        assert_eq!(e.message, "`verbs` is empty");
        let e = load(&[(
            "em.json",
            &cue(r#"[{"verbs": ["hire"], "objects": ["--"]}]"#),
        )])
        .unwrap_err();
        assert!(
            e.message.contains("in `objects` has no letter or digit"),
            "{e}"
        );
        let e = load(&[("em.json", &cue("[]").replace("\"frames\": [], ", ""))]).unwrap_err();
        assert_eq!(e.message, "a cue needs `terms`, `patterns` or `frames`");
    }

    #[test]
    fn years_managing_support_a_manager_level() {
        let band = |level: &str| {
            format!(
                r#"{{"experience": [{{"min_years": 4, "max_years": 7, "managing": true, "supports": "level:{level}", "weight": 2, "source": "acme: our ladder"}}]}}"#
            )
        };
        assert!(load(&[("acme.json", &band("director"))]).is_ok());
        let e = load(&[("acme.json", &band("principal"))]).unwrap_err();
        assert_eq!(e.file, "acme.json");
        assert_eq!(
            e.entry.as_deref(),
            Some("experience[0] (4-7 years managing)")
        );
        assert_eq!(
            e.message,
            "years managing support a manager-track level (group, director, vp, cpo), not \
             `level:principal`"
        );
    }

    /// The kinds of entry that cite a source, in the order [`citing`] writes them.
    const CITING: [&str; 7] = [
        "signals",
        "frames",
        "patterns",
        "titles",
        "experience",
        "negations",
        "company_voice",
    ];

    /// One entry of each kind in [`CITING`], the n-th citing `sources[n]`.
    fn citing(sources: [&str; 7]) -> String {
        let [s, f, p, t, e, n, v] = sources.map(|s| serde_json::to_string(s).unwrap());
        format!(
            r#"{{"signals": [{{"terms": ["our ladder"], "supports": "level:pm", "weight": 1, "source": {s}}}],
            "frames": [{{"verbs": ["coach"], "objects": ["pods"], "supports": "track:manager", "weight": 1, "source": {f}}}],
            "patterns": [{{"pattern": "pod leads?", "supports": "level:group", "weight": 1, "source": {p}}}],
            "titles": [{{"phrases": ["pod lead"], "kind": "role", "level": "group", "source": {t}}}],
            "experience": [{{"min_years": 3, "max_years": 4, "supports": "level:pm", "weight": 1, "source": {e}}}],
            "negations": [{{"words": ["sans"], "source": {n}}}],
            "company_voice": [{{"subjects": ["nous"], "between": ["sommes"], "source": {v}}}]}}"#
        )
    }

    #[test]
    fn a_users_layer_cites_anything_but_nothing() {
        let lexicon = load(&[("acme.json", &citing(["acme: our ladder"; 7]))]).unwrap();
        assert_eq!(lexicon.signals()[0].value.source, "acme: our ladder");
        assert_eq!(lexicon.negations().len(), 1);
        for blank in ["", " \t "] {
            let e = load(&[("acme.json", &citing([blank; 7]))]).unwrap_err();
            assert_eq!(e.file, "acme.json");
            assert_eq!(e.entry.as_deref(), Some("signals[0] (\"our ladder\")"));
            assert!(e.message.starts_with("`source` is empty"), "{e}");
        }
    }

    #[test]
    fn the_default_lexicon_cites_a_seed_article() {
        let as_default = |text: &str| {
            Lexicon::from_texts([("levels/pm.json".to_string(), text)], Citations::Seed)
        };
        assert!(as_default(&citing(["003: Product Manager (mid-level) > Summary"; 7])).is_ok());
        let e = as_default(&citing(["acme: our ladder"; 7])).unwrap_err();
        assert_eq!(e.entry.as_deref(), Some("signals[0] (\"our ladder\")"));
        assert_eq!(
            e.message,
            "source \"acme: our ladder\" does not name a seed file and section \
             (`NNN: Section > Subsection #n`)"
        );
        // Every kind of entry that cites is checked: each in turn alone cites no seed.
        for (n, kind) in CITING.iter().enumerate() {
            let mut sources = ["003: x"; 7];
            sources[n] = "the internet";
            let e = as_default(&citing(sources)).unwrap_err();
            assert!(e.entry.as_deref().unwrap().starts_with(kind), "{kind}: {e}");
            assert!(e.message.contains("\"the internet\""), "{kind}: {e}");
        }
    }

    #[test]
    fn the_company_voice_takes_single_words_each_in_one_list() {
        let voice = |subjects: &str, between: &str| {
            load(&[(
                "acme.json",
                &format!(
                    r#"{{"company_voice": [{{"subjects": {subjects}, "between": {between}, "source": "acme: our pitch"}}]}}"#
                ),
            )])
        };
        assert!(voice(r#"["nous"]"#, r#"["sommes"]"#).is_ok());
        let e = voice(r#"["nous autres"]"#, r#"["sommes"]"#).unwrap_err();
        assert_eq!(
            e.entry.as_deref(),
            Some("company_voice[0] (\"nous autres\")")
        );
        assert!(e.message.contains("more than one word"), "{e}");
        let e = voice(r#"["nous"]"#, r#"["Nous"]"#).unwrap_err();
        assert!(e.message.starts_with("duplicate `Nous`"), "{e}");
        let e = voice(r#"["nous"]"#, "[]").unwrap_err();
        assert_eq!(e.message, "`between` is empty");
    }
}
