//! The facts the due list is computed from, read in three queries over the
//! whole file (families, records, latest chronology entry per family) so
//! that a caseload of 10,000 families costs three scans, not 10,000 trips.

use super::StoreError;
use super::open::Store;
use super::text::{get_date, get_instant};
use crate::timescale::{FamilyFacts, PlanFlags, RecordFacts};
use std::collections::HashMap;

impl Store {
    /// Every family with its records' dates and statuses, for
    /// [`crate::timescale::due_items`].
    pub fn due_facts(&self) -> Result<Vec<FamilyFacts>, StoreError> {
        self.read(|conn| {
            let mut families = Vec::new();
            let mut index = HashMap::new();
            let mut stmt = conn.prepare_cached(
                "SELECT id, reference, name, status, opened_on, child_protection_plan,
                        child_in_need, looked_after, allocated_worker
                 FROM family ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(FamilyFacts {
                    id: r.get(0)?,
                    reference: r.get(1)?,
                    name: r.get(2)?,
                    active: r.get::<_, String>(3)? == "active",
                    opened: get_date(r, 4)?,
                    flags: PlanFlags {
                        child_protection: r.get(5)?,
                        child_in_need: r.get(6)?,
                        looked_after: r.get(7)?,
                    },
                    worker: r.get(8)?,
                    records: Vec::new(),
                    chronology_updated: None,
                })
            })?;
            for f in rows {
                let f = f?;
                index.insert(f.id, families.len());
                families.push(f);
            }
            let mut stmt = conn.prepare_cached(
                "SELECT id, family_id, form_id, event_date, created_at, status, significant, author
                 FROM record",
            )?;
            let rows = stmt.query_map([], |r| {
                let family: i64 = r.get(1)?;
                Ok((
                    family,
                    RecordFacts {
                        id: r.get(0)?,
                        form_id: r.get(2)?,
                        event_date: Some(get_date(r, 3)?),
                        created: get_instant(r, 4)?.date_naive(),
                        finalised: r.get::<_, String>(5)? == "finalised",
                        significant: r.get(6)?,
                        author: r.get(7)?,
                    },
                ))
            })?;
            for row in rows {
                let (family, rec) = row?;
                if let Some(f) = index.get(&family).and_then(|&i| families.get_mut(i)) {
                    f.records.push(rec);
                }
            }
            let mut stmt = conn.prepare_cached(
                "SELECT family_id, max(created_at) FROM chronology GROUP BY family_id",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, get_instant(r, 1)?)))?;
            for row in rows {
                let (family, at) = row?;
                if let Some(f) = index.get(&family).and_then(|&i| families.get_mut(i)) {
                    f.chronology_updated = Some(at.date_naive());
                }
            }
            Ok(families)
        })
    }
}
