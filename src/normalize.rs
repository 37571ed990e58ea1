//! Normalized text: the form both postings and lexicon terms are matched in, with a map from every
//! normalized byte back to the original text so that evidence can quote and locate what it saw.
//!
//! Normalization lower-cases, straightens Unicode quotes, reads a hyphen or dash between two
//! letters as a space ("cross-functional" = "cross functional"), keeps other dashes as `-` (so
//! "3–5 years" stays a range), drops zero-width characters, reads bullets and Markdown's underscores
//! of emphasis (`__Requirements__`, `_remote_`) as white space and folds every run of white space
//! into one space. An underscore inside a word (`snake_case`) stays.

use std::ops::Range;

/// Words read to tell a text's language: enough for a steady share, and a bound on the cost.
const LANGUAGE_SAMPLE_WORDS: usize = 400;
/// Fewer words than this say too little to tell (a teaser that is mostly names).
const LANGUAGE_MIN_WORDS: usize = 40;
/// Fewer English function words than this share is a first sign of another language. Of the 500
/// dev postings (both files) with 50 words or more, the English ones have 0.16 or more (median
/// 0.31), a French one 0.003 and a Persian one 0.02; a posting of terse English bullets written
/// for the tests has 0.09. Other languages share a few of the words ("a", "in", "an").
const FEW_FUNCTION_WORDS: f64 = 0.08;
/// This share of words with letters outside ASCII is the second sign: French, German or Spanish
/// text has more, and text in another script has little else; English has almost none.
const SOME_FOREIGN_LETTERS: f64 = 0.05;

/// The commonest English function words, which every English posting is full of and postings in
/// other languages have few of.
fn is_english_function_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "by"
            | "can"
            | "for"
            | "from"
            | "have"
            | "in"
            | "is"
            | "it"
            | "of"
            | "on"
            | "or"
            | "our"
            | "that"
            | "the"
            | "this"
            | "to"
            | "us"
            | "we"
            | "who"
            | "will"
            | "with"
            | "you"
            | "your"
    )
}

/// Text in normalized form, with a map back to the original text.
#[derive(Debug, Clone, Default)]
pub struct NormalizedText {
    text: String,
    /// Where the byte-for-byte correspondence with the original changes, in normalized order.
    /// Most text normalizes byte for byte (ASCII case folding), so a sparse map is far smaller
    /// and faster to build than an offset per byte.
    anchors: Vec<Anchor>,
    /// The spaces that stand for white space holding a line break, by offset, ascending.
    line_breaks: Vec<u32>,
    /// Those of them whose next line starts another item: a bullet, a capital, a digit or a
    /// mark, not a word in lower case that wrapping carried over.
    item_breaks: Vec<u32>,
    /// How many letters English does not use (alphabetic characters outside ASCII) the text
    /// holds: counted as they are written, since every one is written on its own.
    foreign_letters: usize,
}

/// From normalized byte `at`, the original offsets: `from + (n - at)` for a `Linear` stretch, or
/// `from` for every byte of a `Constant` one (a character whose normalized form has another
/// length, such as a curly quote or a folded run of white space, maps to where it started).
#[derive(Debug, Clone, Copy)]
struct Anchor {
    at: u32,
    from: u32,
    linear: bool,
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{2022}'
            | '\u{00B7}'
            | '\u{25AA}'
            | '\u{25CF}'
            | '\u{25E6}'
            | '\u{2023}'
            | '\u{2219}'
            | '\u{2043}'
            | '\u{25A0}'
            | '\u{25BA}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn map_quote(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        _ => None,
    }
}

/// ASCII bytes that normalize to themselves (lower-cased): all printable ASCII but the space,
/// which folds with its neighbours, the hyphen, which may join two words, and the backquote.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b'!';
    while b <= b'~' {
        table[b as usize] = b != b'-' && b != b'`' && b != b'_';
        b += 1;
    }
    table
};

/// How far a plain run that goes on at `from` goes on by whole chunks of 16 bytes: each byte
/// [`PLAIN`], or a space before one. A whole chunk is checked at once: a run checked byte by
/// byte was half of normalizing. The caller finds the run's end in the last chunk.
fn plain_run_chunks(bytes: &[u8], mut from: usize) -> usize {
    const CHUNK: usize = 16;
    // [`PLAIN`] as arithmetic on flags, which the compiler checks many bytes at a time.
    let plain = |b: u8| {
        u8::from(b.wrapping_sub(b'!') <= b'~' - b'!')
            & u8::from(b != b'-')
            & u8::from(b != b'`')
            & u8::from(b != b'_')
    };
    // A chunk and the byte after it, which a space at its end needs.
    while let Some(ahead) = bytes.get(from..from + CHUNK + 1) {
        let (this, next) = (&ahead[..CHUNK], &ahead[1..]);
        let stops = this.iter().zip(next).fold(0, |stops, (&b, &n)| {
            stops | (1 ^ (plain(b) | (u8::from(b == b' ') & plain(n))))
        });
        if stops != 0 {
            break;
        }
        from += CHUNK;
    }
    from
}

/// Builds normalized text and its map, one original character or plain run at a time.
struct Builder {
    /// The normalized text, built as a string: checking bytes for UTF-8 afterwards was a pass
    /// over every body.
    out: String,
    anchors: Vec<Anchor>,
    line_breaks: Vec<u32>,
    item_breaks: Vec<u32>,
    /// `from - at` along the current linear stretch (wrapping), `None` after a constant anchor.
    linear_delta: Option<usize>,
    /// Whether to keep the map at all (terms need none).
    map: bool,
    /// The [`NormalizedText`] field of that name.
    foreign_letters: usize,
}

