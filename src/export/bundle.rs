//! Several records (or one) as one export: a family's whole file in date
//! order, or one child's own record (seed 003_e0d5b8f8efac37da.txt on
//! reading records with children; seed 002_66f790c2d2b6d6fc.txt standard
//! 15, "accessible to the child/young person"). It names the records it
//! holds with the form versions they were written with and their addenda,
//! and, for one child, lists the other family members and siblings whose
//! names appear in the family-wide text, with where, so whoever prepares a
//! disclosure can decide: nothing is redacted silently. Choosing what goes
//! in (which sections, which records) is `service::export`'s; this file
//! only shapes and writes. Pure: no I/O, no clock.

use super::{DocAnswer, Document, markdown, safe, text};
use std::fmt::Write;

/// One record in the export, as the list of contents names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The record's number, as `casenotes records` lists it.
    pub id: i64,
    /// The form's title.
    pub form_title: String,
    /// The form's id and the version the record was written with.
    pub form: String,
    /// That version.
    pub form_version: u32,
    /// The event date, written out.
    pub date: String,
    /// "Draft" or "Finalised".
    pub status: String,
    /// The record as a document: for one child, that child's own sections
    /// and the family-wide ones only.
    pub document: Document,
}

impl Entry {
    /// "Record 12, Home visit, 2026-11-16": where something was found.
    pub fn label(&self) -> String {
        format!("Record {}, {}, {}", self.id, self.form_title, self.date)
    }
}

/// Someone whose name the family-wide text might hold: a sibling, parent,
/// carer or relative (professionals are not listed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The name as stored.
    pub name: String,
    /// Who they are: "sibling", or a relationship ("Mother of Ada").
    pub who: String,
}

/// A person found in the family-wide text, and every place they appear.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name as stored (made safe).
    pub name: String,
    /// Who they are (made safe).
    pub who: String,
    /// "Record 12, Home visit, 2026-11-16: Parents and carers › What are
    /// the parents' views?" for each place, in the export's order.
    pub places: Vec<String>,
}

/// What an export holds, ready to write out.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    /// The heading ("Ada Example: her own record").
    pub title: String,
    /// (label, value) lines under the heading: family, child, what is left out.
    pub meta: Vec<(String, String)>,
    /// The records, oldest event first.
    pub entries: Vec<Entry>,
    /// For one child's export, the other people named in the family-wide
    /// text; `None` for an export of everything.
    pub others: Option<Vec<Named>>,
}

/// The heading of the list of other people.
pub const OTHERS_HEADING: &str = "Other people named in this record";

/// The heading of the list of contents.
pub const CONTENTS_HEADING: &str = "Records in this export";

impl Bundle {
    /// A bundle of `entries` (their documents already made safe by
    /// [`super::document`]), with the people in `candidates` looked for in
    /// the family-wide text when the export is for one child.
    pub fn new(
        title: &str,
        meta: Vec<(String, String)>,
        entries: Vec<Entry>,
        candidates: Option<&[Candidate]>,
    ) -> Bundle {
        let entries: Vec<Entry> = entries
            .into_iter()
            .map(|e| Entry {
                form_title: safe(&e.form_title),
                form: safe(&e.form),
                date: safe(&e.date),
                status: safe(&e.status),
                ..e
            })
            .collect();
        Bundle {
            title: safe(title),
            meta: meta
                .into_iter()
                .map(|(l, v)| (safe(&l), safe(&v)))
                .collect(),
            others: candidates.map(|c| named_in(&entries, c)),
            entries,
        }
    }

    /// One line a record for the contents: number, date, form and version,
    /// status, and how many addenda are beside it.
    pub fn contents(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| {
                let addenda = match e.document.addenda.len() {
                    0 => "no addenda".to_owned(),
                    1 => "1 addendum".to_owned(),
                    n => format!("{n} addenda"),
                };
                format!(
                    "Record {}: {} {} (form {} version {}), {}, {addenda}",
                    e.id, e.date, e.form_title, e.form, e.form_version, e.status
                )
            })
            .collect()
    }
}

/// The export as Markdown.
pub fn to_markdown(b: &Bundle) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail, so results are ignored throughout.
    let _ = writeln!(out, "# {}\n", markdown::escape_line(&b.title));
    for (label, value) in &b.meta {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            markdown::escape_line(label),
            markdown::escape_line(value)
        );
    }
    let _ = writeln!(out, "\n## {CONTENTS_HEADING}\n");
    if b.entries.is_empty() {
        out.push_str("_No records._\n");
    }
    for line in b.contents() {
        let _ = writeln!(out, "- {}", markdown::escape_line(&line));
    }
    for e in &b.entries {
        out.push_str("\n---\n\n");
        out.push_str(&markdown::render(&e.document));
        out.push('\n');
    }
    if let Some(others) = &b.others {
        let _ = writeln!(out, "\n---\n\n## {OTHERS_HEADING}\n");
        if others.is_empty() {
            out.push_str("_No other family member's name was found in the family-wide text._\n");
        }
        for n in others {
            let _ = writeln!(
                out,
                "- **{}** ({})",
                markdown::escape_line(&n.name),
                markdown::escape_line(&n.who)
            );
            for p in &n.places {
                let _ = writeln!(out, "  - {}", markdown::escape_line(p));
            }
        }
    }
    out
}

