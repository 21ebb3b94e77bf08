//! The small input forms drawn over a screen: a new family, a new child,
//! a parent, carer or professional, changing a family's, a child's or a
//! person's details, exporting a record to a file, a chronology entry, choosing a
//! form for a new record, an addendum, yes/no confirmations and the
//! finalise question that asks whether a record is a significant event.
//! Each checks its own answers and names the field in every message, so a
//! person never has to guess which box is wrong.
//!
//! One file per dialog; `line_edit.rs` and `input.rs` hold the pieces the
//! form dialogs are built from.

mod addendum;
mod child;
mod confirm;
mod entry;
mod export;
mod family;
mod finalise;
mod form_dialog;
mod form_dialog_draw;
mod input;
mod keys;
mod line_edit;
mod links;
mod person;
mod picker;

pub use addendum::AddendumDialog;
pub use confirm::Confirm;
pub use entry::NewEntry;
pub use family::{FamilyEdit, NewFamily, edit_family_field};
pub use finalise::FinaliseQuestion;
pub use form_dialog::{Dialog, DialogKind};
pub use input::{Input, InputKind};
pub use keys::{
    ADDENDUM_KEYS, CONFIRM_EDIT_KEYS, CONFIRM_KEYS, FINALISE_KEYS, FORM_DIALOG_KEYS,
    FormDialogKeys, LINK_KEYS, PICKER_KEYS,
};
pub use line_edit::LineEdit;
pub use links::{LinkPicker, links_in};
pub use picker::{FormChoice, FormPicker};

/// What a key did to a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// Still open.
    Continue,
    /// Closed without doing anything.
    Cancel,
    /// The answers passed their checks: the app may act on them.
    Submit,
    /// Show help.
    Help,
    /// Show the chosen form without starting a record (the picker).
    Preview,
}

/// Key presses and a fixed today shared by the dialogs' unit tests.
#[cfg(test)]
mod test_support {
    use chrono::NaiveDate;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    pub(super) fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    pub(super) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }
}