impl Builder {
    /// Appends ASCII byte `b`, which stands for original byte `from`.
    #[inline]
    fn push_byte(&mut self, b: u8, from: usize) {
        debug_assert!(b.is_ascii());
        let at = self.out.len();
        let delta = from.wrapping_sub(at);
        if self.map && self.linear_delta != Some(delta) {
            self.anchors.push(Anchor {
                at: at as u32,
                from: from as u32,
                linear: true,
            });
            self.linear_delta = Some(delta);
        }
        self.out.push(char::from(b));
    }

    /// Appends the plain ASCII `run`, which stands byte for byte for the original at `from`. Its
    /// capitals are left for [`normalize`] to lower-case.
    fn push_run(&mut self, run: &str, from: usize) {
        self.push_byte(run.as_bytes()[0], from);
        self.out.push_str(&run[1..]);
    }

    /// Appends the space that folds the white space at `from`, whose first character is `len`
    /// bytes, unless nothing precedes it; `next` is the original character after it.
    fn push_space(&mut self, space: PendingSpace, next: char) {
        if self.out.is_empty() {
            return;
        }
        if self.map && space.breaks_line {
            self.line_breaks.push(self.out.len() as u32);
            if space.holds_bullet || !next.is_lowercase() {
                self.item_breaks.push(self.out.len() as u32);
            }
        }
        self.push_char(' ', space.from, space.len);
    }

    /// Appends `c`, which stands for the `len` original bytes at `from`.
    fn push_char(&mut self, c: char, from: usize, len: usize) {
        if c.is_ascii() && len == 1 {
            return self.push_byte(c as u8, from);
        }
        let at = self.out.len();
        self.out.push(c);
        self.foreign_letters += usize::from(!c.is_ascii() && c.is_alphabetic());
        let linear = self.out.len() - at == len;
        let delta = from.wrapping_sub(at);
        if self.map && (!linear || self.linear_delta != Some(delta)) {
            self.anchors.push(Anchor {
                at: at as u32,
                from: from as u32,
                linear,
            });
            self.linear_delta = linear.then_some(delta);
        }
    }
}

/// A run of white space not yet written: where it started, how long its first character is, and
/// whether it holds a line break and a bullet.
#[derive(Clone, Copy)]
struct PendingSpace {
    from: usize,
    len: usize,
    breaks_line: bool,
    holds_bullet: bool,
}

