//! Measures the classifier on the development set in `../shared/data` (real postings; the level a
//! title claims is the label), as issue 2 asks, and fails if it falls below the targets. Skips when
//! the data is not there. Run with `cargo test --test it dev_set -- --nocapture` to see the figures.
//!
//! Title mentions in bodies are rewritten first by an independent pattern (not the engine's title
//! parser), so that the body cannot echo the title.

use crate::common;

use jdlint::lexicon::{Lexicon, SectionKind};
use jdlint::{Engine, Level, Posting, Severity, Source, Specialization, Track};
use regex::Regex;
use std::collections::BTreeMap;

fn load(name: &str) -> Option<Vec<common::DevRecord>> {
    common::dev_records(name)
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

/// The figures issue 14 judges the classifier by, measured on some of the dev postings.
#[derive(Default)]
struct Figures {
    labelled: usize,
    per_level: BTreeMap<Level, PerLevel>,
    confusion: BTreeMap<(Level, Option<Level>), usize>,
    own_title_errors: usize,
    retitled: usize,
    retitled_flagged: usize,
    /// Postings whose title names a specialization, and how many of them the body agrees with.
    specialized: usize,
    specialization_agrees: usize,
    /// Readings of each posting under changes that say nothing of the role, and how many keep
    /// the neutral reading's level and track: its title mentions rewritten to each canonical
    /// title (the title kept), its line breaks lost as scrapers lose them ("...on
    /// time.RequirementsB.S. in ...", "...on time Requirements - B.S. in ..."), another
    /// company's pitch before it, a closing paragraph without a heading after it, its role,
    /// responsibilities and requirements headings reworded as no lexicon lists them, its
    /// headings and bullets styled another way, its body a record's HTML as ATS exports give it.
    rewritten: Kept,
    flattened: Kept,
    pitched: Kept,
    closed: Kept,
    reheaded: Kept,
    restyled: Kept,
    html: Kept,
    /// Confidence bins: postings, exact, summed confidence.
    bins: [(usize, usize, f64); 5],
}

/// How many readings of a changed posting keep the reading of the posting as it is.
#[derive(Default)]
struct Kept {
    n: usize,
    kept: usize,
}

impl Kept {
    fn count(&mut self, same: bool) {
        self.n += 1;
        self.kept += usize::from(same);
    }

    fn rate(&self) -> f64 {
        self.kept as f64 / self.n.max(1) as f64
    }
}

impl Figures {
    fn balanced(&self, f: fn(&PerLevel) -> usize) -> f64 {
        let levels = self.per_level.len() as f64;
        self.per_level
            .values()
            .map(|p| f(p) as f64 / p.n as f64)
            .sum::<f64>()
            / levels
    }

    fn plain(&self, f: fn(&PerLevel) -> usize) -> f64 {
        self.per_level.values().map(f).sum::<usize>() as f64 / self.labelled as f64
    }

    fn recall(&self, level: Level) -> Option<f64> {
        let p = self.per_level.get(&level)?;
        Some(p.exact as f64 / p.n as f64)
    }

    fn own_error_rate(&self) -> f64 {
        self.own_title_errors as f64 / self.labelled as f64
    }

    fn retitled_rate(&self) -> f64 {
        self.retitled_flagged as f64 / self.retitled as f64
    }

    fn specialization_rate(&self) -> f64 {
        self.specialization_agrees as f64 / self.specialized.max(1) as f64
    }

    fn print(&self, name: &str, detail: bool) {
        println!(
            "{name}: {} postings with a level in the title",
            self.labelled
        );
        if detail {
            println!("per level (n, exact, within one, track):");
            for (l, p) in &self.per_level {
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
            for ((g, i), n) in &self.confusion {
                println!(
                    "  {:<10} -> {:<10} {n}",
                    g.id(),
                    i.map_or("unknown", |l| l.id())
                );
            }
        }
        println!(
            "  exact: balanced {:.3} plain {:.3}",
            self.balanced(|p| p.exact),
            self.plain(|p| p.exact)
        );
        println!(
            "  within one rank: balanced {:.3} plain {:.3}",
            self.balanced(|p| p.within_one),
            self.plain(|p| p.within_one)
        );
        println!(
            "  track: balanced {:.3} plain {:.3}",
            self.balanced(|p| p.track),
            self.plain(|p| p.track)
        );
        let recall = |l| {
            self.recall(l)
                .map_or("-".to_string(), |r| format!("{r:.2}"))
        };
        println!(
            "  recall principal / director / vp: {} / {} / {}",
            recall(Level::Principal),
            recall(Level::Director),
            recall(Level::Vp)
        );
        println!(
            "  own title flagged at error: {:.3} ({}/{})",
            self.own_error_rate(),
            self.own_title_errors,
            self.labelled
        );
        println!(
            "  re-titled 2+ ranks away, flagged: {:.3} ({}/{})",
            self.retitled_rate(),
            self.retitled_flagged,
            self.retitled
        );
        println!(
            "  specialization agrees with one the title names: {:.3} ({}/{})",
            self.specialization_rate(),
            self.specialization_agrees,
            self.specialized
        );
        for (what, kept) in [
            (
                "body's title mentions rewritten, title kept",
                &self.rewritten,
            ),
            ("line breaks lost", &self.flattened),
            ("another company's pitch before it", &self.pitched),
            ("a closing paragraph after it", &self.closed),
            ("headings reworded", &self.reheaded),
            ("headings and bullets restyled", &self.restyled),
            ("body a record's HTML, as is and escaped", &self.html),
        ] {
            println!(
                "  same level and track, {what}: {:.3} ({}/{})",
                kept.rate(),
                kept.kept,
                kept.n
            );
        }
        if detail {
            println!("confidence bins (n, exact rate, mean confidence):");
            for (i, (n, ok, conf)) in self.bins.iter().enumerate() {
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
        }
    }
}

/// Company pitches of the kinds job boards run before a posting without a heading (written for
/// this test): the company, its investors, its executives. They say nothing of the role's level.
const PITCHES: [&str; 3] = [
    "Northwind is the leading platform for independent pharmacies. Founded in 2015 and backed by top-tier investors, we have grown to 400 employees across three continents, and our executive team includes veterans of large online retailers. We are profitable, growing fast, and serve over 9,000 customers.",
    "At Larkspur, we believe every family deserves financial security. Our mission is to make insurance simple. We are a Series C company with a world-class team, a culture of ownership and a seat at the table for everyone. Our founders and leadership team have scaled companies from zero to IPO.",
    "Brightline Health is a mission-driven company on a journey to transform care. We partner with the largest health systems and payers in the country, and our board and investors include leading healthcare executives. Join a diverse, inclusive team where your voice matters.",
];

/// Closing paragraphs of the kinds postings end with, without a heading (written for this test):
/// how to apply, benefits, equal opportunity. The hiring manager, the mentorship program and
/// the leadership team in them are the employer's, not the role's.
const CLOSINGS: [&str; 3] = [
    "To apply, send us your resume and a short note about a product you admire. Our hiring manager reads every application, and we aim to reply within two weeks. Interviews include a conversation with the team, a case study and a chat with our leadership team.",
    "We offer a competitive salary and equity, health, dental and vision coverage, a learning budget, a mentorship program for every new hire, career development with clear career ladders, and generous parental leave.",
    "Larkspur is an equal opportunity employer. We celebrate diversity and are committed to creating an inclusive environment for all employees. If you need an accommodation during the interview process, please let our recruiting team know.",
];

/// Headings of the role, its responsibilities and its requirements as employers word them and
/// the lexicon does not list them (written for this test; `unlisted_headings` checks), one set a
/// reading: employers other than the dev set's name their sections in their own words.
const REWORDED_HEADINGS: [[&str; 3]; 4] = [
    [
        "In a nutshell",
        "How you'll spend your time",
        "Is this you?",
    ],
    ["Meet the role", "The gig", "What makes you a great fit"],
    ["Your next adventure", "Where you'll focus", "What it takes"],
    [
        "The opening",
        "What the job involves",
        "Think you're a match?",
    ],
];

/// The headings the default lexicon lists for the role, its responsibilities and its
/// requirements, each with its place in a `REWORDED_HEADINGS` row. Read from the lexicon's data,
/// not the engine, so that the test does not lean on the section reader it measures.
fn listed_headings() -> BTreeMap<String, usize> {
    let mut listed = BTreeMap::new();
    let lexicon = Lexicon::embedded().unwrap();
    for section in lexicon.sections() {
        let column = match section.value.kind {
            SectionKind::Role => 0,
            SectionKind::Responsibilities => 1,
            SectionKind::Requirements => 2,
            _ => continue,
        };
        for heading in &section.value.headings {
            listed.insert(heading.clone(), column);
        }
    }
    listed
}

/// A line as a heading key: without decoration, a trailing colon and case.
fn heading_key(line: &str) -> String {
    line.trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '?' && c != '\'')
        .trim_end_matches(['?', ':'])
        .replace('\u{2019}', "'")
        .to_lowercase()
}

/// `body` with each line that is a listed role, responsibilities or requirements heading
/// replaced by the unlisted heading of its kind in `reworded`, if it has such a line.
fn reword_headings(
    body: &str,
    listed: &BTreeMap<String, usize>,
    reworded: [&str; 3],
) -> Option<String> {
    let mut any = false;
    let lines: Vec<&str> = body
        .split('\n')
        .map(|line| match listed.get(&heading_key(line)) {
            Some(&column) if line.len() < 60 => {
                any = true;
                reworded[column]
            }
            _ => line,
        })
        .collect();
    any.then(|| lines.join("\n"))
}

/// A line that looks like a heading in the dev postings: short, no list item, no sentence end.
fn heading_like(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.len() < 60
        && !line.starts_with(['-', '*', '\u{2022}'])
        && !line.ends_with('.')
}

/// The text of a dev posting's list item, the "- " before it aside.
fn list_item(line: &str) -> Option<&str> {
    line.trim_start().strip_prefix("- ")
}

/// `body` with its headings and bullets styled as other employers style them (headings in
/// capitals, as Markdown headings or in Markdown's bold underscores, other bullet marks, numbered
/// items, items indented by a tab with no mark, CRLF line ends, a blank line after every line),
/// each style that changes it.
fn restyled(body: &str) -> Vec<String> {
    let styles: [fn(usize, &str) -> String; 7] = [
        |_, l| {
            if heading_like(l) {
                l.to_uppercase()
            } else {
                l.to_string()
            }
        },
        |_, l| {
            if heading_like(l) {
                format!("## {l}")
            } else {
                l.to_string()
            }
        },
        |_, l| {
            if heading_like(l) {
                format!("__{}__", l.trim())
            } else {
                l.to_string()
            }
        },
        |_, l| list_item(l).map_or(l.to_string(), |item| format!("\u{2022} {item}")),
        |_, l| list_item(l).map_or(l.to_string(), |item| format!("* {item}")),
        |i, l| list_item(l).map_or(l.to_string(), |item| format!("{}. {item}", i + 1)),
        |_, l| list_item(l).map_or(l.to_string(), |item| format!("\t{item}")),
    ];
    let mut out: Vec<String> = styles
        .iter()
        .map(|style| {
            let lines: Vec<String> = body
                .split('\n')
                .enumerate()
                .map(|(i, line)| style(i, line))
                .collect();
            lines.join("\n")
        })
        .collect();
    out.push(body.replace('\n', "\r\n"));
    out.push(body.replace('\n', "\n\n"));
    out.retain(|b| b != body);
    out
}

/// `body` as the HTML fragment an ATS export gives for it (headings in `<h3>`, bullets in a
/// `<ul>`, other lines in `<p>`), as is and escaped into entities (as Greenhouse's API gives it).
fn as_html(body: &str) -> [String; 2] {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut html = String::new();
    let mut in_list = false;
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        let item = list_item(line);
        if item.is_some() != in_list {
            html.push_str(if in_list { "</ul>" } else { "<ul>" });
            in_list = item.is_some();
        }
        let (tag, text) = match item {
            Some(item) => ("li", item),
            None if heading_like(line) => ("h3", line.trim()),
            None => ("p", line.trim()),
        };
        html.push_str(&format!("<{tag}>{}</{tag}>", escape(text)));
    }
    if in_list {
        html.push_str("</ul>");
    }
    let escaped = escape(&html);
    [html, escaped]
}

#[test]
fn unlisted_headings() {
    // Any kind's heading, since a line that starts with one opens its section.
    let lexicon = Lexicon::embedded().unwrap();
    let listed: Vec<String> = lexicon
        .sections()
        .iter()
        .flat_map(|s| s.value.headings.iter().map(|h| heading_key(h)))
        .collect();
    assert!(listed.iter().any(|h| h == "responsibilities"));
    for heading in REWORDED_HEADINGS.iter().flatten() {
        let words: Vec<String> = heading_key(heading)
            .replace('-', " ")
            .split_whitespace()
            .map(String::from)
            .collect();
        for n in 1..=words.len() {
            let leading = words[..n].join(" ");
            assert!(
                !listed.contains(&leading),
                "{heading} starts with the listed heading {leading:?}"
            );
        }
    }
}

fn measure(engine: &Engine, records: &[common::DevRecord]) -> Figures {
    let mention = title_mention();
    let listed = listed_headings();
    let mut fig = Figures::default();
    for r in records {
        let claimed = engine
            .analyze(&Posting::new(Source::default(), &r.title, ""))
            .claimed;
        let Some(gold) = claimed.level else { continue };
        fig.labelled += 1;
        let neutral_body = mention.replace_all(&r.text, "product manager");
        let a = analyze(engine, &r.title, &neutral_body);
        let implied = a.implied.level;
        *fig.confusion.entry((gold, implied)).or_default() += 1;
        let entry = fig.per_level.entry(gold).or_default();
        entry.n += 1;
        if let Some(i) = implied {
            entry.exact += usize::from(i == gold);
            entry.within_one += usize::from(i.rank().abs_diff(gold.rank()) <= 1);
            entry.track += usize::from(i.track() == gold.track());
            let bin = ((a.implied.confidence * 5.0) as usize).min(4);
            fig.bins[bin].0 += 1;
            fig.bins[bin].1 += usize::from(i == gold);
            fig.bins[bin].2 += a.implied.confidence;
        }
        // As the issue measures it: agreement with a specialization the title names ("Health
        // Platform" names two).
        let named: Vec<Specialization> = claimed
            .specializations()
            .into_iter()
            .filter(|&s| s != Specialization::Core)
            .collect();
        if !named.is_empty() {
            fig.specialized += 1;
            fig.specialization_agrees +=
                usize::from(a.implied.specialization.is_some_and(|s| named.contains(&s)));
        }
        fig.own_title_errors += usize::from(level_mismatch_error(&a));
        let same = |b: &jdlint::Analysis| {
            b.implied.level == a.implied.level && b.implied.track == a.implied.track
        };
        for pitch in PITCHES {
            fig.pitched.count(same(&analyze(
                engine,
                &r.title,
                &format!("{pitch}\n\n{neutral_body}"),
            )));
        }
        for closing in CLOSINGS {
            fig.closed.count(same(&analyze(
                engine,
                &r.title,
                &format!("{neutral_body}\n\n{closing}"),
            )));
        }
        for reworded in REWORDED_HEADINGS {
            if let Some(body) = reword_headings(&neutral_body, &listed, reworded) {
                fig.reheaded.count(same(&analyze(engine, &r.title, &body)));
            }
        }
        for body in restyled(&neutral_body) {
            fig.restyled.count(same(&analyze(engine, &r.title, &body)));
        }
        for body in as_html(&neutral_body) {
            let record = serde_json::json!({"title": r.title, "text": body});
            let posting = jdlint::input::record(Source::default(), record, &Default::default())
                .expect("a record with a title and a text");
            fig.html.count(same(&engine.analyze(&posting)));
        }
        // Scrapers run lines together with nothing between them or with a space.
        let lines: Vec<&str> = neutral_body.lines().map(str::trim).collect();
        if lines.len() >= 5 {
            for joint in ["", " "] {
                fig.flattened
                    .count(same(&analyze(engine, &r.title, &lines.join(joint))));
            }
        }

        for (level, title) in Level::ALL.into_iter().zip(common::CANONICAL_TITLES) {
            let body = mention.replace_all(&r.text, title);
            if body != neutral_body {
                fig.rewritten.count(same(&analyze(engine, &r.title, &body)));
            }
            if level.rank().abs_diff(gold.rank()) < 2 {
                continue;
            }
            let a = analyze(engine, title, &body);
            fig.retitled += 1;
            fig.retitled_flagged += usize::from(level_mismatch_any(&a));
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
    fig
}

/// The dev set's last 49 PM postings come from employers the lexicon was never tuned to
/// (`../shared/data/README.md`): their figures say whether a change transfers.
const NEW_EMPLOYERS: usize = 49;

#[test]
fn classifier_meets_the_targets_on_the_development_set() {
    let Some(records) = load("pm-dev.jsonl") else {
        eprintln!("skipped: ../shared/data/pm-dev.jsonl is not present");
        return;
    };
    let engine = Engine::new();
    let all = measure(&engine, &records);
    all.print("pm-dev.jsonl", true);
    let new = measure(&engine, &records[records.len() - NEW_EMPLOYERS..]);
    new.print("pm-dev.jsonl, last 49 (new employers)", false);

    // Floors, not targets: issue 14's targets are judged on held-out employers. Within one rank
    // and track are plain agreement over postings, as issue 2 computed them. The whole set and
    // the new employers each have floors: a change must not buy one with the other. The floors
    // fell when the 140 level and track terms that only one dev employer used (and no seed
    // says) left the lexicon (`term_spread`): balanced exact 0.416 -> 0.371 on the whole set and
    // 0.619 -> 0.562 on the new employers, whose losses are GitLab handbook pages, an employer
    // the old set already had. Those figures had been bought with phrases fitted to postings.
    // 0.381 -> 0.371 when "multiple product teams" and the like counted only as what a leader
    // heads or oversees (issue 14: "multiple product teams that a PM coordinates with" read as
    // senior on other employers): crocoder-3, a director's "aligning multiple product teams",
    // reads group; no own title is flagged at error any more (was 1), and crocoder-41, a
    // senior PM's "managing multiple product lines", reads senior (was director). 0.368 since
    // coordinated verbs are inflected together ("hiring and growing", from "hire and grow"):
    // crocoder-41 asks for "experience with hiring and growing out an industry-leading Product
    // team" and reads group. 0.375 since people management in a years-of-tenure clause counts
    // half: gitlabcdf-4, a principal IC that asks for "at least one year of people management
    // responsibility", reads principal (was group).
    let checks = [
        ("balanced exact", all.balanced(|p| p.exact), 0.37),
        ("within one", all.plain(|p| p.within_one), 0.91),
        ("track", all.plain(|p| p.track), 0.87),
        ("balanced within one", all.balanced(|p| p.within_one), 0.71),
        ("balanced track", all.balanced(|p| p.track), 0.76),
        ("re-titled flagged", all.retitled_rate(), 0.91),
        // 12 of 19; one posting less fails.
        ("specialization agrees", all.specialization_rate(), 0.6),
        // 0.562 until "Benefits provided by Spring Health:" was read as a heading: one lead PM
        // there had read principal on the coaches and the budget management of its benefits.
        (
            "new employers: balanced exact",
            new.balanced(|p| p.exact),
            0.53,
        ),
        (
            "new employers: within one",
            new.plain(|p| p.within_one),
            0.88,
        ),
        ("new employers: track", new.plain(|p| p.track), 0.89),
        // Every rewrite keeps the verdict today; 0.992 when the team-of patterns knew only the
        // plural of some role nouns.
        ("invariance", all.rewritten.rate(), 0.995),
        // 0.930 while a bare "investors" was a CPO term: 33 dev postings use it, no VP or CPO
        // posting among them. Reading the text before an opener ("We're looking for") as pitch
        // did less (17 of 600 readings moved instead of 42) and lost three right readings on the
        // postings as written for two it won.
        ("same verdict after a pitch", all.pitched.rate(), 0.97),
        // 98 of 600 readings moved (0.837, measured on the postings as written) while "our
        // hiring manager" read as hiring managers and a benefits paragraph without a heading
        // weighed as the requirements before it.
        (
            "same verdict after a closing paragraph",
            all.closed.rate(),
            0.99,
        ),
        (
            "new employers: same verdict after a pitch",
            new.pitched.rate(),
            0.97,
        ),
        // Lines run together with nothing between them: 0.940 before inline headings were found
        // after an emoji and before a bullet. Both ways: 0.976 before a bullet marked a heading
        // after a word in lower case, 0.982 after. 0.979 since "We offer a competitive salary"
        // ends a section: Kentik's "?We offer" run together is no sentence start. 0.973 since a
        // heading line that starts with a listed heading opens its section: "Your role at Made
        // Tech" now reads a Made Tech PM as pm with its lines, not with them run together.
        // 0.970 (322 of 332) since "multiple groups" counts only as what a director heads:
        // lumapps-5, a staff PM whose pitch spoke of "alignment across multiple groups", reads
        // principal on its lines and senior with them run together.
        (
            "same verdict with line breaks lost",
            all.flattened.rate(),
            0.965,
        ),
        (
            "new employers: same verdict with line breaks lost",
            new.flattened.rate(),
            0.99,
        ),
        ("new employers: invariance", new.rewritten.rate(), 0.995),
        // 0.915 while a heading no lexicon lists left the job in the company pitch before it,
        // which weighs nothing: five postings lost every reading. What moves now is a posting
        // read whole as text under no known heading, or whose benefits run on past one. 0.958
        // once a heading line that starts with a listed heading opens its section ("Benefits
        // at Red Canary"), measured with two reworded headings that started with a listed one
        // ("The position in brief", "Must-haves for this role") replaced.
        (
            "same verdict with headings reworded",
            all.reheaded.rate(),
            0.955,
        ),
        (
            "new employers: same verdict with headings reworded",
            new.reheaded.rate(),
            0.97,
        ),
        // Restyled headings and bullets say nothing of the role, and no reading may move: one
        // of 1,110 did before a negation stopped at a line item that a "\u{2022}" bullet starts.
        (
            "same verdict with headings and bullets restyled",
            all.restyled.rate(),
            1.0,
        ),
        (
            "new employers: same verdict with headings and bullets restyled",
            new.restyled.rate(),
            1.0,
        ),
        // A record's HTML is read as its page shows: none of 400 readings moves. Read as text
        // with its tags, 26 moved, and most postings lost their sections.
        (
            "same verdict with the body a record's HTML",
            all.html.rate(),
            1.0,
        ),
        (
            "new employers: same verdict with the body a record's HTML",
            new.html.rate(),
            1.0,
        ),
        (
            "new employers: re-titled flagged",
            new.retitled_rate(),
            0.89,
        ),
    ];
    for (name, figure, floor) in checks {
        assert!(figure >= floor, "{name} {figure:.3} fell below {floor}");
    }
    for (name, rate, ceiling) in [
        ("own title flagged at error", all.own_error_rate(), 0.03),
        (
            "new employers: own title flagged at error",
            new.own_error_rate(),
            0.03,
        ),
    ] {
        assert!(rate <= ceiling, "{name} {rate:.3} rose above {ceiling}");
    }
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
    // First-line managers of other professions: their bodies describe people management at
    // group rank, with nothing above it, whatever the company pitch says.
    let first_line = Regex::new(r"(?i)\b(?:engineering|design) manager\b").unwrap();
    let (mut first_line_n, mut first_line_manager) = (0, 0);
    let mut first_line_above_director = Vec::new();
    let mut ladder = OtherLadders::default();
    for r in &records {
        let a = analyze(&engine, &r.title, &r.text);
        if let Some(level) = other_ladder_level(&r.title) {
            ladder.count(level, &a);
        }
        if first_line.is_match(&r.title) {
            first_line_n += 1;
            first_line_manager += usize::from(a.implied.track == Some(Track::Manager));
            if a.implied
                .level
                .is_some_and(|l| l.rank() > Level::Director.rank())
            {
                first_line_above_director.push(r.id.clone());
            }
        }
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
    println!(
        "  engineering and design managers: {first_line_n}, read as manager track {first_line_manager}, above director {}",
        first_line_above_director.len()
    );
    println!(
        "  other ladders, a level word in the title: {} postings; exact {:.3} (balanced {:.3}), \
         within one rank {:.3}, track {:.3}",
        ladder.n,
        ladder.exact as f64 / ladder.n as f64,
        ladder.balanced_exact(),
        ladder.within_one as f64 / ladder.n as f64,
        ladder.track as f64 / ladder.n as f64,
    );
    println!(
        "  other ladders, recall by rank (exact, n): {:?}",
        ladder.by_rank
    );
    // Seniority wording is not a product manager's alone: what says "director" or "first-line
    // manager" in another profession's posting says it in a PM's, so these figures measure on
    // many employers whether level concepts transfer. Floors at today's figures.
    for (name, count, floor) in [
        ("exact", ladder.exact, 0.45),
        ("within one rank", ladder.within_one, 0.80),
    ] {
        assert!(
            count as f64 >= floor * ladder.n as f64,
            "other ladders: {name} {count} of {} fell below {floor}",
            ladder.n
        );
    }
    // One stray chief-officer phrase in the pitch once carried an engineering manager's people
    // management to CPO (three of them on this set): a first-line manager is never read as a VP
    // or CPO.
    assert!(
        first_line_above_director.is_empty(),
        "first-line managers read above director: {first_line_above_director:?}"
    );
    // Other roles' titles are not product-management titles: almost all must say so.
    assert!(
        unrecognized as f64 >= 0.8 * records.len() as f64,
        "only {unrecognized} of {} non-PM titles were unrecognized",
        records.len()
    );
}

/// The PM-ladder level a level word gives another profession's title ("Senior Software
/// Engineer", "Director of Engineering", "Engineering Manager"): the first of these patterns the
/// title holds decides. `None` when it has none (a bare "Designer" may be any level) or the word
/// is ambiguous there ("Chief of Staff", "Lead", a project or program "Manager").
const OTHER_LADDER_WORDS: [(&str, Option<Level>); 9] = [
    ("chief of staff", None),
    ("chief|cto|cmo|coo", Some(Level::Cpo)),
    ("vp|svp|evp|vice president", Some(Level::Vp)),
    ("director|head of", Some(Level::Director)),
    (
        "intern|internship|junior|jr|graduate|entry|entry-level|apprentice|trainee|associate",
        Some(Level::Associate),
    ),
    ("staff|principal|distinguished", Some(Level::Principal)),
    (
        "(?:engineering|design|ux|qa|quality|data science|analytics) managers?|manager,? (?:of|for) (?:engineering|design|product design|ux)",
        Some(Level::Group),
    ),
    ("manager|lead", None),
    ("senior|sr", Some(Level::Senior)),
];

fn other_ladder_level(title: &str) -> Option<Level> {
    OTHER_LADDER_WORDS
        .iter()
        .find(|(pattern, _)| {
            Regex::new(&format!(r"(?i)\b(?:{pattern})\b"))
                .unwrap()
                .is_match(title)
        })
        .and_then(|&(_, level)| level)
}

/// How the implied level agrees with the level words of other professions' titles.
#[derive(Default)]
struct OtherLadders {
    n: usize,
    exact: usize,
    within_one: usize,
    track: usize,
    /// Rank -> (exact, postings).
    by_rank: BTreeMap<u8, (usize, usize)>,
}

impl OtherLadders {
    fn count(&mut self, title: Level, a: &jdlint::Analysis) {
        let implied = a.implied.level;
        let exact = implied == Some(title);
        self.n += 1;
        self.exact += usize::from(exact);
        self.within_one +=
            usize::from(implied.is_some_and(|l| l.rank().abs_diff(title.rank()) <= 1));
        self.track += usize::from(a.implied.track == Some(title.track()));
        let at = self.by_rank.entry(title.rank()).or_default();
        at.0 += usize::from(exact);
        at.1 += 1;
    }

    fn balanced_exact(&self) -> f64 {
        let recall: f64 = (self.by_rank.values())
            .map(|&(exact, n)| exact as f64 / n as f64)
            .sum();
        recall / self.by_rank.len() as f64
    }
}

/// The phrases a `title-level-mismatch` message quotes, each with whether some evidence for the
/// implied level (or for a track) says it: issue 14 asks that a message quote only what decided.
fn mismatch_quotes(a: &jdlint::Analysis) -> Vec<(String, bool)> {
    let quoted = Regex::new(r#""([^"]*)" \(line \d+\)"#).unwrap();
    let Some(d) = a
        .diagnostics
        .iter()
        .find(|d| d.rule == "title-level-mismatch")
    else {
        return Vec::new();
    };
    let implied = a.implied.level.map(jdlint::Target::Level);
    quoted
        .captures_iter(&d.message)
        .map(|c| {
            let q = c[1].to_string();
            let backed = a.evidence.iter().any(|e| {
                e.text == q
                    && (Some(e.supports) == implied
                        || matches!(e.supports, jdlint::Target::Track(_)))
            });
            (q, backed)
        })
        .collect()
}

#[test]
fn mismatch_messages_quote_only_evidence_for_the_implied_level() {
    let Some(records) = load("pm-dev.jsonl") else {
        eprintln!("skipped: ../shared/data/pm-dev.jsonl is not present");
        return;
    };
    let engine = Engine::new();
    let mut stray = Vec::new();
    let mut quotes = 0;
    for r in &records {
        let titles = std::iter::once(r.title.as_str()).chain(common::CANONICAL_TITLES);
        for title in titles {
            let a = analyze(&engine, title, &r.text);
            for (q, backed) in mismatch_quotes(&a) {
                quotes += 1;
                if !backed {
                    stray.push(format!("{} [{title}]: {q:?}", r.id));
                }
            }
        }
    }
    // The check must have had quotes to read.
    assert!(quotes > 500, "only {quotes} quotes in mismatch messages");
    assert!(stray.is_empty(), "quotes from other levels: {stray:#?}");
}
