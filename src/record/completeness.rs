//! What is still missing or wrong in a record: required answers not given
//! (conditional requirements applied), answers that do not read as their
//! kind, incomplete table rows. The TUI calls this on every keystroke and
//! finalising depends on it, so it is pure and allocation-light.

use super::answers::{Answers, Slot, Value, row_is_blank};
use super::ids::ChildId;
use super::value_check::{ValueError, check_cell, check_scale};
use crate::form::{
    CellKind, Condition, Contradiction, Field, FieldKind, Form, Requirement, Section, TableSpec,
};
use chrono::NaiveDate;

pub use super::problem::{Problem, ProblemKind};

/// Everything wrong with a record, in the form's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Completeness {
    /// The problems, section by section, child by child, field by field.
    pub problems: Vec<Problem>,
}

impl Completeness {
    /// Whether the record can be finalised.
    pub fn is_complete(&self) -> bool {
        self.problems.is_empty()
    }

    /// Problems in one section, for one child when it repeats.
    pub fn in_section<'a>(
        &'a self,
        section: &'a str,
        child: Option<ChildId>,
    ) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems
            .iter()
            .filter(move |p| p.slot.section == section && p.slot.child == child)
    }

    /// Problems in one section counting every child.
    pub fn count_in_section(&self, section: &str) -> usize {
        self.problems
            .iter()
            .filter(|p| p.slot.section == section)
            .count()
    }

    /// The problems at one slot.
    pub fn at<'a>(&'a self, slot: &'a Slot) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| &p.slot == slot)
    }
}

/// Checks answers against their form. `children` are the children the
/// record is about (each per-child section is checked once for each);
/// `today` is passed in so that "not in the future" is deterministic.
pub fn check(
    form: &Form,
    answers: &Answers,
    children: &[ChildId],
    today: NaiveDate,
) -> Completeness {
    let mut out = Completeness::default();
    for section in &form.sections {
        if section.per_child {
            for &child in children {
                check_section(
                    form,
                    section,
                    Some(child),
                    answers,
                    today,
                    &mut out.problems,
                );
            }
        } else {
            check_section(form, section, None, answers, today, &mut out.problems);
        }
    }
    super::contradiction_check::check_contradictions(form, answers, children, &mut out.problems);
    out
}

/// Whether a change to this field's text can alter the problems found only
/// when the answer turns blank or stops being blank: free text (a
/// multi-line answer or a one-line text cell) that no condition and no
/// contradiction of the form reads. For such a field, typing one more
/// letter into a non-blank answer leaves [`check`]'s result as it was, so
/// the form screen need not check the whole form on every keystroke.
pub fn only_blankness_counts(form: &Form, field: &Field) -> bool {
    let free = matches!(
        field.kind,
        FieldKind::Multiline | FieldKind::Cell(CellKind::Text)
    );
    let id = field.id.as_str();
    let read_by_condition = form
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| matches!(&f.requirement, Requirement::When(c) if c.field == id));
    let read_by_contradiction = form.contradictions.iter().any(|c| match c {
        Contradiction::Answers { when, and, .. } => when.field == id || and.field == id,
        Contradiction::DateOrder { date, before, .. } => date == id || before == id,
    });
    free && !read_by_condition && !read_by_contradiction
}

fn check_section(
    form: &Form,
    section: &Section,
    child: Option<ChildId>,
    answers: &Answers,
    today: NaiveDate,
    out: &mut Vec<Problem>,
) {
    for field in &section.fields {
        let slot = Slot {
            section: section.id.clone(),
            child,
            field: field.id.clone(),
        };
        let value = answers.get(&slot).filter(|v| !v.is_blank());
        let required = requirement_applies(form, field, child, answers);
        match value {
            None => {
                if let Some(kind) = required {
                    out.push(Problem { slot, kind });
                }
            }
            Some(v) => check_value(field, v, required.is_some(), today, slot, out),
        }
    }
}

/// If the field is required given the other answers, the problem its
/// absence would be.
fn requirement_applies(
    form: &Form,
    field: &Field,
    child: Option<ChildId>,
    answers: &Answers,
) -> Option<ProblemKind> {
    match &field.requirement {
        Requirement::Optional => None,
        Requirement::Always => Some(ProblemKind::Missing),
        Requirement::When(cond) => {
            condition_answer(form, cond, child, answers).map(|answer| ProblemKind::MissingBecause {
                field: cond.field.clone(),
                answer,
            })
        }
    }
}

/// Whether the other answers make a field unnecessary: it is needed only
/// when another field has certain answers, and that field is answered
/// otherwise ("why not seen" once the child was seen). A field whose
/// deciding answer is still blank is not yet unnecessary.
pub fn is_unneeded(form: &Form, field: &Field, child: Option<ChildId>, answers: &Answers) -> bool {
    unneeded_within(form, field, child, answers, CHAIN_LIMIT)
}

