//! A record as a document to read or hand on: every answered question in
//! the form's order, section by section (once per child for a per-child
//! section), the child's voice marked, then the addenda. `document` builds
//! the shared shape; `markdown` and `text` write it out, and the review
//! screen draws the same shape, so what is reviewed is what is exported.
//! `bundle` puts several records (or one child's part of them) into one
//! export; `html` writes a bundle as one self-contained page and
//! `handout` a form as a page for training. Pure: no I/O, no clock.

pub mod bundle;
pub mod handout;
pub mod html;
pub mod markdown;
pub mod text;

use crate::form::{CellKind, Field, FieldKind, Form, TableSpec};
use crate::record::{Answers, ChildId, Slot, Value, row_is_blank};
use chrono::NaiveDate;

/// The label on everything that is the child's voice (the same words as
/// the screen's `CHILD_VOICE_LABEL`).
pub const CHILD_VOICE_LABEL: &str = "★ CHILD'S VOICE";

/// What is known about a record besides its answers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordMeta {
    /// The record's title, usually the form's ("Home visit").
    pub title: String,
    /// How the family is shown, e.g. "FX-0001 Example family".
    pub family_label: String,
    /// The day the event happened.
    pub event_date: Option<NaiveDate>,
    /// Who wrote the record.
    pub author: String,
    /// "Draft" or "Finalised", as shown.
    pub status: String,
    /// Who finalised it.
    pub finalised_by: Option<String>,
    /// When, already written as it should be shown.
    pub finalised_at: Option<String>,
    /// Whether it is marked a significant event (for the chronology);
    /// `None` for a form whose records cannot be.
    pub significant: Option<bool>,
    /// Later corrections and additions, oldest first.
    pub addenda: Vec<Addendum>,
}

/// A later note on a finalised record, kept beside it, never merged in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Addendum {
    /// Who wrote it.
    pub author: String,
    /// When, already written as it should be shown.
    pub date: String,
    /// What it says.
    pub text: String,
}

/// A record ready to write out.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Heading.
    pub title: String,
    /// (label, value) lines under the heading: family, date, author...
    pub meta: Vec<(String, String)>,
    /// The sections in order, a per-child section once per child.
    pub sections: Vec<DocSection>,
    /// Addenda, oldest first.
    pub addenda: Vec<Addendum>,
}

/// One section of the document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocSection {
    /// The section's title.
    pub title: String,
    /// The child's name, for a per-child section.
    pub child: Option<String>,
    /// The whole section is the child's voice.
    pub child_voice: bool,
    /// The answered questions (empty: nothing recorded).
    pub items: Vec<DocItem>,
}

impl DocSection {
    /// "Title — Child A" for a child's section, else the title.
    pub fn heading(&self) -> String {
        match &self.child {
            Some(c) => format!("{} — {c}", self.title),
            None => self.title.clone(),
        }
    }
}

/// One answered question.
#[derive(Clone, Debug, PartialEq)]
pub struct DocItem {
    /// The question.
    pub label: String,
    /// The answer is the child's voice (the field or its section is).
    pub child_voice: bool,
    /// The answer.
    pub answer: DocAnswer,
}

/// An answer in the shape it is written out.
#[derive(Clone, Debug, PartialEq)]
pub enum DocAnswer {
    /// Text, possibly over several lines.
    Text(String),
    /// The options ticked.
    List(Vec<String>),
    /// A table: column headings and the rows with something in them.
    Table {
        /// Column headings.
        columns: Vec<String>,
        /// Cells, row by row, in column order.
        rows: Vec<Vec<String>>,
    },
}

/// The document of a record. Blank answers are left out; a section with
/// none says so when written out. Every piece of text is made safe (see
/// [`safe`]).
pub fn document(
    form: &Form,
    answers: &Answers,
    children: &[(ChildId, String)],
    meta: &RecordMeta,
) -> Document {
    let mut sections = Vec::new();
    for section in &form.sections {
        let runs: Vec<(Option<ChildId>, Option<String>)> = if section.per_child {
            children
                .iter()
                .map(|(id, name)| (Some(*id), Some(safe(name))))
                .collect()
        } else {
            vec![(None, None)]
        };
        for (child, name) in runs {
            let items = section
                .fields
                .iter()
                .filter_map(|field| {
                    let slot = Slot {
                        section: section.id.clone(),
                        child,
                        field: field.id.clone(),
                    };
                    let value = answers.get(&slot).filter(|v| !v.is_blank())?;
                    Some(DocItem {
                        label: safe(&field.label),
                        child_voice: form.is_child_voice(section, field),
                        answer: answer(field, value),
                    })
                })
                .collect();
            sections.push(DocSection {
                title: safe(&section.title),
                child: name,
                child_voice: section.child_voice,
                items,
            });
        }
    }
    let title = if meta.title.trim().is_empty() {
        safe(&form.title)
    } else {
        safe(&meta.title)
    };
    Document {
        title,
        meta: meta_lines(meta),
        sections,
        addenda: meta
            .addenda
            .iter()
            .map(|a| Addendum {
                author: safe(&a.author),
                date: safe(&a.date),
                text: safe(&a.text),
            })
            .collect(),
    }
}

