//! The JSON output contract of DOMAIN.md: one object per posting, and one per input that could
//! not be read (with an `error` field and no classification), so that outputs always equal inputs.

use crate::classify::Implied;
use crate::engine::{Analysis, Evidence};
use crate::input::InputError;
use crate::posting::{Posting, Source};
use crate::rules::Diagnostic;
use crate::title::Claimed;
use serde::Serialize;
use std::collections::BTreeMap;

/// One posting's result, as `--format json`/`jsonl` print it.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PostingReport {
    /// Where the posting came from: file path, line and record id.
    pub source: Source,
    /// The posting's title; `null` when the input could not be read.
    pub title: Option<String>,
    /// What the title claims; `null` when the input could not be read.
    pub claimed: Option<Claimed>,
    /// What the body implies; `null` when the input could not be read.
    pub implied: Option<Implied>,
    /// The evidence behind `implied`, strongest first; empty for an input that could not be read.
    pub evidence: Vec<Evidence>,
    /// What the rules found; empty for an input that could not be read.
    pub diagnostics: Vec<Diagnostic>,
    /// A record's scalar fields but its text (title, id, company, team...), as written, for a
    /// consumer to join results back to its records; empty for a document and for an input that
    /// could not be read.
    pub fields: BTreeMap<String, String>,
    /// Why the input could not be analyzed; `null` when it was.
    pub error: Option<String>,
}

impl PostingReport {
    /// A posting's result.
    pub fn analyzed(posting: &Posting, analysis: Analysis) -> PostingReport {
        PostingReport {
            source: posting.source.clone(),
            title: Some(posting.title.clone()),
            claimed: Some(analysis.claimed),
            implied: Some(analysis.implied),
            evidence: analysis.evidence,
            diagnostics: analysis.diagnostics,
            fields: posting.fields.clone(),
            error: None,
        }
    }

    /// The result of an input that could not be read or parsed: its source and `error`, no
    /// classification.
    pub fn failed(error: &InputError) -> PostingReport {
        PostingReport {
            source: error.source.clone(),
            title: None,
            claimed: None,
            implied: None,
            evidence: Vec::new(),
            diagnostics: Vec::new(),
            fields: BTreeMap::new(),
            error: Some(error.message.clone()),
        }
    }
}
