//! Property tests: the engine and the readers on generated input. Postings are built from
//! fragments that mix arbitrary Unicode with the lexicon's own vocabulary (signal terms, section
//! headings, negation words), bullets and years of experience, so that generated text reaches the
//! matcher, the section splitter and the rules, not only the "no match" path.

use jdlint::input::{read_bytes, Format, Options};
use jdlint::lexicon::Lexicon;
use jdlint::{Analysis, Engine, Posting, Source};
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

/// The default lexicon's phrases by kind: (signal terms, section headings, negation words).
fn vocabulary() -> &'static (Vec<String>, Vec<String>, Vec<String>) {
    static VOCABULARY: OnceLock<(Vec<String>, Vec<String>, Vec<String>)> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let lexicon = Lexicon::embedded().unwrap();
        let terms = lexicon
            .signals()
            .iter()
            .flat_map(|s| s.value.terms.clone())
            .collect();
        let headings = lexicon
            .sections()
            .iter()
            .flat_map(|s| s.value.headings.clone())
            .collect();
        let negations = lexicon
            .negations()
            .iter()
            .flat_map(|n| n.value.words.clone())
            .collect();
        (terms, headings, negations)
    })
}

use crate::common::CANONICAL_TITLES as TITLES;

fn pick(list: fn() -> &'static [String]) -> impl Strategy<Value = String> {
    any::<prop::sample::Index>().prop_map(move |i| i.get(list()).clone())
}

/// A piece of posting text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => pick(|| &vocabulary().0),
        1 => pick(|| &vocabulary().1).prop_map(|h| format!("\n## {h}\n")),
        1 => pick(|| &vocabulary().1).prop_map(|h| format!("\n{h}:\n")),
        1 => pick(|| &vocabulary().2),
        1 => prop::sample::select(vec!["\n- ", "\n* ", "\n• ", "\n1. ", "\r\n- "]).prop_map(String::from),
        1 => (0u32..25, prop::sample::select(vec!["+ years", " years", "-7 years", "–12 years", "+ yrs"]))
            .prop_map(|(n, unit)| format!("{n}{unit} of product management experience")),
        1 => prop::sample::select(TITLES.to_vec()).prop_map(String::from),
        1 => prop::sample::select(vec![" ", "  ", "\n", "\n\n", ", ", ". ", "\t", "\u{200b}", " — ", "-", "“", "’"])
            .prop_map(String::from),
        2 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.join(" "))
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(TITLES.to_vec()).prop_map(String::from),
        (prop::sample::select(TITLES.to_vec()), fragment()).prop_map(|(t, f)| format!("{t}, {f}")),
        any::<String>(),
    ]
}

/// The 1-based line and column (in characters) of byte `offset`, counted independently of the
/// library's line index.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Every evidence span is in the body and quotes the text it reports, at the line and column it
/// reports; every diagnostic span is in the text on character boundaries, at its line and column.
fn check_spans(posting: &Posting, analysis: &Analysis) -> Result<(), TestCaseError> {
    let text = &posting.text;
    for e in &analysis.evidence {
        prop_assert!(
            posting.body.start <= e.span.start && e.span.end <= posting.body.end,
            "evidence {:?} at {:?} is outside the body {:?}",
            e.text,
            e.span,
            posting.body
        );
        prop_assert_eq!(text.get(e.span.clone()), Some(e.text.as_str()));
        prop_assert_eq!((e.line, e.column), line_col(text, e.span.start));
    }
    for d in &analysis.diagnostics {
        let Some(span) = &d.span else { continue };
        prop_assert!(
            text.get(span.clone()).is_some(),
            "{} span {:?} is not a range of the text ({} bytes)",
            d.rule,
            span,
            text.len()
        );
        if let (Some(line), Some(column)) = (d.line, d.column) {
            prop_assert_eq!((line, column), line_col(text, span.start), "{}", d.rule);
        }
    }
    Ok(())
}