fn unneeded_within(
    form: &Form,
    field: &Field,
    child: Option<ChildId>,
    answers: &Answers,
    depth: usize,
) -> bool {
    let Requirement::When(cond) = &field.requirement else {
        return false;
    };
    let decided = condition_slot(form, cond, child)
        .and_then(|slot| answers.get(&slot))
        .is_some_and(|v| !v.is_blank());
    decided && condition_answer_within(form, cond, child, answers, depth).is_none()
}

/// The slot of the answer a condition reads, for a field of `child`.
fn condition_slot(form: &Form, cond: &Condition, child: Option<ChildId>) -> Option<Slot> {
    let (section, _) = form.field(&cond.field)?;
    // The checker only lets a per-child field be named from its own section,
    // so the child to read is this one; a once-section field has no child.
    Some(Slot {
        section: section.id.clone(),
        child: if section.per_child { child } else { None },
        field: cond.field.clone(),
    })
}

/// How far a chain of conditions is followed ("why not alone" needs "seen
/// alone", which needs "seen"); a form's chains are short, and a circle of
/// conditions (which the form checker does not refuse beyond a field
/// naming itself) stops here rather than recursing for ever.
const CHAIN_LIMIT: usize = 8;

/// The answer that meets the condition, if one does. An answer left in a
/// field the other answers make unnecessary meets nothing: "seen alone:
/// no" asks for no reason once the child was not seen at all.
fn condition_answer(
    form: &Form,
    cond: &Condition,
    child: Option<ChildId>,
    answers: &Answers,
) -> Option<String> {
    condition_answer_within(form, cond, child, answers, CHAIN_LIMIT)
}

fn condition_answer_within(
    form: &Form,
    cond: &Condition,
    child: Option<ChildId>,
    answers: &Answers,
    depth: usize,
) -> Option<String> {
    if depth > 0
        && let Some((_, deciding)) = form.field(&cond.field)
        && unneeded_within(form, deciding, child, answers, depth - 1)
    {
        return None;
    }
    let slot = condition_slot(form, cond, child)?;
    match answers.get(&slot)? {
        Value::Text(t) => {
            let t = t.trim();
            cond.any_of.iter().find(|a| a.as_str() == t).cloned()
        }
        Value::List(chosen) => cond
            .any_of
            .iter()
            .find(|a| chosen.iter().any(|c| c == *a))
            .cloned(),
        Value::Rows(_) => None,
    }
}

fn check_value(
    field: &Field,
    value: &Value,
    required: bool,
    today: NaiveDate,
    slot: Slot,
    out: &mut Vec<Problem>,
) {
    let invalid = |e| ProblemKind::Invalid(e);
    let kind = match (&field.kind, value) {
        (FieldKind::Cell(k), Value::Text(t)) => check_cell(k, t, today).err().map(invalid),
        (FieldKind::Multiline, Value::Text(_)) => None,
        (FieldKind::Scale(s), Value::Text(t)) => check_scale(s, t).err().map(invalid),
        (FieldKind::Choices { options }, Value::List(chosen)) => chosen
            .iter()
            .find(|c| !options.contains(c))
            .map(|_| invalid(ValueError::NotAnOption)),
        (FieldKind::Table(spec), Value::Rows(rows)) => {
            check_rows(spec, rows, required, today, &slot, out);
            None
        }
        // An answer stored with another shape than the form now asks for
        // (the form changed kind): it is kept, but cannot be accepted as is.
        _ => Some(invalid(ValueError::NotAnOption)),
    };
    if let Some(kind) = kind {
        out.push(Problem { slot, kind });
    }
}

fn check_rows(
    spec: &TableSpec,
    rows: &[super::answers::Row],
    required: bool,
    today: NaiveDate,
    slot: &Slot,
    out: &mut Vec<Problem>,
) {
    let mut complete = 0u32;
    for (i, row) in rows.iter().enumerate() {
        if row_is_blank(row) {
            continue;
        }
        let mut row_ok = true;
        for col in &spec.columns {
            let cell = row.get(&col.id).map(|s| s.trim()).unwrap_or("");
            if cell.is_empty() {
                let asked = col
                    .required_when
                    .as_ref()
                    .is_some_and(|w| row.get(&w.column).map(|s| s.trim()) == Some(w.is.as_str()));
                if col.required || asked {
                    row_ok = false;
                    out.push(Problem {
                        slot: slot.clone(),
                        kind: ProblemKind::RowIncomplete {
                            row: i,
                            column: col.id.clone(),
                        },
                    });
                }
            } else if let Err(error) = check_cell(&col.kind, cell, today) {
                row_ok = false;
                out.push(Problem {
                    slot: slot.clone(),
                    kind: ProblemKind::InvalidCell {
                        row: i,
                        column: col.id.clone(),
                        error,
                    },
                });
            }
        }
        if row_ok {
            complete += 1;
        }
    }
    if required && complete < spec.min_rows {
        out.push(Problem {
            slot: slot.clone(),
            kind: ProblemKind::TooFewRows {
                need: spec.min_rows,
                have: complete,
            },
        });
    }
}
