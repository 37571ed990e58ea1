//! What the few words before a match say of it: a negation turns it around ("no direct reports",
//! "not expected to manage"); the hiring company's voice makes it the company's, not the role's
//! ("we are hiring a team of engineers").

/// How many words back a negation still applies ("no people management", "not expected to
/// manage").
const NEGATION_WINDOW: usize = 4;

/// The longest word the negation window reads, in bytes; a longer one ends it.
const LONGEST_WORD: usize = 128;

/// The lexicon's negations ("no", "rather than"), each as its words in order.
#[derive(Debug, Clone)]
pub(crate) struct Negations {
    phrases: Vec<Vec<String>>,
    /// By a negation's first byte, the lengths of its first word (bit `len`, or 31 for 31 and
    /// longer): a word of another first byte or length is passed over without a comparison.
    first_words: [u32; 256],
}

impl Negations {
    /// Negations from their words, normalized.
    pub(crate) fn new(phrases: Vec<Vec<String>>) -> Negations {
        let mut first_words = [0; 256];
        for phrase in &phrases {
            if let Some(word) = phrase.first() {
                if let Some(&b) = word.as_bytes().first() {
                    first_words[usize::from(b)] |= length_bit(word);
                }
            }
        }
        Negations {
            phrases,
            first_words,
        }
    }

    /// Where the negation starts that the words just before normalized offset `start` hold, if
    /// they negate what follows. The window counts words back from `start`; a negation's words
    /// must stand in order within it.
    pub(crate) fn negate_at(&self, normalized: &str, start: usize) -> Option<usize> {
        // The words read so far, nearest first: a negation's later words are among them.
        let mut after: [&str; NEGATION_WINDOW] = [""; NEGATION_WINDOW];
        for (i, (begin, bare)) in clause_words_before(normalized, start)
            .take(NEGATION_WINDOW)
            .enumerate()
        {
            let may_negate = bare
                .as_bytes()
                .first()
                .is_some_and(|&b| self.first_words[usize::from(b)] & length_bit(bare) != 0);
            let negates = |n: &Vec<String>| {
                n[0] == bare
                    && n.len() <= i + 1
                    && n[1..]
                        .iter()
                        .zip(after[..i].iter().rev())
                        .all(|(w, a)| w == a)
            };
            if may_negate && self.phrases.iter().any(negates) {
                return Some(begin);
            }
            after[i] = bare;
        }
        None
    }
}

/// How many words back the hiring company's voice still reaches ("we are currently looking to
/// hire" has five).
const VOICE_WINDOW: usize = 5;

/// The words that make the hiring company the subject of what follows them: "we are hiring a
/// team of engineers" says what the company does, not what the role does.
#[derive(Debug, Clone)]
pub(crate) struct CompanyVoice {
    /// The company as the subject ("we", "we're").
    subjects: Vec<String>,
    /// The words that may stand between the subject and what follows ("are", "currently").
    between: Vec<String>,
    /// By first byte, the lengths of the words of both lists (as [`Negations`] keeps them): the
    /// word before nearly every match is passed over without a comparison.
    first_bytes: [u32; 256],
}

impl CompanyVoice {
    /// From its words, normalized.
    pub(crate) fn new(subjects: Vec<String>, between: Vec<String>) -> CompanyVoice {
        let mut first_bytes = [0; 256];
        for word in subjects.iter().chain(&between) {
            if let Some(&b) = word.as_bytes().first() {
                first_bytes[usize::from(b)] |= length_bit(word);
            }
        }
        CompanyVoice {
            subjects,
            between,
            first_bytes,
        }
    }

    /// Where the subject starts, when the words just before normalized offset `start` are the
    /// company speaking of itself: a subject, then only words that may stand between.
    pub(crate) fn speaks_at(&self, normalized: &str, start: usize) -> Option<usize> {
        for (begin, bare) in clause_words_before(normalized, start).take(VOICE_WINDOW) {
            let listed = bare
                .as_bytes()
                .first()
                .is_some_and(|&b| self.first_bytes[usize::from(b)] & length_bit(bare) != 0);
            if !listed {
                return None;
            }
            if self.subjects.iter().any(|s| s == bare) {
                return Some(begin);
            }
            if !self.between.iter().any(|b| b == bare) {
                return None;
            }
        }
        None
    }
}

