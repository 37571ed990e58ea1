//! The five articles the default lexicon was built from, by the number its citations use
//! (`003: Senior Product Manager > Core Responsibilities #3`). The articles themselves are not in
//! the repository; `docs/seeds.md` says what each holds, so that a reader of a citation can find
//! the article and the section.

/// Each article's number and title (or, for an untitled one, how it opens).
pub const SEEDS: [(&str, &str); 5] = [
    ("000", "\"PM, GPM, product leader\" (notes on product roles in a large internet company)"),
    ("001", "\"Product Roles\" (the series \"The Complete PM\")"),
    (
        "002",
        "\"Product Management Roles and Responsibilities: Group Product Manager and Head of Product\"",
    ),
    (
        "003",
        "an untitled guide to product-manager levels and specializations (it opens \"Every product manager secretly remembers their first launch story\")",
    ),
    (
        "004",
        "\"Product Leader vs Product Manager: Diving Deep into Their Differences and Similarities\"",
    ),
];

/// `source` with its seed number (`NNN: `) spelled out as the article it names:
/// `001: the ladder` becomes `"Product Roles" (...), seed 001: the ladder`. Anything else (an
/// outside source, a lexicon file) is returned as it is.
pub fn cite(source: &str) -> String {
    let named = source.split_once(": ").and_then(|(number, section)| {
        let (_, title) = SEEDS.iter().find(|(n, _)| *n == number)?;
        Some(format!("{title}, seed {number}: {section}"))
    });
    named.unwrap_or_else(|| source.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_citations_name_their_article() {
        assert_eq!(
            cite("004: Key Differences #8"),
            "\"Product Leader vs Product Manager: Diving Deep into Their Differences and Similarities\", seed 004: Key Differences #8"
        );
        assert_eq!(
            cite("lexicon/roles/role-words.json"),
            "lexicon/roles/role-words.json"
        );
        assert_eq!(cite("Textio: gendered wording"), "Textio: gendered wording");
    }
}
