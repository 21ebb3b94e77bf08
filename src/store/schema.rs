//! The schema, as the list of SQL steps that build it. Step `i` takes a file
//! from `user_version` `i` to `i + 1`. Steps are never edited once released:
//! a change is a new step at the end, so every file follows the same path.

/// Marks a database as a casenotes case file (`PRAGMA application_id`), so a
/// database of some other program is never taken for ours. "CNts".
pub const APPLICATION_ID: i64 = 0x434E_7473;

/// The migration steps; the schema version is their number.
pub(crate) const MIGRATIONS: &[&str] = &[
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
];

/// Step 15 lives in its own file (issue 12: the due summary, drafts indexed for search when searched).
use super::schema_step15::V15;
use super::schema_steps_12_14::{V12, V13, V14};

/// The schema version this program writes and understands.
#[allow(clippy::cast_possible_wrap)] // a handful of steps; try_from is not const
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: families, children, records and everything around them.
///
/// Dates are `YYYY-MM-DD` text, instants UTC RFC 3339 text with
/// milliseconds; both sort as text. Tables are STRICT so that a wrong type
/// is an error, not a silent conversion.
const V1: &str = r#"
PRAGMA application_id = 1129215091;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
    is_supervisor INTEGER NOT NULL DEFAULT 0 CHECK (is_supervisor IN (0, 1)),
    added_at      TEXT NOT NULL
) STRICT;

-- A family is the case (seed 002 standards 17 and 18: whether the case is
-- open or closed, and whether a child protection plan, child in need plan or
-- looked-after status applies, must be evident at once).
CREATE TABLE family (
    id                    INTEGER PRIMARY KEY,
    reference             TEXT NOT NULL COLLATE NOCASE UNIQUE
                          CHECK (length(trim(reference)) > 0),
    name                  TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    status                TEXT NOT NULL CHECK (status IN ('active', 'closed')),
    opened_on             TEXT NOT NULL,
    closed_on             TEXT,
    child_protection_plan INTEGER NOT NULL DEFAULT 0 CHECK (child_protection_plan IN (0, 1)),
    child_in_need         INTEGER NOT NULL DEFAULT 0 CHECK (child_in_need IN (0, 1)),
    looked_after          INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),
    allocated_worker      TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
    CHECK (closed_on IS NULL OR closed_on >= opened_on)
) STRICT;
CREATE INDEX family_name ON family (name, reference);
CREATE INDEX family_status_name ON family (status, name, reference);
CREATE INDEX family_worker ON family (allocated_worker, name);

-- Seed 002 standard 12: gender, nationality, ethnicity, languages spoken at
-- home, religion, disability. All free text and optional but the name.
CREATE TABLE child (
    id            INTEGER PRIMARY KEY,
    family_id     INTEGER NOT NULL REFERENCES family (id),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    date_of_birth TEXT,
    gender        TEXT,
    nationality   TEXT,
    ethnicity     TEXT,
    languages     TEXT,
    religion      TEXT,
    disability    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX child_family ON child (family_id, name);

-- The exact text of each form version a record was written with, so an old
-- record is always shown with its own form.
CREATE TABLE form_definition (
    form_id   TEXT NOT NULL,
    version   INTEGER NOT NULL CHECK (version >= 1),
    toml      TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
) STRICT, WITHOUT ROWID;

-- event_date is the date of the event, not of typing (seed 003 §4).
-- revision counts saves, for optimistic concurrency.
CREATE TABLE record (
    id           INTEGER PRIMARY KEY,
    family_id    INTEGER NOT NULL REFERENCES family (id),
    form_id      TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    event_date   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'finalised')),
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    finalised_at TEXT,
    finalised_by TEXT,
    significant  INTEGER NOT NULL DEFAULT 0 CHECK (significant IN (0, 1)),
    answers      TEXT NOT NULL CHECK (json_valid(answers)),
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    FOREIGN KEY (form_id, form_version) REFERENCES form_definition (form_id, version),
    CHECK ((status = 'finalised') = (finalised_at IS NOT NULL AND finalised_by IS NOT NULL))
) STRICT;
-- The home screen's per-family "latest record" and the case screen's list.
CREATE INDEX record_family_date ON record (family_id, event_date, id);
-- The home screen's per-family count of drafts, and "my drafts".
CREATE INDEX record_family_drafts ON record (family_id) WHERE status = 'draft';
CREATE INDEX record_author_drafts ON record (author, event_date) WHERE status = 'draft';

