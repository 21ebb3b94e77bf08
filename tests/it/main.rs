//! Every integration test, in one binary: each links the whole crate
//! (SQLite included), so one binary is one link instead of one per file.
//! A module per area keeps each file's name in the test names
//! (`cargo test e2e_safety::`), and `support/` holds the shared fixtures.
//! The modules run side by side in one process, so no test may change
//! what the process shares (environment, current folder, signal
//! handlers): a child process gets its environment passed to it.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
// measurements and fixtures, not stored values

// The pseudo-terminal and end-to-end tests reach processes and terminals
// directly (signals, descriptors); unsafe code is denied in the crate.
#![allow(unsafe_code)]

mod support;

mod audit_evidence;
mod cli_actions;
mod cli_audit_log;
mod cli_chain;
mod cli_check;
mod cli_demo_config;
mod cli_discard;
mod cli_due;
mod cli_exit_codes;
mod cli_export;
mod cli_log;
mod cli_safe_output;
mod cli_shell;
mod cli_trainer;
mod cli_users;
mod cli_writing;
mod completeness;
mod docs_keys;
mod due_rules;
mod e2e_input;
mod e2e_keys;
mod e2e_linear;
mod e2e_lookup;
mod e2e_memory;
mod e2e_pty;
mod e2e_read_only;
mod e2e_resume_place;
mod e2e_safety;
mod e2e_suspend;
mod e2e_terminals;
mod export;
mod export_child;
mod export_demo;
mod export_html;
mod form_schema;
mod forms_actions;
mod forms_builtin;
mod forms_checker;
mod forms_contradictions;
mod forms_fuzz;
mod layers;
mod packaging;
mod service_due_list;
mod service_writer;
mod store_actions;
mod store_concurrency;
mod store_discard;
mod store_draft_place;
mod store_due_facts;
mod store_due_summary;
mod store_migration;
mod store_people;
mod store_presence;
mod store_refusals;
mod store_roles;
mod store_roundtrip;
mod store_scale;
mod store_search;
mod store_sessions;
mod store_users;
mod store_writing;
mod tui_app;
mod tui_app_edit;
mod tui_app_oversight;
mod tui_audit;
mod tui_chronology;
mod tui_colleague;
mod tui_comments;
mod tui_discard;
mod tui_due;
mod tui_export;
mod tui_form_entry;
mod tui_form_screen;
mod tui_log;
mod tui_lookup;
mod tui_people;
mod tui_preview;
mod tui_tour;
mod tui_users;
mod tui_writing;
mod writing_corpus;
mod writing_kinds;
