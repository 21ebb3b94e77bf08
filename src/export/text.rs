//! A record document written as plain text: headings underlined, answers
//! indented under their questions, tables as one block per row. For
//! printing, pasting into another system, or reading in a pager.

use super::{CHILD_VOICE_LABEL, DocAnswer, Document};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// The document as plain text.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail, so results are ignored throughout.
    underline(&mut out, &doc.title, '=');
    let width = doc.meta.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    for (label, value) in &doc.meta {
        let pad = " ".repeat(width.saturating_sub(label.width()));
        let _ = writeln!(out, "{label}:{pad} {value}");
    }
    for section in &doc.sections {
        out.push('\n');
        let mut heading = section.heading();
        if section.child_voice {
            heading.push_str("  ");
            heading.push_str(CHILD_VOICE_LABEL);
        }
        underline(&mut out, &heading, '-');
        if section.items.is_empty() {
            out.push_str("Nothing recorded.\n");
        }
        for (i, item) in section.items.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&item.label);
            if item.child_voice {
                out.push_str("  ");
                out.push_str(CHILD_VOICE_LABEL);
            }
            out.push('\n');
            match &item.answer {
                DocAnswer::Text(t) => indent(&mut out, t, "    "),
                DocAnswer::List(l) => {
                    for o in l {
                        let _ = writeln!(out, "    - {o}");
                    }
                }
                DocAnswer::Table { columns, rows } => {
                    let w = columns.iter().map(|c| c.width()).max().unwrap_or(0);
                    for (n, r) in rows.iter().enumerate() {
                        let _ = writeln!(out, "    {}.", n + 1);
                        for (c, v) in columns.iter().zip(r) {
                            if v.trim().is_empty() {
                                continue;
                            }
                            let pad = " ".repeat(w.saturating_sub(c.width()));
                            let _ = writeln!(out, "      {c}:{pad} {}", v.replace('\n', " "));
                        }
                    }
                }
            }
        }
    }
    if !doc.addenda.is_empty() {
        out.push('\n');
        underline(&mut out, "Addenda", '-');
        for (i, a) in doc.addenda.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "{} — {}", a.date, a.author);
            indent(&mut out, &a.text, "    ");
        }
    }
    out
}

pub(super) fn underline(out: &mut String, text: &str, rule: char) {
    let _ = writeln!(out, "{text}");
    let _ = writeln!(out, "{}", rule.to_string().repeat(text.width().max(3)));
}

fn indent(out: &mut String, text: &str, by: &str) {
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{by}{line}");
        }
    }
}
