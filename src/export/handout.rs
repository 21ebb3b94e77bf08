//! A form as a page to hand out in training (`casenotes forms show FORM
//! --format html`): each section with its guidance, its questions, what
//! each takes and needs, where the child's voice belongs, and the
//! guidance documents the section comes from, cited by file name as the
//! form file's comments cite them (`# seed 004_e74e373a20bcf6ff.txt ...`
//! above or inside the section). Everything from the form file is made
//! safe and escaped, as in a record's export.

use super::{CHILD_VOICE_LABEL, safe};
use crate::form::{FieldKind, Form, Requirement, describe_cell, describe_kind};
use askama::Template;

struct Field {
    label: String,
    kind: String,
    required: String,
    voice: bool,
    hint: Option<String>,
    columns: Vec<String>,
}

struct Section {
    title: String,
    per_child: bool,
    voice: bool,
    guidance: String,
    sources: String,
    fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "handout.html")]
struct Handout {
    title: String,
    id: String,
    version: u32,
    purpose: String,
    notes: Vec<(String, String)>,
    voice_label: &'static str,
    sources: String,
    sections: Vec<Section>,
}

/// The form as one HTML page; the error is a sentence.
pub fn render(form: &Form) -> Result<String, String> {
    let cited = section_sources(&form.toml);
    let cites = |i: usize| cited.get(i).map(|c| c.join("; ")).unwrap_or_default();
    let mut notes = Vec::new();
    if let Some(t) = form.timescale {
        let urgent = match t.urgent_working_days {
            Some(0) => {
                " (the same day for a child on a protection plan or a significant event)".to_owned()
            }
            Some(u) => format!(" ({u} for a child on a protection plan or a significant event)"),
            None => String::new(),
        };
        notes.push((
            "Recording timescale".to_owned(),
            format!(
                "within {} working days of the event{urgent}",
                t.working_days
            ),
        ));
    }
    if form.supervisors_only {
        notes.push(("Written by".to_owned(), "supervisors only".to_owned()));
    }
    if form.can_be_significant {
        notes.push((
            "Significant events".to_owned(),
            "a record may be marked one, and then appears in the chronology".to_owned(),
        ));
    }
    let sections = form
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| Section {
            title: safe(&s.title),
            per_child: s.per_child,
            voice: s.child_voice,
            guidance: safe(s.guidance.trim()),
            sources: cites(i + 1),
            fields: s
                .fields
                .iter()
                .map(|f| Field {
                    label: safe(&f.label),
                    kind: safe(&describe_kind(&f.kind)),
                    required: match &f.requirement {
                        Requirement::Always => "required".to_owned(),
                        Requirement::When(c) => {
                            let label = form
                                .field(&c.field)
                                .map_or(c.field.as_str(), |(_, f)| f.label.as_str());
                            safe(&format!(
                                "required when \u{201c}{label}\u{201d} is {}",
                                c.any_of.join(" or ")
                            ))
                        }
                        Requirement::Optional => String::new(),
                    },
                    voice: f.child_voice && !s.child_voice,
                    hint: f.hint.as_deref().map(safe),
                    columns: match &f.kind {
                        FieldKind::Table(t) => t
                            .columns
                            .iter()
                            .map(|c| {
                                let req = if c.required { " (required)" } else { "" };
                                safe(&format!("{} — {}{req}", c.label, describe_cell(&c.kind)))
                            })
                            .collect(),
                        _ => Vec::new(),
                    },
                })
                .collect(),
        })
        .collect();
    Handout {
        title: safe(&form.title),
        id: safe(&form.id),
        version: form.version,
        purpose: safe(&form.purpose),
        notes,
        voice_label: CHILD_VOICE_LABEL,
        sources: cites(0),
        sections,
    }
    .render()
    .map_err(|e| format!("The HTML handout could not be written: {e}."))
}

