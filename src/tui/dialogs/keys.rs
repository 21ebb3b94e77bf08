//! The dialogs' key tables (see `tui/keymap.rs`).

use crate::tui::keymap::{KeyTable, bind};

/// When a row of a form dialog's keys applies: Space does what the
/// dialog's fields let it do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormDialogKeys {
    /// Boxes to tick and a choice to make.
    TickOrChoose,
    /// Only a choice (on the last field).
    ChooseOnly,
    /// Only boxes to tick.
    TickOnly,
    /// Always.
    Always,
}

/// The keys of the dialogs that ask for details (new family, child, entry).
pub const FORM_DIALOG_KEYS: KeyTable<FormDialogKeys> = KeyTable {
    screen: "dialogs (new family, child, chronology entry)",
    rows: &[
        bind(FormDialogKeys::Always, "Enter", "save"),
        bind(FormDialogKeys::Always, "Tab ↓", "next field"),
        bind(FormDialogKeys::Always, "Shift-Tab ↑", "previous field"),
        bind(
            FormDialogKeys::TickOrChoose,
            "Space ←→",
            "tick a box, or choose",
        ),
        bind(
            FormDialogKeys::ChooseOnly,
            "Space ←→",
            "choose (on the last field)",
        ),
        bind(FormDialogKeys::TickOnly, "Space", "tick / untick a box"),
        bind(FormDialogKeys::Always, "Esc", "cancel"),
        bind(FormDialogKeys::Always, "F1", "help"),
    ],
};

/// The new-record picker's keys.
pub const PICKER_KEYS: KeyTable<()> = KeyTable {
    screen: "new record",
    rows: &[
        bind((), "↑↓", "choose"),
        bind((), "Tab", "forms / children"),
        bind((), "Space", "tick a child"),
        bind((), "Enter", "start the record"),
        bind((), "p", "preview the form (nothing saved)"),
        bind((), "Esc", "cancel"),
        bind((), "F1", "help"),
    ],
};

/// The keys of the list of records an audit's evidence names (F6 in an
/// audit, issue 16).
pub const LINK_KEYS: KeyTable<()> = KeyTable {
    screen: "records the evidence names",
    rows: &[
        bind((), "↑↓", "choose"),
        bind((), "Enter", "open it (Esc there comes back to the audit)"),
        bind((), "Esc", "cancel"),
        bind((), "F1", "help"),
    ],
};

/// The keys of the question asked before finalising a record that can be
/// a significant event.
pub const FINALISE_KEYS: KeyTable<()> = KeyTable {
    screen: "finalise (significant event?)",
    rows: &[
        bind((), "y", "finalise as a significant event"),
        bind((), "n", "finalise, not a significant event"),
        bind((), "Esc", "cancel (nothing is finalised)"),
        bind((), "F1", "help"),
    ],
};

/// The keys of "Finalise this record?".
pub const CONFIRM_KEYS: KeyTable<()> = KeyTable {
    screen: "finalise",
    rows: &[bind((), "Enter y", "finalise"), bind((), "Esc n", "cancel")],
};

/// The keys of "This draft is a colleague's: change it?".
pub const CONFIRM_EDIT_KEYS: KeyTable<()> = KeyTable {
    screen: "someone else's draft",
    rows: &[
        bind((), "Enter y", "edit it"),
        bind((), "Esc n", "read it only"),
    ],
};

/// The addendum dialog's keys.
pub const ADDENDUM_KEYS: KeyTable<()> = KeyTable {
    screen: "addendum",
    rows: &[
        bind((), "Ctrl-S", "add the addendum"),
        bind((), "Enter", "new line"),
        bind((), "Esc", "cancel"),
        bind((), "F1", "help"),
    ],
};