/// The export as plain text.
pub fn to_text(b: &Bundle) -> String {
    let mut out = String::new();
    text::underline(&mut out, &b.title, '=');
    for (label, value) in &b.meta {
        let _ = writeln!(out, "{label}: {value}");
    }
    out.push('\n');
    text::underline(&mut out, CONTENTS_HEADING, '-');
    if b.entries.is_empty() {
        out.push_str("No records.\n");
    }
    for line in b.contents() {
        let _ = writeln!(out, "{line}");
    }
    for e in &b.entries {
        out.push_str("\n\n");
        out.push_str(&text::render(&e.document));
    }
    if let Some(others) = &b.others {
        out.push_str("\n\n");
        text::underline(&mut out, OTHERS_HEADING, '-');
        if others.is_empty() {
            out.push_str("No other family member's name was found in the family-wide text.\n");
        }
        for n in others {
            let _ = writeln!(out, "{} ({})", n.name, n.who);
            for p in &n.places {
                let _ = writeln!(out, "    {p}");
            }
        }
    }
    out
}

/// Every candidate whose name is in the family-wide text (sections not
/// about one child, and addenda), with where; in the candidates' order.
pub fn named_in(entries: &[Entry], candidates: &[Candidate]) -> Vec<Named> {
    let mut found: Vec<Named> = Vec::new();
    for c in candidates {
        let terms = terms(&c.name);
        if terms.is_empty() {
            continue;
        }
        let mut places: Vec<String> = Vec::new();
        let mut note = |place: String| {
            if !places.contains(&place) {
                places.push(place);
            }
        };
        for e in entries {
            for s in e.document.sections.iter().filter(|s| s.child.is_none()) {
                for item in &s.items {
                    if answer_texts(&item.answer).any(|t| mentions(t, &terms)) {
                        note(format!("{}: {} › {}", e.label(), s.title, item.label));
                    }
                }
            }
            for a in &e.document.addenda {
                if mentions(&a.text, &terms) {
                    note(format!("{}: addendum of {}", e.label(), a.date));
                }
            }
        }
        if !places.is_empty() {
            found.push(Named {
                name: safe(&c.name),
                who: safe(&c.who),
                places,
            });
        }
    }
    found
}

fn answer_texts(a: &DocAnswer) -> Box<dyn Iterator<Item = &str> + '_> {
    match a {
        DocAnswer::Text(t) => Box::new(std::iter::once(t.as_str())),
        DocAnswer::List(l) => Box::new(l.iter().map(String::as_str)),
        DocAnswer::Table { rows, .. } => Box::new(rows.iter().flatten().map(String::as_str)),
    }
}

/// What to look for: the name without anything in brackets ("Ada
/// Example"), matched ignoring case, and its first word ("Ada") matched as
/// written, since a given name in the text is usually alone and
/// capitalised. Words of one letter are not looked for.
fn terms(name: &str) -> Vec<(String, bool)> {
    let mut plain = String::new();
    let mut depth = 0usize;
    for ch in name.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut out = Vec::new();
    if let Some(first) = words.first()
        && first.chars().filter(|c| c.is_alphanumeric()).count() > 1
    {
        out.push(((*first).to_owned(), true));
    }
    if words.len() > 1 {
        out.push((words.join(" ").to_lowercase(), false));
    }
    out
}

/// Whether `text` holds one of `terms` as whole words.
fn mentions(text: &str, terms: &[(String, bool)]) -> bool {
    let lower = text.to_lowercase();
    terms.iter().any(|(term, exact)| {
        let hay = if *exact { text } else { lower.as_str() };
        whole_word(hay, term)
    })
}

fn whole_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(needle).any(|(i, m)| {
        !word(hay[..i].chars().next_back()) && !word(hay[i + m.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_whole_words() {
        let t = terms("Ben Example (demo)");
        assert!(mentions("Ben's cot", &t));
        assert!(mentions("saw ben example today", &t));
        assert!(!mentions("Bench and Benjamin", &t));
        assert!(!mentions("ben alone", &t));
        let mum = terms("Mum (demo)");
        assert!(mentions("Mum said", &mum));
        assert!(!mentions("Mumbai", &mum));
        assert!(terms("(demo)").is_empty());
        assert!(terms("A").is_empty());
    }
}
