//! The contradictions a form declares (`[[contradiction]]`), checked as
//! findings like missing answers: two answers that cannot both stand, or
//! a date before one it must not precede. A finding is placed at the
//! second field named (`and`, or `date`), once for each child when either
//! field is answered per child.

use super::answers::{Answers, Slot, Value};
use super::ids::ChildId;
use super::problem::{Problem, ProblemKind};
use super::value_check::parse_date;
use crate::form::{Condition, Contradiction, Form};

/// The slot of `field` for `child` (ignored for a field answered once).
fn slot(form: &Form, field: &str, child: Option<ChildId>) -> Option<Slot> {
    let (section, _) = form.field(field)?;
    Some(Slot {
        section: section.id.clone(),
        child: if section.per_child { child } else { None },
        field: field.to_owned(),
    })
}

fn holds(form: &Form, cond: &Condition, child: Option<ChildId>, answers: &Answers) -> bool {
    let Some(s) = slot(form, &cond.field, child) else {
        return false;
    };
    match answers.get(&s) {
        Some(Value::Text(t)) => cond.any_of.iter().any(|a| a == t.trim()),
        Some(Value::List(l)) => cond.any_of.iter().any(|a| l.contains(a)),
        _ => false,
    }
}

fn date_at(
    form: &Form,
    field: &str,
    child: Option<ChildId>,
    answers: &Answers,
) -> Option<chrono::NaiveDate> {
    parse_date(answers.text(&slot(form, field, child)?)?)
}

/// Appends a finding for each contradiction that holds.
pub(super) fn check_contradictions(
    form: &Form,
    answers: &Answers,
    children: &[ChildId],
    out: &mut Vec<Problem>,
) {
    for c in &form.contradictions {
        let (a, b) = match c {
            Contradiction::Answers { when, and, .. } => (&when.field, &and.field),
            Contradiction::DateOrder { date, before, .. } => (before, date),
        };
        let per_child = [a, b]
            .iter()
            .any(|f| form.field(f).is_some_and(|(s, _)| s.per_child));
        let who: Vec<Option<ChildId>> = if per_child {
            children.iter().copied().map(Some).collect()
        } else {
            vec![None]
        };
        for child in who {
            let (found, at, message) = match c {
                Contradiction::Answers { when, and, message } => (
                    holds(form, when, child, answers) && holds(form, and, child, answers),
                    &and.field,
                    message,
                ),
                Contradiction::DateOrder {
                    date,
                    before,
                    message,
                } => (
                    date_at(form, date, child, answers)
                        .zip(date_at(form, before, child, answers))
                        .is_some_and(|(d, b)| d < b),
                    date,
                    message,
                ),
            };
            if found && let Some(slot) = slot(form, at, child) {
                out.push(Problem {
                    slot,
                    kind: ProblemKind::Contradiction(message.clone()),
                });
            }
        }
    }
}
