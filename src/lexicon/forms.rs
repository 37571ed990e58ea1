//! Word forms: the inflections of a lexicon phrase, generated from the lemma written once.
//!
//! A posting says "mentors", "hired", "managing" and "direct reports" where the lexicon says
//! "mentor", "hire", "manage" and "direct report". Rather than listing every variant by hand (and
//! missing most), the compiled lexicon adds the forms of each phrase to the term trie, so the scan
//! stays one pass. Generation is deliberately generous: a form that is no English word ("datas")
//! never matches and costs only a few trie nodes, while a missing form loses evidence.
//!
//! Forms are made for the head words of a phrase, where English inflects, one at a time: the
//! first word (a verb in "manage budgets", every form) or the last (a noun in "direct reports",
//! its number). Function words ("the", "of") and words with digits or punctuation are left as
//! written.

use std::ops::Range;

/// Irregular verbs the seeds' and postings' leadership language uses: lemma and its other forms.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("begin", &["began", "begun", "begins", "beginning"]),
    ("bring", &["brought", "brings", "bringing"]),
    ("build", &["built", "builds", "building"]),
    ("buy", &["bought", "buys", "buying"]),
    ("choose", &["chose", "chosen", "chooses", "choosing"]),
    ("do", &["did", "done", "does", "doing"]),
    ("drive", &["drove", "driven", "drives", "driving"]),
    ("find", &["found", "finds", "finding"]),
    ("give", &["gave", "given", "gives", "giving"]),
    ("go", &["went", "gone", "goes", "going"]),
    ("grow", &["grew", "grown", "grows", "growing"]),
    ("hold", &["held", "holds", "holding"]),
    ("keep", &["kept", "keeps", "keeping"]),
    ("know", &["knew", "known", "knows", "knowing"]),
    ("lead", &["led", "leads", "leading"]),
    ("make", &["made", "makes", "making"]),
    ("meet", &["met", "meets", "meeting"]),
    (
        "oversee",
        &["oversaw", "overseen", "oversees", "overseeing"],
    ),
    ("run", &["ran", "runs", "running"]),
    ("see", &["saw", "seen", "sees", "seeing"]),
    ("sell", &["sold", "sells", "selling"]),
    ("set", &["sets", "setting"]),
    ("shape", &["shaped", "shapes", "shaping"]),
    ("speak", &["spoke", "spoken", "speaks", "speaking"]),
    ("spend", &["spent", "spends", "spending"]),
    ("take", &["took", "taken", "takes", "taking"]),
    ("teach", &["taught", "teaches", "teaching"]),
    ("think", &["thought", "thinks", "thinking"]),
    (
        "understand",
        &["understood", "understands", "understanding"],
    ),
    ("win", &["won", "wins", "winning"]),
    ("write", &["wrote", "written", "writes", "writing"]),
];

/// Nouns the lexicon's phrases open with that are no verb: their plural is their one form. A
/// verb form of one is an adjective of another meaning ("talented development team" is no
/// "talent development").
const NOUNS: &[&str] = &["talent"];

/// Words after which a noun is plural ("multiple products", "several teams").
const QUANTIFIERS: &[&str] = &[
    "both",
    "different",
    "few",
    "many",
    "multiple",
    "numerous",
    "several",
    "various",
];

/// Words that are never inflected where they stand at the head of a phrase.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "across", "all", "an", "and", "as", "at", "by", "for", "from", "in", "into",
    "its", "of", "on", "or", "our", "per", "the", "their", "to", "up", "with", "your",
];

/// Words whose American and British spellings differ other than in a regular ending.
const SPELLINGS: &[(&str, &str)] = &[
    ("behavior", "behaviour"),
    ("behavioral", "behavioural"),
    ("catalog", "catalogue"),
    ("center", "centre"),
    ("color", "colour"),
    ("defense", "defence"),
    ("dialog", "dialogue"),
    ("enrollment", "enrolment"),
    ("favor", "favour"),
    ("favorite", "favourite"),
    ("fulfillment", "fulfilment"),
    ("honor", "honour"),
    ("judgment", "judgement"),
    ("labor", "labour"),
    ("license", "licence"),
    ("program", "programme"),
];

