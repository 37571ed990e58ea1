//! Measures the classifier on the development set in `../shared/data` (real postings; the level a
//! title claims is the label), as issue 2 asks, and fails if it falls below the targets. Skips when
//! the data is not there. Run with `cargo test --test dev_set -- --nocapture` to see the figures.
//!
//! Title mentions in bodies are rewritten first by an independent pattern (not the engine's title
//! parser), so that the body cannot echo the title.

use jdlint::{Engine, Level, Posting, Severity, Source, Track};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Record {
    id: String,
    title: String,
    text: String,
}

fn data_file(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name);
    path.exists().then_some(path)
}

fn load(name: &str) -> Option<Vec<Record>> {
    let path = data_file(name)?;
    let text = std::fs::read_to_string(path).unwrap();
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

/// Job-title mentions: optional level words, then a product role noun.
fn title_mention() -> Regex {
    Regex::new(
        r"(?ix)\b
        (?:(?:senior|sr\.?|junior|jr\.?|associate|staff|principal|lead|group|intermediate|distinguished)\s+)*
        (?:
            chief\s+product\s+officers?|cpos?|heads?\s+of\s+product|
            (?:svp|vp|vice\s+president)s?,?\s+(?:of\s+)?product|
            directors?\s+of\s+product(?:\s+management)?|product\s+directors?|
            group\s+product\s+managers?|gpms?|product\s+leads?|
            product\s+managers?(?:\s+(?:i{1,3}|[1-4]))?|apms?|pms?
        )\b",
    )
    .unwrap()
}

const CANONICAL_TITLES: [(Level, &str); 8] = [
    (Level::Associate, "Associate Product Manager"),
    (Level::Pm, "Product Manager"),
    (Level::Senior, "Senior Product Manager"),
    (Level::Principal, "Principal Product Manager"),
    (Level::Group, "Group Product Manager"),
    (Level::Director, "Director of Product"),
    (Level::Vp, "VP of Product"),
    (Level::Cpo, "Chief Product Officer"),
];

fn analyze(engine: &Engine, title: &str, body: &str) -> jdlint::Analysis {
    engine.analyze(&Posting::new(Source::default(), title, body))
}

fn level_mismatch_error(a: &jdlint::Analysis) -> bool {
    a.diagnostics
        .iter()
        .any(|d| d.rule == "title-level-mismatch" && d.severity == Severity::Error)
}

fn level_mismatch_any(a: &jdlint::Analysis) -> bool {
    a.diagnostics
        .iter()
        .any(|d| d.rule == "title-level-mismatch")
}

#[derive(Default)]
struct PerLevel {
    n: usize,
    exact: usize,
    within_one: usize,
    track: usize,
}

#[test]
fn classifier_meets_the_targets_on_the_development_set() {
    let Some(records) = load("pm-dev.jsonl") else {
        eprintln!("skipped: ../shared/data/pm-dev.jsonl is not present");
        return;
    };
    let engine = Engine::new();
    let mention = title_mention();

    let mut per_level: BTreeMap<Level, PerLevel> = BTreeMap::new();
    let mut confusion: BTreeMap<(Level, Option<Level>), usize> = BTreeMap::new();
    let (mut labelled, mut own_title_errors) = (0, 0);
    let (mut retitled, mut retitled_flagged) = (0, 0);
    let mut bins = [(0usize, 0usize, 0.0f64); 5];
    for r in &records {
        let gold = engine
            .analyze(&Posting::new(Source::default(), &r.title, ""))
            .claimed
            .level;
        let Some(gold) = gold else { continue };
        labelled += 1;
        let neutral_body = mention.replace_all(&r.text, "product manager");
        let a = analyze(&engine, &r.title, &neutral_body);
        let implied = a.implied.level;
        *confusion.entry((gold, implied)).or_default() += 1;
        let entry = per_level.entry(gold).or_default();
        entry.n += 1;
        if let Some(i) = implied {
            entry.exact += usize::from(i == gold);
            entry.within_one += usize::from(i.rank().abs_diff(gold.rank()) <= 1);
            entry.track += usize::from(i.track() == gold.track());
            let bin = ((a.implied.confidence * 5.0) as usize).min(4);
            bins[bin].0 += 1;
            bins[bin].1 += usize::from(i == gold);
            bins[bin].2 += a.implied.confidence;
        }
        own_title_errors += usize::from(level_mismatch_error(&a));

        for (level, title) in CANONICAL_TITLES {
            if level.rank().abs_diff(gold.rank()) < 2 {
                continue;
            }
            let body = mention.replace_all(&r.text, title);
            let a = analyze(&engine, title, &body);
            retitled += 1;
            retitled_flagged += usize::from(level_mismatch_any(&a));
        }
        if std::env::var_os("JDLINT_DEV_VERBOSE").is_some() {
            println!(
                "{:<16} gold {:<9} implied {:<9} conf {:.2}  {}",
                r.id,
                gold.id(),
                implied.map_or("-", |l| l.id()),
                a.implied.confidence,
                r.title
            );
        }
    }

    let levels = per_level.len() as f64;
    let mean = |f: fn(&PerLevel) -> usize| {
        per_level
            .values()
            .map(|p| f(p) as f64 / p.n as f64)
            .sum::<f64>()
            / levels
    };
    let plain = |f: fn(&PerLevel) -> usize| {
        per_level.values().map(f).sum::<usize>() as f64 / labelled as f64
    };
    let balanced_exact = mean(|p| p.exact);
    let balanced_within = mean(|p| p.within_one);
    let balanced_track = mean(|p| p.track);
    let own_error_rate = own_title_errors as f64 / labelled as f64;
    let retitled_rate = retitled_flagged as f64 / retitled as f64;

    println!("pm-dev.jsonl: {labelled} postings with a level in the title");
    println!("per level (n, exact, within one, track):");
    for (l, p) in &per_level {
        println!(
            "  {:<10} {:>3} {:>3} {:>3} {:>3}",
            l.id(),
            p.n,
            p.exact,
            p.within_one,
            p.track
        );
    }
    println!("confusion (title -> body):");
    for ((g, i), n) in &confusion {
        println!(
            "  {:<10} -> {:<10} {n}",
            g.id(),
            i.map_or("unknown", |l| l.id())
        );
    }
    println!(
        "exact: balanced {balanced_exact:.3} plain {:.3}",
        plain(|p| p.exact)
    );
    println!(
        "within one rank: balanced {balanced_within:.3} plain {:.3}",
        plain(|p| p.within_one)
    );
    println!(
        "track: balanced {balanced_track:.3} plain {:.3}",
        plain(|p| p.track)
    );
    println!("own title flagged at error: {own_error_rate:.3} ({own_title_errors}/{labelled})");
    println!(
        "re-titled 2+ ranks away, flagged: {retitled_rate:.3} ({retitled_flagged}/{retitled})"
    );
    println!("confidence bins (n, exact rate, mean confidence):");
    for (i, (n, ok, conf)) in bins.iter().enumerate() {
        if *n > 0 {
            println!(
                "  [{:.1}, {:.1}) {n:>4} {:.2} {:.2}",
                i as f64 / 5.0,
                (i + 1) as f64 / 5.0,
                *ok as f64 / *n as f64,
                conf / *n as f64
            );
        }
    }

    // Issue 2 states its targets beside baselines, and the baselines say how each figure is
    // computed: always guessing `pm` scores 0.14 / 0.60 / 0.69. Over seven levels 0.14 is 1/7, a
    // balanced exact agreement; a balanced within-one would be 3/7 and a balanced track 0.5, so
    // within-one and track are plain agreement over postings. Those are asserted at the targets;
    // the balanced ones are regression floors just under today's (exact 0.531, within one 0.858,
    // track 0.865; plain within one 0.940, track 0.901).
    println!("issue 2 targets: balanced exact >= 0.50, within one (plain) >= 0.90, track (plain) >= 0.90, own-title error <= 0.15, re-titled flagged >= 0.90");
    let plain_within = plain(|p| p.within_one);
    let plain_track = plain(|p| p.track);
    assert!(
        balanced_exact >= 0.52,
        "balanced exact {balanced_exact:.3} fell below 0.52"
    );
    assert!(
        plain_within >= 0.90,
        "within-one {plain_within:.3} is under issue 2's 0.90"
    );
    assert!(
        plain_track >= 0.90,
        "track {plain_track:.3} is under issue 2's 0.90"
    );
    assert!(
        balanced_within >= 0.85,
        "balanced within-one {balanced_within:.3} fell below 0.85"
    );
    assert!(
        balanced_track >= 0.86,
        "balanced track {balanced_track:.3} fell below 0.86"
    );
    assert!(
        own_error_rate <= 0.07,
        "own title error rate {own_error_rate:.3} > 0.07"
    );
    assert!(
        retitled_rate >= 0.93,
        "re-titled flag rate {retitled_rate:.3} < 0.93"
    );
}

#[test]
fn report_what_the_classifier_says_about_other_roles() {
    let Some(records) = load("non-pm-dev.jsonl") else {
        eprintln!("skipped: ../shared/data/non-pm-dev.jsonl is not present");
        return;
    };
    let engine = Engine::new();
    let mut implied: BTreeMap<String, usize> = BTreeMap::new();
    let mut unrecognized = 0;
    let mut manager_track = 0;
    for r in &records {
        let a = analyze(&engine, &r.title, &r.text);
        *implied
            .entry(
                a.implied
                    .level
                    .map_or("unknown".into(), |l| l.id().to_string()),
            )
            .or_default() += 1;
        unrecognized += usize::from(a.diagnostics.iter().any(|d| d.rule == "unrecognized-title"));
        manager_track += usize::from(a.implied.track == Some(Track::Manager));
    }
    println!("non-pm-dev.jsonl: {} postings", records.len());
    println!("  titles read as no PM role (unrecognized-title): {unrecognized}");
    println!("  body read as manager track: {manager_track}");
    println!("  implied levels: {implied:?}");
    // Other roles' titles are not product-management titles: almost all must say so.
    assert!(
        unrecognized as f64 >= 0.8 * records.len() as f64,
        "only {unrecognized} of {} non-PM titles were unrecognized",
        records.len()
    );
}
