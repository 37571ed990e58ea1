//! Which level and track entries of the lexicon fire on the development set, on how many postings
//! and employers, and over which title levels (`../shared/data`; skipped when absent). Run with
//! `cargo test --release --test it term_spread -- --nocapture` to read the table: an entry earns its
//! place from a seed or from at least two employers (lexicon/README.md), and one that fires about
//! evenly across title levels says little about any level.

use crate::common;

use aho_corasick::AhoCorasick;
use jdlint::lexicon::Lexicon;
use jdlint::matcher::Origin;
use jdlint::normalize::normalize_term;
use jdlint::{Engine, Level, Posting, Source, Target};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
struct Record {
    id: String,
    title: String,
    text: String,
    company: Option<String>,
}

fn load(name: &str) -> Option<Vec<Record>> {
    common::dev_records(name)
}

/// Where an entry fired: postings, employers, and the title levels of the PM postings.
#[derive(Default)]
struct Spread {
    postings: BTreeSet<String>,
    employers: BTreeSet<String>,
    title_levels: BTreeMap<Level, usize>,
    other_jobs: usize,
}

/// Fewest PM postings an entry must fire on before its spread over title levels means anything:
/// with fewer, one posting more or less swings the shares by a fifth or more.
const EVEN_MIN_POSTINGS: usize = 6;

/// A label for an entry of the embedded lexicon: its first phrase, what it supports and its
/// weight.
fn label(lexicon: &Lexicon, origin: Origin) -> Option<(String, Target, f64)> {
    match origin {
        Origin::Signal(i) => {
            let s = &lexicon.signals()[i as usize].value;
            Some((format!("{:?}", s.terms[0]), s.supports, s.weight))
        }
        Origin::Frame(i) => {
            let f = &lexicon.frames()[i as usize].value;
            Some((
                format!("frame {} x {}", f.verbs[0], f.objects[0]),
                f.supports,
                f.weight,
            ))
        }
        Origin::Pattern(i) => {
            let p = &lexicon.patterns()[i as usize].value;
            Some((
                format!("pattern {}", p.pattern.chars().take(40).collect::<String>()),
                p.supports,
                p.weight,
            ))
        }
        Origin::Tenure(i) => {
            let b = &lexicon.experience()[i as usize].value;
            Some((
                format!("{}-{} years managing", b.min_years, b.max_years),
                b.supports,
                b.weight,
            ))
        }
        Origin::Years(_) => None,
    }
}

#[test]
fn level_and_track_entries_by_postings_employers_and_title_levels() {
    let (Some(pm), Some(other)) = (load("pm-dev.jsonl"), load("non-pm-dev.jsonl")) else {
        eprintln!("skipped: ../shared/data is not present");
        return;
    };
    let lexicon = Lexicon::embedded().unwrap();
    let engine = Engine::new();
    let mut spread: BTreeMap<Origin, Spread> = BTreeMap::new();
    for (r, is_pm) in pm
        .iter()
        .map(|r| (r, true))
        .chain(other.iter().map(|r| (r, false)))
    {
        let a = engine.analyze(&Posting::new(Source::default(), &r.title, &r.text));
        let origins: BTreeSet<Origin> = a
            .evidence
            .iter()
            .filter(|e| matches!(e.supports, Target::Level(_) | Target::Track(_)))
            .map(|e| e.origin)
            .collect();
        for origin in origins {
            let s = spread.entry(origin).or_default();
            s.postings.insert(r.id.clone());
            s.employers
                .insert(r.company.clone().unwrap_or_else(|| r.id.clone()));
            if !is_pm {
                s.other_jobs += 1;
            } else if let Some(level) = a.claimed.level {
                *s.title_levels.entry(level).or_default() += 1;
            }
        }
    }

    println!("entry | supports | postings | employers | other jobs | PM title levels");
    let mut rows: Vec<_> = spread
        .iter()
        .filter_map(|(&o, s)| Some((label(&lexicon, o)?, s)))
        .collect();
    rows.sort_by_key(|(_, s)| std::cmp::Reverse(s.postings.len()));
    let mut too_common = Vec::new();
    let mut even_but_heavy = Vec::new();
    for ((name, supports, weight), s) in &rows {
        let levels: Vec<String> = s
            .title_levels
            .iter()
            .map(|(l, n)| format!("{}:{n}", l.id()))
            .collect();
        let pm_postings: usize = s.title_levels.values().sum();
        let top = s.title_levels.values().max().copied().unwrap_or(0);
        let even = pm_postings >= EVEN_MIN_POSTINGS && (top as f64) < 0.5 * pm_postings as f64;
        println!(
            "{name} | {supports} | {} | {} | {} | {}{}",
            s.postings.len(),
            s.employers.len(),
            s.other_jobs,
            levels.join(" "),
            if even { "  (even across levels)" } else { "" }
        );
        // Issue 14, item 4: a level entry that fires about evenly across title levels says
        // little about any of them and weighs at most 0.5. (A track entry's spread over levels
        // is no measure of it: managers sit at several levels.)
        if even && matches!(supports, Target::Level(_)) && *weight > 0.5 {
            even_but_heavy.push(format!("{name} ({weight})"));
        }
        // A level entry on most PM postings is PM work, not evidence of a level.
        if matches!(supports, Target::Level(l) if *l != Level::Pm)
            && pm_postings as f64 > 0.3 * pm.len() as f64
        {
            too_common.push(name.clone());
        }
    }
    let single = rows.iter().filter(|(_, s)| s.employers.len() == 1).count();
    println!(
        "{} entries fire on the dev set; {single} of them at one employer only",
        rows.len()
    );
    assert!(
        too_common.is_empty(),
        "level entries on more than 30% of PM postings: {too_common:?}"
    );
    assert!(
        even_but_heavy.is_empty(),
        "level entries that fire about evenly across title levels weigh more than 0.5: \
         {even_but_heavy:?}"
    );
}