/// Normalizes `original` into `b`; returns where trailing white space starts, if any.
fn normalize(original: &str, b: &mut Builder) -> Option<usize> {
    let bytes = original.as_bytes();
    let mut pending_space: Option<PendingSpace> = None;
    let mut prev_alpha = false;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // Runs of plain ASCII, the bulk of any posting, are copied whole and lower-cased.
        if PLAIN[usize::from(byte)] {
            if let Some(space) = pending_space.take() {
                b.push_space(space, char::from(byte));
            }
            let mut end = plain_run_chunks(bytes, at + 1);
            while end < bytes.len() {
                if PLAIN[usize::from(bytes[end])] {
                    end += 1;
                } else if bytes[end] == b' '
                    && bytes.get(end + 1).is_some_and(|&n| PLAIN[usize::from(n)])
                {
                    end += 2;
                } else {
                    break;
                }
            }
            b.push_run(&original[at..end], at);
            prev_alpha = bytes[end - 1].is_ascii_alphabetic();
            at = end;
            continue;
        }
        if matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
            let space = pending_space.get_or_insert(PendingSpace {
                from: at,
                len: 1,
                breaks_line: false,
                holds_bullet: false,
            });
            space.breaks_line |= matches!(byte, b'\n' | b'\r');
            prev_alpha = false;
            at += 1;
            continue;
        }
        let c = original[at..]
            .chars()
            .next()
            .expect("at is a char boundary");
        let len = c.len_utf8();
        let next = at + len;
        if is_invisible(c) {
            at = next;
            continue;
        }
        if byte == b'_' {
            // A run of underscores is emphasis unless it joins two words.
            let end = at + bytes[at..].iter().take_while(|&&b| b == b'_').count();
            let joins_words = original[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && original[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if joins_words {
                (at..end).for_each(|i| b.push_byte(b'_', i));
            } else {
                pending_space.get_or_insert(PendingSpace {
                    from: at,
                    len: 1,
                    breaks_line: false,
                    holds_bullet: false,
                });
            }
            prev_alpha = false;
            at = end;
            continue;
        }
        let dash_between_letters = is_dash(c)
            && prev_alpha
            && original[next..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if c.is_whitespace() || is_bullet(c) || dash_between_letters {
            let space = pending_space.get_or_insert(PendingSpace {
                from: at,
                len,
                breaks_line: false,
                holds_bullet: false,
            });
            space.holds_bullet |= is_bullet(c);
            prev_alpha = false;
            at = next;
            continue;
        }
        if let Some(space) = pending_space.take() {
            b.push_space(space, c);
        }
        if c.is_ascii() {
            b.push_byte(byte.to_ascii_lowercase(), at);
        } else if let Some(q) = map_quote(c) {
            b.push_char(q, at, len);
        } else if is_dash(c) {
            b.push_char('-', at, len);
        } else {
            let mut lower = c.to_lowercase();
            if lower.len() == 1 {
                b.push_char(lower.next().expect("one character"), at, len);
            } else {
                // All the characters of a multi-character lowercase map to where `c` started.
                lower.for_each(|l| b.push_char(l, at, 0));
            }
        }
        prev_alpha = c.is_alphabetic();
        at = next;
    }
    // Plain runs are the only ASCII capitals written (other characters are written lower-cased),
    // and are lower-cased here at once: run by run, short runs kept the compiler's vector loop
    // from paying off, and it was a sixth of normalizing.
    b.out.make_ascii_lowercase();
    pending_space.map(|space| space.from)
}

impl NormalizedText {
    /// Normalizes `original`. Offsets are kept as `u32`, so inputs must be under 4 GiB; callers
    /// enforce a far smaller posting size limit.
    pub fn new(original: &str) -> Self {
        assert!(
            original.len() < u32::MAX as usize,
            "posting too large to normalize"
        );
        // Room up front spares the vectors' regrowth: a posting's lines are 50 bytes or more
        // (nine in ten of the dev set's and of a corpus bench's), and each gives a line break and
        // an anchor or two (a folded "\n- ", a non-ASCII character).
        let mut b = Builder {
            out: String::with_capacity(original.len()),
            anchors: Vec::with_capacity(original.len() / 32),
            line_breaks: Vec::with_capacity(original.len() / 50),
            item_breaks: Vec::with_capacity(original.len() / 50),
            linear_delta: None,
            map: true,
            foreign_letters: 0,
        };
        let trailing = normalize(original, &mut b);
        // The end sentinel: where trailing white space (folded away, never emitted) starts, so
        // that a match ending the text does not take that white space with it.
        b.anchors.push(Anchor {
            at: b.out.len() as u32,
            from: trailing.unwrap_or(original.len()) as u32,
            linear: false,
        });
        NormalizedText {
            text: b.out,
            anchors: b.anchors,
            line_breaks: b.line_breaks,
            item_breaks: b.item_breaks,
            foreign_letters: b.foreign_letters,
        }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text reads as English, the language of the lexicon. Among its first words, few
    /// English function words say "another language" only with a second sign, words written with
    /// letters English does not use (accents, another script): terse English bullets ("Roadmap
    /// ownership for checkout") are short of function words too, but not of both. A text too
    /// short to tell reads as English. Words in `skipped` (normalized ranges in order: the job
    /// titles the body names) are passed over, so that which title a body names cannot change it.
    pub fn reads_as_english(&self, skipped: &[Range<usize>]) -> bool {
        let text = self.text.as_str();
        // A word with letters English does not use holds one of them: with one such letter or
        // none in the whole text, any sample of LANGUAGE_MIN_WORDS or more has too few of those
        // words to be the second sign (see `one_foreign_letter_is_no_sign`). All but three of the
        // 502 dev postings have one or none, and are spared reading their words.
        if self.foreign_letters <= 1 {
            return true;
        }
        let (mut words, mut function_words, mut foreign_letters) = (0usize, 0usize, 0usize);
        let mut skipped = skipped.iter().peekable();
        for (at, word, ascii) in alphabetic_words(text) {
            while skipped.next_if(|r| r.end <= at).is_some() {}
            if skipped.peek().is_some_and(|r| r.start <= at) {
                continue;
            }
            words += 1;
            function_words += usize::from(ascii && is_english_function_word(word));
            foreign_letters += usize::from(!ascii);
            // So many function words make the share of any sample enough: most English text
            // gets here within a hundred words.
            if words == LANGUAGE_SAMPLE_WORDS
                || function_words as f64 >= FEW_FUNCTION_WORDS * LANGUAGE_SAMPLE_WORDS as f64
            {
                break;
            }
        }
        let share = |n: usize| n as f64 / words as f64;
        words < LANGUAGE_MIN_WORDS
            || share(function_words) >= FEW_FUNCTION_WORDS
            || share(foreign_letters) < SOME_FOREIGN_LETTERS
    }

    /// The index of the anchor that normalized byte `n` (or the end, for `n == len`) follows.
    fn anchor_of(&self, n: usize) -> usize {
        // The first anchor is at 0 unless the text is empty, and then only the sentinel exists.
        self.anchors
            .partition_point(|a| a.at as usize <= n)
            .saturating_sub(1)
    }

    /// The original offset of normalized byte `n`, which anchor `i` covers.
    fn original_offset(&self, i: usize, n: usize) -> usize {
        let a = self.anchors[i];
        if a.linear {
            a.from as usize + (n - a.at as usize)
        } else {
            a.from as usize
        }
    }

    /// Whether the original text of the normalized range `range` holds a line break (`\n` or
    /// `\r`): whether a space inside it folds one. Asked of every match, it costs a binary search
    /// where reading the original text cost mapping the range back first.
    pub(crate) fn spans_line_break(&self, range: &Range<usize>) -> bool {
        within(&self.line_breaks, range)
    }

    /// Whether a line break inside the normalized range `range` starts another line item (a
    /// bullet, a capital, a digit or a mark after it): the end of a clause, where a line break
    /// before a word in lower case is text wrapped inside one.
    pub(crate) fn spans_line_item_start(&self, range: &Range<usize>) -> bool {
        within(&self.item_breaks, range)
    }

    /// Where the first line item inside the normalized range `range` starts (see
    /// [`Self::spans_line_item_start`]), if one does.
    pub(crate) fn first_line_item_start(&self, range: &Range<usize>) -> Option<usize> {
        first_within(&self.item_breaks, range)
    }

    /// The original byte range that the normalized range `range` came from.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let first = self.anchor_of(range.start);
        let start = self.original_offset(first, range.start);
        let end = if range.end == range.start {
            start
        } else {
            // The end of the last character: the start of the next original character that
            // produced output, or of the white space folded after it. Its anchor is the start's
            // or one of the few after it: stepping there costs less than a second search.
            let mut last = first;
            while self
                .anchors
                .get(last + 1)
                .is_some_and(|a| a.at as usize <= range.end)
            {
                last += 1;
            }
            self.original_offset(last, range.end)
        };
        start..end.max(start)
    }
}

/// The runs of alphabetic characters of `text` that splitting it at every other character finds,
/// each with its offset and whether it is all ASCII. ASCII is read eight bytes at a time and only
/// other characters are decoded: the language check reads hundreds of words of every body, and
/// split by characters they cost more than the rest of it.
fn alphabetic_words(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let bytes = text.as_bytes();
    // Whether the character at `at`, which is not ASCII, is alphabetic, and its length.
    let letter = move |at: usize| {
        let c = text[at..].chars().next().expect("at is a char boundary");
        (c.is_alphabetic(), c.len_utf8())
    };
    // From `at` to the first byte that ends a run: eight bytes at a time while eight are left,
    // `stops` marking those that end it by their high bits, then one at a time while `keep`
    // keeps them.
    let run_end = move |mut at: usize, stops: fn(u64) -> u64, keep: fn(&u8) -> bool| {
        while let Some(eight) = bytes.get(at..at + 8) {
            let stop = stops(u64::from_le_bytes(eight.try_into().expect("eight bytes")));
            if stop != 0 {
                return at + (stop.trailing_zeros() / 8) as usize;
            }
            at += 8;
        }
        at + bytes[at..].iter().take_while(|b| keep(b)).count()
    };
    // A letter or a byte that is not ASCII ends a run of ASCII that is no letter; anything but
    // an ASCII letter ends a run of them.
    let past_marks = move |at| {
        run_end(
            at,
            |x| (ascii_letter_bytes(x) | x) & HIGH,
            |b| b.is_ascii() && !b.is_ascii_alphabetic(),
        )
    };
    let past_letters = move |at| {
        run_end(
            at,
            |x| !ascii_letter_bytes(x) & HIGH,
            u8::is_ascii_alphabetic,
        )
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            at = past_marks(at);
            let &b = bytes.get(at)?;
            if b.is_ascii() {
                break at;
            }
            let (alphabetic, len) = letter(at);
            if alphabetic {
                break at;
            }
            at += len;
        };
        let mut ascii = true;
        loop {
            at = past_letters(at);
            match bytes.get(at) {
                Some(b) if !b.is_ascii() => match letter(at) {
                    (true, len) => {
                        ascii = false;
                        at += len;
                    }
                    (false, _) => break,
                },
                _ => break,
            }
        }
        Some((start, &text[start..at], ascii))
    })
}

