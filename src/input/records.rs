//! A record (a JSON object, a CSV row) as a posting: which fields hold the title, the text and the
//! id, and the record's other fields kept for grouping and calibration.

use super::decode::lone_cr_to_lf;
use super::html::{self, Markup};
use super::{InputError, Item, Limits};
use crate::posting::{Posting, Source};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The names of the fields a record's title, text and id are read from. A name matches a field
/// of the same name, or failing that one that differs only in ASCII case (`Title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The field a record's title is read from (`title` by default).
    pub title: String,
    /// The first of these that a record has is its text.
    pub text: Vec<String>,
    /// The field a record's id is read from (`id` by default).
    pub id: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            title: "title".into(),
            text: vec!["text".into(), "description".into(), "body".into()],
            id: "id".into(),
        }
    }
}

impl Fields {
    /// "`text` field (nor `description` or `body`)", for messages.
    pub(crate) fn describe_text(&self, noun: &str) -> String {
        let mut names = self.text.iter().map(|n| format!("`{n}`"));
        let first = names.next().unwrap_or_default();
        let rest: Vec<String> = names.collect();
        if rest.is_empty() {
            format!("{first} {noun}")
        } else {
            format!("{first} {noun} (nor {})", rest.join(" or "))
        }
    }
}

/// The position of `name` among `names`: the same name, else the same up to ASCII case.
pub(crate) fn find_name<'a>(
    names: impl Iterator<Item = &'a str> + Clone,
    name: &str,
) -> Option<usize> {
    names
        .clone()
        .position(|n| n == name)
        .or_else(|| names.into_iter().position(|n| n.eq_ignore_ascii_case(name)))
}

/// `; did you mean `X`?` when one of `names` is close to the field or column `name` that was
/// looked for and not found, else nothing: a `--title-field` typo must not fail without a word.
pub(crate) fn did_you_mean<'a>(name: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    match crate::suggest::closest_names(name, names).first() {
        Some(close) => format!("; did you mean `{close}`?"),
        None => String::new(),
    }
}

fn get<'a>(record: &'a Map<String, Value>, name: &str) -> Option<(&'a String, &'a Value)> {
    let i = find_name(record.keys().map(String::as_str), name)?;
    record.iter().nth(i)
}

/// What a JSON value is, for messages: "a number", "null".
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON object (a JSONL line, an element of a JSON array) as a posting.
pub(crate) fn json_record(
    mut source: Source,
    value: Value,
    fields: &Fields,
    limits: Limits,
) -> Item {
    let err = |source: Source, message: String| Err(InputError { source, message });
    let Value::Object(mut record) = value else {
        return err(source, "not a JSON object".into());
    };
    source.id = match get(&record, &fields.id) {
        Some((_, Value::String(s))) => Some(s.clone()),
        Some((_, Value::Number(n))) => Some(n.to_string()),
        _ => None,
    };
    let title = match get(&record, &fields.title) {
        Some((_, Value::String(t))) if !t.trim().is_empty() => t.trim(),
        Some((key, Value::String(_))) => return err(source, format!("`{key}` is empty")),
        Some((key, other)) => {
            let message = format!("`{key}` is {}, not a string", kind_of(other));
            return err(source, message);
        }
        None => {
            let message = format!(
                "no `{}` field (a non-empty string){}",
                fields.title,
                did_you_mean(&fields.title, record.keys().map(String::as_str))
            );
            return err(source, message);
        }
    };
    let title = title.to_string();
    let text_key = fields
        .text
        .iter()
        .find_map(|name| match get(&record, name) {
            Some((key, Value::String(_))) => Some(key.clone()),
            _ => None,
        });
    // Taken out rather than copied: the text is most of a record, and not one of its `fields`.
    let Some(Value::String(text)) = text_key.and_then(|key| record.remove(&key)) else {
        // A text field of another kind is named, so that the message says what is wrong.
        let other = fields.text.iter().find_map(|name| get(&record, name));
        let message = match other {
            Some((key, value)) => format!("`{key}` is {}, not a string", kind_of(value)),
            None => format!(
                "no {} holding a string{}",
                fields.describe_text("field"),
                fields
                    .text
                    .iter()
                    .map(|name| did_you_mean(name, record.keys().map(String::as_str)))
                    .find(|hint| !hint.is_empty())
                    .unwrap_or_default()
            ),
        };
        return err(source, message);
    };
    if let Err(message) = limits.check_posting(text.len()) {
        return err(source, message);
    }
    let mut posting = record_posting(source, title, text);
    posting.fields = record
        .into_iter()
        .filter_map(|(k, v)| {
            let value = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k, value))
        })
        .collect();
    Ok(posting)
}

