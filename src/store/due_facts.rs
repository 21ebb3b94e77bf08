//! The facts the due list is computed from, streamed one family at a time:
//! three ordered scans (families by id; records by family through the
//! covering index `record_due`; the latest chronology entry per family)
//! merged as they go. A caseload of 10,000 families and 200,000 records is
//! never held in memory at once, and costs three scans, not 10,000 trips.

use super::error::StoreError;
use super::ids::FamilyId;
use super::open::Store;
use super::text::{get_date, get_instant};
use crate::timescale::{FamilyFacts, PlanFlags, RecordFacts};
use std::iter::Peekable;

impl Store {
    /// Calls `each` with every family and its records' dates and statuses,
    /// in family id order, for [`crate::timescale::due_items`].
    pub fn for_each_due_family(&self, mut each: impl FnMut(FamilyFacts)) -> Result<(), StoreError> {
        self.read(|conn| {
            let mut fam_stmt = conn.prepare_cached(
                "SELECT id, reference, name, status, opened_on, child_protection_plan,
                        child_in_need, looked_after, allocated_worker
                 FROM family ORDER BY id",
            )?;
            let families = fam_stmt.query_map([], |r| {
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
            let mut rec_stmt = conn.prepare_cached(
                "SELECT id, family_id, form_id, event_date, created_at, status, significant, author
                 FROM record r
                 WHERE NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id)
                 ORDER BY family_id",
            )?;
            let mut records = rec_stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, FamilyId>(1)?,
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
                })?
                .peekable();
            let mut chr_stmt = conn.prepare_cached(
                "SELECT family_id, max(created_at) FROM chronology
                 GROUP BY family_id ORDER BY family_id",
            )?;
            let mut chronology = chr_stmt
                .query_map([], |r| {
                    Ok((r.get::<_, FamilyId>(0)?, get_instant(r, 1)?.date_naive()))
                })?
                .peekable();
            for family in families {
                let mut family = family?;
                family.records = take_while_family(&mut records, family.id)?;
                family.chronology_updated = take_while_family(&mut chronology, family.id)?
                    .into_iter()
                    .max();
                each(family);
            }
            Ok(())
        })
    }

    /// Every family's facts at once; for small files and tests. The due
    /// list itself streams with [`Store::for_each_due_family`].
    pub fn due_facts(&self) -> Result<Vec<FamilyFacts>, StoreError> {
        let mut out = Vec::new();
        self.for_each_due_family(|f| out.push(f))?;
        Ok(out)
    }
}

/// The rows of an ordered scan that belong to `family`, skipping rows of
/// families that no longer exist (the join is by id, both sides ascending).
fn take_while_family<T, I>(rows: &mut Peekable<I>, family: FamilyId) -> Result<Vec<T>, StoreError>
where
    I: Iterator<Item = rusqlite::Result<(FamilyId, T)>>,
{
    let mut out = Vec::new();
    loop {
        match rows.peek() {
            Some(Ok((id, _))) if *id < family => {
                rows.next();
            }
            Some(Ok((id, _))) if *id == family => {
                if let Some(Ok((_, row))) = rows.next() {
                    out.push(row);
                }
            }
            Some(Err(_)) => {
                if let Some(Err(e)) = rows.next() {
                    return Err(e.into());
                }
            }
            _ => return Ok(out),
        }
    }
}
