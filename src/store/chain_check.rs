//! Checking the hash chain (`chain.rs`): the whole of it for `casenotes
//! check`, one family's links for the family screen, and whether a head
//! noted down earlier is still in it. Read-only; kept apart from
//! `chain.rs` because it needs an open `Store`, and opening a file
//! (migrate.rs) needs the chain's writer below it.

use super::chain::{
    ChainBreak, ChainFault, ChainKind, ChainReport, GENESIS, Hash, UNLINKED, check_link, to_hash,
};
use super::error::StoreError;
use super::open::Store;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Checks every link of the chain against its item, and looks for
    /// items with no link. Reads the whole file: for `casenotes check`.
    pub fn check_chain(&self) -> Result<ChainReport, StoreError> {
        self.read(|conn| {
            let mut report = ChainReport::default();
            let note = |b: ChainBreak, report: &mut ChainReport| {
                report.broken += 1;
                report.first.get_or_insert(b);
            };
            let mut prev = GENESIS;
            let mut want_seq = 1;
            let mut stmt =
                conn.prepare("SELECT seq, kind, item_id, hash FROM chain ORDER BY seq")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let seq: i64 = row.get(0)?;
                let word: String = row.get(1)?;
                let id: i64 = row.get(2)?;
                let stored = to_hash(row.get(3)?);
                let kind = ChainKind::from_word(&word).unwrap_or(ChainKind::Audit);
                // A link removed from the middle breaks the one after it.
                let fault = if seq == want_seq {
                    check_link(conn, &prev, seq, kind, id, &stored)?
                } else {
                    Some(ChainFault::Changed)
                };
                if let Some(fault) = fault {
                    note(ChainBreak { kind, id, fault }, &mut report);
                }
                report.links += 1;
                report.head = Some(stored);
                prev = stored;
                want_seq = seq + 1;
            }
            let mut stmt = conn.prepare(UNLINKED)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let word: String = row.get(0)?;
                let kind = ChainKind::from_word(&word).unwrap_or(ChainKind::Audit);
                let b = ChainBreak {
                    kind,
                    id: row.get(1)?,
                    fault: ChainFault::Unlinked,
                };
                note(b, &mut report);
            }
            Ok(report)
        })
    }

    /// The number of the link whose hash is `head`, if the chain still
    /// passes through it: a head noted down earlier that is no longer in
    /// the chain means the chain was rewritten before that point.
    pub fn chain_link_with(&self, head: &Hash) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT seq FROM chain WHERE hash = ?1 ORDER BY seq LIMIT 1")?
            .query_row([&head[..]], |r| r.get(0))
            .optional()?)
    }

    /// The first of one family's items (its finalised records, their
    /// addenda, its audit rows) that does not match its link, if any.
    /// Reads only that family's items, so the family screen can ask.
    pub fn family_chain_break(
        &self,
        family: super::ids::FamilyId,
    ) -> Result<Option<ChainBreak>, StoreError> {
        self.read(|conn| {
            let items: Vec<(String, i64)> = conn
                .prepare_cached(
                    "SELECT 'record', id FROM record WHERE family_id = ?1 AND status = 'finalised'
                     UNION ALL SELECT 'addendum', a.id FROM addendum a
                         JOIN record r ON r.id = a.record_id WHERE r.family_id = ?1
                     UNION ALL SELECT 'audit', id FROM audit WHERE family_id = ?1",
                )?
                .query_map([family], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let mut find = conn.prepare_cached(
                "SELECT l.seq, l.hash, p.seq, p.hash FROM chain l
                 LEFT JOIN chain p ON p.seq = l.seq - 1
                 WHERE l.kind = ?1 AND l.item_id = ?2",
            )?;
            for (word, id) in items {
                let kind = ChainKind::from_word(&word).unwrap_or(ChainKind::Audit);
                type Found = (i64, Vec<u8>, Option<i64>, Option<Vec<u8>>);
                let found: Option<Found> = find
                    .query_row(params![word, id], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })
                    .optional()?;
                let fault = match found {
                    None => Some(ChainFault::Unlinked),
                    Some((seq, stored, prev_seq, prev)) => {
                        let prev = match (seq, prev_seq, prev) {
                            (1, _, _) => Some(GENESIS),
                            (_, Some(_), Some(p)) => Some(to_hash(p)),
                            _ => None,
                        };
                        match prev {
                            Some(p) => check_link(conn, &p, seq, kind, id, &to_hash(stored))?,
                            None => Some(ChainFault::Changed),
                        }
                    }
                };
                if let Some(fault) = fault {
                    return Ok(Some(ChainBreak { kind, id, fault }));
                }
            }
            Ok(None)
        })
    }
}
