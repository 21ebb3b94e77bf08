//! A record's answers and what they still lack. Pure: no I/O, no clock
//! (today's date is always passed in).

mod action_dates;
mod answers;
mod completeness;
mod contradiction_check;
mod date_entry;
mod ids;
mod place;
mod prefill;
mod problem;
pub mod problem_words;
mod typed;
mod value_check;

pub use action_dates::action_date_warnings;
pub use answers::{Answers, Row, Slot, Value, row_is_blank};
pub use completeness::{
    Completeness, Problem, ProblemKind, check, is_unneeded, only_blankness_counts,
};
pub use date_entry::{date_for_people, date_with_weekday, normalise_typed_date, read_typed_date};
pub use ids::{ChildId, FamilyId, RecordId};
pub use place::DraftPlace;
pub use prefill::prefilled;
pub use typed::{normalise_time, read_date};
pub use value_check::{
    ValueError, check_cell, check_scale, parse_date, parse_time, why_not_a_date,
};
