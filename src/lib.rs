//! casenotes: structured case notes for children's social care.
//!
//! The layers follow `docs/design.md`: `form` (the TOML form language),
//! `record` (answers and their completeness), `store` (SQLite), `timescale`
//! (working days and due dates), `export`, `service` (the use cases the
//! command line and the terminal interface share), `cli` and `tui`. Only
//! `tui` touches the terminal and only `store` speaks SQL.
//!
//! The core in a few lines: read a form, answer some of it, ask what is
//! still missing.
//!
//! ```
//! use casenotes::form::{FormSource, parse_form};
//! use casenotes::record::{Answers, Slot, Value, check};
//!
//! let form = parse_form(
//!     "note.toml",
//!     r#"
//! id = "note"
//! version = 1
//! title = "Note"
//! purpose = "An example."
//!
//! [[section]]
//! id = "visit"
//! title = "Visit"
//!
//! [[section.field]]
//! id = "seen"
//! label = "Was the child seen?"
//! kind = "yes_no"
//! required = true
//!
//! [[section.field]]
//! id = "why_not"
//! label = "Why not?"
//! kind = "multiline"
//! required_when = { field = "seen", is = "no" }
//! "#,
//!     FormSource::BuiltIn,
//! )?;
//! let mut answers = Answers::new();
//! answers.set(Slot::once("visit", "seen"), Value::Text("no".into()));
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
//! let missing = check(&form, &answers, &[], today);
//! assert_eq!(missing.problems.len(), 1);
//! assert_eq!(missing.problems[0].slot.field, "why_not");
//! # Ok::<(), casenotes::form::FormError>(())
//! ```

pub mod audit_evidence;
pub mod chronology;
pub mod cli;
pub mod config;
pub mod dates;
pub mod demo;
pub mod export;
pub mod form;
pub mod identity;
pub mod keys;
pub mod linear;
pub mod record;
pub mod safe_text;
pub mod service;
pub mod store;
pub mod sys;
pub mod timescale;
pub mod tui;
pub mod user;
pub mod writing;
