//! One field said in words, and one typed line read as its answer. Pure:
//! the form, the answers and the completeness check go in, lines of text
//! come out, so every sentence a screen reader will speak is tested here
//! without a terminal.

use crate::form::{CellKind, FieldKind, Form, Requirement, Section};
use crate::record::problem_words::{answer_words, describe as problem_words};
use crate::record::{
    Answers, ChildId, Completeness, Slot, Value, normalise_time, normalise_typed_date,
};
use crate::safe_text::for_terminal;
use chrono::NaiveDate;

/// One place an answer goes: a field, for one child when its section is
/// answered once per child.
pub struct Place<'a> {
    /// The section, and its number from 1.
    pub section: (&'a Section, usize),
    /// The field.
    pub field: &'a crate::form::Field,
    /// The child's name, for a per-child section.
    pub child: Option<&'a str>,
    /// Where the answer is kept.
    pub slot: Slot,
}

/// Every place in the form's order: per-child sections once for each child.
pub fn places<'a>(form: &'a Form, children: &'a [(ChildId, String)]) -> Vec<Place<'a>> {
    let mut out = Vec::new();
    for (n, section) in form.sections.iter().enumerate() {
        let each: Vec<Option<&(ChildId, String)>> = if section.per_child {
            children.iter().map(Some).collect()
        } else {
            vec![None]
        };
        for child in each {
            for field in &section.fields {
                let slot = match child {
                    Some((id, _)) => Slot::for_child(&section.id, *id, &field.id),
                    None => Slot::once(&section.id, &field.id),
                };
                out.push(Place {
                    section: (section, n + 1),
                    field,
                    child: child.map(|(_, name)| name.as_str()),
                    slot,
                });
            }
        }
    }
    out
}

/// The line that says which section a place is in.
pub fn section_line(form: &Form, place: &Place<'_>) -> String {
    let (section, n) = place.section;
    let mut line = format!(
        "Section {n} of {}: {}",
        form.sections.len(),
        for_terminal(&section.title)
    );
    if let Some(child) = place.child {
        line.push_str(&format!(", for {}", for_terminal(child)));
    }
    line.push('.');
    if section.child_voice {
        line.push_str(" This section is the child's voice.");
    }
    line
}

/// The lines that present one field: its number, label, whether it is
/// needed, its help, the answer now, what is wrong, and how to answer.
pub fn describe(
    form: &Form,
    place: &Place<'_>,
    answers: &Answers,
    problems: &Completeness,
    index: usize,
    total: usize,
) -> Vec<String> {
    let field = place.field;
    let label = for_terminal(&field.label);
    // A label that is a question keeps its own mark, without a full stop.
    let stop = if label.ends_with(['?', '.', '!']) {
        ""
    } else {
        "."
    };
    let mut head = format!("Field {} of {total}: {label}{stop}", index + 1);
    match &field.requirement {
        Requirement::Always => head.push_str(" Required."),
        Requirement::When(c) => {
            let label = form
                .field(&c.field)
                .map_or(c.field.as_str(), |(_, f)| f.label.as_str());
            let answers: Vec<&str> = c.any_of.iter().map(|a| answer_words(a)).collect();
            head.push_str(&format!(
                " Required when “{}” is {}.",
                for_terminal(label),
                for_terminal(&answers.join(" or "))
            ));
        }
        Requirement::Optional => head.push_str(" Optional."),
    }
    if form.is_child_voice(place.section.0, field) {
        head.push_str(" Child's voice: use the child's own words where you can.");
    }
    let mut lines = vec![head];
    if let Some(hint) = &field.hint {
        lines.push(format!("Help: {}", for_terminal(hint)));
    }
    lines.extend(answer_lines(&field.kind, answers.get(&place.slot)));
    for p in problems.at(&place.slot) {
        let word = if p.is_missing() {
            "Missing"
        } else {
            "Not accepted"
        };
        lines.push(format!("{word}: {}.", problem_words(form, p)));
    }
    lines.push(instruction(&field.kind));
    lines
}

