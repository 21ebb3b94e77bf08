//! The terminal interface (see docs/tui.md): screens as plain state,
//! updated by events, drawn without side effects. The only module that
//! touches the terminal; it reaches the database only through `store`.

pub mod text;
pub mod theme;