/// Whether one of the ascending `offsets` lies in `range`.
fn within(offsets: &[u32], range: &Range<usize>) -> bool {
    first_within(offsets, range).is_some()
}

/// The first of `offsets` (sorted) inside `range`.
fn first_within(offsets: &[u32], range: &Range<usize>) -> Option<usize> {
    let i = offsets.partition_point(|&at| (at as usize) < range.start);
    (offsets.get(i))
        .map(|&at| at as usize)
        .filter(|&at| at < range.end)
}

/// Normalizes a lexicon term, title phrase or heading the same way postings are.
pub fn normalize_term(term: &str) -> String {
    let mut b = Builder {
        out: String::with_capacity(term.len()),
        anchors: Vec::new(),
        line_breaks: Vec::new(),
        item_breaks: Vec::new(),
        linear_delta: None,
        map: false,
        foreign_letters: 0,
    };
    normalize(term, &mut b);
    b.out
}

/// How many leading bytes of `bytes`, at most `limit`, [`plain_term`] reads as plain: each one
/// [`PLAIN`], or a space before one. A term no longer than that and not ending in a space is one
/// [`plain_term`] takes.
pub(crate) fn plain_prefix_len(bytes: &[u8], limit: usize) -> usize {
    // The byte after the last is read too, for a space there.
    let bytes = &bytes[..bytes.len().min(limit + 1)];
    let limit = limit.min(bytes.len());
    let plain = |b: Option<&u8>| b.is_some_and(|&b| PLAIN[usize::from(b)]);
    let mut end = plain_run_chunks(bytes, 0).min(limit);
    while end < limit
        && (PLAIN[usize::from(bytes[end])] || (bytes[end] == b' ' && plain(bytes.get(end + 1))))
    {
        end += 1;
    }
    end
}

