//! Measures the rule catalogue on the development set in `../shared/data` (real postings), as
//! issue 5 asks: how many postings each rule fires on, with a sample of its messages to read, and
//! the `not-a-pm-role` rates. Skips when the data is not there. Run with
//! `cargo test --test it catalogue_dev -- --nocapture` to see the figures; set
//! `JDLINT_DEV_SAMPLES=N` to print N messages per rule (default 3).

use crate::common;

use jdlint::rules::registry;
use jdlint::{Analysis, Engine, Posting, Source};
use std::collections::BTreeMap;

fn load(name: &str) -> Option<Vec<common::DevRecord>> {
    common::dev_records(name)
}

fn analyze(engine: &Engine, title: &str, body: &str) -> Analysis {
    engine.analyze(&Posting::new(Source::default(), title, body))
}

fn fires(a: &Analysis, rule: &str) -> bool {
    a.diagnostics.iter().any(|d| d.rule == rule)
}

/// Rules that may fire on at most this share of real PM postings: one that fires on most of them
/// is noise, not a finding.
const MAX_SHARE: f64 = 0.5;

#[test]
fn every_rule_fires_on_a_minority_of_real_pm_postings() {
    let Some(records) = load("pm-dev.jsonl") else {
        eprintln!("skipped: ../shared/data/pm-dev.jsonl is not present");
        return;
    };
    let samples: usize = std::env::var("JDLINT_DEV_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let engine = Engine::new();
    let mut hits: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &records {
        let a = analyze(&engine, &r.title, &r.text);
        for d in &a.diagnostics {
            let hit = format!("{} [{}]: {}", r.id, r.title, d.message);
            let list = hits.entry(d.rule).or_default();
            if list
                .last()
                .is_none_or(|l| !l.starts_with(&format!("{} [", r.id)))
            {
                list.push(hit);
            }
        }
    }
    let n = records.len() as f64;
    println!(
        "pm-dev.jsonl: {} postings; postings each rule fires on:",
        records.len()
    );
    let mut noisy = Vec::new();
    for rule in registry() {
        let id = rule.doc().id;
        let list = hits.get(id).map_or(&[][..], Vec::as_slice);
        let share = list.len() as f64 / n;
        println!("  {id:<32} {:>4}  {:>5.1}%", list.len(), 100.0 * share);
        for hit in list.iter().take(samples) {
            println!("      {}", hit.chars().take(300).collect::<String>());
        }
        if share > MAX_SHARE {
            noisy.push(format!("{id} fires on {:.0}%", 100.0 * share));
        }
    }
    assert!(
        noisy.is_empty(),
        "rules that fire on most real postings: {noisy:?}"
    );
}

#[test]
fn not_a_pm_role_separates_other_jobs_from_pm_postings() {
    let (Some(pm), Some(other)) = (load("pm-dev.jsonl"), load("non-pm-dev.jsonl")) else {
        eprintln!("skipped: ../shared/data is not present");
        return;
    };
    let engine = Engine::new();
    let verbose = std::env::var_os("JDLINT_DEV_VERBOSE").is_some();

    let mut by_title: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    // The last 105 non-PM postings come from employers the lexicon was never tuned to
    // (`../shared/data/README.md`).
    let new_from = other.len().saturating_sub(105);
    let (mut flagged_other, mut flagged_new) = (0, 0);
    let (mut flagged_renamed, mut flagged_renamed_new) = (0, 0);
    for (i, r) in other.iter().enumerate() {
        let a = analyze(&engine, "Product Manager", &r.text);
        let flagged = fires(&a, "not-a-pm-role");
        flagged_other += usize::from(flagged);
        if i >= new_from {
            flagged_new += usize::from(flagged);
        }
        let renamed = analyze(
            &engine,
            "Product Manager",
            &renamed_in_body(&r.title, &r.text),
        );
        let flagged_renamed_here = fires(&renamed, "not-a-pm-role");
        flagged_renamed += usize::from(flagged_renamed_here);
        if i >= new_from {
            flagged_renamed_new += usize::from(flagged_renamed_here);
        }
        let family = r
            .title
            .split([',', '(', '-'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let entry = by_title.entry(family).or_default();
        entry.0 += 1;
        entry.1 += usize::from(flagged);
        if verbose && !flagged {
            println!("  missed {} [{}]", r.id, r.title);
        }
    }
    let mut flagged_pm = 0;
    for r in &pm {
        let a = analyze(&engine, &r.title, &r.text);
        if let Some(d) = a.diagnostics.iter().find(|d| d.rule == "not-a-pm-role") {
            flagged_pm += 1;
            println!("  pm-dev flagged {} [{}]: {}", r.id, r.title, d.message);
        }
    }
    let other_rate = flagged_other as f64 / other.len() as f64;
    let pm_rate = flagged_pm as f64 / pm.len() as f64;
    println!(
        "not-a-pm-role: non-pm-dev re-titled \"Product Manager\" flagged {other_rate:.3} ({flagged_other}/{}); pm-dev flagged {pm_rate:.3} ({flagged_pm}/{})",
        other.len(),
        pm.len()
    );
    println!(
        "  of which new employers (last {}): {:.3} ({flagged_new})",
        other.len() - new_from,
        flagged_new as f64 / (other.len() - new_from).max(1) as f64
    );
    let renamed_rate = flagged_renamed as f64 / other.len() as f64;
    println!(
        "  with the body's own job title renamed \"Product Manager\" too: {renamed_rate:.3} ({flagged_renamed}); new employers {:.3} ({flagged_renamed_new})",
        flagged_renamed_new as f64 / (other.len() - new_from).max(1) as f64
    );
    if verbose {
        for (family, (n, f)) in &by_title {
            println!("  {family:<50} {f}/{n}");
        }
    }
    // Issue 14's target (0.85), measured here on the grown set of 302 postings.
    assert!(
        other_rate >= 0.85,
        "other jobs flagged {other_rate:.3} < 0.85"
    );
    assert!(pm_rate <= 0.05, "PM postings flagged {pm_rate:.3} > 0.05");
    // A posting re-titled by hand usually names the job as its title does, so self-descriptions
    // then say "product manager": what is left to go on is the work the body describes. No issue
    // sets a target here; this floor (0.798 when it was last raised, 0.64 before
    // self-descriptions of product management weighed less) keeps the rule from leaning on
    // self-descriptions again.
    assert!(
        renamed_rate >= 0.79,
        "other jobs with their own title renamed flagged {renamed_rate:.3} < 0.79"
    );
}

/// `text` with the job its title names ("Senior Product Analyst": "product analyst", with or
/// without a seniority word, singular or plural) renamed "Product Manager", as when a posting is
/// re-titled by hand.
fn renamed_in_body(title: &str, text: &str) -> String {
    let family = title
        .split([',', '(', '-', '|'])
        .next()
        .unwrap_or("")
        .trim();
    let words: Vec<&str> = family
        .split_whitespace()
        .skip_while(|w| SENIORITY.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() {
        return text.to_string();
    }
    let mut names = vec![words.join(" ")];
    if words.len() > 2 {
        names.push(words[words.len() - 2..].join(" "));
    }
    let alternatives: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    let pattern = format!(
        r"(?i)\b(?:(?:{})\s+)?(?:{})s?\b",
        SENIORITY.join("|"),
        alternatives.join("|")
    );
    regex::Regex::new(&pattern)
        .expect("escaped title words make a valid pattern")
        .replace_all(text, "Product Manager")
        .into_owned()
}

const SENIORITY: [&str; 7] = [
    "senior",
    "sr.",
    "lead",
    "principal",
    "staff",
    "junior",
    "associate",
];

/// The text around `span` of `text` on one line, for reading a hit: up to `width` bytes either
/// side, cut at character boundaries.
fn context(text: &str, span: &std::ops::Range<usize>, width: usize) -> String {
    let mut start = span.start.saturating_sub(width);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + width).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let show = |s: &str| s.replace(['\n', '\r'], " ");
    format!(
        "{}[{}]{}",
        show(&text[start..span.start]),
        show(&text[span.clone()]),
        show(&text[span.end..end])
    )
}

/// Every hit of every wording rule on the development set, PM postings and others (wording rules
/// read every kind of posting), with its context, to judge each rule's precision by reading
/// (`--nocapture`). Asserts what reading showed must hold: the PM phrases that look like wording
/// problems are never hit.
#[test]
fn wording_rules_hits_on_the_dev_set_in_context() {
    let Some(pm) = load("pm-dev.jsonl") else {
        eprintln!("skipped: ../shared/data/pm-dev.jsonl is not present");
        return;
    };
    let other = load("non-pm-dev.jsonl").unwrap_or_default();
    let engine = Engine::new();
    let mut hits: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut misread = Vec::new();
    for (set, r) in (pm.iter().map(|r| ("pm", r))).chain(other.iter().map(|r| ("non-pm", r))) {
        let a = analyze(&engine, &r.title, &r.text);
        for d in a.diagnostics.iter().filter(|d| {
            jdlint::rules::find(d.rule)
                .is_some_and(|rule| rule.doc().category == jdlint::rules::Category::Wording)
        }) {
            let shown = match &d.span {
                Some(span) => context(&r.text, span, 60),
                None => format!("(title) {}", r.title),
            };
            if let Some(span) = &d.span {
                let found = r.text[span.clone()].to_lowercase();
                if ["groom", "kill", "native app", "blind spot", "master data"]
                    .iter()
                    .any(|w| found.contains(w))
                {
                    misread.push(format!("{} {}: {shown}", d.rule, r.id));
                }
            }
            hits.entry(d.rule).or_default().push(format!(
                "{set} {} {}:{}: {shown}",
                r.id,
                d.line.unwrap_or(0),
                d.column.unwrap_or(0)
            ));
        }
    }
    for rule in registry() {
        let doc = rule.doc();
        if doc.category != jdlint::rules::Category::Wording {
            continue;
        }
        let list = hits.get(doc.id).map_or(&[][..], Vec::as_slice);
        println!("{} ({} hits)", doc.id, list.len());
        for hit in list {
            println!("    {hit}");
        }
    }
    assert!(misread.is_empty(), "{misread:#?}");
}
