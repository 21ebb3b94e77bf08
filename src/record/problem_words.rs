//! Problems from completeness said in people's words: labels instead of
//! ids, "Yes" instead of "yes", and how to type a date that is not read
//! yet. Shared by the form screen, the review screen and the linear mode.

use super::{Problem, ProblemKind, ValueError};
use crate::form::{FieldKind, Form};

/// One problem as a short sentence, without the field's own label.
pub fn describe(form: &Form, problem: &Problem) -> String {
    match &problem.kind {
        ProblemKind::Missing => "required".to_owned(),
        ProblemKind::MissingBecause { field, answer } => {
            let label = form
                .field(field)
                .map_or(field.as_str(), |(_, f)| f.label.as_str());
            format!("required because “{label}” is {}", answer_words(answer))
        }
        ProblemKind::Invalid(e) => value_error(e),
        ProblemKind::TooFewRows { need, have } => {
            let rows = if *need == 1 { "row" } else { "rows" };
            format!("needs at least {need} complete {rows}; has {have}")
        }
        ProblemKind::RowIncomplete { row, column } => {
            let label = column_label(form, &problem.slot.field, column);
            format!("row {}: {label} is required", row.saturating_add(1))
        }
        ProblemKind::InvalidCell { row, column, error } => {
            let label = column_label(form, &problem.slot.field, column);
            format!(
                "row {}: {label} {}",
                row.saturating_add(1),
                value_error(error)
            )
        }
        ProblemKind::Contradiction(message) => message.clone(),
    }
}

/// Why a present answer is not accepted, with what to type instead.
pub fn value_error(e: &ValueError) -> String {
    match e {
        ValueError::NotADate => "not a date yet: type DD/MM/YYYY or YYYY-MM-DD".to_owned(),
        ValueError::DateInFuture => "is after today: record the day it happened".to_owned(),
        ValueError::NotATime => "not a time yet: type HH:MM (24-hour clock)".to_owned(),
        other => other.to_string(),
    }
}

/// A stored yes/no answer as shown; other answers unchanged.
pub fn answer_words(answer: &str) -> &str {
    match answer {
        "yes" => "Yes",
        "no" => "No",
        other => other,
    }
}

fn column_label<'a>(form: &'a Form, field: &str, column: &'a str) -> &'a str {
    match form.field(field).map(|(_, f)| &f.kind) {
        Some(FieldKind::Table(spec)) => spec
            .columns
            .iter()
            .find(|c| c.id == column)
            .map_or(column, |c| c.label.as_str()),
        _ => column,
    }
}
