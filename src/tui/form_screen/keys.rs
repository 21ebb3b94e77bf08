//! The form screen's key table: every key it answers, with the field
//! kind under which each row applies, for the footer, the help overlay
//! and the README's key list.

use crate::tui::keymap::{KeyTable, action, bind};

/// When a row of the form's keys applies: the field with the cursor
/// decides the first rows, which the footer shows first.
#[derive(Clone, Copy, Debug)]
pub enum FormKeys {
    /// A finalised record, read only.
    ReadOnly,
    /// A text field of several lines.
    Multiline,
    /// A date.
    Date,
    /// A yes/no answer.
    YesNo,
    /// One choice of several.
    Choice,
    /// Boxes to tick.
    Choices,
    /// A scale.
    Scale,
    /// A table (SMART actions).
    Table,
    /// Any field of a draft.
    Editing,
    /// Any field of a draft but a text of several lines (whose own rows
    /// say the same, so the help still fits at 80x24).
    NotMultiline,
    /// Any field of a draft but a table (as `NotMultiline`).
    NotTable,
    /// A page with an audit's evidence on it (issue 16).
    Evidence,
}

/// The form's keys. The last rows are what works somewhere in a form, for
/// the help overlay (the footer shows only the first few); kept short
/// enough to fit the overlay at 80x24.
pub const KEYS: KeyTable<FormKeys> = KeyTable {
    screen: "form",
    rows: &[
        action(
            FormKeys::Evidence,
            "evidence",
            "open a record the evidence names",
        ),
        bind(FormKeys::ReadOnly, "↑/↓", "field"),
        bind(FormKeys::ReadOnly, "PgDn/PgUp", "section"),
        action(FormKeys::ReadOnly, "review", "review"),
        bind(FormKeys::ReadOnly, "Esc", "back"),
        bind(FormKeys::Multiline, "Enter", "new line"),
        bind(
            FormKeys::Multiline,
            "Ctrl-X/V Z/Y",
            "cut/paste, undo/redo a word",
        ),
        bind(FormKeys::Date, "DD/MM/YYYY t y", "date, today, yesterday"),
        bind(FormKeys::YesNo, "y/n ←/→", "answer"),
        bind(FormKeys::Choice, "↑/↓ Space ←/→", "pick"),
        bind(FormKeys::Choices, "↑/↓ Space", "tick"),
        bind(FormKeys::Scale, "←/→", "move"),
        bind(FormKeys::Table, "Ctrl-A", "add row"),
        bind(FormKeys::Table, "Ctrl-D", "delete row"),
        bind(FormKeys::Editing, "Tab/Shift-Tab", "next/previous field"),
        bind(FormKeys::Editing, "PgDn/PgUp", "section"),
        action(FormKeys::Editing, "next_missing", "next missing"),
        bind(FormKeys::Editing, "F7", "writing help: fixes"),
        action(
            FormKeys::Editing,
            "guidance",
            "guidance (Shift-PgDn/PgUp scrolls it)",
        ),
        action(FormKeys::Editing, "last_record", "last record of this form"),
        bind(FormKeys::Editing, "Ctrl-S", "save"),
        action(FormKeys::Editing, "review", "review"),
        bind(FormKeys::Editing, "Esc", "back"),
        bind(
            FormKeys::Editing,
            "Ctrl-←/→ Shift",
            "jump a word, select text",
        ),
        // Ctrl-C quits everywhere, as the help's last lines say.
        bind(
            FormKeys::NotMultiline,
            "Ctrl-X/V Z/Y",
            "cut/paste, undo/redo a word",
        ),
        bind(
            FormKeys::Editing,
            "y/n Space 1-9",
            "answer yes/no, pick or tick a choice",
        ),
        bind(FormKeys::Editing, "←/→ Home/End", "move on a scale"),
        bind(
            FormKeys::NotTable,
            "Ctrl-A/Ctrl-D",
            "add/delete a table row",
        ),
        bind(FormKeys::Editing, "Delete", "clear a picked answer"),
    ],
};
