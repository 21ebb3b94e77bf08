//! The home screen's whole list, streamed: every family by name with its
//! number of drafts, handed over one at a time so that 50,000 families are
//! never held twice (once as the store's rows, once as the screen's), and
//! with nothing the screen does not show (issue 12: `list_families` also
//! counts children and finds the latest record, two more look-ups a family).
//! Once read, the page cache the scan filled is given back.

use super::error::StoreError;
use super::families::{COLUMNS, Family, family_from_row};
use super::open::Store;

impl Store {
    /// Calls `each` with every family, by name then reference, and how many
    /// of its records are drafts (a look-up in `record_family_drafts`).
    pub fn for_each_family_by_name(
        &self,
        mut each: impl FnMut(Family, u32),
    ) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT {COLUMNS},
                (SELECT count(*) FROM record r WHERE r.family_id = f.id AND r.status = 'draft'
                   AND NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id))
             FROM family f ORDER BY f.name, f.reference"
        );
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                each(family_from_row(row)?, row.get(12)?);
            }
            Ok(())
        })?;
        // The pages the whole table passed through are of no use to what
        // comes next (one family's screen): SQLite gives them back (up to
        // 2 MB of its page cache; issue 12, memory). Only memory: a list
        // that was read is not failed for it.
        let _ = self.conn.execute_batch("PRAGMA shrink_memory");
        Ok(())
    }
}