/// A CSV row as a posting, given its title and text cells and its other cells by column name.
pub(crate) fn csv_record(
    source: Source,
    title: &str,
    text: &str,
    fields: BTreeMap<String, String>,
    limits: Limits,
) -> Item {
    let err = |source: Source, message: String| Err(InputError { source, message });
    let title = title.trim();
    if title.is_empty() {
        return err(source, "the title cell is empty".into());
    }
    if let Err(message) = limits.check_posting(text.len()) {
        return err(source, message);
    }
    let mut posting = record_posting(source, title.to_string(), text.to_string());
    posting.fields = fields;
    Ok(posting)
}

/// A record's title and text as a posting. A text that is an HTML fragment, as ATS exports give
/// a posting's body, is read as its page shows: headings and list items on lines of their own,
/// so that sections and bullets mean what they mean in a document. Places then count in the
/// record's text as written (once unescaped, when its markup was escaped into entities).
fn record_posting(source: Source, title: String, text: String) -> Posting {
    let text = lone_cr_to_lf(text);
    let page_html = match html::markup(&text) {
        None => return Posting::new(source, title, text),
        Some(Markup::Html) => text,
        Some(Markup::Escaped) => html::unescape(&text),
    };
    let page = html::to_text(&page_html, None);
    let mut posting = Posting::new(source, title, page.text);
    let mut map = page.map;
    // The human view quotes the record's HTML at a diagnostic's place, as it quotes a page.
    map.keep_file(&page_html);
    posting.source_map = Some(map);
    posting
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str, fields: &Fields) -> Item {
        let value = serde_json::from_str(json).unwrap();
        json_record(Source::file("r"), value, fields, Limits::default())
    }

    #[test]
    fn fields_are_found_by_name_then_by_case() {
        let fields = Fields::default();
        let p = item(
            r#"{"Title": "PM", "Description": "d", "text": "t", "ID": 3, "team": "x", "n": null}"#,
            &fields,
        )
        .unwrap();
        assert_eq!((p.title.as_str(), p.body_text()), ("PM", "t"));
        assert_eq!(p.source.id.as_deref(), Some("3"));
        let kept: Vec<&str> = p.fields.keys().map(String::as_str).collect();
        assert_eq!(
            kept,
            ["Description", "ID", "Title", "team"],
            "all but the text and nulls"
        );
    }

    #[test]
    fn named_fields_replace_the_defaults() {
        let fields = Fields {
            title: "job_title".into(),
            text: vec!["content".into()],
            id: "req".into(),
        };
        let p = item(
            r#"{"job_title": "VP", "content": "c", "req": "R-1"}"#,
            &fields,
        )
        .unwrap();
        assert_eq!((p.title.as_str(), p.body_text()), ("VP", "c"));
        assert_eq!(p.source.id.as_deref(), Some("R-1"));
        let e = item(r#"{"job_title": "VP", "text": "t"}"#, &fields).unwrap_err();
        assert_eq!(e.message, "no `content` field holding a string");
        let e = item(r#"{"title": "VP", "text": "t"}"#, &Fields::default());
        assert!(e.is_ok());
        let e = item(r#"{"title": " ", "text": "t"}"#, &fields).unwrap_err();
        assert_eq!(e.message, "no `job_title` field (a non-empty string)");
        let e = item(r#"{"job_titel": "VP", "contents": "t"}"#, &fields).unwrap_err();
        assert_eq!(
            e.message,
            "no `job_title` field (a non-empty string); did you mean `job_titel`?"
        );
        let e = item(r#"{"job_title": "VP", "contents": "t"}"#, &fields).unwrap_err();
        assert_eq!(
            e.message,
            "no `content` field holding a string; did you mean `contents`?"
        );
        assert_eq!(
            Fields::default().describe_text("column"),
            "`text` column (nor `description` or `body`)"
        );
    }
}
