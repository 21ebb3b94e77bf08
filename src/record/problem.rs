//! A problem at one place of a record: a required answer missing, an
//! answer that does not read as its kind, a row half filled, two answers
//! that contradict each other. Found by `completeness` and
//! `contradiction_check`, said to people by `problem_words`.

use super::answers::Slot;
use super::value_check::ValueError;
use std::fmt;

/// What is wrong at one place.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// A required answer is blank.
    Missing,
    /// Blank, and required because another answer says so.
    MissingBecause {
        /// The field whose answer made this one required.
        field: String,
        /// That answer.
        answer: String,
    },
    /// An answer is present but cannot be accepted.
    Invalid(ValueError),
    /// A required table has fewer complete rows than it needs.
    TooFewRows {
        /// Complete rows needed.
        need: u32,
        /// Complete rows present.
        have: u32,
    },
    /// A table row has something in it but a required column is blank.
    RowIncomplete {
        /// Row number from 0.
        row: usize,
        /// The blank required column's id.
        column: String,
    },
    /// Two answers the form says cannot both stand; the form's sentence.
    Contradiction(String),
    /// A table cell holds something that cannot be accepted.
    InvalidCell {
        /// Row number from 0.
        row: usize,
        /// Column id.
        column: String,
        /// Why.
        error: ValueError,
    },
}

/// One problem and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Where: section, child (for per-child sections) and field.
    pub slot: Slot,
    /// What.
    pub kind: ProblemKind,
}

impl Problem {
    /// Whether the problem is a blank that must be filled (as opposed to an
    /// answer that is there but wrong).
    pub fn is_missing(&self) -> bool {
        matches!(
            self.kind,
            ProblemKind::Missing
                | ProblemKind::MissingBecause { .. }
                | ProblemKind::TooFewRows { .. }
                | ProblemKind::RowIncomplete { .. }
        )
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Missing => f.write_str("required"),
            ProblemKind::MissingBecause { field, answer } => {
                write!(f, "required because {field} is {answer}")
            }
            ProblemKind::Invalid(e) => write!(f, "answer {e}"),
            ProblemKind::TooFewRows { need, have } => {
                write!(f, "needs {need} complete row(s), has {have}")
            }
            ProblemKind::RowIncomplete { row, column } => {
                write!(f, "row {} needs {column}", row + 1)
            }
            ProblemKind::InvalidCell { row, column, error } => {
                write!(f, "row {} {column} {error}", row + 1)
            }
            ProblemKind::Contradiction(message) => f.write_str(message),
        }
    }
}
