//! The lexicon compiled for matching: one trie of every literal term, title phrase, cue term,
//! check phrase and frame word (and the same as one aho-corasick automaton, the benchmarks'
//! yardstick), a regex per pattern, and lookup tables. Built once per process and shared
//! across threads (everything here is `Send + Sync`).

use super::forms::{other_spelling, phrase_forms};
use super::trie::{PhraseTrie, ROOT};
use super::words::WordTable;
use super::{CompanyVoiceEntry, Lexicon, SectionEntry, SectionKind, TitleKind};
use crate::cues::Cue;
use crate::domain::{Level, Specialization, Target};
use crate::negation::{CompanyVoice, Negations};
use crate::normalize::{is_ascii_word_byte, no_word_across, normalize_term};
use crate::sections::{heading_first_words, heading_prefixes, HeadingTrie, SectionOpeners};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::Look;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Size limit for a compiled lexicon regex (a pattern's or a cue's): generous for real patterns,
/// small enough that a pathological one is refused at load instead of eating memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

pub(crate) fn build_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regex: {e}"))
}

/// A lexicon pattern's regex, built as [`build_regex`] builds it (the same engine and limits) but
/// with the engine's own API, which can search anchored at a position. Its error is the one
/// [`build_regex`] gives, in the `regex` crate's words.
pub(crate) fn build_pattern_regex(pattern: &str) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(2 * (1 << 20)),
        )
        .syntax(regex_automata::util::syntax::Config::new().utf8(true))
        .build(pattern)
        .map_err(|e| build_regex(pattern).err().unwrap_or_else(|| e.to_string()))
}

/// The word-boundary assertions that, at the start of every match, make it start an ASCII word
/// when its first byte is an ASCII word byte.
const WORD_STARTS: [Look; 6] = [
    Look::WordAscii,
    Look::WordUnicode,
    Look::WordStartAscii,
    Look::WordStartUnicode,
    Look::WordStartHalfAscii,
    Look::WordStartHalfUnicode,
];

/// How a match of `pattern` can open, if every match starts an ASCII word: each literal a match
/// can start with, cut after its leading word and the two bytes after it ("manage a" of "manage a
/// team of "): the second byte passes over most places where the word stands without the rest
/// ("product manager" for "product vision"). `None` when a match could start elsewhere: no word
/// boundary opens the pattern, some literal opens with no ASCII word byte, or no finite set of
/// literals covers its matches.
fn pattern_leads(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let opening = hir.properties().look_set_prefix();
    if !WORD_STARTS.iter().any(|&look| opening.contains(look)) {
        return None;
    }
    let mut leads = Vec::new();
    for literal in Extractor::new().extract(&hir).literals()? {
        let bytes = literal.as_bytes();
        let word = leading_word(bytes).len();
        if word == 0 {
            return None;
        }
        leads.push(bytes[..bytes.len().min(word + 2)].to_vec());
    }
    // A lead that opens another finds every start the other finds. Sorted, a lead comes right
    // after the leads it opens with.
    leads.sort_unstable();
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(leads.len());
    for lead in leads {
        if !kept.last().is_some_and(|k| lead.starts_with(k)) {
            kept.push(lead);
        }
    }
    Some(kept)
}

/// How many starts of one pattern [`CompiledLexicon::find_patterns`] tries anchored in one text
/// before it searches the rest of the text unanchored: a try may read to the end of the text (a
/// pattern with an open gap), so the tries are capped to keep a search linear in the text.
const PATTERN_TRIES: usize = 64;

/// The fewest bytes a lexicon pattern must match: one that matches a single character (a class
/// such as `[a-z]`) or two matches almost anywhere, and would turn every posting into evidence.
pub(crate) const SHORTEST_PATTERN_MATCH: usize = 3;

/// The fewest bytes a match of `pattern` spans (`None` when it cannot match or does not parse,
/// which building it reports).
pub(crate) fn shortest_match(pattern: &str) -> Option<usize> {
    regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()?
        .properties()
        .minimum_len()
}

/// A signal entry ready for scoring.
#[derive(Debug, Clone)]
pub struct Signal {
    pub supports: Target,
    pub weight: f64,
    /// Shared with every piece of evidence the entry yields, so that evidence costs no copy.
    pub source: Arc<str>,
}

/// A regex evidence pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub(crate) regex: meta::Regex,
    /// Whether every match starts at one of [`Scan::pattern_starts`] (see [`pattern_leads`]);
    /// otherwise the pattern is searched in the whole text.
    pub(crate) word_led: bool,
    pub(crate) signal: Signal,
    /// A posting cue that voids the pattern (see [`crate::lexicon::PatternEntry::unless`]).
    pub(crate) unless: Option<Cue>,
}

/// A frame ready for pairing verbs with objects (see [`crate::matcher`]).
#[derive(Debug, Clone)]
pub struct Frame {
    pub yields: FrameYield,
    pub role_objects: bool,
}

/// What a frame's match is.
#[derive(Debug, Clone)]
pub enum FrameYield {
    /// Evidence in the matcher's reading of a body.
    Evidence(Signal),
    /// A match of the cue entry with this index (see [`crate::cues`]).
    Cue(u32),
}

impl Frame {
    /// The evidence a match of the frame is, if it is evidence and not a cue.
    pub(crate) fn signal(&self) -> Option<&Signal> {
        match &self.yields {
            FrameYield::Evidence(s) => Some(s),
            FrameYield::Cue(_) => None,
        }
    }
}

/// What a frame word is to its frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameWord {
    /// One of the frame's verbs, in any of its word forms.
    Verb,
    /// One of the frame's objects, singular or plural.
    Object,
    /// The singular of an object the frame lists in the plural ("manager" of "managers"):
    /// right after a verb's -ing form it makes a noun ("hiring manager").
    SingularObject,
}

/// A title phrase ready for the title parser.
#[derive(Debug, Clone)]
pub struct TitlePhrase {
    pub kind: TitleKind,
    pub level: Option<Level>,
    pub specialization: Option<Specialization>,
    pub note: Option<String>,
    pub source: String,
}

