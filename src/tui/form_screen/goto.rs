//! Puts the form at one answer: a record opened from a search result
//! starts at the answer that matched (issue 14), not at its first page.

use super::FormScreen;
use crate::record::Slot;

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
