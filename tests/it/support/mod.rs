//! Fixtures shared by the test modules.

pub mod form_screen;
pub mod forms;
pub mod pty;
pub mod store;
pub mod tui_app;
