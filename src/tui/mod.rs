//! The terminal interface (see docs/tui.md): screens as plain state,
//! updated by events, drawn without side effects. The only module that
//! touches the terminal; it reaches the database only through `store`.

pub mod app;
pub mod ascii;
pub mod chrome;
pub mod chronology_view;
pub mod dialogs;
pub mod due_tally;
pub mod due_view;
pub mod echo;
pub mod effects;
pub mod family;
mod family_lines;
pub mod form_adapter;
pub mod form_screen;
pub mod graphemes;
pub mod help;
pub mod home;
mod home_filter;
pub mod input;
pub mod key_reference;
pub mod keymap;
pub mod lean_backend;
pub mod list;
pub mod log_view;
pub mod preview;
pub mod record_view;
pub mod register_view;
pub mod render_cache;
pub mod resume;
pub mod review;
pub mod runtime;
pub mod search_view;
pub mod term_caps;
pub mod term_out;
pub mod text;
pub mod theme;
pub mod theme_config;
pub mod tour_view;
