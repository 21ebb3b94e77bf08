//! An export as one self-contained HTML page: styles in the page, no
//! scripts, no external resources; readable on a phone, printable on A4.
//! The child's voice is bold red and also labelled "★ CHILD'S VOICE", so
//! it does not rely on colour (seed 003_e0d5b8f8efac37da.txt asks for the
//! child's voice in bold red; the label serves people who cannot see red
//! and black-and-white printing).
//!
//! The templates are askama's (`src/export/templates/`), compiled into the
//! program and checked when it is built, with every value escaped as HTML
//! by the template engine; the text has already been through
//! [`super::safe`], so control characters show as `^[` as in the other
//! formats.

use super::bundle::{Bundle, CONTENTS_HEADING, OTHERS_HEADING};
use super::{CHILD_VOICE_LABEL, DocAnswer, Document};
use askama::Template;

/// An answered question as the page shows it: text, a list, or a table.
struct Item {
    label: String,
    voice: bool,
    text: Option<String>,
    list: Vec<String>,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

struct Section {
    heading: String,
    voice: bool,
    items: Vec<Item>,
}

struct Addendum {
    date: String,
    author: String,
    text: String,
}

struct Record {
    title: String,
    meta: Vec<(String, String)>,
    sections: Vec<Section>,
    addenda: Vec<Addendum>,
}

struct Named {
    name: String,
    who: String,
    places: Vec<String>,
}

#[derive(Template)]
#[template(path = "bundle.html")]
struct Page {
    title: String,
    meta: Vec<(String, String)>,
    voice_label: &'static str,
    contents_heading: &'static str,
    contents: Vec<String>,
    records: Vec<Record>,
    others_heading: &'static str,
    others: Option<Vec<Named>>,
}

fn item(label: &str, voice: bool, answer: &DocAnswer) -> Item {
    let mut it = Item {
        label: label.to_owned(),
        voice,
        text: None,
        list: Vec::new(),
        columns: Vec::new(),
        rows: Vec::new(),
    };
    match answer {
        DocAnswer::Text(t) => it.text = Some(t.trim_end().to_owned()),
        DocAnswer::List(l) => it.list.clone_from(l),
        DocAnswer::Table { columns, rows } => {
            it.columns.clone_from(columns);
            it.rows.clone_from(rows);
        }
    }
    it
}

fn record(doc: &Document) -> Record {
    Record {
        title: doc.title.clone(),
        meta: doc.meta.clone(),
        sections: doc
            .sections
            .iter()
            .map(|s| Section {
                heading: s.heading(),
                voice: s.child_voice,
                items: s
                    .items
                    .iter()
                    .map(|i| item(&i.label, i.child_voice || s.child_voice, &i.answer))
                    .collect(),
            })
            .collect(),
        addenda: doc
            .addenda
            .iter()
            .map(|a| Addendum {
                date: a.date.clone(),
                author: a.author.clone(),
                text: a.text.trim_end().to_owned(),
            })
            .collect(),
    }
}

/// The export as one HTML page; the error is a sentence (writing to a
/// string fails only if the template engine does).
pub fn render(b: &Bundle) -> Result<String, String> {
    let page = Page {
        title: b.title.clone(),
        meta: b.meta.clone(),
        voice_label: CHILD_VOICE_LABEL,
        contents_heading: CONTENTS_HEADING,
        contents: b.contents(),
        records: b.entries.iter().map(|e| record(&e.document)).collect(),
        others_heading: OTHERS_HEADING,
        others: b.others.as_ref().map(|o| {
            o.iter()
                .map(|n| Named {
                    name: n.name.clone(),
                    who: n.who.clone(),
                    places: n.places.clone(),
                })
                .collect()
        }),
    };
    page.render()
        .map_err(|e| format!("The HTML page could not be written: {e}."))
}
