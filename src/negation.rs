//! Negation: whether the few words before a match turn it around ("no direct reports", "not
//! expected to manage").

/// How many words back a negation still applies ("no people management", "not expected to
/// manage").
const NEGATION_WINDOW: usize = 4;

/// The lexicon's negations ("no", "rather than"), each as its words in order.
#[derive(Debug, Clone)]
pub(crate) struct Negations {
    phrases: Vec<Vec<String>>,
    /// Whether some negation starts with this byte: most words start otherwise and are passed
    /// over without a comparison.
    first_bytes: [bool; 256],
}

impl Negations {
    /// Negations from their words, normalized.
    pub(crate) fn new(phrases: Vec<Vec<String>>) -> Negations {
        let mut first_bytes = [false; 256];
        for phrase in &phrases {
            if let Some(&b) = phrase.first().and_then(|word| word.as_bytes().first()) {
                first_bytes[usize::from(b)] = true;
            }
        }
        Negations {
            phrases,
            first_bytes,
        }
    }

    /// Whether the words just before normalized offset `start` negate what follows. The window
    /// counts words back from `start`; a negation's words must stand in order within it.
    pub(crate) fn negate_at(&self, normalized: &str, start: usize) -> bool {
        let bytes = &normalized.as_bytes()[..start];
        let mut end = bytes.len();
        // The words read so far, nearest first: a negation's later words are among them.
        let mut after: [&str; NEGATION_WINDOW] = [""; NEGATION_WINDOW];
        for i in 0..NEGATION_WINDOW {
            while end > 0 && bytes[end - 1] == b' ' {
                end -= 1;
            }
            if end == 0 {
                return false;
            }
            let begin = bytes[..end]
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(0, |space| space + 1);
            let word = &normalized[begin..end];
            end = begin;
            // A word that ends a clause belongs to the one before: the negation does not reach.
            if word.ends_with([',', '.', ';', ':', '!', '?', ')']) || word == "-" || word == "but" {
                return false;
            }
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            let may_negate = bare
                .as_bytes()
                .first()
                .is_some_and(|&b| self.first_bytes[usize::from(b)]);
            let negates = |n: &Vec<String>| {
                n[0] == bare
                    && n.len() <= i + 1
                    && n[1..]
                        .iter()
                        .zip(after[..i].iter().rev())
                        .all(|(w, a)| w == a)
            };
            if may_negate && self.phrases.iter().any(negates) {
                return true;
            }
            after[i] = bare;
        }
        false
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
        negations.negate_at(&text, at)
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
}
