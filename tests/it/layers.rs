//! The layers of docs/design.md, kept by reading the source: the terminal
//! interface never reaches into the command line (the use cases both share
//! live in `service/`), the core and the service layer never touch the
//! terminal or SQLite (only `store/` speaks SQL), and the command line
//! never draws on the terminal or uses the terminal interface. A plain text search: a mention in a comment
//! counts too, which keeps the rule easy to state and to check by eye.

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `path` (or `path` itself when it is a file).
fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let p = entry.expect("a folder entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// `file:line: the line` for every line in the files under each of
/// `places` (relative to `src/`) that mentions any of `words`.
fn mentions(places: &[&str], words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for place in places {
        let files = rust_files(&src().join(place));
        // A folder renamed or emptied must not make the rule pass unseen.
        assert!(!files.is_empty(), "no Rust files under src/{place}");
        for file in files {
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
            for (n, line) in text.lines().enumerate() {
                if words.iter().any(|w| line.contains(w)) {
                    let shown = file.strip_prefix(src()).unwrap_or(&file).display();
                    found.push(format!("src/{shown}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_terminal_interface_never_reaches_into_the_command_line() {
    let found = mentions(&["tui"], &["crate::cli", "super::super::cli"]);
    assert!(
        found.is_empty(),
        "src/tui/ uses the command line; put what both need in src/service/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_and_the_use_cases_touch_neither_the_terminal_nor_sqlite() {
    let found = mentions(
        &[
            "form",
            "record",
            "timescale",
            "export",
            "chronology.rs",
            "service",
            "writing",
            "audit_evidence",
        ],
        &["ratatui", "crossterm", "rusqlite"],
    );
    assert!(
        found.is_empty(),
        "the core and src/service/ must not draw on the terminal or speak SQL \
         (the service layer goes through the store):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_use_cases_sit_below_both_interfaces() {
    let found = mentions(&["service"], &["crate::tui", "crate::cli"]);
    assert!(
        found.is_empty(),
        "src/service/ is called by the command line and the terminal interface, \
         never the other way round:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_command_line_never_draws_on_the_terminal() {
    let found = mentions(&["cli"], &["ratatui", "crossterm", "crate::tui"]);
    assert!(
        found.is_empty(),
        "src/cli/ prints; only src/tui/ touches the terminal, and what both \
         need lives in src/service/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_terminal_interface_reaches_the_store_only_through_the_use_cases() {
    let found = mentions(&["tui"], &["crate::store", "rusqlite"]);
    assert!(
        found.is_empty(),
        "src/tui/ calls the store; ask src/service/ (CaseFile) instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_linear_mode_stands_on_the_core_and_the_service_layer_not_the_screens() {
    let found = mentions(
        &["linear"],
        &[
            "ratatui",
            "crossterm",
            "rusqlite",
            "crate::store",
            "crate::tui",
            "crate::cli",
        ],
    );
    assert!(
        found.is_empty(),
        "src/linear/ prints plain lines through the service layer and the core; it \
         never uses the screens, the command line, the store or SQLite:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_command_line_reaches_the_store_only_through_the_use_cases() {
    let found = mentions(&["cli"], &["crate::store", "rusqlite"]);
    assert!(
        found.is_empty(),
        "src/cli/ calls the store; ask src/service/ (CaseFile) instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn dates_people_read_have_one_format() {
    // issue 10: review, exports and screens printed dates three ways. What
    // a person reads goes through src/dates.rs (dd/mm/yyyy, the weekday
    // where there is room); the store and JSON keep ISO on their own side.
    let found = mentions(
        &[
            "tui",
            "export",
            "cli/log_cmd.rs",
            "service/export.rs",
            "service/clock.rs",
        ],
        &[
            "format(\"%Y-%m-%d",
            "format(\"%d/%m/%Y",
            "format(\"%-d %b",
            "format(\"%A",
            "format(\"%a",
        ],
    );
    assert!(
        found.is_empty(),
        "a date shown to people is formatted by hand; use crate::dates:\n{}",
        found.join("\n")
    );
}