/// An experience band ready for scoring.
#[derive(Debug, Clone)]
pub struct Band {
    pub years: Range<u32>,
    /// Years as a manager, not years of experience.
    pub managing: bool,
    pub signal: Signal,
}

/// A wording check's phrases, ready for its rule (see [`crate::rules`]).
#[derive(Debug, Clone)]
pub struct CompiledCheck {
    /// The check's rule id.
    pub id: String,
    /// Whether titles are read for it.
    pub title: bool,
}

/// One phrase of a wording check.
#[derive(Debug, Clone)]
pub struct CheckPhrase {
    /// Index of its check in [`CompiledLexicon::checks`].
    pub check: u32,
    /// What to write instead, the first preferred; empty for an existence check and an exception.
    pub replacements: Arc<[String]>,
    /// Whether it is one of the check's `except` phrases, which silence its phrases inside them.
    pub except: bool,
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub struct CompiledLexicon {
    /// Literal signals; pattern `i < term_count` of `automaton` belongs to
    /// `signals[owner[i]]`, pattern `term_count <= i < cue_start` to `titles[owner[i]]`, pattern
    /// `cue_start <= i < check_start` to `cues[owner[i]]`, pattern `check_start <= i <
    /// frame_start` to `check_phrases[owner[i]]`, and the rest to `frame_words[owner[i]]`.
    pub(crate) signals: Vec<Signal>,
    /// Every phrase above as one aho-corasick automaton, pattern `i` for phrase `i`: the yardstick
    /// of [`CompiledLexicon::raw_match_count`]. Built on its first use: nothing but
    /// benchmarks reads it, and building it was half the cost of compiling the lexicon. Behind
    /// a pointer: a cell held inline makes `&CompiledLexicon` no longer read-only to the
    /// optimizer, which then reloads the lexicon's tables at every step of the scan (2% more
    /// instructions to analyze a posting).
    automaton: Arc<OnceLock<NFA>>,
    /// The phrases the automaton is built from, phrase `i` for pattern `i`.
    phrases: Arc<[String]>,
    /// The same phrases, phrase `i` for pattern `i`, as the trie the scan walks.
    trie: PhraseTrie,
    /// What each byte is to the scan: [`WORD_BYTE`], [`STARTS_PHRASE`], [`STARTS_OPEN_LEAD`],
    /// or a combination of them.
    byte_kinds: [u8; 256],
    /// Every word that leads a phrase or a pattern (see [`Words`]).
    words: WordTable<WordEntry>,
    /// The pattern leads that end after their word (see [`Words`]): the byte or two after the
    /// word and the pattern's index.
    word_leads: Leads,
    /// The pattern leads that are all word bytes, by first byte, with their patterns' indexes.
    open_leads: Vec<Vec<(Vec<u8>, u32)>>,
    owner: Vec<u32>,
    term_count: usize,
    cue_start: usize,
    check_start: usize,
    frame_start: usize,
    pub(crate) frames: Vec<Frame>,
    /// Each frame word's frame and role; a frame word match's `index` points here.
    pub(crate) frame_words: Vec<(u32, FrameWord)>,
    /// Each cue entry's cue and weight, in the lexicon's order.
    pub(crate) cues: Vec<(Cue, f64)>,
    /// Every cue pattern with its cue entry index, uncompiled: a rule set compiles those of the
    /// categories it reads (see [`crate::cues::CueLexicon`]).
    pub(crate) cue_patterns: Vec<(String, u32)>,
    /// The wording checks, in the lexicon's order.
    pub(crate) checks: Vec<CompiledCheck>,
    /// The wording cues that a check reading titles (`title: true`) reads: they are looked for
    /// in titles as well as bodies.
    pub(crate) cues_in_titles: Vec<Cue>,
    /// Every phrase of every check; a check match's `index` points here.
    pub(crate) check_phrases: Vec<CheckPhrase>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) titles: Vec<TitlePhrase>,
    pub(crate) bands: Vec<Band>,
    /// Every heading (normalized) with the kind of section it opens.
    pub(crate) headings: WordTable<SectionKind>,
    /// The first letters of every heading's first word, as a set of bits (see
    /// [`heading_prefixes`]): a sentence that starts otherwise is no heading.
    pub(crate) heading_prefixes: Vec<u64>,
    /// Every heading (normalized) as a trie: the keys of `headings`, which a flattened line's
    /// words are followed through (see [`crate::sections`]).
    pub(crate) listed_headings: HeadingTrie,
    /// Sentence openings that end a company pitch or a section, by what they end.
    pub(crate) section_openers: SectionOpeners,
    /// The sections' `cues`, normalized, found in one pass over a heading.
    pub(crate) heading_cues: aho_corasick::AhoCorasick,
    /// Each cue's section kind, by pattern index of `heading_cues`.
    pub(crate) heading_cue_kinds: Vec<SectionKind>,
    /// The first words of every heading, for a whole line's lookup (see [`crate::sections`]).
    pub(crate) heading_first_words: WordTable<()>,
    pub(crate) negations: Negations,
    /// The words that make the hiring company the subject of a match.
    pub(crate) company_voice: CompanyVoice,
}

/// Whole-word matches of one scan of a text, literal terms, title phrases and cue terms apart:
/// each is selected on its own, so a title phrase never hides a term or the other way round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Every match, by start, longest first; `index` is a signal index. The matcher takes the
    /// leftmost-longest of them after setting title mentions aside (see `leftmost_longest`), so
    /// that a term reaching into a mention cannot hide one beside it.
    pub terms: Vec<RawMatch>,
    /// Every match, by start, longest first; `index` is a title index. [`Scan::title_phrases`]
    /// selects the leftmost-longest.
    pub titles: Vec<RawMatch>,
    /// Every match, by start, longest first, then by cue; `index` is a cue entry index. Cues are
    /// selected per category (see [`crate::cues`]), which only the rule set knows.
    pub cues: Vec<RawMatch>,
    /// Every match of a wording check's phrase, by start, longest first; `index` is a check
    /// phrase index.
    pub checks: Vec<RawMatch>,
    /// Every frame verb and object, by start, longest first; `index` is a frame word index.
    pub frame_words: Vec<RawMatch>,
    /// Where a lexicon pattern may match, by start: a pattern index and a word start that opens
    /// one of the pattern's leads. Patterns without leads are not listed.
    pub pattern_starts: Vec<(u32, usize)>,
}