/// The answer now, in words.
pub fn answer_lines(kind: &FieldKind, value: Option<&Value>) -> Vec<String> {
    let Some(value) = value.filter(|v| !v.is_blank()) else {
        return vec!["No answer yet.".to_owned()];
    };
    match value {
        Value::Text(t) if t.contains('\n') => {
            let mut lines = vec![format!("Answer now, {} lines:", t.lines().count())];
            lines.extend(t.lines().map(|l| for_terminal(l).into_owned()));
            lines.push("End of answer.".to_owned());
            lines
        }
        Value::Text(t) => vec![format!("Answer now: {}.", for_terminal(answer_words(t)))],
        Value::List(l) => vec![format!("Answer now: {}.", for_terminal(&l.join(", ")))],
        Value::Rows(rows) => {
            let FieldKind::Table(spec) = kind else {
                return vec![format!("Answer now: {} rows.", rows.len())];
            };
            let mut lines = vec![format!("Answer now, {} rows:", rows.len())];
            for (i, row) in rows.iter().enumerate() {
                let cells: Vec<String> = spec
                    .columns
                    .iter()
                    .map(|c| {
                        let v = row.get(&c.id).map_or("", String::as_str);
                        format!("{}: {}", c.label, if v.is_empty() { "blank" } else { v })
                    })
                    .collect();
                lines.push(format!(
                    "Row {}: {}.",
                    i + 1,
                    for_terminal(&cells.join("; "))
                ));
            }
            lines
        }
    }
}

/// How to type an answer of this kind.
pub fn instruction(kind: &FieldKind) -> String {
    match kind {
        FieldKind::Cell(CellKind::Text) => "Type the answer on one line.".into(),
        FieldKind::Cell(CellKind::Date { .. }) => {
            "Type a date, such as 21/11/2026 or 2026-11-21.".into()
        }
        FieldKind::Cell(CellKind::Time) => {
            "Type a time on the 24-hour clock, such as 09:30.".into()
        }
        FieldKind::Cell(CellKind::YesNo) => "Type yes or no.".into(),
        FieldKind::Cell(CellKind::Choice { options }) => {
            format!("Type the number of one option: {}.", numbered(options))
        }
        FieldKind::Cell(CellKind::Number { .. }) => "Type a number.".into(),
        FieldKind::Multiline => "Type the answer; it may take several lines. \
             Finish with a line holding only a full stop."
            .into(),
        FieldKind::Choices { options } => format!(
            "Type the numbers of every option that applies, separated by commas: {}.",
            numbered(options)
        ),
        FieldKind::Scale(s) => format!(
            "Type a number from {} ({}) to {} ({}).",
            s.min,
            for_terminal(&s.min_label),
            s.max,
            for_terminal(&s.max_label)
        ),
        FieldKind::Table(_) => "This is a table. The linear mode reads its rows but cannot \
             change them yet: use the full screen (casenotes without --linear) for it."
            .into(),
    }
}

fn numbered(options: &[String]) -> String {
    let parts: Vec<String> = options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{} {}", i + 1, for_terminal(o)))
        .collect();
    parts.join("; ")
}

/// The option a typed word or number names, if any.
fn option_named<'a>(options: &'a [String], typed: &str) -> Option<&'a String> {
    let t = typed.trim();
    if let Ok(n) = t.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| options.get(i));
    }
    options.iter().find(|o| o.trim().eq_ignore_ascii_case(t))
}

