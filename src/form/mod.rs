//! The form language: TOML files describing the structured screens, read
//! into checked types. Reads text; never touches the terminal or the store.

mod builtin;
pub mod carry;
mod diagnostic;
pub mod examples;
mod load;
mod model;
mod outline;
mod raw;
mod set;

pub use builtin::BUILT_IN;
pub use diagnostic::{Diagnostic, FormError, LineIndex, line_column};
pub use load::{
    MAX_COLUMNS, MAX_CONDITION_ANSWERS, MAX_FIELDS, MAX_FIELDS_PER_SECTION, MAX_FORM_BYTES,
    MAX_GUIDANCE_CHARS, MAX_OPTIONS, MAX_PROBLEMS, MAX_SECTIONS, MAX_TEXT_CHARS, NUMBER_LIMIT,
    SCALE_LIMIT, parse_form,
};
pub use model::{
    AUDIT_ANSWERS, AUDIT_PROPOSED, ActionColumns, CarryForward, CellKind, ChronologyColumns,
    Column, ColumnCondition, Condition, Contradiction, Field, FieldKind, Form, FormSource, Prefill,
    Requirement, ScaleSpec, Section, TableRole, TableSpec, Timescale, audit_standard,
};
pub use outline::outline_markdown;
pub(crate) use outline::{describe as describe_kind, describe_cell};
pub use set::{FormSet, MAX_FORM_FILES};