/// The record as Markdown.
pub fn to_markdown(
    form: &Form,
    answers: &Answers,
    children: &[(ChildId, String)],
    meta: &RecordMeta,
) -> String {
    markdown::render(&document(form, answers, children, meta))
}

/// The record as plain text.
pub fn to_text(
    form: &Form,
    answers: &Answers,
    children: &[(ChildId, String)],
    meta: &RecordMeta,
) -> String {
    text::render(&document(form, answers, children, meta))
}

fn meta_lines(meta: &RecordMeta) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let mut add = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            lines.push((label.to_owned(), safe(value)));
        }
    };
    add("Family", &meta.family_label);
    if let Some(d) = meta.event_date {
        add("Date of event", &crate::dates::for_people(d));
    }
    add("Written by", &meta.author);
    add("Status", &meta.status);
    match meta.significant {
        Some(true) => add("Significant event", "Yes (in the chronology)"),
        Some(false) => add("Significant event", "No"),
        None => {}
    }
    match (&meta.finalised_by, &meta.finalised_at) {
        (Some(by), Some(at)) => add("Finalised", &format!("by {by} at {at}")),
        (Some(by), None) => add("Finalised", &format!("by {by}")),
        (None, Some(at)) => add("Finalised", &format!("at {at}")),
        (None, None) => {}
    }
    lines
}

/// An answer in the shape it is written out; yes/no in words, a scale
/// with what its ends mean.
fn answer(field: &Field, value: &Value) -> DocAnswer {
    match (&field.kind, value) {
        (FieldKind::Table(spec), Value::Rows(rows)) => table(spec, rows),
        (FieldKind::Cell(kind), Value::Text(t)) => DocAnswer::Text(cell(kind, t)),
        (FieldKind::Scale(s), Value::Text(t)) => DocAnswer::Text(format!(
            "{} (scale {} = {} to {} = {})",
            safe(t.trim()),
            s.min,
            safe(&s.min_label),
            s.max,
            safe(&s.max_label)
        )),
        (_, Value::Text(t)) => DocAnswer::Text(safe(t)),
        (_, Value::List(l)) => DocAnswer::List(l.iter().map(|s| safe(s)).collect()),
        (_, Value::Rows(rows)) => {
            // Rows under a field that is no longer a table: keep them, in
            // the order of their own column ids.
            let mut columns: Vec<String> = rows.iter().flat_map(|r| r.keys().cloned()).collect();
            columns.sort();
            columns.dedup();
            let body = rows
                .iter()
                .filter(|r| !row_is_blank(r))
                .map(|r| {
                    columns
                        .iter()
                        .map(|c| safe(r.get(c).map_or("", String::as_str)))
                        .collect()
                })
                .collect();
            DocAnswer::Table {
                columns: columns.iter().map(|c| safe(c)).collect(),
                rows: body,
            }
        }
    }
}

fn cell(kind: &CellKind, text: &str) -> String {
    match (kind, text.trim()) {
        (CellKind::YesNo, "yes") => "Yes".to_owned(),
        (CellKind::YesNo, "no") => "No".to_owned(),
        (CellKind::Date { .. }, t) => safe(&crate::dates::stored_for_people(t)),
        (CellKind::Text, _) => safe(text),
        (_, t) => safe(t),
    }
}

fn table(spec: &TableSpec, rows: &[crate::record::Row]) -> DocAnswer {
    DocAnswer::Table {
        columns: spec.columns.iter().map(|c| safe(&c.label)).collect(),
        rows: rows
            .iter()
            .filter(|r| !row_is_blank(r))
            .map(|r| {
                spec.columns
                    .iter()
                    .map(|c| cell(&c.kind, r.get(&c.id).map_or("", String::as_str)))
                    .collect()
            })
            .collect(),
    }
}

/// Text safe to print to a terminal or open in any viewer: control
/// characters shown in caret notation (`^[` for ESC), other invisible
/// controls and direction overrides as `<U+XXXX>`. Line breaks and tabs
/// are kept; a carriage return becomes a line break.
pub fn safe(text: &str) -> String {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && crate::safe_text::is_hidden_control(c);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if !text.chars().any(unsafe_char) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            crate::safe_text::push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_matches_the_screens() {
        assert_eq!(CHILD_VOICE_LABEL, crate::tui::theme::CHILD_VOICE_LABEL);
    }

    #[test]
    fn unsafe_text_is_made_visible() {
        assert_eq!(safe("a\u{1b}[2Jb"), "a^[[2Jb");
        assert_eq!(safe("x\r\ny\rz\tq"), "x\ny\nz\tq");
        assert_eq!(safe("rtl\u{202E}"), "rtl<U+202E>");
        assert_eq!(safe("\u{9b}"), "<U+009B>");
    }
}