/// The words before normalized offset `start` in its clause, nearest first, each with the
/// offset where it begins, bare ([`bare_word`]). A word that ends a clause (its last mark is
/// `,` `.` `;` `:` `!` `?` or `)`), a dash or "but" belongs to the clause before, and ends them.
pub(crate) fn clause_words_before(
    normalized: &str,
    start: usize,
) -> impl Iterator<Item = (usize, &str)> {
    let bytes = &normalized.as_bytes()[..start];
    let mut end = bytes.len();
    std::iter::from_fn(move || {
        while end > 0 && bytes[end - 1] == b' ' {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // A word is looked for at most LONGEST_WORD bytes back, so that a match costs the
        // same however long the word before it (a pattern can match inside a word of a
        // megabyte). No negation or subject is that long, nor reaches across one.
        let floor = end.saturating_sub(LONGEST_WORD);
        let begin = match bytes[floor..end].iter().rposition(|&b| b == b' ') {
            Some(space) => floor + space + 1,
            None if floor == 0 => 0,
            None => {
                end = 0;
                return None;
            }
        };
        let word = &normalized[begin..end];
        // The marks are ASCII: the word's last byte is one only if its last character is.
        let ends_clause = matches!(
            word.as_bytes().last(),
            Some(b',' | b'.' | b';' | b':' | b'!' | b'?' | b')')
        );
        if ends_clause || word == "-" || word == "but" {
            end = 0;
            return None;
        }
        end = begin;
        Some((begin, bare_word(word)))
    })
}

fn length_bit(word: &str) -> u32 {
    1 << word.len().min(31)
}

/// `word` without the punctuation around it, apostrophes kept ("(don't," is "don't").
fn bare_word(word: &str) -> &str {
    // Most words start and end with a letter or digit: nothing to trim.
    let bytes = word.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return word;
    }
    // ASCII punctuation is trimmed on the bytes; a non-ASCII character left at either end goes to
    // the character-wise trim, which knows which characters are alphanumeric.
    let punctuation = |b: &u8| b.is_ascii() && !b.is_ascii_alphanumeric() && *b != b'\'';
    let start = bytes
        .iter()
        .position(|b| !punctuation(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !punctuation(b))
        .map_or(start, |last| last + 1);
    let trimmed = &word[start..end];
    match (trimmed.as_bytes().first(), trimmed.as_bytes().last()) {
        (Some(first), Some(last)) if !first.is_ascii() || !last.is_ascii() => {
            trimmed.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        }
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negated(text: &str) -> bool {
        let negations = Negations::new(
            ["no", "not", "without", "rather than"]
                .iter()
                .map(|s| s.split(' ').map(String::from).collect())
                .collect(),
        );
        let at = text.find('|').unwrap();
        let text = text.replace('|', "");
        negations.negate_at(&text, at).is_some()
    }

    #[test]
    fn negation_applies_within_a_few_words_of_the_same_clause() {
        assert!(negated("this role has no |direct reports"));
        assert!(negated("you will not be expected to |manage people"));
        assert!(negated("coach others rather than |manage them"));
        assert!(!negated("no travel, and you |manage people"));
        assert!(!negated("no doubt that over time you will |manage people"));
        assert!(!negated("not remote. |people management"));
    }

    #[test]
    fn a_word_longer_than_any_negation_ends_the_window() {
        let long = "x".repeat(LONGEST_WORD + 1);
        assert!(!negated(&format!("no {long} |reports")));
        assert!(!negated(&format!("{long}|reports")));
        let short = "x".repeat(LONGEST_WORD - 1);
        assert!(negated(&format!("no {short} |reports")));
    }

    fn company_speaks(text: &str) -> bool {
        let words = |list: &str| list.split(' ').map(String::from).collect();
        let voice = CompanyVoice::new(words("we we're we've"), words("are currently looking to"));
        let at = text.find('|').unwrap();
        voice.speaks_at(&text.replace('|', ""), at).is_some()
    }

    #[test]
    fn the_company_speaks_when_we_is_the_subject_of_what_follows() {
        assert!(company_speaks("we are |hiring a team of engineers"));
        assert!(company_speaks(
            "acme grows. we're currently looking to |hire engineers"
        ));
        assert!(company_speaks("(we've |built a team"));
        // Someone else is the subject, or the clause is another one.
        assert!(!company_speaks("we expect you to |hire engineers"));
        assert!(!company_speaks("we need someone to |build a team"));
        assert!(!company_speaks(
            "we are growing, and you will |hire engineers"
        ));
        assert!(!company_speaks("as we grow. |hire engineers"));
        assert!(!company_speaks("we are really currently looking to |hire"));
    }

    #[test]
    fn a_bare_word_keeps_its_letters_and_apostrophes() {
        assert_eq!(bare_word("(don't,"), "don't");
        assert_eq!(bare_word("«non»"), "non");
        assert_eq!(bare_word("é."), "é");
        assert_eq!(bare_word("--"), "");
    }
}