/// Endings that American and British spellings write apart, American first, longest first
/// within a family: "prioritization" and "prioritisation", "analyze" and "analyse", "modeling"
/// and "modelling".
const SPELLING_ENDINGS: &[(&str, &str)] = &[
    ("izational", "isational"),
    ("izations", "isations"),
    ("ization", "isation"),
    ("izing", "ising"),
    ("izers", "isers"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izer", "iser"),
    ("ize", "ise"),
    ("yzing", "ysing"),
    ("yzes", "yses"),
    ("yzed", "ysed"),
    ("yze", "yse"),
    ("elers", "ellers"),
    ("eling", "elling"),
    ("eled", "elled"),
    ("eler", "eller"),
];

/// Shorter words keep their one spelling: "size" and "prize" are no "-ize" verbs.
const MIN_SPELLING_WORD: usize = 6;

/// How a lower-case word is written in the other spelling, British for American and American
/// for British, if the two differ: the bytes to replace and what replaces them. Generous as the
/// word forms are: "otherwize" is no word and never matches.
fn other_spelling_of_word(word: &str) -> Option<(Range<usize>, &'static str)> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let stem = word.strip_suffix('s').unwrap_or(word);
    for &(american, british) in SPELLINGS {
        for (from, to) in [(american, british), (british, american)] {
            if [word, stem]
                .iter()
                .any(|w| w.len() == from.len() && ends_with(w.as_bytes(), from.as_bytes()))
            {
                return Some((0..from.len(), to));
            }
        }
    }
    if word.len() < MIN_SPELLING_WORD {
        return None;
    }
    SPELLING_ENDINGS.iter().find_map(|&(american, british)| {
        [(american, british), (british, american)]
            .into_iter()
            .find(|(from, _)| ends_with(word.as_bytes(), from.as_bytes()))
            .map(|(from, to)| (word.len() - from.len()..word.len(), to))
    })
}

/// Whether `word` ends with `end`, compared from the last byte, where most words already differ:
/// the library's `ends_with` calls memcmp, which made trying every ending cost more than the
/// rest of the lexicon's word forms.
fn ends_with(word: &[u8], end: &[u8]) -> bool {
    word.len() >= end.len() && word.iter().rev().zip(end.iter().rev()).all(|(a, b)| a == b)
}

/// A normalized phrase in the other spelling, every word that has one changed (a posting keeps
/// to one spelling throughout): `None` when no word has one. Parts of a hyphenated word count as
/// words ("cross-organization").
pub fn other_spelling(phrase: &str) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    let bytes = phrase.as_bytes();
    while at <= bytes.len() {
        let end = (at..bytes.len())
            .find(|&i| matches!(bytes[i], b' ' | b'-'))
            .unwrap_or(bytes.len());
        if let Some((range, to)) = other_spelling_of_word(&phrase[at..end]) {
            out.push_str(&phrase[copied..at + range.start]);
            out.push_str(to);
            copied = at + range.end;
        }
        at = end + 1;
    }
    (copied > 0).then(|| {
        out.push_str(&phrase[copied..]);
        out
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A one-syllable word ending consonant-vowel-consonant ("plan", "ship"), whose last letter
/// doubles before -ing and -ed.
fn doubles_last(word: &[u8]) -> bool {
    let n = word.len();
    let vowel_groups = word
        .iter()
        .enumerate()
        .filter(|&(i, &b)| is_vowel(b) && (i == 0 || !is_vowel(word[i - 1])))
        .count();
    n >= 3
        && vowel_groups == 1
        && !is_vowel(word[n - 1])
        && !matches!(word[n - 1], b'w' | b'x' | b'y')
        && is_vowel(word[n - 2])
        && !is_vowel(word[n - 3])
}

/// The other forms of one lower-case word: its plural or third person, its -ing and -ed forms
/// (both are made for any word, since a lexicon word may be a noun or a verb), or its irregular
/// forms. A word that already looks inflected (-ing, -ed, a plural) gets its singular only.
pub fn word_forms(word: &str) -> Vec<String> {
    let bytes = word.as_bytes();
    if word.len() < 2 || !bytes.iter().all(u8::is_ascii_lowercase) || FUNCTION_WORDS.contains(&word)
    {
        return Vec::new();
    }
    if let Some((_, forms)) = IRREGULAR.iter().find(|(lemma, _)| *lemma == word) {
        return forms.iter().map(|f| f.to_string()).collect();
    }
    if NOUNS.contains(&word) {
        return vec![format!("{word}s")];
    }
    if word.ends_with("ing") || word.ends_with("ed") {
        return Vec::new();
    }
    if let Some(singular) = word.strip_suffix('s') {
        // A plural's singular ("reports" -> "report"), but not "analytics"-like or "-ss" words.
        return match word.strip_suffix("ies") {
            Some(stem) => vec![format!("{stem}y")],
            None if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") => {
                vec![format!("{word}es")]
            }
            None if word.ends_with("ics") => Vec::new(),
            None => vec![singular.to_string()],
        };
    }
    let last = bytes[bytes.len() - 1];
    let before_last = bytes[bytes.len() - 2];
    let mut forms = Vec::with_capacity(4);
    // Plural or third person.
    if word.ends_with("ch") || word.ends_with("sh") || matches!(last, b'x' | b'z' | b'o') {
        forms.push(format!("{word}es"));
    } else if last == b'y' && !is_vowel(before_last) {
        forms.push(format!("{}ies", &word[..word.len() - 1]));
    } else {
        forms.push(format!("{word}s"));
    }
    // -ing and -ed.
    if last == b'e' && !matches!(before_last, b'e' | b'y' | b'o') {
        let stem = &word[..word.len() - 1];
        forms.push(if before_last == b'i' {
            format!("{}ying", &word[..word.len() - 2])
        } else {
            format!("{stem}ing")
        });
        forms.push(format!("{word}d"));
    } else if last == b'y' && !is_vowel(before_last) {
        forms.push(format!("{word}ing"));
        forms.push(format!("{}ied", &word[..word.len() - 1]));
    } else {
        forms.push(format!("{word}ing"));
        forms.push(format!("{word}ed"));
        if doubles_last(bytes) {
            let last = char::from(last);
            forms.push(format!("{word}{last}ing"));
            forms.push(format!("{word}{last}ed"));
        }
    }
    forms
}

/// The inflection a form of a word carries, as far as coordinated verbs share it.
#[derive(Clone, Copy, PartialEq)]
enum Inflection {
    /// Third person or plural: "hires", "leads".
    S,
    /// "hiring", "leading".
    Ing,
    /// Past or participle: "hired", "led", "built".
    Ed,
}

fn inflection(form: &str) -> Inflection {
    if form.ends_with("ing") {
        Inflection::Ing
    } else if form.ends_with('s') {
        Inflection::S
    } else {
        Inflection::Ed
    }
}

/// The forms of "hire and retain" whose verbs share an inflection ("hiring and retaining",
/// "hired and retained"): coordinated verbs take the same tense, so inflecting one alone
/// ("hiring and retain") misses how postings write them. The first word and each word after an
/// "and" or "or" are the verbs.
fn coordinated_forms(words: &[&str]) -> Vec<String> {
    let heads: Vec<usize> = std::iter::once(0)
        .chain((1..words.len()).filter(|&i| matches!(words[i - 1], "and" | "or")))
        .collect();
    if heads.len() < 2 {
        return Vec::new();
    }
    let forms: Vec<Vec<String>> = heads.iter().map(|&i| word_forms(words[i])).collect();
    let mut out = Vec::new();
    for kind in [Inflection::S, Inflection::Ing, Inflection::Ed] {
        // Every combination of the verbs' forms in the inflection: a word may have two ("planing"
        // and "planning", "grew" and "grown"), and a verb without one leaves the inflection out.
        let mut phrases: Vec<Vec<&str>> = vec![words.to_vec()];
        for (&i, forms) in heads.iter().zip(&forms) {
            let of_kind: Vec<&str> = (forms.iter())
                .filter(|f| inflection(f) == kind)
                .map(String::as_str)
                .collect();
            phrases = (phrases.iter())
                .flat_map(|p| {
                    of_kind.iter().map(move |&f| {
                        let mut p = p.clone();
                        p[i] = f;
                        p
                    })
                })
                .collect();
        }
        out.extend(phrases.iter().map(|p| p.join(" ")));
    }
    out
}

/// The other forms of a normalized phrase: its first or its last word inflected, or all its
/// coordinated verbs alike, each in the phrase's spelling and in the other one (British or
/// American). The phrase itself is not among them.
pub fn phrase_forms(phrase: &str) -> Vec<String> {
    let mut out = inflections(phrase);
    if let Some(other) = other_spelling(phrase) {
        out.extend(inflections(&other));
        out.push(other);
    }
    out
}

/// [`phrase_forms`] in the phrase's own spelling.
fn inflections(phrase: &str) -> Vec<String> {
    let words: Vec<&str> = phrase.split(' ').collect();
    let n = words.len();
    let first = word_forms(words[0]);
    let mut out: Vec<String> = coordinated_forms(&words);
    let mut with = |first: &str, last: &str| {
        let mut w = words.clone();
        w[0] = first;
        w[n - 1] = last;
        out.push(w.join(" "));
    };
    if n == 1 {
        for f in &first {
            with(f, f);
        }
        return out;
    }
    // The last word of a longer phrase is mostly a noun: its number changes, not its tense. A
    // noun in -ing has a plural too ("board meeting" -> "board meetings"). After a quantifier it
    // stays plural: "multiple product" is no phrase, only the start of another ("multiple
    // product teams" to work with is not multiple products to own).
    let head = words[n - 1];
    let last: Vec<String> = if QUANTIFIERS.contains(&words[n - 2]) {
        Vec::new()
    } else if head.ends_with("ing") && head.bytes().all(|b| b.is_ascii_lowercase()) {
        vec![format!("{head}s")]
    } else {
        word_forms(head)
            .into_iter()
            .filter(|f| !f.ends_with("ing") && !f.ends_with("ed"))
            .take(1)
            .collect()
    };
    for f in &first {
        with(f, words[n - 1]);
    }
    // Not both at once: "managed direct report" is rare, and every form is trie nodes.
    for l in &last {
        with(words[0], l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<String> {
        let mut f = word_forms(word);
        f.sort();
        f
    }

    #[test]
    fn regular_verbs_and_nouns() {
        assert_eq!(forms("mentor"), ["mentored", "mentoring", "mentors"]);
        assert_eq!(forms("talent"), ["talents"]);
        assert_eq!(forms("manage"), ["managed", "manages", "managing"]);
        assert_eq!(forms("coach"), ["coached", "coaches", "coaching"]);
        assert_eq!(
            forms("strategy"),
            ["strategied", "strategies", "strategying"]
        );
        assert_eq!(
            forms("plan"),
            ["planed", "planing", "planned", "planning", "plans"]
        );
        assert!(forms("develop").contains(&"developing".to_string()));
        assert!(!forms("develop").contains(&"developping".to_string()));
    }

    #[test]
    fn british_and_american_spellings_make_each_other() {
        let other = |w: &str| other_spelling(w);
        assert_eq!(
            other("organizational design").as_deref(),
            Some("organisational design")
        );
        assert_eq!(
            other("lead the product organisation").as_deref(),
            Some("lead the product organization")
        );
        assert_eq!(other("prioritise").as_deref(), Some("prioritize"));
        assert_eq!(other("analyze data").as_deref(), Some("analyse data"));
        assert_eq!(other("data modeling").as_deref(), Some("data modelling"));
        assert_eq!(other("user behaviours").as_deref(), Some("user behaviors"));
        assert_eq!(other("program status").as_deref(), Some("programme status"));
        assert_eq!(
            other("cross-organization").as_deref(),
            Some("cross-organisation")
        );
        // A posting keeps to one spelling: every word changes at once.
        assert_eq!(
            other("organize prioritization").as_deref(),
            Some("organise prioritisation")
        );
        // Short words and words with no other spelling have none.
        assert_eq!(other("prize"), None);
        assert_eq!(other("product roadmap"), None);
        assert_eq!(other("p&l"), None);
    }

    #[test]
    fn phrase_forms_include_the_other_spelling_and_its_forms() {
        let f = phrase_forms("prioritize features");
        for form in [
            "prioritise features",
            "prioritising features",
            "prioritizing features",
        ] {
            assert!(f.iter().any(|x| x == form), "{form} in {f:?}");
        }
        assert!(!f.iter().any(|x| x == "prioritize features"), "{f:?}");
    }

    #[test]
    fn irregular_verbs() {
        assert!(forms("lead").contains(&"led".to_string()));
        assert!(forms("build").contains(&"built".to_string()));
        assert!(forms("hire").contains(&"hiring".to_string()));
        assert!(forms("grow").contains(&"grown".to_string()));
    }

    #[test]
    fn inflected_words_and_function_words() {
        assert_eq!(forms("reports"), ["report"]);
        assert_eq!(forms("responsibilities"), ["responsibility"]);
        assert!(forms("analytics").is_empty());
        assert!(forms("managing").is_empty());
        assert!(forms("the").is_empty());
        assert!(forms("p&l").is_empty());
        assert!(forms("okrs").contains(&"okr".to_string()));
    }

    #[test]
    fn a_noun_after_a_quantifier_stays_plural() {
        assert!(!phrase_forms("multiple products").contains(&"multiple product".to_string()));
        assert!(!phrase_forms("several teams").contains(&"several team".to_string()));
        // The first word still inflects, and a noun after another word still loses its plural.
        assert!(phrase_forms("aligning multiple roadmaps").is_empty());
        assert!(phrase_forms("manage multiple teams").contains(&"managed multiple teams".into()));
        assert!(phrase_forms("direct reports").contains(&"direct report".to_string()));
    }

    #[test]
    fn phrases_inflect_their_first_and_last_words() {
        let f = phrase_forms("manage a team");
        for form in ["managing a team", "managed a team", "manage a teams"] {
            assert!(f.iter().any(|x| x == form), "{form} in {f:?}");
        }
        assert!(!f.iter().any(|x| x == "manage a teaming"), "{f:?}");
        assert!(!f.iter().any(|x| x == "managing a teams"), "{f:?}");
        assert!(!f.iter().any(|x| x == "manage a team"));
        let f = phrase_forms("direct reports");
        assert!(f.iter().any(|x| x == "direct report"), "{f:?}");
        let f = phrase_forms("board meeting");
        assert!(f.iter().any(|x| x == "board meetings"), "{f:?}");
        assert!(phrase_forms("of the").is_empty());
    }

    #[test]
    fn coordinated_verbs_share_their_inflection() {
        let f = phrase_forms("hire and retain");
        for form in [
            "hiring and retaining",
            "hired and retained",
            "hires and retains",
        ] {
            assert!(f.iter().any(|x| x == form), "{form} in {f:?}");
        }
        assert!(!f.iter().any(|x| x == "hiring and retained"), "{f:?}");
        let f = phrase_forms("build and lead");
        for form in ["building and leading", "built and led", "builds and leads"] {
            assert!(f.iter().any(|x| x == form), "{form} in {f:?}");
        }
        let f = phrase_forms("plan and run");
        for form in ["planning and running", "planned and ran"] {
            assert!(f.iter().any(|x| x == form), "{form} in {f:?}");
        }
        // A word with no form of the inflection leaves that inflection out: only the last
        // word's plural is made.
        assert_eq!(
            phrase_forms("sourcing and recruiting"),
            ["sourcing and recruitings"]
        );
    }
}