/// [`normalize_term`] of `term` without building a string, for what most headings are: printable
/// ASCII with single spaces between words, which normalizes to itself lower-cased. Written into
/// `buf` when it fits; `None` for any other term.
pub(crate) fn plain_term<'b>(term: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let bytes = term.as_bytes();
    let plain = |b: Option<&u8>| b.is_some_and(|&b| PLAIN[usize::from(b)]);
    if bytes.len() > buf.len() || !plain(bytes.first()) {
        return None;
    }
    // A space is kept as it is only before a plain byte: more white space folds.
    if plain_prefix_len(bytes, bytes.len()) < bytes.len() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// Letters, digits and `_` make words; anything else separates them.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// [`is_word_char`] for an ASCII byte.
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the run of ASCII word bytes in `bytes` from `from` on. The scan asks it of every
/// word of a posting, so it reads eight bytes at a time: byte by byte, the loop cost ten
/// instructions a byte.
#[inline(always)]
pub(crate) fn ascii_word_end(bytes: &[u8], mut from: usize) -> usize {
    while let Some(eight) = bytes.get(from..from + 8) {
        let word = ascii_word_bytes(u64::from_le_bytes(eight.try_into().expect("eight bytes")));
        // The high bit of each byte that ends the word.
        let stops = !word & 0x8080_8080_8080_8080;
        if stops != 0 {
            return from + (stops.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    from + bytes[from..]
        .iter()
        .take_while(|&&b| is_ascii_word_byte(b))
        .count()
}

/// [`is_ascii_word_byte`] of each byte of `x`: in the result, each byte's high bit is set if the
/// byte is a word byte and clear if not, and its other bits are zero.
fn ascii_word_bytes(x: u64) -> u64 {
    // Below 0x80 in every byte, the sums in `bytes_within` carry into no other byte.
    let low = x & !HIGH;
    let digits = bytes_within(low, b'0', b'9');
    let underscores = bytes_within(low, b'_', b'_');
    (ascii_letters(low) | digits | underscores) & !x & HIGH
}

/// [`u8::is_ascii_alphabetic`] of each byte of `x`, as [`ascii_word_bytes`] gives its answers.
fn ascii_letter_bytes(x: u64) -> u64 {
    ascii_letters(x & !HIGH) & !x & HIGH
}

/// [`u8::is_ascii_uppercase`] of each byte of `x`, as [`ascii_word_bytes`] gives its answers.
pub(crate) fn ascii_capital_bytes(x: u64) -> u64 {
    bytes_within(x & !HIGH, b'A', b'Z') & !x & HIGH
}

/// A one in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// Each byte's high bit.
const HIGH: u64 = ONES << 7;

/// The letters among the bytes of `low` (each below 0x80), by their high bits, and garbage in the
/// other bits. Setting 0x20 turns the capitals into small letters and no other byte into one.
fn ascii_letters(low: u64) -> u64 {
    bytes_within(low | (ONES * 0x20), b'a', b'z')
}

/// The bytes of `low` (each below 0x80) from `lo` to `hi`, by their high bits, and garbage in the
/// other bits: a byte's high bit after `+ ONES * (0x80 - lo)` says it is at least `lo`, after
/// `+ ONES * (0x7f - hi)` that it is above `hi`.
fn bytes_within(low: u64, lo: u8, hi: u8) -> u64 {
    (low + ONES * u64::from(0x80 - lo)) & !(low + ONES * u64::from(0x7f - hi))
}

/// Whether `range` of `text` starts and ends on word boundaries: no word runs across either
/// end. A term that itself ends in punctuation ("sr.") has no word boundary to check there.
pub(crate) fn on_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    range.is_empty() || (no_word_across(text, range.start) && no_word_across(text, range.end))
}

/// Whether the characters on either side of byte offset `at` (a char boundary of `text`) are not
/// both word characters.
// The scan asks this of both ends of every phrase it meets, and left to itself LLVM does not
// inline it there: the call costs as much as the check.
#[inline(always)]
pub(crate) fn no_word_across(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if let (Some(&before), Some(&after)) = (bytes.get(at.wrapping_sub(1)), bytes.get(at)) {
        // Nearly every text the scan sees is ASCII around its matches: decide on the bytes.
        if before.is_ascii() && after.is_ascii() {
            return !(is_ascii_word_byte(before) && is_ascii_word_byte(after));
        }
    }
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    !(before.is_some_and(is_word_char) && after.is_some_and(is_word_char))
}

/// 1-based line and column (in characters) of byte offsets in a text, each found in constant
/// time: a posting's evidence, diagnostics and markers are located in time linear in its size,
/// however long its lines (a 4 MB line dense with terms has a match every few bytes).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// For a text that is not all ASCII, the characters before each [`CHAR_BLOCK`] bytes: a
    /// column is then counted from the nearest block start, not from its line's start. Empty
    /// for ASCII, where a column is a difference of offsets.
    chars_before_block: Vec<usize>,
}

/// The bytes between two counts of [`LineIndex::chars_before_block`]: at most this many are
/// counted per position.
const CHAR_BLOCK: usize = 256;

impl LineIndex {
    /// Indexes the line starts (and, for non-ASCII text, character counts) of `text`.
    pub fn new(text: &str) -> Self {
        // Room for a line every 50 bytes spares most postings the vector's regrowth.
        let mut line_starts = Vec::with_capacity(text.len() / 50 + 1);
        line_starts.push(0);
        // memchr's iterator: str::match_indices pays a search set-up per (short) line.
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let chars_before_block = if text.is_ascii() {
            Vec::new()
        } else {
            // One count per block start, the end of the text included.
            let mut before = 0;
            let mut counts: Vec<usize> = text
                .as_bytes()
                .chunks(CHAR_BLOCK)
                .map(|block| {
                    let at_start = before;
                    before += chars_in(block);
                    at_start
                })
                .collect();
            counts.push(before);
            counts
        };
        LineIndex {
            line_starts,
            chars_before_block,
        }
    }

    /// The 1-based line and column of byte `offset` in `text` (the text the index was built on).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        (line + 1, column)
    }

    /// How many characters `text[from..to]` holds (`from` and `to` on character boundaries):
    /// counted where the two are near, from the blocks' counts where they are far apart.
    fn chars_between(&self, text: &str, from: usize, to: usize) -> usize {
        if self.chars_before_block.is_empty() {
            to - from
        } else if to - from <= CHAR_BLOCK {
            chars_in(&text.as_bytes()[from..to])
        } else {
            self.chars_before(text, to) - self.chars_before(text, from)
        }
    }

    /// [`LineIndex::line_col`] of `span`'s start and of its end, with one search of the lines
    /// when the span ends on the line it starts on (as evidence does).
    pub fn span_line_cols(
        &self,
        text: &str,
        span: &Range<usize>,
    ) -> ((usize, usize), (usize, usize)) {
        let start = span.start.min(text.len());
        let end = span.end.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= start) - 1;
        let line_start = self.line_starts[line];
        // The start's column is counted from its line's start and the end's from the start when
        // they are near: each counted from its block's start (`chars_before`) cost up to a
        // block's count, three to a span.
        let before_start = self.chars_between(text, line_start, start);
        let first = (line + 1, before_start + 1);
        let on_the_line = self
            .line_starts
            .get(line + 1)
            .is_none_or(|&next| end < next);
        let last = if on_the_line && end >= start {
            (
                line + 1,
                before_start + self.chars_between(text, start, end) + 1,
            )
        } else {
            self.line_col(text, end)
        };
        (first, last)
    }

    /// How many characters `text` holds before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.chars_before_block.is_empty() {
            return offset;
        }
        let block = offset / CHAR_BLOCK;
        self.chars_before_block[block] + chars_in(&text.as_bytes()[block * CHAR_BLOCK..offset])
    }

    /// The byte range of 1-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_starts[line - 1];
        let mut end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }
}

