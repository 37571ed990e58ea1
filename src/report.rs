//! The JSON output contract of DOMAIN.md: one object per posting, and one per input that could
//! not be read (with an `error` field and no classification), so that outputs always equal inputs.

use crate::classify::Implied;
use crate::engine::{Analysis, Evidence};
use crate::input::InputError;
use crate::posting::{Posting, Source};
use crate::rules::Diagnostic;
use crate::title::Claimed;
use serde::Serialize;

/// One posting's result, as `--format json`/`jsonl` print it.
#[derive(Debug, Clone, Serialize)]
pub struct PostingReport {
    pub source: Source,
    pub title: Option<String>,
    pub claimed: Option<Claimed>,
    pub implied: Option<Implied>,
    pub evidence: Vec<Evidence>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the input could not be analyzed; `null` when it was.
    pub error: Option<String>,
}

impl PostingReport {
    /// A posting's result. Lines and columns are the file's: for a posting converted from
    /// HTML, they are moved from the converted text to the file through its source map.
    pub fn analyzed(posting: &Posting, mut analysis: Analysis) -> PostingReport {
        if posting.source_map.is_some() {
            for e in &mut analysis.evidence {
                (e.line, e.column) = posting
                    .file_place(e.span.start)
                    .unwrap_or((e.line, e.column));
            }
            for d in &mut analysis.diagnostics {
                if let Some((line, column)) =
                    d.span.as_ref().and_then(|s| posting.file_place(s.start))
                {
                    (d.line, d.column) = (Some(line), Some(column));
                }
            }
        }
        PostingReport {
            source: posting.source.clone(),
            title: Some(posting.title.clone()),
            claimed: Some(analysis.claimed),
            implied: Some(analysis.implied),
            evidence: analysis.evidence,
            diagnostics: analysis.diagnostics,
            error: None,
        }
    }

    pub fn failed(error: &InputError) -> PostingReport {
        PostingReport {
            source: error.source.clone(),
            title: None,
            claimed: None,
            implied: None,
            evidence: Vec::new(),
            diagnostics: Vec::new(),
            error: Some(error.message.clone()),
        }
    }
}