-- A finalised record is read-only for ever: corrections are addenda (seed
-- 001 §3). Enforced here as well as in the program, so no other tool and no
-- bug can change one.
CREATE TRIGGER record_finalised_no_update BEFORE UPDATE ON record
WHEN OLD.status = 'finalised'
BEGIN
    SELECT RAISE(ABORT, 'a finalised record cannot be changed');
END;
CREATE TRIGGER record_finalised_no_delete BEFORE DELETE ON record
WHEN OLD.status = 'finalised'
BEGIN
    SELECT RAISE(ABORT, 'a finalised record cannot be deleted');
END;

CREATE TABLE record_child (
    record_id INTEGER NOT NULL REFERENCES record (id),
    child_id  INTEGER NOT NULL REFERENCES child (id),
    PRIMARY KEY (record_id, child_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX record_child_child ON record_child (child_id, record_id);

CREATE TRIGGER record_child_same_family BEFORE INSERT ON record_child
WHEN (SELECT family_id FROM child WHERE id = NEW.child_id)
     IS NOT (SELECT family_id FROM record WHERE id = NEW.record_id)
BEGIN
    SELECT RAISE(ABORT, 'a record can only be about children of its own family');
END;
CREATE TRIGGER record_child_finalised_no_insert BEFORE INSERT ON record_child
WHEN (SELECT status FROM record WHERE id = NEW.record_id) = 'finalised'
BEGIN
    SELECT RAISE(ABORT, 'a finalised record cannot be changed');
END;
CREATE TRIGGER record_child_finalised_no_delete BEFORE DELETE ON record_child
WHEN (SELECT status FROM record WHERE id = OLD.record_id) = 'finalised'
BEGIN
    SELECT RAISE(ABORT, 'a finalised record cannot be changed');
END;
CREATE TRIGGER record_child_no_update BEFORE UPDATE ON record_child
BEGIN
    SELECT RAISE(ABORT, 'change a record''s children by removing and adding them');
END;

-- Seed 001 §3: an amended record shows original and new content, each dated.
CREATE TABLE addendum (
    id         INTEGER PRIMARY KEY,
    record_id  INTEGER NOT NULL REFERENCES record (id),
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0)
) STRICT;
CREATE INDEX addendum_record ON addendum (record_id, created_at);
CREATE TRIGGER addendum_only_finalised BEFORE INSERT ON addendum
WHEN (SELECT status FROM record WHERE id = NEW.record_id) IS NOT 'finalised'
BEGIN
    SELECT RAISE(ABORT, 'an addendum belongs to a finalised record');
END;
CREATE TRIGGER addendum_no_update BEFORE UPDATE ON addendum
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be changed');
END;
CREATE TRIGGER addendum_no_delete BEFORE DELETE ON addendum
BEGIN
    SELECT RAISE(ABORT, 'an addendum cannot be deleted');
END;

-- Seed 003 §6: date / what happened / who has been affected and how, and the
-- source of the information.
CREATE TABLE chronology (
    id            INTEGER PRIMARY KEY,
    family_id     INTEGER NOT NULL REFERENCES family (id),
    child_id      INTEGER REFERENCES child (id),
    event_date    TEXT NOT NULL,
    what_happened TEXT NOT NULL CHECK (length(trim(what_happened)) > 0),
    impact        TEXT NOT NULL,
    source        TEXT NOT NULL,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    record_id     INTEGER REFERENCES record (id)
) STRICT;
CREATE INDEX chronology_family ON chronology (family_id, event_date, id);
CREATE INDEX chronology_child ON chronology (child_id, event_date, id);
CREATE INDEX chronology_record ON chronology (record_id);
CREATE TRIGGER chronology_child_same_family BEFORE INSERT ON chronology
WHEN NEW.child_id IS NOT NULL
     AND (SELECT family_id FROM child WHERE id = NEW.child_id) IS NOT NEW.family_id
BEGIN
    SELECT RAISE(ABORT, 'a chronology entry can only be about a child of its family');
END;
CREATE TRIGGER chronology_record_same_family BEFORE INSERT ON chronology
WHEN NEW.record_id IS NOT NULL
     AND (SELECT family_id FROM record WHERE id = NEW.record_id) IS NOT NEW.family_id
BEGIN
    SELECT RAISE(ABORT, 'a chronology entry can only come from a record of its family');
END;

-- Who did what, when, to which family or record. Deliberately no column for
-- free text: answers can never leak into the log.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN
              ('opened', 'created', 'saved', 'finalised', 'amended', 'exported', 'backed_up')),
    entity    TEXT NOT NULL CHECK (entity IN
              ('family', 'child', 'record', 'addendum', 'chronology', 'user', 'file')),
    entity_id INTEGER,
    family_id INTEGER REFERENCES family (id),
    record_id INTEGER REFERENCES record (id)
) STRICT;
CREATE INDEX audit_family ON audit (family_id, id);
CREATE INDEX audit_record ON audit (record_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
"#;

/// Version 2: an index holding every column the due list reads from each
/// record (`Store::due_facts`), so that reading the facts of 200,000
/// records scans this index (about 16 MB) instead of the records
/// themselves, whose answers make the table a hundred times larger. The
/// due list is worked out right after the first frame, while keys wait:
/// on the 10,000-family file this took it from 0.35 s to 0.04 s with the
/// file in the operating system's cache, and from about 3 s to well under
/// a second without. The rowid (`id`) is in every index already.
const V2: &str = r#"
CREATE INDEX record_due ON record
    (family_id, form_id, event_date, created_at, status, significant, author);
"#;

/// Version 3: the mark `casenotes demo` puts in a file it made itself
/// (`Store::mark_demo`). The demonstration adds finalised records that can
/// never be removed and makes the trainer a supervisor, so it writes only
/// to a file holding this mark; no other path sets it. The trigger keeps
/// the mark off a file that already holds families, even from a bug.
/// `IF NOT EXISTS`, so that a file someone has set back to an older
/// version by hand (as the migration tests do) still moves forward.
const V3: &str = r#"
CREATE TABLE IF NOT EXISTS demo_mark (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    marked_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS demo_mark_only_empty BEFORE INSERT ON demo_mark
WHEN EXISTS (SELECT 1 FROM family) OR EXISTS (SELECT 1 FROM users)
BEGIN
    SELECT RAISE(ABORT, 'only a new, empty file can be a demonstration file');
END;
"#;

/// Version 4: an addendum being written is autosaved like any other text
/// (`Store::save_addendum_draft`), one per record and author, so a dropped
/// connection does not lose it. It is not part of the record until it is
/// added; adding it removes the draft in the same transaction.
const V4: &str = r#"
CREATE TABLE IF NOT EXISTS addendum_draft (
    record_id  INTEGER NOT NULL REFERENCES record(id),
    author     TEXT NOT NULL,
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (record_id, author)
) STRICT;
"#;

/// Version 5: an audit row may name which of a family's details changed
/// (names of columns, never their values: the CHECK lets through nothing
/// but lower-case names and commas), so the log says who reallocated or
/// closed a case, not only that it was "saved".
const V5: &str = r#"
ALTER TABLE audit ADD COLUMN fields TEXT
    CHECK (fields IS NULL OR (length(fields) <= 200 AND fields NOT GLOB '*[^a-z_,]*'));
"#;

/// Version 6: who has a draft open right now, and drafts that two people
/// saved at once (issue 10). A presence row is refreshed while the form
/// is open and removed on leaving; one not refreshed for a while belongs
/// to a session that ended without saying (a crash, a lost connection) and
/// is ignored. A fork row says that `who` saved `original` after someone
/// else had, so their text became the new draft `copy`: the first person
/// is told.
const V6: &str = r#"
CREATE TABLE presence (
    record_id INTEGER NOT NULL REFERENCES record (id),
    who       TEXT NOT NULL,
    since     TEXT NOT NULL,
    seen_at   TEXT NOT NULL,
    PRIMARY KEY (record_id, who)
) STRICT, WITHOUT ROWID;
CREATE TABLE draft_fork (
    original INTEGER NOT NULL REFERENCES record (id),
    copy     INTEGER NOT NULL REFERENCES record (id),
    who      TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;
CREATE INDEX draft_fork_original ON draft_fork (original, at);
"#;

/// Version 7: the people on a family who are not its children: parents,
/// carers and other family members, with their relationship to the
/// children, and the professionals involved, with their role and agency
/// (seed 002_66f790c2d2b6d6fc.txt standards 14 and 15: everyone named,
/// with role and agency, and names spelled one way). A per-child export
/// lists them as "other people named" (issue 15). Only the name is
/// required; a family member has no role or agency and a professional no
/// relationship, so the two kinds never mix.
const V7: &str = r#"
CREATE TABLE IF NOT EXISTS person (
    id           INTEGER PRIMARY KEY,
    family_id    INTEGER NOT NULL REFERENCES family (id),
    kind         TEXT NOT NULL CHECK (kind IN ('family', 'professional')),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    relationship TEXT,
    role         TEXT,
    agency       TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (kind = 'professional' OR (role IS NULL AND agency IS NULL)),
    CHECK (kind = 'family' OR relationship IS NULL)
) STRICT;
CREATE INDEX IF NOT EXISTS person_family ON person (family_id, kind, name);
"#;

/// Version 8: each user's own writing help (issue 13), kept in the case file
/// so it follows them between machines on the team file: the words they
/// have added to their own dictionary (`item = 'word'`) and the kinds of
/// help they have turned off (`item = 'off'`, value a kind's name). A row
/// holds one word, never a sentence of a record.
const V8: &str = r#"
CREATE TABLE IF NOT EXISTS user_writing (
    login    TEXT NOT NULL CHECK (length(login) BETWEEN 1 AND 64),
    item     TEXT NOT NULL CHECK (item IN ('word', 'off')),
    value    TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 100 AND value NOT GLOB '*[ ]*'),
    added_at TEXT NOT NULL,
    PRIMARY KEY (login, item, value),
    CHECK (item = 'word' OR value IN
           ('spelling', 'name', 'abbreviation', 'jargon', 'opinion', 'repeat'))
) STRICT;
"#;

/// Version 9: the family's action register. Every complete row of a SMART
/// action table in a finalised record becomes an action (what, who, by
/// when, from which record); later records mark it done, still open with
/// a new date, or dropped with a reason (docs/form-language.md, "SMART
/// actions and the register"). `action` holds where each stands now, and
/// `action_event` its whole history, which is never changed or removed.
/// Only the status and the date may change on an action.
const V9: &str = r#"
CREATE TABLE IF NOT EXISTS action (
    id        INTEGER PRIMARY KEY,
    family_id INTEGER NOT NULL REFERENCES family (id),
    record_id INTEGER NOT NULL REFERENCES record (id),
    field_id  TEXT NOT NULL,
    row_no    INTEGER NOT NULL CHECK (row_no >= 0),
    what      TEXT NOT NULL CHECK (length(trim(what)) > 0),
    who       TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    due_on    TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    UNIQUE (record_id, field_id, row_no)
) STRICT;
CREATE INDEX IF NOT EXISTS action_family ON action (family_id, status, due_on);
CREATE INDEX IF NOT EXISTS action_overdue ON action (status, due_on, family_id);
CREATE TRIGGER IF NOT EXISTS action_from_finalised BEFORE INSERT ON action
WHEN (SELECT status FROM record WHERE id = NEW.record_id) IS NOT 'finalised'
     OR (SELECT family_id FROM record WHERE id = NEW.record_id) IS NOT NEW.family_id
BEGIN
    SELECT RAISE(ABORT, 'an action comes from a finalised record of its family');
END;
CREATE TRIGGER IF NOT EXISTS action_fixed BEFORE UPDATE OF
    id, family_id, record_id, field_id, row_no, what, who, raised_on ON action
BEGIN
    SELECT RAISE(ABORT, 'only an action''s status and date can change');
END;
CREATE TRIGGER IF NOT EXISTS action_no_delete BEFORE DELETE ON action
BEGIN
    SELECT RAISE(ABORT, 'an action cannot be deleted');
END;

CREATE TABLE IF NOT EXISTS action_event (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action (id),
    record_id INTEGER NOT NULL REFERENCES record (id),
    outcome   TEXT NOT NULL CHECK (outcome IN ('raised', 'done', 'open', 'dropped')),
    due_on    TEXT,
    reason    TEXT,
    on_date   TEXT NOT NULL,
    by_user   TEXT NOT NULL,
    at        TEXT NOT NULL,
    CHECK (outcome NOT IN ('raised', 'open') OR due_on IS NOT NULL),
    CHECK (outcome <> 'dropped' OR length(trim(reason)) > 0)
) STRICT;
CREATE INDEX IF NOT EXISTS action_event_action ON action_event (action_id, id);
CREATE TRIGGER IF NOT EXISTS action_event_no_update BEFORE UPDATE ON action_event
BEGIN
    SELECT RAISE(ABORT, 'an action''s history cannot be changed');
END;
CREATE TRIGGER IF NOT EXISTS action_event_no_delete BEFORE DELETE ON action_event
BEGIN
    SELECT RAISE(ABORT, 'an action''s history cannot be changed');
END;
"#;

/// Version 10: full-text search over the text of records (SQLite FTS5). The
/// index holds no copy of the text (`content=''`): only which words are in
/// which record, so the answers are stored once. Triggers keep it in the
/// same transaction as every save; the last statement builds it for the
/// records a file already holds. Only the answers' values are indexed,
/// never the section and field ids around them. `search_audit` notes who
/// searched what scope and how many records were found, and has no column
/// that could hold the words searched.
const V10: &str = r#"
CREATE VIRTUAL TABLE IF NOT EXISTS record_fts USING fts5 (
    body, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS record_fts_insert AFTER INSERT ON record
BEGIN
    INSERT INTO record_fts (rowid, body) VALUES (NEW.id,
        (SELECT group_concat(value, ' ') FROM json_tree(NEW.answers)
         WHERE type = 'text' AND fullkey LIKE '$[%].value%'));
END;
CREATE TRIGGER IF NOT EXISTS record_fts_update AFTER UPDATE OF answers ON record
BEGIN
    DELETE FROM record_fts WHERE rowid = OLD.id;
    INSERT INTO record_fts (rowid, body) VALUES (NEW.id,
        (SELECT group_concat(value, ' ') FROM json_tree(NEW.answers)
         WHERE type = 'text' AND fullkey LIKE '$[%].value%'));
END;
CREATE TRIGGER IF NOT EXISTS record_fts_delete AFTER DELETE ON record
BEGIN
    DELETE FROM record_fts WHERE rowid = OLD.id;
END;
INSERT INTO record_fts (record_fts) VALUES ('delete-all');
INSERT INTO record_fts (rowid, body)
    SELECT id, (SELECT group_concat(value, ' ') FROM json_tree(record.answers)
                WHERE type = 'text' AND fullkey LIKE '$[%].value%')
    FROM record;

CREATE TABLE IF NOT EXISTS search_audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    scope     TEXT NOT NULL CHECK (scope IN ('record', 'family', 'caseload', 'team')),
    family_id INTEGER REFERENCES family (id),
    record_id INTEGER REFERENCES record (id),
    results   INTEGER NOT NULL CHECK (results >= 0)
) STRICT;
CREATE TRIGGER IF NOT EXISTS search_audit_no_update BEFORE UPDATE ON search_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER IF NOT EXISTS search_audit_no_delete BEFORE DELETE ON search_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
"#;

/// Version 11: the hash chain that makes tampering show (issue 16; see
/// `store/chain.rs` and docs/safety.md), and an index for one person's
/// audit log (`casenotes log`), and one audit row per editing session of a
/// draft instead of one per autosave (`store/sessions.rs`). One link per finalised record,
/// addendum and audit row, in the order they were written, each holding
/// SHA-256 of its item's content and of the link before. Written in the
/// same transaction as the item; never changed or deleted. A file made
/// before this step gets its chain built by the migration (`migrate.rs`).
const V11: &str = r#"
CREATE TABLE chain (
    seq     INTEGER PRIMARY KEY CHECK (seq >= 1),
    kind    TEXT NOT NULL CHECK (kind IN ('record', 'addendum', 'audit')),
    item_id INTEGER NOT NULL,
    hash    BLOB NOT NULL CHECK (length(hash) = 32),
    UNIQUE (kind, item_id)
) STRICT;
-- One row per editing session of a draft (store/sessions.rs): the save
-- that began it is the audit row `audit_id`; later saves by the same person
-- only move last_saved_at and count. Not chained (it changes by design);
-- the session's first save is, in its audit row.
CREATE TABLE edit_session (
    audit_id      INTEGER PRIMARY KEY REFERENCES audit (id),
    record_id     INTEGER NOT NULL REFERENCES record (id),
    who           TEXT NOT NULL,
    last_saved_at TEXT NOT NULL,
    saves         INTEGER NOT NULL CHECK (saves >= 1)
) STRICT;
CREATE INDEX edit_session_record ON edit_session (record_id, audit_id);
CREATE TRIGGER edit_session_only_grows BEFORE UPDATE ON edit_session
WHEN NEW.audit_id IS NOT OLD.audit_id OR NEW.record_id IS NOT OLD.record_id
     OR NEW.who IS NOT OLD.who OR NEW.saves < OLD.saves
     OR NEW.last_saved_at < OLD.last_saved_at
BEGIN
    SELECT RAISE(ABORT, 'an editing session only grows');
END;
CREATE TRIGGER edit_session_no_delete BEFORE DELETE ON edit_session
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
-- `casenotes log` for one person (a practitioner sees only their own).
CREATE INDEX audit_who ON audit (who, id);
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN
    SELECT RAISE(ABORT, 'the hash chain cannot be changed');
END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN
    SELECT RAISE(ABORT, 'the hash chain cannot be changed');
END;
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_id_in_sql_matches_the_constant() {
        assert!(V1.contains(&format!("application_id = {APPLICATION_ID};")));
    }

    /// The due list's read of every record (the columns of
    /// `Store::due_facts`) must never touch the records themselves.
    #[test]
    fn the_due_facts_read_is_covered_by_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path().join("c.sqlite3"), "alice").unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT id, family_id, form_id, event_date, created_at,
                    status, significant, author FROM record ORDER BY family_id",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(plan, ["SCAN record USING COVERING INDEX record_due"]);
    }
}
