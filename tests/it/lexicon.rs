//! The default lexicon's invariants: canonical form, coverage of seed 003, and no job titles in
//! evidence terms. `JDLINT_BLESS=1 cargo test --test it lexicon` rewrites the files canonically.

use crate::common;

use jdlint::lexicon::{embedded_files, parse_file, Lexicon};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn lexicon_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lexicon")
}

#[test]
fn lexicon_files_are_in_canonical_form() {
    let bless = std::env::var_os("JDLINT_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, text) in embedded_files() {
        let canonical = parse_file(path, text).unwrap().to_canonical_json();
        if canonical != *text {
            if bless {
                std::fs::write(lexicon_dir().join(path), &canonical).unwrap();
            } else {
                stale.push(*path);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "not in canonical form: {stale:?}; run `JDLINT_BLESS=1 cargo test --test it lexicon` and review the diff"
    );
}

/// The bullets of seed 003's level and specialization sections, as the citations that name them.
fn seed_003_bullets() -> Option<Vec<String>> {
    let path = common::shared_path("seeds/003_71e179329210fe47.txt")?;
    let text = std::fs::read_to_string(path).expect("a readable seed");
    const SECTIONS: [&str; 14] = [
        "Associate / Junior Product Manager",
        "Product Manager (mid-level)",
        "Senior Product Manager",
        "Lead / Principal / Staff Product Manager",
        "Group Product Manager / Product Lead",
        "Director / VP of Product / Chief Product Officer",
        "Generalist / Core Product Manager",
        "Platform Product Manager",
        "Technical Product Manager",
        "Growth Product Manager",
        "Data / Analytics Product Manager",
        "AI / ML Product Manager",
        "New Venture / Zero-to-One Product Manager",
        "Domain / Industry Product Manager",
    ];
    const SUBSECTIONS: [&str; 5] = [
        "Core Responsibilities",
        "Core Skill Sets",
        "Typical Activities in the Day",
        "Typical Questions",
        "Daily Focus Areas",
    ];
    let mut section: Option<&str> = None;
    let mut subsection: Option<&str> = None;
    let mut n = 0;
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(s) = SECTIONS.iter().find(|s| **s == line) {
            section = Some(s);
            subsection = None;
        } else if let Some(s) = SUBSECTIONS.iter().find(|s| **s == line) {
            subsection = Some(s);
            n = 0;
        } else if line.starts_with("- ") {
            if let (Some(sec), Some(sub)) = (section, subsection) {
                n += 1;
                out.push(format!("003: {sec} > {sub} #{n}"));
            }
        } else if !line.is_empty() {
            subsection = None;
        }
    }
    Some(out)
}

#[test]
fn every_seed_003_level_and_specialization_bullet_is_cited() {
    let Some(bullets) = seed_003_bullets() else {
        eprintln!("skipped: ../shared/seeds is not present");
        return;
    };
    assert!(bullets.len() > 150, "parsed only {} bullets", bullets.len());
    let lexicon = Lexicon::embedded().unwrap();
    let cited: BTreeSet<&str> = lexicon
        .signals()
        .iter()
        .map(|s| s.value.source.as_str())
        .chain(lexicon.patterns().iter().map(|p| p.value.source.as_str()))
        .collect();
    let missing: Vec<_> = bullets
        .iter()
        .filter(|b| !cited.contains(b.as_str()))
        .collect();
    assert!(missing.is_empty(), "no lexicon entry cites: {missing:#?}");
}

#[test]
fn no_evidence_term_contains_a_job_title() {
    // Title mentions in a body are masked, so a term holding a title could never match, and it
    // would make the verdict depend on title words (DOMAIN.md).
    let lexicon = Lexicon::embedded().unwrap();
    let engine = jdlint::Engine::from_lexicon(&lexicon);
    // A frame's words too: an object holding a title never matched ("pm team"); a role before
    // a unit noun is what `role_objects` is for.
    let frame_words = lexicon.frames().iter().flat_map(|f| {
        let frame = &f.value;
        frame.verbs.iter().chain(&frame.objects).cloned()
    });
    let offending: Vec<String> = lexicon
        .terms()
        .chain(frame_words)
        .filter(|t| !jdlint::title::title_mentions(t, engine.lexicon()).is_empty())
        .collect();
    assert!(
        offending.is_empty(),
        "terms holding a job title: {offending:?}"
    );
}

/// Every word form generated from a term matches as a whole phrase: what the lexicon README
/// promises when it asks for lemmas.
#[test]
fn every_terms_word_forms_match() {
    use jdlint::lexicon::forms::phrase_forms;
    use jdlint::lexicon::CompiledLexicon;
    use jdlint::normalize::normalize_term;
    let lexicon = Lexicon::embedded().unwrap();
    let compiled = CompiledLexicon::new(&lexicon);
    let mut missed = Vec::new();
    let mut forms = 0;
    for s in lexicon.signals() {
        for term in &s.value.terms {
            for form in phrase_forms(&normalize_term(term)) {
                forms += 1;
                let scan = compiled.scan(&form);
                if !scan.terms.iter().any(|m| m.range == (0..form.len())) {
                    missed.push(form);
                }
            }
        }
    }
    assert!(forms > 1000, "only {forms} forms generated");
    assert!(missed.is_empty(), "forms that do not match: {missed:?}");
}

/// The terms of an entry that another of its terms generates: of a pair that generate each
/// other, the shorter stays, and of two as long (two spellings), the first.
fn generated_by_another(terms: &[String], forms: impl Fn(&str) -> Vec<String>) -> Vec<&str> {
    let mut redundant = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        let generated = terms.iter().enumerate().any(|(j, other)| {
            j != i
                && forms(other).contains(term)
                && (!forms(term).contains(other)
                    || term.len() > other.len()
                    || (term.len() == other.len() && i > j))
        });
        if generated {
            redundant.push(term.as_str());
        }
    }
    redundant
}

/// The lexicon lists lemmas in one spelling: no term of an entry is a word form or the other
/// spelling (British or American) of another term of it. Cue terms take no word forms, only the
/// other spelling.
#[test]
fn entries_list_lemmas_not_word_forms() {
    use jdlint::lexicon::forms::{other_spelling, phrase_forms};
    use jdlint::normalize::normalize_term;
    let lexicon = Lexicon::embedded().unwrap();
    let mut redundant = Vec::new();
    for s in lexicon.signals() {
        let terms: Vec<String> = s.value.terms.iter().map(|t| normalize_term(t)).collect();
        for term in generated_by_another(&terms, phrase_forms) {
            redundant.push(format!("{}: {term}", s.origin));
        }
    }
    for c in lexicon.cues() {
        let terms: Vec<String> = c.value.terms.iter().map(|t| normalize_term(t)).collect();
        let spelled = |t: &str| other_spelling(t).into_iter().collect();
        for term in generated_by_another(&terms, spelled) {
            redundant.push(format!("{}: {term}", c.origin));
        }
    }
    assert!(
        redundant.is_empty(),
        "terms generated from another term of their entry: {redundant:?}"
    );
}