impl Scan {
    /// The title phrases a text reads as: the leftmost-longest of [`Scan::titles`].
    pub fn title_phrases(&self) -> Vec<RawMatch> {
        leftmost_longest(self.titles.clone())
    }
}

/// A match of a lexicon phrase or pattern in normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    /// Byte range of the match in the normalized text.
    pub range: Range<usize>,
    /// Index into the signals, patterns or titles it came from.
    pub index: usize,
}

/// Sorts `matches`, recorded as the scan finds them (by start, each start's by end), by start,
/// longest first, then by index. Each start's matches are together already: sorting them alone
/// is sorting all, and most starts have one.
fn longest_first(matches: &mut [RawMatch]) {
    for same_start in matches.chunk_by_mut(|a, b| a.range.start == b.range.start) {
        if same_start.len() > 1 {
            same_start.sort_unstable_by_key(|m| (std::cmp::Reverse(m.range.end), m.index));
        }
    }
}

/// The leftmost-longest non-overlapping matches among `found`.
pub(crate) fn leftmost_longest(mut found: Vec<RawMatch>) -> Vec<RawMatch> {
    found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut end = 0;
    found.retain(|m| {
        let keep = m.range.start >= end;
        if keep {
            end = m.range.end;
        }
        keep
    });
    found
}

/// An ASCII letter, digit or underscore: a match cannot start after one of these and on one.
/// [`is_ascii_word_byte`] in a table, because the scan's loop over a word's bytes runs on every
/// byte of a posting: the table read cost 15% fewer instructions in the scan than the function.
const WORD_BYTE: u8 = 1;
/// A byte some phrase of the automaton starts with. The scan asks it only of bytes that are not
/// ASCII word bytes: a word is looked up whole (see [`Words`]).
const STARTS_PHRASE: u8 = 2;
/// A byte some pattern lead that is all word bytes starts with: a word that starts with it is
/// checked against those leads (see [`CompiledLexicon::open_leads`]).
const STARTS_OPEN_LEAD: u8 = 4;

/// What a word in the scan's table opens: the phrases it leads, by the trie's node after it, and
/// the pattern leads it is the word of, `word_leads[leads.0..leads.1]`.
#[derive(Debug, Clone, Copy)]
struct WordEntry {
    node: Option<u32>,
    leads: (u32, u32),
}

/// A pattern's leads that go on after one word with one byte: that byte, the bytes that may
/// follow it (a set of 256 bits; `None`: any byte, or none), and the pattern's index. One entry
/// however many second bytes: a word's entries are all checked where it stands ("lead" opens
/// three patterns, each with a dozen second bytes).
#[derive(Debug, Clone)]
struct WordLead {
    after: u8,
    then: Option<[u64; 4]>,
    pattern: u32,
}