/// Reads `text` as a document, the way the CLI does.
fn document(text: &str) -> Option<Posting> {
    read_bytes(
        Source::file("doc.txt"),
        text.as_bytes(),
        Format::Document,
        &Options::default(),
    )
    .pop()
    .and_then(Result::ok)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn no_panic_and_spans_quote_the_text_for_title_and_body(title in title(), body in text()) {
        let posting = Posting::new(Source::default(), title, body);
        let analysis = engine().analyze(&posting);
        check_spans(&posting, &analysis)?;
    }

    #[test]
    fn no_panic_and_spans_quote_the_text_for_documents(title in title(), body in text()) {
        let text = format!("{title}\n{body}");
        if let Some(posting) = document(&text) {
            let analysis = engine().analyze(&posting);
            check_spans(&posting, &analysis)?;
        }
    }

    #[test]
    fn no_panic_on_arbitrary_strings(text in any::<String>()) {
        for format in [Format::Document, Format::Jsonl] {
            let items = read_bytes(Source::default(), text.as_bytes(), format, &Options::default());
            for posting in items.iter().flatten() {
                check_spans(posting, &engine().analyze(posting))?;
            }
        }
    }

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for format in [Format::Document, Format::Jsonl] {
            let items = read_bytes(Source::default(), &bytes, format, &Options::default());
            prop_assert!(!items.is_empty() || format == Format::Jsonl);
            for posting in items.iter().flatten() {
                check_spans(posting, &engine().analyze(posting))?;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn one_thread_and_four_give_the_same_results(
        batch in prop::collection::vec((title(), text()), 1..12)
    ) {
        use rayon::prelude::*;
        let postings: Vec<Posting> = batch
            .into_iter()
            .map(|(t, b)| Posting::new(Source::default(), t, b))
            .collect();
        let run = |threads: usize| -> Vec<Analysis> {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| postings.par_iter().map(|p| engine().analyze(p)).collect())
        };
        prop_assert_eq!(run(1), run(4));
    }
}

/// A body with job-title mentions at known places: fragments, each followed by a mention slot.
fn body_with_mentions() -> impl Strategy<Value = Vec<(String, bool)>> {
    prop::collection::vec((text(), any::<bool>()), 1..8)
}

/// Writes the body with every mention slot holding `title`. Mentions stand between line breaks
/// (as in "Reports to:\nDirector of Product\n") so that the text around them is the same for
/// every title.
fn render(parts: &[(String, bool)], title: &str) -> String {
    let mut body = String::new();
    for (text, mention) in parts {
        body.push_str(text);
        if *mention {
            body.push('\n');
            body.push_str(title);
            body.push('\n');
        }
    }
    body
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// DOMAIN.md: title mentions in a body are never evidence, so rewriting them to another
    /// level's title cannot change the implied level or track.
    #[test]
    fn rewriting_title_mentions_keeps_the_implied_level(
        parts in body_with_mentions(),
        from in 0..TITLES.len(),
        to in 0..TITLES.len(),
    ) {
        let analyze = |title: &str| {
            let posting = Posting::new(Source::default(), "Product Manager", render(&parts, title));
            engine().analyze(&posting).implied
        };
        let (before, after) = (analyze(TITLES[from]), analyze(TITLES[to]));
        prop_assert_eq!(before.level, after.level);
        prop_assert_eq!(before.track, after.track);
    }
}

/// A JSONL line and whether it is a readable posting record (`None` for a blank line).
fn jsonl_line() -> impl Strategy<Value = (String, Option<bool>)> {
    let field = || prop_oneof![any::<String>(), text()];
    prop_oneof![
        // A valid record, under any of the body field names, with extra fields.
        (
            title(),
            field(),
            prop::sample::select(vec!["text", "description", "body"]),
            any::<i64>()
        )
            .prop_filter("a title must not be blank", |(t, ..)| !t.trim().is_empty())
            .prop_map(|(t, b, key, id)| {
                let record = serde_json::json!({"id": id, "title": t, key: b, "company": "Acme"});
                (record.to_string(), Some(true))
            }),
        // Missing or mistyped fields.
        field().prop_map(|t| (serde_json::json!({"title": t}).to_string(), Some(false))),
        field().prop_map(|b| (serde_json::json!({"text": b}).to_string(), Some(false))),
        field().prop_map(|t| (
            serde_json::json!({"title": t, "text": 42}).to_string(),
            Some(false)
        )),
        field().prop_map(|t| (
            serde_json::json!({"title": 7, "body": t}).to_string(),
            Some(false)
        )),
        // JSON that is not an object.
        prop::sample::select(vec![
            "[]",
            "[{\"title\": \"PM\", \"text\": \"x\"}]",
            "\"PM\"",
            "42",
            "null",
            "true"
        ])
        .prop_map(|s| (s.to_string(), Some(false))),
        // Garbage: not JSON at all, or cut short. (No NUL: a NUL byte on the first line makes the
        // whole file binary, one error for the file, which is the reader's rule, not a record's.)
        (
            prop::sample::select(vec![
                "{",
                "x",
                "{\"title\": \"PM\", \"text\": ",
                "title: PM"
            ]),
            "[^\r\n\x00]{0,20}"
        )
            .prop_map(|(head, rest)| (format!("{head}{rest}"), Some(false))),
        // Blank lines.
        prop::sample::select(vec!["", " ", "\t", "  \t "]).prop_map(|s| (s.to_string(), None)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Nothing is lost: every non-blank line yields a posting or an error, in order, and a file
    /// with no record at all yields one error saying so.
    #[test]
    fn jsonl_results_plus_errors_equal_non_blank_lines(
        lines in prop::collection::vec(jsonl_line(), 0..20),
        crlf in any::<bool>(),
    ) {
        let joined = lines
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join(if crlf { "\r\n" } else { "\n" });
        let items = read_bytes(Source::file("batch.jsonl"), joined.as_bytes(), Format::Jsonl, &Options::default());
        let records: Vec<(usize, bool)> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, (_, valid))| valid.map(|v| (i + 1, v)))
            .collect();
        if records.is_empty() {
            prop_assert_eq!(items.len(), 1);
            prop_assert!(items[0].is_err(), "{:?}", items[0]);
            return Ok(());
        }
        prop_assert_eq!(items.len(), records.len());
        for (item, (line, valid)) in items.iter().zip(&records) {
            let source = match item {
                Ok(p) => &p.source,
                Err(e) => &e.source,
            };
            prop_assert_eq!(source.line, Some(*line));
            prop_assert_eq!(item.is_ok(), *valid, "line {}: {:?}", line, item);
        }
    }
}

/// Text with what an attacker would put in a title or a file name: line breaks, `::` commands,
/// escape sequences, C1 and bidirectional controls, among arbitrary characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("::error file=a,line=1::x".to_string()),
        Just("  ::add-mask::".to_string()),
        Just("\u{1b}]0;title\u{7}".to_string()),
        Just("\u{9b}2J".to_string()),
        Just("\u{202e}\u{2028}\u{85}".to_string()),
        Just("\\u{1b}".to_string()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

proptest! {
    /// `visible` leaves nothing that a terminal or a CI runner acts on, keeps every other
    /// character, and is idempotent.
    #[test]
    fn visible_text_has_no_control_and_opens_no_command(text in hostile_text()) {
        use jdlint::escape::{is_hidden_control, visible};
        let shown = visible(&text);
        prop_assert!(!shown.chars().any(is_hidden_control), "{shown:?}");
        prop_assert!(!shown.trim_start().starts_with("::"), "{shown:?}");
        prop_assert_eq!(visible(&shown), shown.clone());
        let kept: String = text.chars().filter(|&c| !is_hidden_control(c) && c != ':').collect();
        let shown_kept: String = shown.chars().filter(|&c| c != ':').collect();
        // Every character that is not written out stands in the output, in order.
        let mut rest = shown_kept.chars();
        prop_assert!(kept.chars().all(|c| rest.any(|s| s == c)), "{text:?} -> {shown:?}");
    }
}
