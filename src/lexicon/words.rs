//! A table from ASCII words to values, for the scan to look up every word of a posting in.
//!
//! A general hash map costs more per lookup than the few automaton steps it saves on a short
//! word: it hashes the whole key, and compares keys through a pointer and `memcmp`. Here a
//! word's first eight bytes are one `u64`, read from the text in one load and stored in the
//! slot itself, so a short word is hashed with one multiplication and compared with one
//! instruction; only the rest of a longer word is compared as bytes.
//!
//! A word may be keyed in a scope, a number that tells apart the same word in different places:
//! the phrase trie keys a word by the node it leaves (see [`super::trie`]).

use std::ops::Range;

/// A word's key: its first eight bytes as a little-endian `u64`, zero-padded, its length and its
/// scope. Word bytes are never zero, so prefix and length tell every word apart up to its eighth
/// byte.
#[derive(Debug, Clone, Copy)]
struct Key {
    prefix: u64,
    len: u32,
    scope: u32,
}

impl Key {
    fn of(scope: u32, word: &[u8]) -> Key {
        let mut prefix = [0; 8];
        let head = &word[..word.len().min(8)];
        prefix[..head.len()].copy_from_slice(head);
        Key {
            prefix: u64::from_le_bytes(prefix),
            len: word.len() as u32,
            scope,
        }
    }

    /// The key of `text[word]`, read with one load when eight bytes of `text` follow its start.
    fn at(scope: u32, text: &[u8], word: &Range<usize>) -> Key {
        let len = word.len();
        match text.get(word.start..word.start + 8) {
            Some(eight) => {
                let all = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                let keep = u64::MAX >> (8 * (8 - len.min(8)));
                Key {
                    prefix: all & keep,
                    len: len as u32,
                    scope,
                }
            }
            None => Key::of(scope, &text[word.clone()]),
        }
    }
}

/// A word's key; sixteen bytes, so that four slots share a cache line.
#[derive(Debug, Clone, Copy)]
struct Slot {
    prefix: u64,
    /// 0 marks an empty slot.
    len: u32,
    scope: u32,
}

impl Slot {
    fn holds(&self, key: Key) -> bool {
        self.prefix == key.prefix && self.len == key.len && self.scope == key.scope
    }
}

/// An open-addressing table from non-empty ASCII words (each in a scope) to values, built once and
/// then only read.
#[derive(Debug, Clone)]
pub(crate) struct WordTable<V> {
    slots: Vec<Slot>,
    /// Each slot's value, and where its word's bytes after the eighth start in `tails`: read only
    /// once a slot holds the key.
    values: Vec<Option<(u32, V)>>,
    /// The bytes after the eighth of every word longer than eight, one after another.
    tails: Vec<u8>,
    /// `64 - log2(slots.len())`: a hash's top bits pick the slot.
    shift: u32,
}