impl WordLead {
    /// Whether the lead opens where its word is followed by `next` and then `then`.
    fn opens(&self, next: Option<&u8>, then: Option<&u8>) -> bool {
        next == Some(&self.after)
            && self.then.is_none_or(|set| {
                then.is_some_and(|&b| set[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
            })
    }
}

/// The leads of the words in the scan's table, each word's together.
type Leads = Vec<WordLead>;

/// How employers join a heading's words: "skills and experience", "skills & experience",
/// "skills + experience". The connector is typography, not wording, so a heading the lexicon
/// lists with one is found with any.
const HEADING_CONNECTORS: [&str; 3] = [" and ", " & ", " + "];

/// Adds each variant of the terms from `from` on (a word form, the other spelling), owned by
/// its term's entry, unless a term from `from` on says it itself: an explicit term keeps its own
/// entry, and a variant two terms share goes to the first.
fn add_variants<V: IntoIterator<Item = String>>(
    terms: &mut Vec<String>,
    owner: &mut Vec<u32>,
    from: usize,
    variants: impl Fn(&str) -> V,
) {
    let mut said: HashSet<String> = terms[from..].iter().cloned().collect();
    for i in from..terms.len() {
        for variant in variants(&terms[i]) {
            if said.insert(variant.clone()) {
                terms.push(variant);
                owner.push(owner[i]);
            }
        }
    }
}

/// `heading` with every connector written "and": the one form of all its [`connector_forms`].
pub(super) fn canonical_connectors(heading: &str) -> String {
    HEADING_CONNECTORS[1..]
        .iter()
        .fold(heading.to_string(), |h, c| {
            h.replace(c, HEADING_CONNECTORS[0])
        })
}

/// A normalized heading written with each connector.
fn connector_forms(heading: &str) -> Vec<String> {
    let canonical = canonical_connectors(heading);
    if !canonical.contains(HEADING_CONNECTORS[0]) {
        return vec![canonical];
    }
    HEADING_CONNECTORS
        .iter()
        .map(|c| canonical.replace(HEADING_CONNECTORS[0], c))
        .collect()
}

/// The leading word of `bytes`: its ASCII word bytes up to the first other byte.
fn leading_word(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.iter().take_while(|&&b| is_ascii_word_byte(b)).count()]
}

/// The scan's word table and the pattern leads it points into.
///
/// A phrase can match on word boundaries at the start of an ASCII word in a text only if that
/// whole word is the phrase's leading word ("data" of "data platform", "c" of "c++"): the phrase
/// goes on with a byte that is no ASCII word byte, or ends where the boundary check wants the
/// word to end. So the scan looks each word up here and walks on from the trie's node after it,
/// or not at all. Likewise a pattern lead that goes on after its word ("manage a") opens only
/// where its word is the whole word of the text and the next bytes are the lead's. A lead that is
/// all word bytes ("5" of `[0-9]+`) may open a longer word, and is kept apart, by first byte.
struct Words {
    table: WordTable<WordEntry>,
    word_leads: Leads,
    open_leads: Vec<Vec<(Vec<u8>, u32)>>,
}

impl Words {
    /// The words of the trie's phrases and of `leads`, each with its pattern's index.
    fn new(trie: &PhraseTrie, phrases: &[String], leads: &[(Vec<u8>, u32)]) -> Words {
        let mut entries: BTreeMap<&[u8], Leads> = BTreeMap::new();
        for phrase in phrases {
            let word = leading_word(phrase.as_bytes());
            if !word.is_empty() {
                entries.entry(word).or_default();
            }
        }
        let mut open_leads = vec![Vec::new(); 256];
        for (lead, pattern) in leads {
            let word = leading_word(lead);
            match lead.get(word.len()) {
                Some(&next) => {
                    let of_word = entries.entry(word).or_default();
                    let same = of_word
                        .iter()
                        .position(|l| l.after == next && l.pattern == *pattern);
                    let i = same.unwrap_or_else(|| {
                        of_word.push(WordLead {
                            after: next,
                            then: Some([0; 4]),
                            pattern: *pattern,
                        });
                        of_word.len() - 1
                    });
                    // A lead that ends with the byte after its word lets any byte follow.
                    match (lead.get(word.len() + 1), &mut of_word[i].then) {
                        (Some(&b), Some(set)) => set[usize::from(b >> 6)] |= 1 << (b & 63),
                        (Some(_), None) => {}
                        (None, then) => *then = None,
                    }
                }
                None => open_leads[usize::from(lead[0])].push((lead.clone(), *pattern)),
            }
        }
        let mut word_leads = Vec::new();
        let table = WordTable::new(entries.into_iter().map(|(word, leads)| {
            let node = trie.child(ROOT, word, 0).map(|(node, _)| node);
            let from = word_leads.len() as u32;
            word_leads.extend(leads);
            let leads = (from, word_leads.len() as u32);
            (word, WordEntry { node, leads })
        }));
        Words {
            table,
            word_leads,
            open_leads,
        }
    }
}

/// The kind of every byte for [`CompiledLexicon::scan`], given the automaton's phrases and the
/// patterns' leads.
fn byte_kinds(phrases: &[String], leads: &[(Vec<u8>, u32)]) -> [u8; 256] {
    let mut kinds = [0; 256];
    for byte in 0..=255u8 {
        if is_ascii_word_byte(byte) {
            kinds[usize::from(byte)] |= WORD_BYTE;
        }
    }
    for first in phrases.iter().filter_map(|p| p.as_bytes().first()) {
        kinds[usize::from(*first)] |= STARTS_PHRASE;
    }
    for (lead, _) in leads {
        if leading_word(lead).len() == lead.len() {
            kinds[usize::from(lead[0])] |= STARTS_OPEN_LEAD;
        }
    }
    kinds
}

impl CompiledLexicon {
    /// Compiles a validated lexicon.
    pub fn new(lexicon: &Lexicon) -> CompiledLexicon {
        let mut signals = Vec::with_capacity(lexicon.signals.len());
        let mut terms = Vec::new();
        let mut owner = Vec::new();
        for (i, s) in lexicon.signals.iter().enumerate() {
            signals.push(Signal {
                supports: s.value.supports,
                weight: s.value.weight,
                source: s.value.source.as_str().into(),
            });
            for t in &s.value.terms {
                terms.push(normalize_term(t));
                owner.push(i as u32);
            }
        }
        // Each term's other word forms (and spelling), for its entry.
        add_variants(&mut terms, &mut owner, 0, phrase_forms);

        let mut leads: Vec<(Vec<u8>, u32)> = Vec::new();
        let patterns: Vec<Pattern> = lexicon
            .patterns
            .iter()
            .enumerate()
            .map(|(i, p)| Pattern {
                regex: lexicon
                    .pattern_regexes
                    .get(&p.value.pattern)
                    .cloned()
                    .unwrap_or_else(|| {
                        build_pattern_regex(&p.value.pattern).expect("patterns are validated")
                    }),
                word_led: pattern_leads(&p.value.pattern)
                    .map(|found| leads.extend(found.into_iter().map(|lead| (lead, i as u32))))
                    .is_some(),
                signal: Signal {
                    supports: p.value.supports,
                    weight: p.value.weight,
                    source: p.value.source.as_str().into(),
                },
                unless: p.value.unless,
            })
            .collect();

        let term_count = terms.len();
        let mut titles = Vec::new();
        for (i, t) in lexicon.titles.iter().enumerate() {
            titles.push(TitlePhrase {
                kind: t.value.kind,
                level: t.value.level,
                specialization: t.value.specialization,
                note: t.value.note.clone(),
                source: t.value.source.clone(),
            });
            for p in &t.value.phrases {
                terms.push(normalize_term(p));
                owner.push(i as u32);
            }
        }

        let cue_start = terms.len();
        let mut cues = Vec::with_capacity(lexicon.cues.len());
        let mut cue_patterns = Vec::new();
        for (i, c) in lexicon.cues.iter().enumerate() {
            cues.push((c.value.cue, c.value.weight));
            for t in &c.value.terms {
                terms.push(normalize_term(t));
                owner.push(i as u32);
            }
            cue_patterns.extend(c.value.patterns.iter().map(|p| (p.clone(), i as u32)));
        }
        // A cue term in the other spelling (British or American) too, for its entry. Cues take
        // no other word forms: a role's nouns are listed.
        add_variants(&mut terms, &mut owner, cue_start, other_spelling);

        let check_start = terms.len();
        let mut cues_in_titles: Vec<Cue> = (lexicon.checks.iter())
            .filter(|c| c.value.title)
            .flat_map(|c| c.value.cues.iter().copied())
            .collect();
        cues_in_titles.sort_unstable();
        cues_in_titles.dedup();
        let mut checks = Vec::with_capacity(lexicon.checks.len());
        let mut check_phrases = Vec::new();
        for (i, c) in lexicon.checks.iter().enumerate() {
            checks.push(CompiledCheck {
                id: c.value.id.clone(),
                title: c.value.title,
            });
            for (phrase, replacements) in c.value.phrases() {
                terms.push(normalize_term(phrase));
                owner.push(check_phrases.len() as u32);
                check_phrases.push(CheckPhrase {
                    check: i as u32,
                    replacements: replacements.into(),
                    except: false,
                });
            }
            for phrase in &c.value.except {
                terms.push(normalize_term(phrase));
                owner.push(check_phrases.len() as u32);
                check_phrases.push(CheckPhrase {
                    check: i as u32,
                    replacements: Arc::from([]),
                    except: true,
                });
            }
        }

        let frame_start = terms.len();
        let evidence_frames = lexicon.frames.iter().map(|f| {
            let frame = Frame {
                yields: FrameYield::Evidence(Signal {
                    supports: f.value.supports,
                    weight: f.value.weight,
                    source: f.value.source.as_str().into(),
                }),
                role_objects: f.value.role_objects,
            };
            (frame, &f.value.verbs, &f.value.objects)
        });
        let cue_frames = lexicon.cues.iter().enumerate().flat_map(|(i, c)| {
            c.value.frames.iter().map(move |f| {
                let frame = Frame {
                    yields: FrameYield::Cue(i as u32),
                    role_objects: false,
                };
                (frame, &f.verbs, &f.objects)
            })
        });
        let mut frames = Vec::with_capacity(lexicon.frames.len());
        let mut frame_words = Vec::new();
        let mut frame_said: HashSet<(usize, FrameWord, String)> = HashSet::new();
        for (i, (frame, verbs, objects)) in evidence_frames.chain(cue_frames).enumerate() {
            frames.push(frame);
            let words = (verbs.iter().map(|w| (FrameWord::Verb, w)))
                .chain(objects.iter().map(|w| (FrameWord::Object, w)));
            let listed: HashSet<String> = objects.iter().map(|o| normalize_term(o)).collect();
            for (role, word) in words {
                let word = normalize_term(word);
                let plural = word.ends_with('s');
                for form in phrase_forms(&word).into_iter().chain([word]) {
                    let role = match role {
                        FrameWord::Object
                            if plural
                                && !form.ends_with(['s', '\''])
                                && !listed.contains(&form) =>
                        {
                            FrameWord::SingularObject
                        }
                        role => role,
                    };
                    if frame_said.insert((i, role, form.clone())) {
                        terms.push(form);
                        owner.push(frame_words.len() as u32);
                        frame_words.push((i as u32, role));
                    }
                }
            }
        }

        let bands = lexicon
            .experience
            .iter()
            .map(|b| Band {
                years: b.value.min_years..b.value.max_years + 1,
                managing: b.value.managing,
                signal: Signal {
                    supports: b.value.supports,
                    weight: b.value.weight,
                    source: b.value.source.as_str().into(),
                },
            })
            .collect();

        // A section list's phrases, normalized, each with its entry's kind.
        let section_phrases = |list: fn(&SectionEntry) -> &Vec<String>| {
            lexicon.sections.iter().flat_map(move |s| {
                list(&s.value)
                    .iter()
                    .map(|p| (normalize_term(p), s.value.kind))
            })
        };
        let headings: Vec<(String, SectionKind)> = section_phrases(|s| &s.headings)
            .flat_map(|(h, kind)| connector_forms(&h).into_iter().map(move |f| (f, kind)))
            .collect();
        let heading_prefixes = heading_prefixes(headings.iter().map(|(h, _)| h.as_str()));
        let openers: Vec<(String, SectionKind)> = section_phrases(|s| &s.openers).collect();
        let section_openers = SectionOpeners::new(&openers);
        let (cue_phrases, heading_cue_kinds): (Vec<String>, Vec<SectionKind>) =
            section_phrases(|s| &s.cues).unzip();
        let heading_cues = aho_corasick::AhoCorasick::new(&cue_phrases)
            .expect("heading cues build: phrases are validated non-empty");
        let heading_first_words = heading_first_words(headings.iter().map(|(h, _)| h.as_str()));
        let listed_headings = HeadingTrie::new(headings.iter().map(|(h, _)| h.as_str()));
        // A heading two sections list opens the later one's: the table keeps a word's first
        // value, so it is given the headings last to first.
        let headings: Vec<(&[u8], SectionKind)> = (headings.iter().rev())
            .filter(|(h, _)| !h.is_empty())
            .map(|(h, kind)| (h.as_bytes(), *kind))
            .collect();
        let headings = WordTable::new(headings.into_iter());

        let negations = Negations::new(
            lexicon
                .negations
                .iter()
                .flat_map(|n| n.value.words.iter())
                .map(|w| normalize_term(w).split(' ').map(String::from).collect())
                .collect(),
        );

        let voice_words = |words: fn(&CompanyVoiceEntry) -> &Vec<String>| {
            (lexicon.company_voice.iter())
                .flat_map(|v| words(&v.value))
                .map(|w| normalize_term(w))
                .collect()
        };
        let company_voice =
            CompanyVoice::new(voice_words(|v| &v.subjects), voice_words(|v| &v.between));

        let trie = PhraseTrie::new(&terms);
        let words = Words::new(&trie, &terms, &leads);
        CompiledLexicon {
            byte_kinds: byte_kinds(&terms, &leads),
            words: words.table,
            word_leads: words.word_leads,
            open_leads: words.open_leads,
            automaton: Arc::new(OnceLock::new()),
            phrases: terms.into(),
            trie,
            signals,
            owner,
            term_count,
            cue_start,
            check_start,
            frame_start,
            frames,
            frame_words,
            cues,
            cue_patterns,
            checks,
            cues_in_titles,
            check_phrases,
            patterns,
            titles,
            bands,
            headings,
            heading_prefixes,
            listed_headings,
            section_openers,
            heading_cues,
            heading_cue_kinds,
            heading_first_words,
            negations,
            company_voice,
        }
    }

