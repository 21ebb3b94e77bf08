//! Where someone was in a draft when they left it: the field (its slot:
//! section, child, field) and the line of the text cursor, so that
//! reopening the draft returns there. Ids and a number only, never text.

use super::answers::Slot;

/// A place in a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftPlace {
    /// The field with the focus.
    pub slot: Slot,
    /// The text cursor's line in that field, from 0 (0 for a field that
    /// is not typed).
    pub line: usize,
}