impl<V: Copy> WordTable<V> {
    /// A table of `entries`, all in scope 0; a word given twice keeps its first value.
    pub(crate) fn new<'a>(entries: impl ExactSizeIterator<Item = (&'a [u8], V)>) -> WordTable<V> {
        WordTable::scoped(entries.map(|(word, value)| ((0, word), value)))
    }

    /// A table of `entries`, each word in its scope; a word given twice in one scope keeps its
    /// first value.
    pub(crate) fn scoped<'a>(
        entries: impl ExactSizeIterator<Item = ((u32, &'a [u8]), V)>,
    ) -> WordTable<V> {
        // At most a quarter full, so that a missing word (most lookups) meets an empty slot soon:
        // half full, the scan's look-ups probed two slots each on average.
        let capacity = (entries.len() * 4).next_power_of_two().max(16);
        let empty = Slot {
            prefix: 0,
            len: 0,
            scope: 0,
        };
        let mut table = WordTable {
            slots: vec![empty; capacity],
            values: vec![None; capacity],
            tails: Vec::new(),
            shift: 64 - capacity.trailing_zeros(),
        };
        for ((scope, word), value) in entries {
            assert!(!word.is_empty(), "words in a word table are not empty");
            if table.get_in(scope, word, &(0..word.len())).is_some() {
                continue;
            }
            let key = Key::of(scope, word);
            let mut at = table.home(key);
            while table.slots[at].len != 0 {
                at = (at + 1) & (capacity - 1);
            }
            table.slots[at] = Slot {
                prefix: key.prefix,
                len: key.len,
                scope,
            };
            table.values[at] = Some((table.tails.len() as u32, value));
            table
                .tails
                .extend_from_slice(word.get(8..).unwrap_or_default());
        }
        table
    }

    /// The value of the word `text[word]` (`word` not empty) in scope 0, if the table has it.
    #[inline(always)]
    pub(crate) fn get(&self, text: &[u8], word: &Range<usize>) -> Option<V> {
        self.get_in(0, text, word)
    }

    /// The value of the word `text[word]` (`word` not empty) in `scope`, if the table has it.
    // The scan calls this once a word, and left to itself LLVM does not inline it there: the
    // call's register saves cost a third of the lookup.
    #[inline(always)]
    pub(crate) fn get_in(&self, scope: u32, text: &[u8], word: &Range<usize>) -> Option<V> {
        let key = Key::at(scope, text, word);
        let mut at = self.home(key);
        loop {
            let slot = &self.slots[at];
            if slot.holds(key) {
                let (tail, value) = self.values[at].expect("a full slot has a value");
                let tail = tail as usize..tail as usize + word.len().saturating_sub(8);
                if word.len() <= 8 || self.tails[tail] == text[word.start + 8..word.end] {
                    return Some(value);
                }
            } else if slot.len == 0 {
                return None;
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }

    /// The slot a key's probe starts at (Fibonacci hashing of prefix, length and scope).
    fn home(&self, key: Key) -> usize {
        let rest = u64::from(key.len) | (u64::from(key.scope) << 32);
        let hash = (key.prefix ^ rest.rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> self.shift) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn table(words: &[&str]) -> WordTable<usize> {
        WordTable::new(words.iter().enumerate().map(|(i, w)| (w.as_bytes(), i)))
    }

    fn get(table: &WordTable<usize>, text: &str, word: Range<usize>) -> Option<usize> {
        table.get(text.as_bytes(), &word)
    }

    #[test]
    fn finds_words_in_text_and_not_their_prefixes_or_extensions() {
        let t = table(&[
            "a",
            "data",
            "platform",
            "platforms",
            "stakeholder",
            "stakeholders",
        ]);
        let text = "a data platforms stakeholder dat datas";
        assert_eq!(get(&t, text, 0..1), Some(0));
        assert_eq!(get(&t, text, 2..6), Some(1));
        // Eight bytes, then nine: the same prefix, told apart by length.
        assert_eq!(get(&t, text, 7..15), Some(2));
        assert_eq!(get(&t, text, 7..16), Some(3));
        assert_eq!(get(&t, text, 17..28), Some(4));
        assert_eq!(get(&t, text, 29..32), None);
        assert_eq!(get(&t, text, 33..38), None);
    }

    #[test]
    fn long_words_differing_only_after_the_eighth_byte_are_told_apart() {
        let t = table(&["engineering", "engineerxyz"]);
        assert_eq!(get(&t, "engineering", 0..11), Some(0));
        assert_eq!(get(&t, "engineerxyz", 0..11), Some(1));
        assert_eq!(get(&t, "engineerabc", 0..11), None);
    }

    #[test]
    fn a_word_given_twice_keeps_its_first_value() {
        let t = table(&["lead", "lead"]);
        assert_eq!(get(&t, "lead", 0..4), Some(0));
    }

    #[test]
    fn a_word_in_two_scopes_has_a_value_in_each() {
        let t = WordTable::scoped([((0, &b"lead"[..]), 1), ((7, &b"lead"[..]), 2)].into_iter());
        assert_eq!(t.get_in(0, b"lead", &(0..4)), Some(1));
        assert_eq!(t.get_in(7, b"lead", &(0..4)), Some(2));
        assert_eq!(t.get_in(3, b"lead", &(0..4)), None);
    }

    proptest! {
        /// Every word of a text, read where it stands (near the text's end or not), gets what a
        /// plain hash map of the same words gives it.
        #[test]
        fn agrees_with_a_hash_map(
            words in proptest::collection::vec("[a-c]{1,10}", 1..40),
            text in proptest::collection::vec("[a-c]{1,10}", 1..40),
        ) {
            let t = WordTable::new(words.iter().enumerate().map(|(i, w)| (w.as_bytes(), i)));
            let mut map = HashMap::new();
            for (i, w) in words.iter().enumerate() {
                map.entry(w.as_str()).or_insert(i);
            }
            let joined = text.join(" ");
            let mut start = 0;
            for word in &text {
                let range = start..start + word.len();
                prop_assert_eq!(t.get(joined.as_bytes(), &range), map.get(word.as_str()).copied());
                start = range.end + 1;
            }
        }
    }
}
