//! The form language: TOML files describing the structured screens, read
//! into checked types. Reads text; never touches the terminal or the store.

mod builtin;
mod diagnostic;
mod load;
mod model;
mod outline;
mod raw;
mod set;

pub use builtin::BUILT_IN;
pub use diagnostic::{Diagnostic, FormError, line_column};
pub use load::{MAX_FORM_BYTES, parse_form};
pub use model::{
    CellKind, ChronologyColumns, Column, Condition, Field, FieldKind, Form, FormSource,
    Requirement, ScaleSpec, Section, TableSpec, Timescale,
};
pub use outline::outline_markdown;
pub use set::FormSet;
