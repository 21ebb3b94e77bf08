//! Puts the form at one answer: a record opened from a search result
//! starts at the answer that matched (issue 14), not at its first page,
//! and a draft reopened starts where the person left it.

use super::FormScreen;
use crate::record::{DraftPlace, Slot};

impl FormScreen {
    /// Moves to the page and field of `slot`, if the form has them; a slot
    /// it does not have leaves the form where it is.
    pub fn go_to(&mut self, slot: &Slot) {
        let Some(section) = self.form.sections.iter().position(|s| s.id == slot.section) else {
            return;
        };
        let Some(page) = self
            .pages
            .iter()
            .position(|p| p.section == section && p.child == slot.child)
        else {
            return;
        };
        let field = self.form.sections[section]
            .fields
            .iter()
            .position(|f| f.id == slot.field)
            .unwrap_or(0);
        self.jump(page, field);
    }
}

impl FormScreen {
    /// Where the person is now: the focused field and, in a typed field,
    /// the text cursor's line. `None` on a page with no fields.
    pub fn place(&self) -> Option<DraftPlace> {
        let slot = self.focused_slot()?;
        let line = self
            .editors
            .get(&slot)
            .map_or(0, |ed| ed.cursor_line_col().0);
        Some(DraftPlace { slot, line })
    }

    /// Returns to where the person left the draft: its page and field, and
    /// the line of the text cursor (at that line's end). A place the form
    /// no longer has leaves the form at its start.
    pub fn resume_at(&mut self, place: &DraftPlace) {
        if self.locate(&place.slot).is_none() {
            return;
        }
        self.go_to(&place.slot);
        if let Some(ed) = self.editors.get_mut(&place.slot) {
            ed.go_to_line_end(place.line);
        }
    }
}
