//! `gendered-pronoun`: a pronoun of one gender describes the person to be hired.

use super::{Category, Context, Diagnostic, Rule, RuleDoc, Severity, Status};
use crate::cues::{Cue, CueMatch};

pub struct GenderedPronoun;

static DOC: RuleDoc = RuleDoc {
    id: "gendered-pronoun",
    severity: Severity::Warning,
    category: Category::Wording,
    status: Status::Stable,
    formerly: &[],
    summary: "A pronoun of one gender describes the person to be hired",
    explanation: "\"He will own the roadmap\" tells half the readers the job was written for someone \
else; joblint reports gendered pronouns for the same reason. jdlint reads pronouns only where the \
posting describes the role and the candidate (the summary, responsibilities and requirements), not in \
the company story, benefits or legal text, and only in sentences about the person to be hired (what \
they will, must or should do, their responsibilities and qualifications), so \"our founder and her \
team\" and a colleague's bio are not flagged. Paired forms (\"he or she\", \"his/her\", \"s/he\") and pronoun declarations (\"she/her\") are not flagged \
either: they are not the problem this rule is about, and neither is a pronoun inside a \
quotation (a customer's words). Each pronoun is reported at its own place. Equal-opportunity \
boilerplate is never read.",
    instead: "Address the candidate as \"you\", or use \"they\": \"You will own the roadmap\".",
    sources: &[
        "rowanmanning/joblint, lib/rules.js: \"Use of gendered pronoun\"",
        "Vale Joblint style (Gendered)",
    ],
    fires: "Product Manager\n\nWhat you'll do\n- He will own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
    clean: "Product Manager\n\nWhat you'll do\n- You will own the roadmap for billing and decide what to build next\n- Run customer discovery and track retention\n\nRequirements\n- 3 years of product management experience\n",
};

const PRONOUNS: [&str; 7] = ["he", "she", "him", "her", "his", "hers", "s"];

/// Words that make a sentence one about the person to be hired: what they will, must or should
/// do, their duties and qualifications ("He will own the roadmap", "his responsibilities").
/// A colleague's bio ("Elena started in support; empathy remains a focal point for her") has none.
const ABOUT_THE_HIRE: [&str; 18] = [
    "will",
    "must",
    "should",
    "shall",
    "need",
    "needs",
    "expected",
    "responsible",
    "responsibilities",
    "duties",
    "candidate",
    "applicant",
    "successful",
    "ideal",
    "incumbent",
    "qualifications",
    "role",
    "position",
];

/// Whether the sentence of the body around `m` is about the person to be hired.
fn about_the_hire(body: &str, m: &CueMatch) -> bool {
    let boundary = ['.', '!', '?', ';', '\n'];
    let start = body[..m.span.start].rfind(boundary).map_or(0, |i| i + 1);
    let end = body[m.span.end..]
        .find(boundary)
        .map_or(body.len(), |i| m.span.end + i);
    body[start..end]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ABOUT_THE_HIRE.iter().any(|a| a.eq_ignore_ascii_case(w)))
}

/// "he or she", "his/her", "s/he", "she/her": paired forms and declarations.
fn is_paired(text: &str, m: &CueMatch) -> bool {
    let before = &text[..m.range.start];
    let after = &text[m.range.end..];
    if after.starts_with('/') || before.ends_with('/') {
        return true;
    }
    let next = after.strip_prefix(" or ").map(|rest| {
        rest.split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
    });
    let previous = before.strip_suffix(" or ").map(|rest| {
        rest.rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
    });
    [next, previous]
        .iter()
        .flatten()
        .any(|w| PRONOUNS.contains(w))
}

impl Rule for GenderedPronoun {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>) -> Option<Diagnostic> {
        self.check_each(cx).into_iter().next()
    }

    /// One diagnostic per pronoun, at its place.
    fn check_each(&self, cx: &Context<'_>) -> Vec<Diagnostic> {
        let text = cx.normalized.as_str();
        let mut quotes = Quotations::new(text);
        cx.cues_in_role_text(Cue::GenderedPronoun)
            .filter(|m| {
                !quotes.inside(m.range.start)
                    && !is_paired(text, m)
                    && about_the_hire(cx.posting.body_text(), m)
            })
            .map(|m| {
                let message = format!(
                    "gendered pronoun describing the candidate: \"{}\"",
                    &cx.posting.body_text()[m.span.clone()]
                );
                let help = "address the candidate as \"you\", or use \"they\"".to_string();
                cx.at_body(&DOC, m.span.clone(), message, help)
            })
            .collect()
    }
}

/// Which places of a normalized text stand inside a quotation (between straight double quotes
/// on one line): "one customer told us: \"he checks invoices by hand\"" quotes a customer, it
/// does not describe the hire. Asked in increasing order of place, it reads the text once.
struct Quotations<'a> {
    text: &'a [u8],
    at: usize,
    open: bool,
}

impl<'a> Quotations<'a> {
    fn new(text: &'a str) -> Quotations<'a> {
        Quotations {
            text: text.as_bytes(),
            at: 0,
            open: false,
        }
    }

    /// Whether byte `place` is inside a quotation; places must come in increasing order.
    fn inside(&mut self, place: usize) -> bool {
        while self.at < place.min(self.text.len()) {
            match self.text[self.at] {
                b'"' => self.open = !self.open,
                b'\n' => self.open = false,
                _ => {}
            }
            self.at += 1;
        }
        self.open
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fired;

    fn fires(sentence: &str) -> bool {
        fired(&format!(
            "Product Manager\n\nWhat you'll do\n- {sentence}\n- Own the roadmap\n"
        ))
        .contains(&"gendered-pronoun")
    }

    #[test]
    fn paired_forms_and_declarations_are_not_flagged() {
        assert!(!fires("He or she will own the roadmap"));
        assert!(!fires("His/her first project is billing"));
        assert!(!fires("S/he will report to the CPO"));
        assert!(!fires("Ask for Dana (she/her) in the interview"));
        assert!(fires("She will own the roadmap"));
        assert!(fires("Reporting to him, you will"));
    }

    #[test]
    fn a_quoted_customer_is_not_the_hire() {
        assert!(!fires(
            "Interview customers; one told us: \"He will drop us if invoices stay manual\""
        ));
        assert!(fires("He will interview customers \"every week\""));
    }

    #[test]
    fn each_pronoun_is_reported_at_its_place() {
        let doc = "Product Manager\n\nWhat you'll do\n- He will own the roadmap and his team will ship it\n";
        let a = crate::rules::testing::analyze(doc);
        let places: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.rule == "gendered-pronoun")
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                (Some(4), Some(3), "gendered pronoun describing the candidate: \"He\""),
                (Some(4), Some(31), "gendered pronoun describing the candidate: \"his\""),
            ]
        );
    }

    #[test]
    fn a_colleagues_bio_is_not_about_the_hire() {
        assert!(!fires(
            "You will work with Elena; empathy remains a focal point for her"
        ));
        assert!(fires("His responsibilities include the billing roadmap"));
    }

    #[test]
    fn the_company_story_and_boilerplate_are_not_read() {
        let doc = "Product Manager\n\nAbout us\nOur founder started the company with her sister.\n\nWhat you'll do\n- Own the roadmap\n\nAcme is an equal opportunity employer: whether he or she or they, we hire without regard to gender identity.\n";
        assert!(!fired(doc).contains(&"gendered-pronoun"));
    }
}