    /// Literal terms, title phrases, cue terms, check phrases, frame words and pattern starts in
    /// `normalized`, in one pass.
    ///
    /// Every phrase is looked for wherever it could start a whole-word match: the phrase trie is
    /// walked from each position that is not inside an ASCII word and could start some phrase, a
    /// token at a time, until no phrase continues. At the start of an ASCII word, the word is
    /// looked up among the phrases' leading words, and the walk goes on from the node after it,
    /// or is not made: most words start no phrase. An unanchored search would also report, and
    /// then reject, every phrase found inside a word ("he" in "the"), and those are most of its
    /// matches. All matches from a position are kept, not only the longest: a longer one may fail
    /// the word-boundary check ("data platform" inside "data platforms") where a shorter one
    /// passes.
    ///
    /// The same look-up notes the words that open a regex pattern's lead, where
    /// [`CompiledLexicon::find_patterns`] tries the pattern.
    pub fn scan(&self, normalized: &str) -> Scan {
        // Room up front spares the vectors' regrowth, which cost more than the walks that fill
        // them. Most postings hold a term every 60 bytes or more, and a cue, a frame word and a
        // pattern start each every 50 or more (nine in ten of the dev set's and of a corpus
        // bench's); title phrases are sparser, wording checks rare.
        let mut scan = Scan {
            terms: Vec::with_capacity(normalized.len() / 60),
            titles: Vec::with_capacity(normalized.len() / 120),
            cues: Vec::with_capacity(normalized.len() / 50),
            checks: Vec::new(),
            frame_words: Vec::with_capacity(normalized.len() / 50),
            pattern_starts: Vec::with_capacity(normalized.len() / 50),
        };
        let bytes = normalized.as_bytes();
        let is_word_byte = |b: &u8| self.byte_kinds[usize::from(*b)] & WORD_BYTE != 0;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let kind = self.byte_kinds[usize::from(byte)];
            if kind & WORD_BYTE != 0 {
                let end = at
                    + 1
                    + bytes[at + 1..]
                        .iter()
                        .take_while(|b| is_word_byte(b))
                        .count();
                if kind & STARTS_OPEN_LEAD != 0 {
                    let word = &bytes[at..end];
                    let open = &self.open_leads[usize::from(byte)];
                    // Byte by byte: most leads differ from the word in their second byte, and
                    // `starts_with` pays a call to `memcmp` first.
                    let opened = open.iter().filter(|(lead, _)| {
                        word.len() >= lead.len() && lead.iter().zip(word).all(|(a, b)| a == b)
                    });
                    scan.pattern_starts
                        .extend(opened.map(|&(_, pattern)| (pattern, at)));
                }
                if let Some(entry) = self.words.get(bytes, &(at..end)) {
                    let (from, to) = entry.leads;
                    let leads = &self.word_leads[from as usize..to as usize];
                    let (next, then) = (bytes.get(end), bytes.get(end + 1));
                    let opened = leads.iter().filter(|lead| lead.opens(next, then));
                    scan.pattern_starts
                        .extend(opened.map(|lead| (lead.pattern, at)));
                    if let Some(node) = entry.node {
                        self.walk_on(normalized, at, end, node, &mut scan);
                    }
                }
                at = end;
                continue;
            }
            if kind & STARTS_PHRASE != 0 {
                self.walk_on(normalized, at, at, ROOT, &mut scan);
            }
            at += 1;
        }
        self.finish(scan)
    }

