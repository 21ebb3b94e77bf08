//! A form's structure as a Markdown outline a trainer can print and hand
//! out: sections, questions, what kind of answer each takes, what is
//! required, and where the child's voice belongs. It is printed on a
//! terminal, so every text from the form file goes through `one_line`: the
//! outline's own newlines stay, but none inside a label or option, and no
//! control or direction character of the author's reaches the screen.

use super::model::{CellKind, FieldKind, Form, Requirement};
use crate::safe_text::for_terminal;
use std::borrow::Cow;
use std::fmt::Write;

/// An author's text as it may appear within one line of the outline.
fn one_line(text: &str) -> Cow<'_, str> {
    for_terminal(text)
}

/// The outline of one form.
pub fn outline_markdown(form: &Form) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(
        out,
        "# {} (`{}`, version {})\n",
        one_line(&form.title),
        one_line(&form.id),
        form.version
    );
    let _ = writeln!(out, "{}\n", one_line(&form.purpose));
    if let Some(t) = form.timescale {
        let _ = write!(
            out,
            "Recording timescale: within {} working days of the event",
            t.working_days
        );
        match t.urgent_working_days {
            Some(0) => out.push_str(
                " (the same day for a child on a protection plan or a significant event)",
            ),
            Some(u) => {
                let _ = write!(
                    out,
                    " ({u} for a child on a protection plan or a significant event)"
                );
            }
            None => {}
        }
        out.push_str(".\n\n");
    }
    if form.supervisors_only {
        out.push_str("Written by supervisors only.\n\n");
    }
    if form.can_be_significant {
        out.push_str(
            "A record may be marked a significant event and then appears in the chronology.\n\n",
        );
    }
    out.push_str("Legend: **(required)** must be answered; ★ CHILD'S VOICE is the child's own words, wishes and feelings.\n");
    for s in &form.sections {
        let voice = if s.child_voice {
            " ★ CHILD'S VOICE"
        } else {
            ""
        };
        let each = if s.per_child {
            " (once for each child)"
        } else {
            ""
        };
        let _ = writeln!(out, "\n## {}{voice}{each}\n", one_line(&s.title));
        if !s.guidance.is_empty() {
            // Guidance is the one text written over several lines.
            for line in s.guidance.lines() {
                let _ = writeln!(out, "> {}", one_line(line));
            }
            out.push('\n');
        }
        for f in &s.fields {
            let req = match &f.requirement {
                Requirement::Always => " **(required)**".to_owned(),
                Requirement::When(c) => {
                    let label = form
                        .field(&c.field)
                        .map_or(c.field.as_str(), |(_, f)| f.label.as_str());
                    let answers: Vec<Cow<'_, str>> = c.any_of.iter().map(|a| one_line(a)).collect();
                    format!(
                        " **(required when \"{}\" is {})**",
                        one_line(label),
                        answers.join(" or ")
                    )
                }
                Requirement::Optional => String::new(),
            };
            let voice = if f.child_voice && !s.child_voice {
                " ★ CHILD'S VOICE"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "- {} — {}{req}{voice}",
                one_line(&f.label),
                describe(&f.kind)
            );
            if let Some(h) = &f.hint {
                let _ = writeln!(out, "  - _{}_", one_line(h));
            }
            if let FieldKind::Table(t) = &f.kind {
                for c in &t.columns {
                    let req = if c.required { " (required)" } else { "" };
                    let _ = writeln!(
                        out,
                        "  - column {} — {}{req}",
                        one_line(&c.label),
                        describe_cell(&c.kind)
                    );
                }
            }
        }
    }
    out
}

/// What kind of answer a field takes, in words (also the HTML handout's).
pub(crate) fn describe(kind: &FieldKind) -> String {
    match kind {
        FieldKind::Cell(c) => describe_cell(c),
        FieldKind::Multiline => "free text".into(),
        FieldKind::Choices { options } => format!("any of: {}", list(options)),
        FieldKind::Scale(s) => format!(
            "scale {} ({}) to {} ({})",
            s.min,
            one_line(&s.min_label),
            s.max,
            one_line(&s.max_label)
        ),
        FieldKind::Table(t) => format!("table, at least {} row(s) when required", t.min_rows),
    }
}

/// What kind of answer a table column takes, in words.
pub(crate) fn describe_cell(kind: &CellKind) -> String {
    match kind {
        CellKind::Text => "one line".into(),
        CellKind::Date { not_future: true } => "date, not in the future".into(),
        CellKind::Date { not_future: false } => "date".into(),
        CellKind::Time => "time".into(),
        CellKind::YesNo => "yes / no".into(),
        CellKind::Choice { options } => format!("one of: {}", list(options)),
        CellKind::Number { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("number from {a} to {b}"),
            (Some(a), None) => format!("number from {a}"),
            (None, Some(b)) => format!("number up to {b}"),
            (None, None) => "number".into(),
        },
    }
}

/// Options side by side, each kept to its own stretch of the line.
fn list(options: &[String]) -> String {
    let shown: Vec<Cow<'_, str>> = options.iter().map(|o| one_line(o)).collect();
    shown.join(" / ")
}
