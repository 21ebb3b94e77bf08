//! Schema step 15 (issue 12): what the due list reads kept small, so the
//! home screen's due counts on a team file of 50,000 families and a million
//! records come from about 100,000 rows instead of a million; and an
//! autosave that no longer writes the search index.
//!
//! - `due_latest`: each family's latest finalised record of each form. A
//!   finalised record counts toward a duty only through its form and date
//!   (`timescale::due_items`), and finalised records never change or go
//!   (the triggers of step 1), so the latest one of each form stands for
//!   them all. Kept by two triggers in the very transaction that creates or
//!   finalises a record; the step fills it from the records already there.
//! - `record_due_drafts`: drafts, which count one by one (each is an item
//!   to finish), read from an index of their own that holds every column
//!   the due list needs, without touching the records.
//!
//! `IF NOT EXISTS`, as the steps before, so a file set back to an older
//! version by hand still moves forward.

/// Version 15 (numbered by its place in `schema::MIGRATIONS`).
pub(crate) const V15: &str = r#"
CREATE TABLE IF NOT EXISTS due_latest (
    family_id   INTEGER NOT NULL REFERENCES family (id),
    form_id     TEXT NOT NULL,
    event_date  TEXT NOT NULL,
    record_id   INTEGER NOT NULL REFERENCES record (id),
    created_at  TEXT NOT NULL,
    significant INTEGER NOT NULL,
    author      TEXT NOT NULL,
    PRIMARY KEY (family_id, form_id)
) STRICT, WITHOUT ROWID;
-- The latest event of each family's finalised records of each form; on
-- equal dates the highest id, as the triggers below keep it.
INSERT OR REPLACE INTO due_latest
    (family_id, form_id, event_date, record_id, created_at, significant, author)
SELECT family_id, form_id, event_date, id, created_at, significant, author
FROM (SELECT family_id, form_id, event_date, id, created_at, significant, author,
             row_number() OVER (PARTITION BY family_id, form_id
                                ORDER BY event_date DESC, id DESC) AS n
      FROM record WHERE status = 'finalised')
WHERE n = 1;
CREATE TRIGGER IF NOT EXISTS due_latest_insert AFTER INSERT ON record
WHEN NEW.status = 'finalised'
BEGIN
    INSERT INTO due_latest
        (family_id, form_id, event_date, record_id, created_at, significant, author)
    VALUES (NEW.family_id, NEW.form_id, NEW.event_date, NEW.id, NEW.created_at,
            NEW.significant, NEW.author)
    ON CONFLICT (family_id, form_id) DO UPDATE SET
        event_date = excluded.event_date, record_id = excluded.record_id,
        created_at = excluded.created_at, significant = excluded.significant,
        author = excluded.author
    WHERE (excluded.event_date, excluded.record_id)
          > (due_latest.event_date, due_latest.record_id);
END;
CREATE TRIGGER IF NOT EXISTS due_latest_finalise AFTER UPDATE OF status ON record
WHEN NEW.status = 'finalised' AND OLD.status IS NOT 'finalised'
BEGIN
    INSERT INTO due_latest
        (family_id, form_id, event_date, record_id, created_at, significant, author)
    VALUES (NEW.family_id, NEW.form_id, NEW.event_date, NEW.id, NEW.created_at,
            NEW.significant, NEW.author)
    ON CONFLICT (family_id, form_id) DO UPDATE SET
        event_date = excluded.event_date, record_id = excluded.record_id,
        created_at = excluded.created_at, significant = excluded.significant,
        author = excluded.author
    WHERE (excluded.event_date, excluded.record_id)
          > (due_latest.event_date, due_latest.record_id);
END;
CREATE INDEX IF NOT EXISTS record_due_drafts ON record
    (family_id, form_id, event_date, created_at, significant, author)
    WHERE status = 'draft';

CREATE TABLE IF NOT EXISTS record_fts_pending (
    record_id INTEGER PRIMARY KEY
) STRICT;
DROP TRIGGER IF EXISTS record_fts_update;
CREATE TRIGGER IF NOT EXISTS record_fts_draft_saved AFTER UPDATE OF answers ON record
WHEN NEW.status = 'draft'
BEGIN
    INSERT OR IGNORE INTO record_fts_pending (record_id) VALUES (NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS record_fts_finalised AFTER UPDATE OF answers ON record
WHEN NEW.status <> 'draft'
BEGIN
    DELETE FROM record_fts_pending WHERE record_id = NEW.id;
    DELETE FROM record_fts WHERE rowid = OLD.id;
    INSERT INTO record_fts (rowid, body) VALUES (NEW.id,
        (SELECT group_concat(value, ' ') FROM json_tree(NEW.answers)
         WHERE type = 'text' AND fullkey LIKE '$[%].value%'));
END;
CREATE TRIGGER IF NOT EXISTS record_fts_pending_delete AFTER DELETE ON record
BEGIN
    DELETE FROM record_fts_pending WHERE record_id = OLD.id;
END;
"#;

/// Puts the words of every draft saved since it was last indexed into the
/// search index (see `record_fts_pending` above), in the caller's write
/// transaction. The text is taken as V10's triggers take it.
pub(crate) const INDEX_PENDING: &str = r#"
DELETE FROM record_fts WHERE rowid IN (SELECT record_id FROM record_fts_pending);
INSERT INTO record_fts (rowid, body)
    SELECT r.id, (SELECT group_concat(value, ' ') FROM json_tree(r.answers)
                  WHERE type = 'text' AND fullkey LIKE '$[%].value%')
    FROM record_fts_pending p JOIN record r ON r.id = p.record_id;
DELETE FROM record_fts_pending;
"#;

#[cfg(test)]
mod tests {
    fn plan(sql: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path().join("c.sqlite3"), "alice").unwrap();
        store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// The due list's two reads (`Store::for_each_due_family`) never touch
    /// the records themselves and never sort.
    #[test]
    fn the_due_summary_reads_are_covered_and_ordered_by_their_keys() {
        assert_eq!(
            plan(
                "SELECT family_id, record_id, form_id, event_date, created_at, 1, significant,
                        author
                 FROM due_latest ORDER BY family_id, form_id"
            ),
            ["SCAN due_latest"]
        );
        assert_eq!(
            plan(
                "SELECT family_id, id, form_id, event_date, created_at, 0, significant, author
                 FROM record WHERE status = 'draft' ORDER BY family_id"
            ),
            ["SCAN record USING COVERING INDEX record_due_drafts"]
        );
    }
}