    /// Adds to `scan` every phrase that starts at `start` in `normalized` on word boundaries,
    /// walking on from `node`, the trie's node after `normalized[start..at]`.
    fn walk_on(
        &self,
        normalized: &str,
        start: usize,
        mut at: usize,
        mut node: u32,
        scan: &mut Scan,
    ) {
        let bytes = normalized.as_bytes();
        loop {
            let ends = self.trie.ends(node);
            if !ends.is_empty() {
                self.record_matches(normalized, start..at, ends, scan);
            }
            if at == bytes.len() {
                return;
            }
            match self.trie.child(node, bytes, at) {
                Some(next) => (node, at) = next,
                None => return,
            }
        }
    }

    /// Adds to `scan` the phrases `ends` (automaton pattern indexes) found at `range`, if it is
    /// on word boundaries.
    // Out of the walk's loop, which most steps run through without a match: inlined, its
    // registers cost every step.
    #[inline(never)]
    fn record_matches(&self, normalized: &str, range: Range<usize>, ends: &[u32], scan: &mut Scan) {
        if !(no_word_across(normalized, range.start) && no_word_across(normalized, range.end)) {
            return;
        }
        for &pattern in ends {
            self.record(scan, pattern as usize, range.clone());
        }
    }

    /// Adds a whole-word match of automaton pattern `pattern` to the part of `scan` it belongs to.
    fn record(&self, scan: &mut Scan, pattern: usize, range: Range<usize>) {
        let found = RawMatch {
            range,
            index: self.owner[pattern] as usize,
        };
        if pattern < self.term_count {
            scan.terms.push(found);
        } else if pattern < self.cue_start {
            scan.titles.push(found);
        } else if pattern < self.check_start {
            scan.cues.push(found);
        } else if pattern < self.frame_start {
            scan.checks.push(found);
        } else {
            scan.frame_words.push(found);
        }
    }

    /// `scan` with every match recorded, put in the order [`Scan`] documents.
    fn finish(&self, mut scan: Scan) -> Scan {
        for matches in [
            &mut scan.terms,
            &mut scan.titles,
            &mut scan.frame_words,
            &mut scan.checks,
        ] {
            longest_first(matches);
        }
        // By start, longest first, then by cue. No two cues tie on that: a lexicon holds a term
        // once per category (validation and layering see to it), and a cue is of one category.
        // So each start's cues, together already as in `longest_first`, are sorted alone: a
        // sort of the whole list cost a sixth of the scan's own instructions.
        for same_start in scan
            .cues
            .chunk_by_mut(|a, b| a.range.start == b.range.start)
        {
            if same_start.len() > 1 {
                same_start.sort_unstable_by_key(|m| {
                    (std::cmp::Reverse(m.range.end), self.cues[m.index].0)
                });
            }
        }
        scan
    }

