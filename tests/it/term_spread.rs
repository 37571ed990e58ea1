//! Which level and track entries of the lexicon fire on the development set, on how many postings
//! and employers, and over which title levels (`../shared/data`; skipped when absent). Run with
//! `cargo test --release --test it term_spread -- --nocapture` to read the table: an entry earns its
//! place from a seed or from at least two employers (lexicon/README.md), and one that fires about
//! evenly across title levels says little about any level.

use crate::common;

use jdlint::lexicon::Lexicon;
use jdlint::matcher::Origin;
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

/// A label for an entry of the embedded lexicon: its first phrase and what it supports.
fn label(lexicon: &Lexicon, origin: Origin) -> Option<(String, Target)> {
    match origin {
        Origin::Signal(i) => {
            let s = &lexicon.signals()[i as usize].value;
            Some((format!("{:?}", s.terms[0]), s.supports))
        }
        Origin::Frame(i) => {
            let f = &lexicon.frames()[i as usize].value;
            Some((
                format!("frame {} x {}", f.verbs[0], f.objects[0]),
                f.supports,
            ))
        }
        Origin::Pattern(i) => {
            let p = &lexicon.patterns()[i as usize].value;
            Some((
                format!("pattern {}", p.pattern.chars().take(40).collect::<String>()),
                p.supports,
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
    for ((name, supports), s) in &rows {
        let levels: Vec<String> = s
            .title_levels
            .iter()
            .map(|(l, n)| format!("{}:{n}", l.id()))
            .collect();
        let pm_postings: usize = s.title_levels.values().sum();
        let top = s.title_levels.values().max().copied().unwrap_or(0);
        let even = pm_postings >= 4 && (top as f64) < 0.5 * pm_postings as f64;
        println!(
            "{name} | {supports} | {} | {} | {} | {}{}",
            s.postings.len(),
            s.employers.len(),
            s.other_jobs,
            levels.join(" "),
            if even { "  (even across levels)" } else { "" }
        );
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
}