/// The guidance documents cited in a form file's comments: index 0 for the
/// form as a whole (the comments before its first section), then one list
/// per `[[section]]` in order, each citation once, as
/// "003_e0d5b8f8efac37da.txt §5b". A comment block directly above a
/// `[[section]]` line belongs to that section; other comments to the
/// section they are in. "seed 003" is written out in full when the file
/// names that document in full anywhere.
pub fn section_sources(toml: &str) -> Vec<Vec<String>> {
    let full: Vec<String> = file_names(toml);
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    let mut pending: Vec<&str> = Vec::new();
    let add = |out: &mut Vec<Vec<String>>, text: &str| {
        let Some(list) = out.last_mut() else {
            return;
        };
        for c in citations(text, &full) {
            if !list.contains(&c) {
                list.push(c);
            }
        }
    };
    for line in toml.lines() {
        let t = line.trim();
        if let Some(comment) = t.strip_prefix('#') {
            pending.push(comment);
        } else if t == "[[section]]" {
            out.push(Vec::new());
            for c in pending.drain(..) {
                add(&mut out, c);
            }
        } else {
            for c in pending.drain(..) {
                add(&mut out, c);
            }
            // A comment after a value on the same line.
            if let Some((_, comment)) = t.split_once(" # ") {
                add(&mut out, comment);
            }
        }
    }
    for c in pending.drain(..) {
        add(&mut out, c);
    }
    out
}

/// Every "NNN_<16 hex>.txt" in the text.
fn file_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (i, _) in text.match_indices(".txt") {
        let start = i.saturating_sub(20);
        if let Some(name) = text.get(start..i + 4)
            && is_file_name(name)
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_owned());
        }
    }
    names
}

fn is_file_name(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b[..3].iter().all(u8::is_ascii_digit)
        && b[3] == b'_'
        && b[4..20].iter().all(|c| c.is_ascii_hexdigit())
        && &b[20..] == b".txt"
}

/// The citations in one comment: "seed NNN" or a full file name, with the
/// "§..." or "standard N" that follows it.
fn citations(text: &str, full: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("seed ") {
        let after = &rest[at + 5..];
        rest = after;
        let Some(number) = after
            .get(..3)
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let name = full
            .iter()
            .find(|f| f.starts_with(number))
            .cloned()
            .unwrap_or_else(|| format!("seed {number}"));
        let mut tail = &after[3..];
        if tail
            .get(..21)
            .is_some_and(|t| t.starts_with('_') && t.ends_with(".txt"))
        {
            tail = &tail[21..];
        }
        let tail = tail.trim_start();
        let words: Vec<&str> = tail.split_whitespace().take(2).collect();
        let clean = |w: &str| w.trim_end_matches([',', ';', ':', ')', '.']).to_owned();
        let place = match words.as_slice() {
            [w, ..] if w.starts_with('§') => Some(clean(w)),
            [s, n, ..]
                if s.starts_with("standard") && n.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Some(format!("standard {}", clean(n)))
            }
            _ => None,
        };
        found.push(match place {
            Some(p) => format!("{name} {p}"),
            None => name,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_found_per_section_and_written_in_full() {
        let toml = "# Headings from seed 004_e74e373a20bcf6ff.txt and\n\
            # seed 003_e0d5b8f8efac37da.txt.\nid = \"x\"\n\n\
            # seed 003 §5b (h) time\n[[section]]\nid = \"a\"\n\
            # seed 004 template: Date\n[[section.field]]\nid = \"f\"\n\n\
            [[section]]\nid = \"b\"\nkind = \"text\" # seed 002 standard 12, diversity\n";
        let s = section_sources(toml);
        assert_eq!(
            s,
            vec![
                vec![
                    "004_e74e373a20bcf6ff.txt".to_owned(),
                    "003_e0d5b8f8efac37da.txt".to_owned()
                ],
                vec![
                    "003_e0d5b8f8efac37da.txt §5b".to_owned(),
                    "004_e74e373a20bcf6ff.txt".to_owned()
                ],
                vec!["seed 002 standard 12".to_owned()],
            ]
        );
    }
}
