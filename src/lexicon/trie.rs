//! The lexicon's phrases as a trie of tokens, which the scan walks a word at a time.
//!
//! A token is an ASCII word (a longest run of ASCII word bytes) or any other single byte. A phrase
//! matches on word boundaries only where each of its words is a whole word of the text: the scan
//! reads the text's tokens the same way and follows one edge per token, a hash lookup for a whole
//! word instead of an automaton step for each of its bytes. A phrase that would end inside a word
//! of the text fails the word-boundary check anyway, and the trie never reaches it.

use super::words::WordTable;
use crate::normalize::{ascii_word_end, is_ascii_word_byte};
use std::collections::HashMap;

/// The node every phrase starts from.
pub(crate) const ROOT: u32 = 0;

#[derive(Debug, Clone)]
pub(crate) struct PhraseTrie {
    nodes: Vec<Node>,
    /// Phrase indexes, each node's in ascending order (as an automaton's match state lists them).
    phrases: Vec<u32>,
    /// A node's children but its space's, keyed by the token that leads to each in the node's
    /// scope.
    edges: WordTable<u32>,
    /// The longest word of any phrase: a longer word of the text is read no further than this,
    /// so that a walk costs no more on a word of a megabyte.
    longest_word: usize,
}

/// No node: a space that leads nowhere.
const NONE: u32 = u32::MAX;

/// What a walk needs of a node at every step, in one place.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The phrases the node ends, as a range of `phrases`.
    ends: (u32, u32),
    /// The child after a space, the token most phrases go on with, or [`NONE`].
    space: u32,
    /// Bit `b % 64` for the first byte `b` of each token that leads to another child: most
    /// walks end on the first byte of a word no phrase goes on with, and this turns them away
    /// before the word is read to its end and looked up.
    firsts: u64,
}

/// The end of the token that starts at `at` in `bytes`.
fn token_end(bytes: &[u8], at: usize) -> usize {
    if is_ascii_word_byte(bytes[at]) {
        ascii_word_end(bytes, at + 1)
    } else {
        at + 1
    }
}

impl PhraseTrie {
    /// The trie of `phrases` (not empty), each ending at its node under its index.
    pub(crate) fn new(phrases: &[String]) -> PhraseTrie {
        // A few tokens a phrase, most of them shared: room enough that the map seldom grows.
        let mut children: HashMap<(u32, &[u8]), u32> = HashMap::with_capacity(phrases.len() * 2);
        let mut longest_word = 0;
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        for (index, phrase) in phrases.iter().enumerate() {
            let bytes = phrase.as_bytes();
            let mut node = ROOT;
            let mut at = 0;
            while at < bytes.len() {
                let end = token_end(bytes, at);
                longest_word = longest_word.max(end - at);
                let next = ends.len() as u32;
                node = *children.entry((node, &bytes[at..end])).or_insert(next);
                if node == next {
                    ends.push(Vec::new());
                }
                at = end;
            }
            ends[node as usize].push(index as u32);
        }
        let mut phrases = Vec::new();
        let mut nodes: Vec<Node> = ends
            .into_iter()
            .map(|own| {
                let from = phrases.len() as u32;
                phrases.extend(own);
                Node {
                    ends: (from, phrases.len() as u32),
                    space: NONE,
                    firsts: 0,
                }
            })
            .collect();
        children.retain(|&(node, token), &mut child| {
            let parent = &mut nodes[node as usize];
            if token == b" " {
                parent.space = child;
                return false;
            }
            parent.firsts |= 1 << (token[0] % 64);
            true
        });
        PhraseTrie {
            nodes,
            phrases,
            edges: WordTable::scoped(children.into_iter()),
            longest_word,
        }
    }

    /// The child of `node` along the token that starts at `at` in `text`, and the token's end, if
    /// some phrase goes on that way.
    #[inline(always)]
    pub(crate) fn child(&self, node: u32, text: &[u8], at: usize) -> Option<(u32, usize)> {
        let byte = text[at];
        let parent = &self.nodes[node as usize];
        if byte == b' ' {
            return (parent.space != NONE).then_some((parent.space, at + 1));
        }
        if parent.firsts & (1 << (byte % 64)) == 0 {
            return None;
        }
        self.child_by_token(node, text, at)
    }

    /// [`PhraseTrie::child`] past its checks of the node, which end most walks.
    // Out of the walk's loop: inlined, the table's fields are loaded on every walk.
    #[inline(never)]
    fn child_by_token(&self, node: u32, text: &[u8], at: usize) -> Option<(u32, usize)> {
        let limit = text.len().min(at + self.longest_word + 1);
        let end = token_end(&text[..limit], at);
        if end - at > self.longest_word {
            return None;
        }
        let child = self.edges.get_in(node, text, &(at..end))?;
        Some((child, end))
    }

    /// The phrases that end at `node`, by index, ascending.
    #[inline(always)]
    pub(crate) fn ends(&self, node: u32) -> &[u32] {
        let (from, to) = self.nodes[node as usize].ends;
        &self.phrases[from as usize..to as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(phrases: &[&str]) -> PhraseTrie {
        PhraseTrie::new(&phrases.iter().map(|p| p.to_string()).collect::<Vec<_>>())
    }

    /// The node `text` leads to from the root, token by token.
    fn walk(t: &PhraseTrie, text: &str) -> Option<u32> {
        let bytes = text.as_bytes();
        let mut node = ROOT;
        let mut at = 0;
        while at < bytes.len() {
            (node, at) = t.child(node, bytes, at)?;
        }
        Some(node)
    }

    #[test]
    fn phrases_end_at_their_nodes_a_word_or_a_byte_at_a_time() {
        let t = trie(&["data", "data platform", "c++", "a/b testing", "data"]);
        assert_eq!(walk(&t, "data").map(|n| t.ends(n)), Some(&[0, 4][..]));
        assert_eq!(walk(&t, "data platform").map(|n| t.ends(n)), Some(&[1][..]));
        assert_eq!(walk(&t, "c++").map(|n| t.ends(n)), Some(&[2][..]));
        assert_eq!(walk(&t, "a/b testing").map(|n| t.ends(n)), Some(&[3][..]));
        // On the way to a phrase, a node ends none.
        assert_eq!(walk(&t, "data ").map(|n| t.ends(n)), Some(&[][..]));
        // A word is a whole token: no part of one leads anywhere.
        assert_eq!(walk(&t, "dat"), None);
        assert_eq!(walk(&t, "data platforms"), None);
        assert_eq!(walk(&t, "data platformplatform"), None);
    }
}
