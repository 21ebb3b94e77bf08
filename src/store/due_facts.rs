//! The facts the due list is computed from, streamed one family at a time:
//! ordered scans (families by id; each family's drafts and its latest
//! finalised record of each form, from schema step 12's summary; the latest
//! chronology entry per family) merged as they go. A team file of 50,000
//! families and 1,000,000 records is never held in memory at once, and
//! costs a few scans, not 50,000 trips. The same facts with every record
//! (one scan of the covering index `record_due`) are kept to check the
//! summary against.

use super::error::StoreError;
use super::ids::FamilyId;
use super::open::Store;
use super::text::{get_date, get_instant};
use crate::timescale::{FamilyFacts, PlanFlags, RecordFacts};
use std::iter::Peekable;

impl Store {
    /// Calls `each` with every family and the records the due list counts,
    /// in family id order, for [`crate::timescale::due_items`]: its drafts,
    /// and of its finalised records only the latest of each form (a
    /// finalised record counts only through its form and date, so the
    /// latest stands for the others; `due_latest`, schema step 12). The
    /// items worked out are the same as from
    /// [`Store::for_each_due_family_in_full`].
    pub fn for_each_due_family(&self, each: impl FnMut(FamilyFacts)) -> Result<(), StoreError> {
        self.due_scan(
            &[
                "SELECT family_id, record_id, form_id, event_date, created_at, 1, significant,
                        author
                 FROM due_latest ORDER BY family_id, form_id",
                "SELECT family_id, id, form_id, event_date, created_at, 0, significant, author
                 FROM record r WHERE status = 'draft'
                   AND NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id)
                 ORDER BY family_id",
            ],
            each,
        )
    }

    /// As [`Store::for_each_due_family`], with every record of each family:
    /// one scan of a million index entries on a large file, where the
    /// summary reads one row per draft and per family's form. Kept to check
    /// the summary against, in tests and benchmarks.
    pub fn for_each_due_family_in_full(
        &self,
        each: impl FnMut(FamilyFacts),
    ) -> Result<(), StoreError> {
        self.due_scan(
            &["SELECT family_id, id, form_id, event_date, created_at,
                      status = 'finalised', significant, author
               FROM record r
               WHERE NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id)
               ORDER BY family_id"],
            each,
        )
    }

    /// Merges the families with the rows of each of `records_sql` (family
    /// id, record id, form, event date, created, finalised, significant,
    /// author; each ordered by family id) and the latest chronology entry
    /// of each family.
    fn due_scan(
        &self,
        records_sql: &[&str],
        mut each: impl FnMut(FamilyFacts),
    ) -> Result<(), StoreError> {
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
            let mut rec_stmts = records_sql
                .iter()
                .map(|sql| conn.prepare_cached(sql))
                .collect::<Result<Vec<_>, _>>()?;
            let mut streams = Vec::with_capacity(rec_stmts.len());
            for stmt in &mut rec_stmts {
                let rows = stmt.query_map([], |r| {
                    Ok((
                        r.get::<_, FamilyId>(0)?,
                        RecordFacts {
                            id: r.get(1)?,
                            form_id: r.get(2)?,
                            event_date: Some(get_date(r, 3)?),
                            created: get_instant(r, 4)?.date_naive(),
                            finalised: r.get(5)?,
                            significant: r.get(6)?,
                            author: r.get(7)?,
                        },
                    ))
                })?;
                streams.push(rows.peekable());
            }
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
                for rows in &mut streams {
                    family
                        .records
                        .append(&mut take_while_family(rows, family.id)?);
                }
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

    /// As [`Store::due_facts`], with every record ([`Store::for_each_due_family_in_full`]).
    pub fn due_facts_in_full(&self) -> Result<Vec<FamilyFacts>, StoreError> {
        let mut out = Vec::new();
        self.for_each_due_family_in_full(|f| out.push(f))?;
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
