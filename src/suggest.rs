//! "Did you mean": the known names closest to one that is not known, for every place a user
//! names something (rule ids and categories, subcommands, record fields).

/// Names in `names` close to `given`: within a third of its length in edits (at least 2), or
/// containing it (when it has 4 characters or more), closest first, at most five.
pub fn closest_names<S: AsRef<str>>(given: &str, names: impl IntoIterator<Item = S>) -> Vec<S> {
    let limit = (given.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, S)> = names
        .into_iter()
        .filter_map(|name| {
            let d = strsim::levenshtein(given, name.as_ref());
            (d <= limit || (given.len() >= 4 && name.as_ref().contains(given))).then_some((d, name))
        })
        .collect();
    scored.sort_by(|(a, x), (b, y)| (a, x.as_ref()).cmp(&(b, y.as_ref())));
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_come_closest_first_and_far_ones_never() {
        let names = ["rules", "rule", "lexicon", "calibrate", "config", "check"];
        // Edits, not transpositions: "rulse" is one deletion from "rule", two edits from "rules".
        assert_eq!(closest_names("rulse", names), ["rule", "rules"]);
        assert_eq!(closest_names("calbrate", names), ["calibrate"]);
        assert!(closest_names("posting.txt", names).is_empty());
        assert_eq!(closest_names("ule", names), ["rule", "rules"]);
    }
}
