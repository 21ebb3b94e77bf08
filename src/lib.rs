//! casenotes: structured case notes for children's social care.
//!
//! The layers follow `docs/design.md`: `form` (the TOML form language),
//! `record` (answers and their completeness), `store` (SQLite), `timescale`
//! (working days and due dates), `export`, and `tui`. Only `tui` touches the
//! terminal and only `store` speaks SQL.

pub mod chronology;
pub mod cli;
pub mod config;
pub mod demo;
pub mod export;
pub mod form;
pub mod identity;
pub mod record;
pub mod safe_text;
pub mod store;
pub mod timescale;
pub mod tui;