    /// Matches of the regex patterns, the same as each pattern's `find_iter`; `index` is a
    /// pattern index. A pattern with leads is tried anchored at the scan's starts for it, which
    /// the scan found on its way, instead of searched for: most of its leads open no match
    /// ("lead", "build"), and three patterns share them. A pattern whose `unless` cue is among
    /// the scan's cues is not searched.
    pub fn find_patterns(&self, normalized: &str, scan: &Scan) -> Vec<RawMatch> {
        let mut out = Vec::new();
        let input = regex_automata::Input::new(normalized);
        let found = |index| {
            move |m: regex_automata::Match| RawMatch {
                range: m.range(),
                index,
            }
        };
        // For each pattern tried at its starts: where its last match ended (no match starts
        // before it, as in `find_iter`) and how many tries it has made; `None` for the others.
        let mut tried: Vec<Option<(usize, usize)>> = vec![None; self.patterns.len()];
        for (index, pattern) in self.patterns.iter().enumerate() {
            let voided = pattern
                .unless
                .is_some_and(|cue| scan.cues.iter().any(|m| self.cues[m.index].0 == cue));
            if voided {
                continue;
            }
            if pattern.word_led {
                tried[index] = Some((0, 0));
            } else {
                out.extend(pattern.regex.find_iter(input.clone()).map(found(index)));
            }
        }
        // One pass over the starts, not one per pattern: a posting of many starts would pay for
        // every pattern's.
        for &(index, start) in &scan.pattern_starts {
            let index = index as usize;
            let Some((resume, tries)) = &mut tried[index] else {
                continue;
            };
            if start < *resume {
                continue;
            }
            let regex = &self.patterns[index].regex;
            if *tries == PATTERN_TRIES {
                let rest = input.clone().range(*resume..);
                out.extend(regex.find_iter(rest).map(found(index)));
                tried[index] = None;
                continue;
            }
            *tries += 1;
            let at = input
                .clone()
                .range(start..)
                .anchored(regex_automata::Anchored::Yes);
            if let Some(m) = regex.search(&at) {
                *resume = m.end();
                out.push(found(index)(m));
            }
        }
        // By pattern, each pattern's matches in order, as the searches one by one found them.
        out.sort_by_key(|m| m.index);
        out
    }

    /// How many matches a plain unanchored, overlapping aho-corasick search of every literal
    /// term, title phrase and cue term finds in `text`, before any word-boundary check: the
    /// yardstick benchmarks compare the engine with (one plain aho-corasick pass).
    pub fn raw_match_count(&self, text: &str) -> usize {
        self.automaton()
            .try_find_overlapping_iter(Input::new(text))
            .expect("contiguous NFAs support unanchored searches")
            .count()
    }

    /// The automaton of every phrase, built on first use.
    fn automaton(&self) -> &NFA {
        self.automaton.get_or_init(|| {
            NFA::builder()
                .match_kind(MatchKind::Standard)
                .build(&self.phrases[..])
                .expect("lexicon automaton builds: phrases are validated non-empty")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(json: &str) -> CompiledLexicon {
        let lexicon = Lexicon::from_sources([("t.json".to_string(), json)]).unwrap();
        CompiledLexicon::new(&lexicon)
    }

    const LEX: &str = r#"{"signals": [
        {"terms": ["data platform", "platform2"], "supports": "specialization:platform", "weight": 1.0, "source": "003: x"},
        {"terms": ["intern"], "supports": "level:associate", "weight": 1.0, "source": "003: x"},
        {"terms": ["machine learning", "machine learning platform"], "supports": "specialization:ai-ml", "weight": 1.0, "source": "003: x"}
    ]}"#;

    fn found(c: &CompiledLexicon, text: &str) -> Vec<String> {
        leftmost_longest(c.scan(text).terms)
            .into_iter()
            .map(|m| text[m.range].to_string())
            .collect()
    }

    #[test]
    fn matches_whole_words_only() {
        let c = compiled(LEX);
        // "interns" is a word form of "intern"; "internal" is another word.
        assert_eq!(
            found(&c, "internal interns intern."),
            vec!["interns", "intern"]
        );
    }

    #[test]
    fn a_rejected_match_does_not_hide_an_overlapping_valid_one() {
        let c = compiled(LEX);
        assert_eq!(found(&c, "our data platform2 team"), vec!["platform2"]);
    }

    #[test]
    fn a_phrase_opening_with_punctuation_may_follow_a_word() {
        let c = compiled(
            r#"{"signals": [{"terms": [".net"], "supports": "specialization:technical", "weight": 1.0, "source": "003: x"}]}"#,
        );
        assert_eq!(found(&c, "asp.net and .net core"), vec![".net", ".net"]);
    }

    #[test]
    fn a_phrase_inside_a_non_ascii_word_does_not_match() {
        let c = compiled(LEX);
        assert_eq!(found(&c, "çintern intern"), vec!["intern"]);
    }

    #[test]
    fn prefers_the_longest_match_at_a_position() {
        let c = compiled(LEX);
        assert_eq!(
            found(&c, "a machine learning platform and machine learning"),
            vec!["machine learning platform", "machine learning"]
        );
    }
}

/// The scan checked against the search it replaced: an unanchored overlapping search of the same
/// automaton, every match then checked for word boundaries. Both must find the same matches.
#[cfg(test)]
mod scan_equivalence {
    use super::*;
    use crate::normalize::on_word_boundaries;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static LEXICON: LazyLock<CompiledLexicon> = LazyLock::new(|| {
        CompiledLexicon::new(&Lexicon::embedded().expect("the embedded lexicon is valid"))
    });

    /// The order `scan` gives cues in: by start, longest first, then by cue.
    fn cue_order(m: &RawMatch) -> (usize, std::cmp::Reverse<usize>, Cue) {
        (
            m.range.start,
            std::cmp::Reverse(m.range.end),
            LEXICON.cues[m.index].0,
        )
    }

    fn scan_by_unanchored_search(c: &CompiledLexicon, text: &str) -> Scan {
        let mut scan = Scan::default();
        let matches = c
            .automaton()
            .try_find_overlapping_iter(Input::new(text))
            .expect("unanchored searches are supported");
        for m in matches.filter(|m| on_word_boundaries(text, &m.range())) {
            c.record(&mut scan, m.pattern().as_usize(), m.range());
        }
        c.finish(scan)
    }

