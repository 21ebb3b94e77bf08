//! A gentle check on SMART actions (issue 10): a "by when" earlier than
//! the record's own date is almost always a slip (last year's date, day
//! and month swapped), so it is said before finalising. It is a warning,
//! not a problem: an action may rightly record what was due before the
//! meeting, so nothing here stops a record being finalised.

use super::answers::{Answers, Slot, Value};
use super::value_check::parse_date;
use crate::form::{FieldKind, Form, TableRole};

/// One sentence per action row whose "by when" is before the record's
/// date, naming the table's label and the row (counted from 1).
pub fn action_date_warnings(form: &Form, answers: &Answers) -> Vec<String> {
    let Some(event) = form.event_date_field.as_deref().and_then(|f| {
        let (section, _) = form.field(f)?;
        parse_date(answers.text(&Slot::once(&section.id, f))?)
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for section in form.sections.iter().filter(|s| !s.per_child) {
        for field in &section.fields {
            let FieldKind::Table(spec) = &field.kind else {
                continue;
            };
            let TableRole::Actions(cols) = &spec.role else {
                continue;
            };
            let Some(Value::Rows(rows)) = answers.get(&Slot::once(&section.id, &field.id)) else {
                continue;
            };
            for (i, row) in rows.iter().enumerate() {
                let Some(by) = row.get(&cols.by_when).and_then(|t| parse_date(t)) else {
                    continue;
                };
                if by < event {
                    out.push(format!(
                        "{}, row {}: \u{201c}by when\u{201d} ({}) is before this record's date ({}); check it.",
                        field.label,
                        i + 1,
                        crate::dates::for_people(by),
                        crate::dates::for_people(event),
                    ));
                }
            }
        }
    }
    out
}