/// A typed answer read as the field's value, or a sentence saying what to
/// type instead. Dates and times are stored as the screens store them.
pub fn read_answer(kind: &FieldKind, typed: &str, today: NaiveDate) -> Result<Value, String> {
    let t = typed.trim();
    match kind {
        FieldKind::Cell(CellKind::Date { .. }) => Ok(Value::Text(normalise_typed_date(t, today))),
        FieldKind::Cell(CellKind::Time) => Ok(Value::Text(normalise_time(t))),
        FieldKind::Cell(CellKind::YesNo) => match t.to_lowercase().as_str() {
            "y" | "yes" => Ok(Value::Text("yes".into())),
            "n" | "no" => Ok(Value::Text("no".into())),
            _ => Err("That is not yes or no; type yes or no.".into()),
        },
        FieldKind::Cell(CellKind::Choice { options }) => option_named(options, t)
            .map(|o| Value::Text(o.clone()))
            .ok_or_else(|| {
                format!(
                    "That is not one of the options; type a number from 1 to {}.",
                    options.len()
                )
            }),
        FieldKind::Choices { options } => {
            let mut chosen = Vec::new();
            for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match option_named(options, part) {
                    Some(o) if !chosen.contains(o) => chosen.push(o.clone()),
                    Some(_) => {}
                    None => {
                        return Err(format!(
                            "{} is not one of the options; type numbers from 1 to {}, \
                             separated by commas.",
                            for_terminal(part),
                            options.len()
                        ));
                    }
                }
            }
            // Kept in the form's order, as the screens keep them.
            chosen.sort_by_key(|c| options.iter().position(|o| o == c));
            Ok(Value::List(chosen))
        }
        FieldKind::Table(_) => Err(instruction(kind)),
        FieldKind::Cell(CellKind::Text | CellKind::Number { .. }) | FieldKind::Scale(_) => {
            Ok(Value::Text(t.to_owned()))
        }
        FieldKind::Multiline => Ok(Value::Text(typed.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormSet;
    use crate::record::check;

    fn visit() -> Form {
        FormSet::built_in()
            .expect("built-in forms")
            .get("visit")
            .expect("the visit form")
            .clone()
    }

    #[test]
    fn typed_answers_are_read_as_the_screens_store_them() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
        let yes_no = FieldKind::Cell(CellKind::YesNo);
        assert_eq!(
            read_answer(&yes_no, " Y ", today),
            Ok(Value::Text("yes".into()))
        );
        assert!(read_answer(&yes_no, "maybe", today).is_err());
        let date = FieldKind::Cell(CellKind::Date { not_future: true });
        assert_eq!(
            read_answer(&date, "21/11/2026", today),
            Ok(Value::Text("2026-11-21".into()))
        );
        // The same quick dates as the form screen (record/date_entry.rs).
        assert_eq!(
            read_answer(&date, "y", today),
            Ok(Value::Text("2026-12-01".into()))
        );
        assert_eq!(
            read_answer(&date, "3 mar", today),
            Ok(Value::Text("2026-03-03".into()))
        );
        let options = vec!["Home".to_owned(), "School".to_owned(), "Office".to_owned()];
        let one = FieldKind::Cell(CellKind::Choice {
            options: options.clone(),
        });
        assert_eq!(
            read_answer(&one, "2", today),
            Ok(Value::Text("School".into()))
        );
        assert_eq!(
            read_answer(&one, "office", today),
            Ok(Value::Text("Office".into()))
        );
        assert!(read_answer(&one, "4", today).is_err());
        let many = FieldKind::Choices { options };
        assert_eq!(
            read_answer(&many, "3, 1, 3", today),
            Ok(Value::List(vec!["Home".into(), "Office".into()]))
        );
        assert!(read_answer(&many, "1, Garden", today).is_err());
    }

    #[test]
    fn a_field_is_said_in_words_with_what_is_missing() {
        let form = visit();
        let children = vec![(ChildId(1), "Child A".to_owned())];
        let places = places(&form, &children);
        let answers = Answers::new();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
        let problems = check(&form, &answers, &[ChildId(1)], today);
        let first = &places[0];
        let lines = describe(&form, first, &answers, &problems, 0, places.len());
        let text = lines.join("\n");
        assert!(
            text.starts_with(&format!("Field 1 of {}: ", places.len())),
            "{text}"
        );
        assert!(text.contains("No answer yet."), "{text}");
        assert!(text.contains("Missing: required."), "{text}");
        // Every per-child section comes once for the child, named.
        let voice = places
            .iter()
            .find(|p| p.section.0.child_voice)
            .expect("a child's voice section");
        assert!(section_line(&form, voice).contains("for Child A"));
        assert!(section_line(&form, voice).contains("the child's voice"));
    }
}