    /// Lexicon words, words they hide in or that hide them, punctuation and non-ASCII letters,
    /// run together at random: phrases at word starts, inside words and across separators.
    const PIECES: &[&str] = &[
        "product",
        "products",
        "manager",
        "management",
        "people",
        "direct reports",
        "he",
        "the",
        "she",
        "ai",
        "ml",
        "data",
        "platform",
        "platforms",
        "growth",
        "senior",
        "sr.",
        "lead",
        "led",
        "roadmap",
        "stakeholders",
        "strategy",
        "team",
        "years",
        "5+",
        "vp",
        "head of",
        "we",
        "you",
        "rockstar",
        "ninja",
        "ux",
        "api",
        "b2b",
        "c++",
        ".net",
        "é",
        "ß",
        "日本",
        " ",
        " ",
        " ",
        "\n",
        "-",
        "/",
        ".",
        ",",
        "(",
        ")",
        ":",
        "_",
        "'",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn finds_what_an_unanchored_search_finds(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..48)
        ) {
            let text = pieces.concat();
            // The oracle knows nothing of patterns; their starts are checked below.
            let scan = Scan { pattern_starts: Vec::new(), ..LEXICON.scan(&text) };
            prop_assert_eq!(scan, scan_by_unanchored_search(&LEXICON, &text));
        }

        /// `finish` sorts each start's cues alone: right only if no two cues tie on the key.
        #[test]
        fn cues_come_in_order_and_none_ties(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..48)
        ) {
            let text = pieces.concat();
            let cues = LEXICON.scan(&text).cues;
            prop_assert!(cues.windows(2).all(|w| cue_order(&w[0]) < cue_order(&w[1])), "{:?}", text);
        }
    }

    #[test]
    fn the_fixtures_cues_come_in_order_and_none_ties() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/postings");
        let mut cues_seen = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures/postings is readable") {
            let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("UTF-8");
            let cues = LEXICON
                .scan(crate::normalize::NormalizedText::new(&text).as_str())
                .cues;
            assert!(cues.windows(2).all(|w| cue_order(&w[0]) < cue_order(&w[1])));
            cues_seen += cues.len();
        }
        assert!(cues_seen > 100, "the fixtures hold cues: {cues_seen}");
    }
}

/// The patterns tried at their starts checked against each pattern searched in the whole text,
/// as `regex` searches it.
#[cfg(test)]
mod pattern_equivalence {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static SOURCE: LazyLock<Lexicon> =
        LazyLock::new(|| Lexicon::embedded().expect("the embedded lexicon is valid"));
    static LEXICON: LazyLock<CompiledLexicon> = LazyLock::new(|| CompiledLexicon::new(&SOURCE));
    static WHOLE: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        SOURCE
            .patterns
            .iter()
            .map(|p| build_regex(&p.value.pattern).expect("patterns are validated"))
            .collect()
    });

    fn by_whole_search(text: &str, scan: &Scan) -> Vec<RawMatch> {
        let mut out = Vec::new();
        for (index, (pattern, regex)) in LEXICON.patterns.iter().zip(WHOLE.iter()).enumerate() {
            let voided = pattern
                .unless
                .is_some_and(|cue| scan.cues.iter().any(|m| LEXICON.cues[m.index].0 == cue));
            if !voided {
                out.extend(regex.find_iter(text).map(|m| RawMatch {
                    range: m.range(),
                    index,
                }));
            }
        }
        out
    }

    fn same_as_whole_search(text: &str) {
        let scan = LEXICON.scan(text);
        assert_eq!(
            LEXICON.find_patterns(text, &scan),
            by_whole_search(text, &scan),
            "{text:?}"
        );
    }

    #[test]
    fn a_pattern_has_leads_only_if_every_match_starts_a_word() {
        let leads = |p| pattern_leads(p).map(|l| l.into_iter().map(String::from_utf8).collect());
        assert_eq!(
            leads(r"\bmanag(?:e|ing) (?:a )?team"),
            Some(Ok(vec![
                "manage a".to_string(),
                "manage t".to_string(),
                "managing a".to_string(),
                "managing t".to_string()
            ]))
        );
        // A lead that is all word bytes may open a longer word ("10" opens with "1").
        assert_eq!(
            leads(r"(?-u:\b)(?:[0-9]+|ten) years"),
            Some(
                (0..10)
                    .map(|d| Ok(d.to_string()))
                    .chain([Ok("ten y".into())])
                    .collect()
            )
        );
        // No word boundary before it, a lead with no word, or too many literals to list.
        assert_eq!(leads("manage a team"), None);
        assert_eq!(leads(r"\b(?:manage|-) team"), None);
        assert_eq!(leads(r"\b[a-z]+ team"), None);
    }

    #[test]
    fn the_embedded_patterns_open_with_leads() {
        assert!(LEXICON.patterns.iter().all(|p| p.word_led));
    }

    #[test]
    fn past_the_tries_the_rest_of_the_text_is_searched() {
        let team = "managing 5 product managers, ";
        same_as_whole_search(&team.repeat(PATTERN_TRIES + 10));
        same_as_whole_search(&format!("{}{team}", "lead ".repeat(2 * PATTERN_TRIES)));
        same_as_whole_search(&format!(
            "{team}{}{team}",
            "lead ".repeat(2 * PATTERN_TRIES)
        ));
    }

    /// Words the patterns open with or go on with, glued or apart.
    const PIECES: &[&str] = &[
        "manage",
        "managing",
        "lead",
        "leads",
        "led",
        "build",
        "built",
        "run",
        "grow",
        "hire",
        "5",
        "10",
        "+",
        "two",
        "twelve",
        "several",
        "a",
        "team of",
        "teams of",
        "group of",
        "product managers",
        "pms",
        "engineers",
        "directors",
        "direct reports",
        "report",
        "reports",
        "reporting",
        "directly",
        "to",
        "into",
        "the",
        "our",
        "board",
        "ceo",
        "cto",
        "founders",
        "supervisory status:",
        "yes",
        "no",
        "pursuing",
        "bachelor's",
        "degree",
        "graduating in",
        "2027",
        "sit on",
        "executive team",
        "present",
        "works closely with",
        "startup",
        "é",
        "_",
        " ",
        " ",
        " ",
        ",",
        "-",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn finds_what_a_whole_text_search_finds(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
        ) {
            let text = pieces.concat();
            let scan = LEXICON.scan(&text);
            prop_assert_eq!(
                LEXICON.find_patterns(&text, &scan),
                by_whole_search(&text, &scan),
                "{:?}", text
            );
        }
    }
}
