//! Where each person was in a draft when they left it (schema step 12):
//! the field and the text cursor's line, so that reopening the draft
//! returns there. One row per draft and person, replaced as they move.

use super::error::StoreError;
use super::ids::RecordId;
use super::open::Store;
use crate::record::{ChildId, DraftPlace, Slot};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Keeps this user's place in the draft `record`. A finalised record
    /// keeps none (it opens at its start for everyone).
    pub fn set_draft_place(
        &mut self,
        record: RecordId,
        place: &DraftPlace,
    ) -> Result<(), StoreError> {
        let line = i64::try_from(place.line).unwrap_or(i64::MAX);
        self.write(|tx| {
            tx.tx
                .prepare_cached(
                    "INSERT INTO draft_place (record_id, who, section, child, field, line)
                     SELECT id, ?2, ?3, ?4, ?5, ?6 FROM record
                     WHERE id = ?1 AND status = 'draft'
                     ON CONFLICT (record_id, who) DO UPDATE SET section = excluded.section,
                        child = excluded.child, field = excluded.field, line = excluded.line",
                )?
                .execute(params![
                    record,
                    tx.user,
                    place.slot.section,
                    place.slot.child.map(|c| c.0),
                    place.slot.field,
                    line
                ])?;
            Ok(())
        })
    }

    /// This user's place in the draft `record`, if they left one.
    pub fn draft_place(&self, record: RecordId) -> Result<Option<DraftPlace>, StoreError> {
        let place = self
            .conn
            .prepare_cached(
                "SELECT section, child, field, line FROM draft_place
                 WHERE record_id = ?1 AND who = ?2",
            )?
            .query_row(params![record, self.user().as_str()], |r| {
                let line: i64 = r.get(3)?;
                Ok(DraftPlace {
                    slot: Slot {
                        section: r.get(0)?,
                        child: r.get::<_, Option<i64>>(1)?.map(ChildId),
                        field: r.get(2)?,
                    },
                    line: usize::try_from(line).unwrap_or(0),
                })
            })
            .optional()?;
        Ok(place)
    }
}