/// The characters that start in `bytes` (of UTF-8 text, cut anywhere): every byte but a
/// continuation byte starts one.
fn chars_in(bytes: &[u8]) -> usize {
    // Eight bytes at a time: counted byte by byte, the columns of a posting's evidence cost more
    // than its normalizing. A continuation byte is 0b10xx_xxxx: its top bit set, the next clear.
    let words = bytes.chunks_exact(8);
    let rest = words.remainder();
    let continuations: usize = words
        .map(|word| {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            (word & !(word << 1) & 0x8080_8080_8080_8080).count_ones() as usize
        })
        .sum();
    let rest_continuations = rest.iter().filter(|&&b| (b as i8) < -0x40).count();
    bytes.len() - continuations - rest_continuations
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_other_languages() {
        let english = "Senior Product Manager\nResponsibilities\n- Roadmap ownership for checkout and payments\n- Discovery interviews, usability tests, A/B experiments\n- PRDs, user stories, acceptance criteria\n- Stakeholder management across sales, support, finance\n- KPIs: conversion, retention, revenue per user\nRequirements\n- 5+ years product management experience\n- SQL, Amplitude, Looker, Jira, Figma\n- B2B SaaS background\n- Excellent written communication\n- Bachelor degree in computer science, economics or similar";
        let french = "Vos missions\n- Définir la feuille de route du produit avec l'équipe technique\n- Rencontrer les clients chaque semaine pour comprendre leurs besoins\n- Rédiger les spécifications et suivre les indicateurs d'usage\n- Présenter les résultats trimestriels à la direction\nVotre profil\n- Trois ans d'expérience en gestion de produit\n- Maîtrise de SQL, Jira et Figma\n- Excellent sens de la communication, à l'écrit comme à l'oral";
        let cyrillic = "Мы ищем менеджера продукта в команду платежей. ".repeat(8);
        // Terse English bullets, short of function words but written in ASCII.
        assert!(NormalizedText::new(english).reads_as_english(&[]));
        assert!(!NormalizedText::new(french).reads_as_english(&[]));
        assert!(!NormalizedText::new(&cyrillic).reads_as_english(&[]));
        // Too short to tell.
        assert!(
            NormalizedText::new("Définir la feuille de route du produit").reads_as_english(&[])
        );
        // A keyword list: no function words, but no foreign letters either.
        assert!(
            NormalizedText::new(&"SQL Python Jira Figma roadmaps discovery ".repeat(8))
                .reads_as_english(&[])
        );
    }

    /// `reads_as_english` passes over the words of a text with one foreign letter or none: one
    /// foreign word in the smallest sample that is told is under the share that is a sign.
    #[test]
    fn one_foreign_letter_is_no_sign() {
        assert!(1.0 / (LANGUAGE_MIN_WORDS as f64) < SOME_FOREIGN_LETTERS);
        // Few function words, one foreign word: English.
        let one = format!("{}café", "sql python jira figma ".repeat(12));
        assert!(NormalizedText::new(&one).reads_as_english(&[]));
    }

    #[test]
    fn counts_foreign_letters_past_ascii_and_other_characters() {
        let counted = |text: &str| NormalizedText::new(text).foreign_letters;
        assert_eq!(counted("plain ascii text"), 0);
        assert_eq!(counted("caf\u{e9} \u{1f680} \u{a3}5 \u{2026}"), 1);
        assert_eq!(counted("\u{e9}t\u{e9} d\u{e9}j\u{e0}"), 4);
        // As many as the normalized text holds, whatever normalizing made of each character:
        // folded case (the Kelvin sign is an ASCII "k"), quotes, dashes, bullets, white space.
        for text in [
            "\u{c9}T\u{c9} \u{212a} \u{130}stanbul",
            "\u{201c}Na\u{ef}ve\u{201d} \u{2014} \u{2022} r\u{e9}sum\u{e9}\u{a0}ok",
            "\u{4e2d}\u{6587} and \u{3000} Stra\u{df}e",
        ] {
            let in_normalized = norm(text)
                .chars()
                .filter(|c| !c.is_ascii() && c.is_alphabetic())
                .count();
            assert_eq!(counted(text), in_normalized, "{text}");
        }
    }

    fn norm(s: &str) -> String {
        NormalizedText::new(s).as_str().to_string()
    }

    #[test]
    fn folds_case_quotes_hyphens_and_space() {
        assert_eq!(
            norm("  Cross-Functional\u{00A0}\n\tTeams "),
            "cross functional teams"
        );
        assert_eq!(
            norm("You\u{2019}ll own \u{201C}P&L\u{201D}"),
            "you'll own \"p&l\""
        );
        assert_eq!(norm("end\u{2013}to\u{2014}end"), "end to end");
        assert_eq!(norm("\u{2022} Mentor\u{200B} others"), "mentor others");
    }

    #[test]
    fn markdown_underscores_are_white_space_but_a_word_keeps_its_own() {
        assert_eq!(
            norm("__Thought Leadership__\n_remote_"),
            "thought leadership remote"
        );
        assert_eq!(norm("a ___ rule"), "a rule");
        assert_eq!(
            norm("the user_id and snake__case"),
            "the user_id and snake__case"
        );
        assert_eq!(norm("_a_b_"), "a_b");
    }

    #[test]
    fn a_plain_run_ends_at_the_same_byte_wherever_it_stands_in_a_chunk() {
        let stops = [
            ("  ", " "),
            ("\n", " "),
            (" - ", " - "),
            ("-", " "),
            ("\u{c9}", "\u{e9}"),
        ];
        for (stop, normalized) in stops {
            for at in 1..40 {
                let original = format!("{}{stop}{}", "A".repeat(at), "B".repeat(40));
                let n = NormalizedText::new(&original);
                let tail = at + normalized.len();
                assert_eq!(
                    n.as_str(),
                    format!("{}{normalized}{}", "a".repeat(at), "b".repeat(40))
                );
                assert_eq!(&original[n.original_range(tail..tail + 40)], "B".repeat(40));
            }
        }
    }

    #[test]
    fn keeps_dashes_that_are_not_between_letters() {
        assert_eq!(norm("3\u{2013}5 years"), "3-5 years");
        assert_eq!(norm("5+ years - required"), "5+ years - required");
        assert_eq!(norm("A/B tests"), "a/b tests");
    }

    #[test]
    fn maps_normalized_ranges_back_to_the_original() {
        let original = "We  want\u{2014}Cross\u{2011}Functional LEADERS.";
        let n = NormalizedText::new(original);
        let at = n.as_str().find("cross functional").unwrap();
        let range = n.original_range(at..at + "cross functional".len());
        assert_eq!(&original[range], "Cross\u{2011}Functional");
        let at = n.as_str().find("leaders").unwrap();
        assert_eq!(&original[n.original_range(at..at + 7)], "LEADERS");
    }

    #[test]
    fn a_range_ending_the_text_excludes_trailing_white_space() {
        let original = "work with several teams\r\n";
        let n = NormalizedText::new(original);
        let end = n.as_str().len();
        assert_eq!(&original[n.original_range(end - 5..end)], "teams");
    }

    #[test]
    fn maps_ranges_through_multibyte_lowercasing() {
        let original = "\u{00C9}QUIPE \u{0130}stanbul";
        let n = NormalizedText::new(original);
        let at = n.as_str().find("équipe").unwrap();
        assert_eq!(
            &original[n.original_range(at..at + "équipe".len())],
            "\u{00C9}QUIPE"
        );
    }

    #[test]
    fn every_normalized_word_maps_back_to_text_that_normalizes_to_it() {
        let original =
            "  \u{2022} Own the P&L \u{2014} “Cross\u{2011}Functional”\u{00A0}\u{00A0}teams,\r\n\
            \u{0130}STANBUL\u{200B} office; 3\u{2013}5 years ÉQUIPE  data-driven\t\tleaders!  ";
        let n = NormalizedText::new(original);
        let text = n.as_str();
        let mut start = 0;
        for word in text.split(' ') {
            let range = start..start + word.len();
            let back = &original[n.original_range(range.clone())];
            assert_eq!(
                normalize_term(back),
                word,
                "{range:?} maps back to {back:?}"
            );
            start = range.end + 1;
        }
    }

    #[test]
    fn word_boundaries() {
        let text = "internal interns sr. pm";
        assert!(!on_word_boundaries(text, &(0..6)));
        assert!(!on_word_boundaries(text, &(9..15)));
        assert!(on_word_boundaries(text, &(9..16)));
        assert!(on_word_boundaries(text, &(17..20)));
    }

    #[test]
    fn every_byte_is_a_word_byte_eight_at_a_time_as_one_at_a_time() {
        for b in 0..=255u8 {
            let word = ascii_word_bytes(u64::from_le_bytes([b; 8])) == 0x8080_8080_8080_8080;
            assert_eq!(word, is_ascii_word_byte(b), "byte {b:#x}");
        }
    }

    proptest::proptest! {
        /// A span's lines and columns are its ends' lines and columns.
        #[test]
        fn a_spans_places_are_its_ends_places(
            text in "[ab \n\r\u{e9}\u{4e2d}]{0,300}",
            first in 0usize..301,
            len in 0usize..301,
        ) {
            let index = LineIndex::new(&text);
            let offsets: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let first = first % offsets.len();
            let span = offsets[first]..offsets[(first + len % 8).min(offsets.len() - 1)];
            proptest::prop_assert_eq!(
                index.span_line_cols(&text, &span),
                (index.line_col(&text, span.start), index.line_col(&text, span.end))
            );
        }

        /// A plain term is normalized as `normalize_term` normalizes it.
        #[test]
        fn plain_terms_normalize_as_terms_do(term in "[aB1 \t.:'`\u{e9}-]{0,12}") {
            let mut buf = [0; 8];
            if let Some(plain) = plain_term(&term, &mut buf) {
                proptest::prop_assert_eq!(plain, normalize_term(&term));
            }
        }

        /// A normalized range spans a line break exactly where its original text holds one.
        #[test]
        fn line_breaks_are_where_the_original_text_has_them(
            text in "[aB1 \t\r\n\u{2022}\u{a0}\u{2013}\u{200b}\u{e9}\u{2019}-]{0,16}",
            first in 0usize..17,
            len in 0usize..17,
        ) {
            let normalized = NormalizedText::new(&text);
            let offsets: Vec<usize> = normalized
                .as_str()
                .char_indices()
                .map(|(i, _)| i)
                .chain([normalized.as_str().len()])
                .collect();
            let first = first % offsets.len();
            let range = offsets[first]..offsets[(first + len).min(offsets.len() - 1)];
            let expected = text[normalized.original_range(range.clone())].contains(['\n', '\r']);
            proptest::prop_assert_eq!(normalized.spans_line_break(&range), expected);
        }

        /// Read eight bytes at a time, the alphabetic words are those splitting by characters
        /// finds.
        #[test]
        fn alphabetic_words_agree_with_a_split_by_characters(
            text in "([a-zA-Z]{0,12}[0-9 .'\u{e9}\u{df}\u{430}\u{4e2d}\u{1f600}\u{2019}\u{300}-]{0,10}){0,5}",
        ) {
            let expected: Vec<(usize, &str, bool)> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w, w.is_ascii()))
                .collect();
            proptest::prop_assert_eq!(alphabetic_words(&text).collect::<Vec<_>>(), expected);
        }

        /// Eight bytes at a time, a word ends where it ends byte by byte.
        #[test]
        fn word_ends_agree_with_a_byte_by_byte_search(
            text in "[a-zA-Z0-9_@`{/:\\[ \u{e9}\u{80}-]{0,40}",
            from in 0usize..40,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = from + bytes[from..].iter().take_while(|&&b| is_ascii_word_byte(b)).count();
            proptest::prop_assert_eq!(ascii_word_end(bytes, from), expected);
        }

        /// The byte-level decision agrees with one made on the characters around each end.
        #[test]
        fn word_boundaries_agree_with_the_characters_around_them(
            text in "[a_1 .+é\u{00A0}\u{4E2D}\u{0301}-]{0,12}",
            first in 0usize..13,
            len in 0usize..13,
        ) {
            let offsets: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let first = first % offsets.len();
            let start = offsets[first];
            let end = offsets[(first + len).min(offsets.len() - 1)];
            let term = &text[start..end];
            let word_before = text[..start].chars().next_back().is_some_and(is_word_char);
            let word_after = text[end..].chars().next().is_some_and(is_word_char);
            let expected = (!word_before || !term.chars().next().is_some_and(is_word_char))
                && (!word_after || !term.chars().next_back().is_some_and(is_word_char));
            proptest::prop_assert_eq!(on_word_boundaries(&text, &(start..end)), expected);
        }
    }

    proptest::proptest! {
        /// Sixteen bytes at a time, a plain prefix ends where it ends byte by byte.
        #[test]
        fn plain_prefixes_agree_with_a_byte_by_byte_search(
            text in "[a-zA-Z0-9 .:'&_-]{0,80}",
            limit in 0usize..90,
        ) {
            let bytes = text.as_bytes();
            let plain = |b: Option<&u8>| b.is_some_and(|&b| PLAIN[usize::from(b)]);
            let expected = (0..limit.min(bytes.len()))
                .take_while(|&i| {
                    PLAIN[usize::from(bytes[i])] || (bytes[i] == b' ' && plain(bytes.get(i + 1)))
                })
                .count();
            proptest::prop_assert_eq!(plain_prefix_len(bytes, limit), expected);
        }

        /// Counted a word at a time, the characters of a text cut anywhere are those that start
        /// in it.
        #[test]
        fn chars_in_counts_the_characters_that_start(
            text in "[a\u{e9}\u{2019}\u{1f381} ]{0,40}",
            cut in 0usize..200,
        ) {
            let bytes = &text.as_bytes()[..cut.min(text.len())];
            let starts = text.char_indices().filter(|&(at, _)| at < bytes.len()).count();
            proptest::prop_assert_eq!(chars_in(bytes), starts);
        }
    }

    #[test]
    fn line_index_counts_lines_and_characters() {
        let text = "Title\r\nsecond \u{00E9}line\nthird";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let at = text.find("line").unwrap();
        assert_eq!(idx.line_col(text, at), (2, 9));
        assert_eq!(&text[idx.line_range(text, 1)], "Title");
        assert_eq!(&text[idx.line_range(text, 3)], "third");
    }

    #[test]
    fn line_index_counts_characters_across_blocks() {
        // A long line of two-byte characters: columns span many blocks of the character count.
        // Ending on a block boundary: the end of the text is located too.
        let text = format!("a\n{}x\n", "\u{00E9}".repeat(3 * CHAR_BLOCK - 2));
        assert_eq!(text.len() % CHAR_BLOCK, 0);
        let idx = LineIndex::new(&text);
        for (at, c) in text.char_indices() {
            let line = text[..at].matches('\n').count() + 1;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..at].chars().count() + 1;
            assert_eq!(idx.line_col(&text, at), (line, column), "{c:?} at {at}");
        }
        assert_eq!(idx.line_col(&text, text.len()), (3, 1));
    }
}