/// Text as the matcher sees it: normalized like postings, lower case.
fn matcher_text(text: &str) -> String {
    jdlint::normalize::NormalizedText::new(text)
        .as_str()
        .to_lowercase()
}

/// Which of `phrases` occur in `text` as whole words, by index.
fn phrases_in(automaton: &AhoCorasick, owners: &[usize], text: &str) -> BTreeSet<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    automaton
        .find_overlapping_iter(text)
        .filter(|m| {
            !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next())
        })
        .map(|m| owners[m.pattern().as_usize()])
        .collect()
}

/// lexicon/README.md: a term earns its place from a seed or from at least two employers. A level
/// or track term that is not seed text and occurs at exactly one dev employer was most likely
/// written to fit that employer's posting, and such phrases did not transfer to unseen employers
/// (issue 14). A term no dev employer uses is left alone: it was not fitted to the dev set.
#[test]
fn every_level_and_track_term_is_seed_text_or_used_by_two_employers() {
    let (Some(pm), Some(other)) = (load("pm-dev.jsonl"), load("non-pm-dev.jsonl")) else {
        eprintln!("skipped: ../shared/data is not present");
        return;
    };
    let Some(seeds) = common::shared_path("seeds") else {
        eprintln!("skipped: ../shared/seeds is not present");
        return;
    };
    let mut seed_text = String::new();
    for entry in std::fs::read_dir(seeds).expect("a readable seeds folder") {
        let path = entry.expect("a seed entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            seed_text += &matcher_text(&std::fs::read_to_string(path).expect("a readable seed"));
            seed_text.push('\n');
        }
    }

    let lexicon = Lexicon::embedded().unwrap();
    let mut terms: Vec<(String, Target, String)> = Vec::new();
    for s in lexicon.signals() {
        if matches!(s.value.supports, Target::Level(_) | Target::Track(_)) {
            for t in &s.value.terms {
                terms.push((t.clone(), s.value.supports, s.origin.file.clone()));
            }
        }
    }
    // Every term in each word form and spelling the matcher matches, owned by the term.
    let mut forms = Vec::new();
    let mut owners = Vec::new();
    for (i, (term, _, _)) in terms.iter().enumerate() {
        let term = normalize_term(term).to_lowercase();
        for form in jdlint::lexicon::forms::phrase_forms(&term) {
            forms.push(form);
            owners.push(i);
        }
        forms.push(term);
        owners.push(i);
    }
    let automaton = AhoCorasick::new(&forms).unwrap();

    let in_seeds = phrases_in(&automaton, &owners, &seed_text);
    let mut employers: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for r in pm.iter().chain(&other) {
        let text = matcher_text(&format!("{}\n{}", r.title, r.text));
        let employer = r.company.clone().unwrap_or_else(|| r.id.clone());
        for i in phrases_in(&automaton, &owners, &text) {
            employers.entry(i).or_default().insert(employer.clone());
        }
    }

    // A term's forms include its other spelling (British or American): the two are one term.
    let mut fitted = Vec::new();
    for (i, (term, supports, file)) in terms.iter().enumerate() {
        let used_by = employers.get(&i).map_or(0, BTreeSet::len);
        if used_by == 1 && !in_seeds.contains(&i) {
            let employer = employers[&i].first().unwrap();
            fitted.push(format!("{file}: {term:?} ({supports}; only {employer})"));
        }
    }
    println!(
        "{} level and track terms: {} seed text, {} used by two or more dev employers",
        terms.len(),
        in_seeds.len(),
        employers.values().filter(|e| e.len() >= 2).count()
    );
    assert!(
        fitted.is_empty(),
        "{} terms are neither seed text nor used by two dev employers:\n{}",
        fitted.len(),
        fitted.join("\n")
    );
}
