//! Schema steps 12 to 14, each added by one issue of session 4: discarded
//! drafts (issue 17), users' roles and display names (issue 14) and where
//! each person left a draft (issue 14). Numbered by their place in
//! `schema::MIGRATIONS`; the earlier steps are in `schema.rs`, step 15 in
//! `schema_step15.rs`.

/// Version 12: discarded drafts (`store/discard.rs`). A discarded draft's
/// row stays, its answers emptied, because audit rows name it; this table
/// says who discarded it and when, and can never be changed, so the log
/// keeps that the draft existed. The triggers stop a discarded draft from
/// being saved again and anything but a draft from being discarded.
pub(super) const V12: &str = r#"
CREATE TABLE discarded_draft (
    record_id INTEGER PRIMARY KEY REFERENCES record (id),
    who       TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;
CREATE TRIGGER discarded_draft_only_drafts BEFORE INSERT ON discarded_draft
WHEN (SELECT status FROM record WHERE id = NEW.record_id) IS NOT 'draft'
BEGIN
    SELECT RAISE(ABORT, 'only a draft can be discarded');
END;
CREATE TRIGGER discarded_draft_no_update BEFORE UPDATE ON discarded_draft
BEGIN
    SELECT RAISE(ABORT, 'a discarded draft stays discarded');
END;
CREATE TRIGGER discarded_draft_no_delete BEFORE DELETE ON discarded_draft
BEGIN
    SELECT RAISE(ABORT, 'a discarded draft stays discarded');
END;
CREATE TRIGGER record_discarded_no_update BEFORE UPDATE ON record
WHEN EXISTS (SELECT 1 FROM discarded_draft WHERE record_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'a discarded draft cannot be changed');
END;
"#;

/// Version 13: each user's role and display name (issue 14, `casenotes
/// user add LOGIN --name ... --role ...`; the roles are defined in
/// docs/safety.md, "Who may do what"). A table beside `users`, one row per
/// user, so a file from before keeps its people: a supervisor stays a
/// supervisor and everyone else becomes a practitioner. `users.is_supervisor`
/// is kept equal to whether the role oversees others (supervisor or
/// manager), so it never says something the role does not. Written so
/// that running it again changes nothing.
pub(super) const V13: &str = r#"
CREATE TABLE IF NOT EXISTS user_profile (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id),
    role         TEXT NOT NULL
                 CHECK (role IN ('practitioner', 'supervisor', 'manager', 'read-only')),
    display_name TEXT CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 80)
) STRICT;
INSERT OR IGNORE INTO user_profile (user_id, role)
    SELECT id, CASE WHEN is_supervisor THEN 'supervisor' ELSE 'practitioner' END FROM users;
"#;

/// Version 14: where each person was in a draft when they left it (the
/// field and the text cursor's line), so reopening returns there
/// (`store/draft_place.rs`). Ids and a number, never text; one row per
/// draft and person, replaced as they move; not case content, so neither
/// audited nor chained, and gone with nothing else.
pub(super) const V14: &str = r#"
CREATE TABLE draft_place (
    record_id INTEGER NOT NULL REFERENCES record (id),
    who       TEXT NOT NULL,
    section   TEXT NOT NULL,
    child     INTEGER,
    field     TEXT NOT NULL,
    line      INTEGER NOT NULL CHECK (line >= 0),
    PRIMARY KEY (record_id, who)
) STRICT;
"#;
