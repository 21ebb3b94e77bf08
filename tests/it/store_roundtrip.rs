//! The store's entities round-trip, the schema is created once and left
//! alone, new files are owner-only, and the rules around drafts, finalising,
//! addenda and the audit log hold. All on temporary files.

use crate::support::store::*;
use casenotes::record::{ChildId, Slot, Value};
use casenotes::store::{
    AuditAction, AuditEntity, AuditFilter, CaseStatus, ChildDetails, Conflict, FamilyDetails,
    FamilyFilter, FamilyOrder, NewChronologyEntry, RecordStatus, SCHEMA_VERSION, StatusFilter,
    Store, StoreError,
};
use casenotes::user::Role;
use rusqlite::Connection;
use std::os::unix::fs::PermissionsExt;

/// One row of `sqlite_schema`: type, name, SQL.
type SchemaRow = (String, String, Option<String>);

fn schema_of(path: &std::path::Path) -> (i64, i64, Vec<SchemaRow>) {
    let c = Connection::open(path).unwrap();
    let v = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let app = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let mut stmt = c
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (v, app, rows)
}

#[test]
fn migration_from_empty_then_second_open_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sqlite3");
    let s = Store::open(&path, "alice").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    drop(s);
    let before_bytes = std::fs::read(&path).unwrap();
    let (v1, app1, schema1) = schema_of(&path);
    assert_eq!(v1, SCHEMA_VERSION);
    assert_eq!(app1, casenotes::store::APPLICATION_ID);
    for table in [
        "family",
        "child",
        "record",
        "record_child",
        "form_definition",
        "addendum",
        "chronology",
        "audit",
        "users",
    ] {
        assert!(
            schema1.iter().any(|(t, n, _)| t == "table" && n == table),
            "{table} missing"
        );
    }
    assert_eq!(
        snapshot(dir.path()).len(),
        1,
        "only the file itself after closing"
    );

    let s = Store::open(&path, "bob").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    drop(s);
    let (v2, app2, schema2) = schema_of(&path);
    assert_eq!((v1, app1, &schema1), (v2, app2, &schema2));
    assert_eq!(
        before_bytes,
        std::fs::read(&path).unwrap(),
        "second open wrote nothing"
    );
}

#[test]
fn an_existing_empty_file_is_made_a_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let s = Store::open(&path, "alice").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn new_file_is_owner_only_in_an_owner_only_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data").join("casenotes");
    let path = folder.join("casenotes.sqlite3");
    let mut s = Store::open(&path, "alice").unwrap();
    family_with_child(&mut s, "EX-1");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    // SQLite gives its log the database file's permissions.
    let wal = folder.join("casenotes.sqlite3-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);
}

#[test]
fn every_entity_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.sqlite3");
    let mut s = open(&path, "alice");
    let form = form();

    // Users.
    s.add_user("alice", Role::Practitioner).unwrap();
    s.add_user("sam", Role::Supervisor).unwrap();
    assert!(matches!(
        s.add_user("sam", Role::Practitioner),
        Err(StoreError::UserExists { .. })
    ));
    assert!(s.is_supervisor("sam").unwrap());
    assert!(!s.is_supervisor("alice").unwrap());
    assert!(!s.is_supervisor("nobody").unwrap());
    s.set_role("alice", Role::Supervisor).unwrap();
    let users = s.list_users().unwrap();
    assert_eq!(users.len(), 2);
    assert!(
        users
            .iter()
            .all(|u| u.role == Role::Supervisor && u.added_at == at(9, 30))
    );
    assert!(matches!(
        s.set_role("nobody", Role::Supervisor),
        Err(StoreError::UnknownUser { .. })
    ));

    // Family, with every field.
    let mut fd = FamilyDetails::new(" EX-0042 ", "Family Example-0042", day("2025-11-03"));
    fd.child_protection_plan = true;
    fd.looked_after = true;
    fd.allocated_worker = Some("alice".into());
    let f = s.create_family(&fd).unwrap();
    let got = s.family(f).unwrap();
    assert_eq!(got.details.reference, "EX-0042", "reference is trimmed");
    assert_eq!(got.details.name, "Family Example-0042");
    assert!(
        got.details.child_protection_plan && got.details.looked_after && !got.details.child_in_need
    );
    assert_eq!(got.details.allocated_worker.as_deref(), Some("alice"));
    assert_eq!(got.details.status, CaseStatus::Active);
    assert_eq!(got.created_at, at(9, 30));
    assert_eq!(s.family_by_reference("ex-0042").unwrap().unwrap().id, f);
    assert!(matches!(
        s.create_family(&FamilyDetails::new("ex-0042", "Other", day("2025-01-01"))),
        Err(StoreError::DuplicateReference { .. })
    ));
    let mut closed = got.details.clone();
    closed.status = CaseStatus::Closed(day("2026-02-01"));
    closed.child_in_need = true;
    s.update_family(f, &closed).unwrap();
    assert_eq!(s.family(f).unwrap().details, closed);
    let mut bad = closed.clone();
    bad.status = CaseStatus::Closed(day("2020-01-01"));
    assert!(matches!(
        s.update_family(f, &bad),
        Err(StoreError::Invalid(_))
    ));

    // Children, with every field.
    let cd = ChildDetails {
        name: "Child Example-A".into(),
        date_of_birth: Some(day("2018-06-30")),
        gender: Some("Girl".into()),
        nationality: Some("British".into()),
        ethnicity: Some("Fictional".into()),
        languages: Some("English, Welsh".into()),
        religion: Some(" ".into()),
        disability: Some("None known".into()),
    };
    let a = s.add_child(f, &cd).unwrap();
    let b = s
        .add_child(f, &ChildDetails::new("Child Example-B", None))
        .unwrap();
    let got = s.child(a).unwrap();
    assert_eq!(got.family, f);
    assert_eq!(
        got.details.religion, None,
        "a blank answer is stored as not recorded"
    );
    assert_eq!(got.details.languages.as_deref(), Some("English, Welsh"));
    let mut cd2 = got.details.clone();
    cd2.religion = Some("Not stated".into());
    s.update_child(a, &cd2).unwrap();
    assert_eq!(s.child(a).unwrap().details, cd2);
    assert_eq!(
        s.children(f)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        vec![a, b]
    );

    // Record: create, load, list, save, finalise.
    let mut d = draft(a, answers(a, "I like my school."));
    d.children = vec![b, a, a];
    let r = s.create_record(f, &form, &d).unwrap();
    let rec = s.record(r).unwrap();
    assert_eq!(rec.family, f);
    assert_eq!(rec.children, vec![a, b], "children sorted, no repeats");
    assert_eq!((rec.form_id.as_str(), rec.form_version), ("test_visit", 1));
    assert_eq!(rec.status, RecordStatus::Draft);
    assert_eq!(rec.author, "alice");
    assert_eq!(rec.revision, 1);
    assert_eq!(rec.answers, d.answers);
    assert_eq!(rec.event_date, day("2026-03-09"));
    assert_eq!(
        s.form_definition("test_visit", 1).unwrap().as_deref(),
        Some(form.toml.as_str())
    );
    assert_eq!(s.form_definition("test_visit", 2).unwrap(), None);

    s.set_clock(|| at(10, 0));
    let mut edit = rec.to_draft();
    edit.children = vec![a];
    edit.significant = true;
    edit.answers = complete_answers(a, "I like my school and my teacher.");
    let rev = s.save_draft(r, 1, &edit).unwrap();
    assert_eq!(rev, 2);
    assert_eq!(
        s.save_draft(r, 2, &edit).unwrap(),
        2,
        "saving the same content writes nothing"
    );
    let rec = s.record(r).unwrap();
    assert_eq!(
        (rec.revision, rec.children.clone(), rec.significant),
        (2, vec![a], true)
    );
    assert_eq!(rec.updated_at, at(10, 0));
    assert_eq!(rec.created_at, at(9, 30));

    let list = s.list_records(f).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].id, list[0].revision, list[0].status),
        (r, 2, RecordStatus::Draft)
    );
    assert_eq!(list[0].children, vec![a]);

    s.set_clock(|| at(11, 0));
    let mut fin = rec.to_draft();
    fin.event_date = day("2026-03-01");
    let done = s.finalise(r, 2, &fin, &form, day("2026-03-10")).unwrap();
    assert_eq!(done.status, RecordStatus::Finalised);
    assert_eq!(done.finalised_by.as_deref(), Some("alice"));
    assert_eq!(done.finalised_at, Some(at(11, 0)));
    assert_eq!(
        done.event_date,
        day("2026-03-09"),
        "the form's visit date answer dates the record"
    );
    assert_eq!(done.revision, 3);

    // Addendum.
    s.set_clock(|| at(12, 0));
    let ad = s
        .add_addendum(r, "Correction: the visit was announced.")
        .unwrap();
    let ads = s.addenda(r).unwrap();
    assert_eq!(ads.len(), 1);
    assert_eq!(
        (ads[0].id, ads[0].author.as_str(), ads[0].created_at),
        (ad, "alice", at(12, 0))
    );
    assert_eq!(ads[0].text, "Correction: the visit was announced.");
    assert_eq!(s.record(r).unwrap(), done, "the original is untouched");

    // Chronology, entered out of date order.
    let later = NewChronologyEntry {
        family: f,
        child: Some(a),
        date: day("2026-03-09"),
        what_happened: "Moved school".into(),
        impact: "Child A settled well".into(),
        source: "School".into(),
        record: Some(r),
    };
    let family_wide = NewChronologyEntry {
        child: None,
        date: day("2026-01-15"),
        what_happened: "Family moved house".into(),
        impact: "All children changed bedrooms".into(),
        source: "Parent".into(),
        record: None,
        ..later.clone()
    };
    let about_b = NewChronologyEntry {
        child: Some(b),
        date: day("2026-02-01"),
        what_happened: "Started nursery".into(),
        record: None,
        ..later.clone()
    };
    let c1 = s.add_chronology_entry(&later).unwrap();
    let c2 = s.add_chronology_entry(&family_wide).unwrap();
    let c3 = s.add_chronology_entry(&about_b).unwrap();
    let whole = s.chronology(f).unwrap();
    assert_eq!(
        whole.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![c2, c3, c1]
    );
    assert_eq!(whole[2].entry, later);
    assert_eq!(whole[2].author, "alice");
    let for_a = s.child_chronology(a).unwrap();
    assert_eq!(for_a.iter().map(|e| e.id).collect::<Vec<_>>(), vec![c2, c1]);
    let other = s
        .create_family(&FamilyDetails::new(
            "EX-9",
            "Family Example-9",
            day("2026-01-01"),
        ))
        .unwrap();
    let wrong = NewChronologyEntry {
        family: other,
        ..later.clone()
    };
    assert!(matches!(
        s.add_chronology_entry(&wrong),
        Err(StoreError::Invalid(_))
    ));

    // Audit: every action above, newest first, by alice.
    let audit = s
        .audit_entries(&AuditFilter {
            record: Some(r),
            ..Default::default()
        })
        .unwrap();
    let actions: Vec<_> = audit.iter().rev().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            AuditAction::Created,
            AuditAction::Saved,
            AuditAction::Finalised,
            AuditAction::Amended,
            AuditAction::Created
        ]
    );
    assert_eq!(audit[1].entity, AuditEntity::Addendum);
    assert!(
        audit
            .iter()
            .all(|e| e.who == "alice" && e.family == Some(f))
    );
    s.note_opened(f, Some(r)).unwrap();
    s.note_exported(f, None).unwrap();
    let last = s
        .audit_entries(&AuditFilter {
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(last[0].action, AuditAction::Exported);
    assert_eq!(last[1].action, AuditAction::Opened);
    assert_eq!(last[1].record, Some(r));
    assert!(matches!(
        s.note_opened(other, Some(r)),
        Err(StoreError::NotFound { .. })
    ));
    let users_audit = s
        .audit_entries(&AuditFilter::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == AuditEntity::User)
        .count();
    assert_eq!(users_audit, 3, "two users added, one changed");

    // Everything survives closing and opening again.
    drop(s);
    let s = Store::open(&path, "bob").unwrap();
    assert_eq!(s.record(r).unwrap(), done);
    assert_eq!(s.chronology(f).unwrap(), whole);
    assert_eq!(s.family(f).unwrap().details, closed);
}

#[test]
fn finalise_is_refused_with_what_is_missing_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let form = form();
    let (f, c) = family_with_child(&mut s, "EX-1");
    let r = s
        .create_record(f, &form, &draft(c, answers(c, "Fine.")))
        .unwrap();
    let mut d = s.record(r).unwrap().to_draft();
    d.answers
        .set(Slot::once("visit", "child_seen"), Value::Text("no".into()));
    let err = s.finalise(r, 1, &d, &form, day("2026-03-10")).unwrap_err();
    let StoreError::Incomplete(missing) = &err else {
        panic!("expected Incomplete, got {err:?}");
    };
    let slots: Vec<_> = missing
        .problems
        .iter()
        .map(|p| p.slot.field.as_str())
        .collect();
    assert_eq!(slots, vec!["visit_date", "why_not_seen"]);
    assert!(err.to_string().contains("2 answer(s)"), "{err}");
    let rec = s.record(r).unwrap();
    assert_eq!(
        (rec.status, rec.revision),
        (RecordStatus::Draft, 1),
        "nothing written"
    );
    assert!(
        !rec.answers
            .iter()
            .any(|(slot, _)| slot.field == "child_seen")
    );

    // A date in the future is wrong, not missing; still refused.
    let mut d = complete_answers(c, "Fine.");
    d.set(
        Slot::once("visit", "visit_date"),
        Value::Text("2026-12-25".into()),
    );
    let err = s
        .finalise(r, 1, &draft(c, d), &form, day("2026-03-10"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Incomplete(ref m) if m.problems.len() == 1));

    // The child's voice is required for each child the record is about.
    let c2 = s
        .add_child(f, &ChildDetails::new("Child Example-B", None))
        .unwrap();
    let mut two = draft(c, complete_answers(c, "Fine."));
    two.children.push(c2);
    let err = s
        .finalise(r, 1, &two, &form, day("2026-03-10"))
        .unwrap_err();
    let StoreError::Incomplete(m) = err else {
        panic!()
    };
    assert_eq!(m.problems.len(), 1);
    assert_eq!(m.problems[0].slot, Slot::for_child("voice", c2, "views"));
}

#[test]
fn a_finalised_record_never_changes_and_takes_addenda() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let form = form();
    let (f, c) = family_with_child(&mut s, "EX-1");
    let d = draft(c, complete_answers(c, "Original words."));
    let r = s.create_record(f, &form, &d).unwrap();
    assert!(matches!(
        s.add_addendum(r, "Too early."),
        Err(StoreError::NotFinalised { .. })
    ));
    let done = s.finalise(r, 1, &d, &form, day("2026-03-10")).unwrap();

    let changed = draft(c, complete_answers(c, "Rewritten words."));
    assert!(matches!(
        s.save_draft(r, done.revision, &changed),
        Err(StoreError::Finalised { .. })
    ));
    assert!(matches!(
        s.finalise(r, done.revision, &changed, &form, day("2026-03-10")),
        Err(StoreError::Finalised { .. })
    ));
    assert!(matches!(
        s.add_addendum(r, "   "),
        Err(StoreError::Invalid(_))
    ));
    s.add_addendum(r, "An addition, dated.").unwrap();

    // Not even SQL from outside the program can change it.
    let raw = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE record SET answers = '[]' WHERE id = ?1",
        "UPDATE record SET status = 'draft' WHERE id = ?1",
        "DELETE FROM record WHERE id = ?1",
        "DELETE FROM record_child WHERE record_id = ?1",
        "UPDATE addendum SET text = 'changed' WHERE record_id = ?1",
        "DELETE FROM addendum WHERE record_id = ?1",
        "DELETE FROM audit WHERE record_id = ?1",
    ] {
        let err = raw.execute(sql, [r.0]).unwrap_err();
        assert!(err.to_string().contains("cannot be"), "{sql}: {err}");
    }
    drop(raw);
    assert_eq!(s.record(r).unwrap(), done);
    assert_eq!(s.addenda(r).unwrap().len(), 1);
}

#[test]
fn only_the_author_or_a_supervisor_finalises() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut alice = open(&path, "alice");
    let form = form();
    let (f, c) = family_with_child(&mut alice, "EX-1");
    let d = draft(c, complete_answers(c, "Words."));
    let r = alice.create_record(f, &form, &d).unwrap();
    let mut bob = open(&path, "bob");
    assert!(matches!(
        bob.finalise(r, 1, &d, &form, day("2026-03-10")),
        Err(StoreError::NotAllowed { .. })
    ));
    alice.add_user("sam", Role::Supervisor).unwrap();
    let mut sam = open(&path, "sam");
    let done = sam.finalise(r, 1, &d, &form, day("2026-03-10")).unwrap();
    assert_eq!(
        (done.author.as_str(), done.finalised_by.as_deref()),
        ("alice", Some("sam"))
    );
}

#[test]
fn finalise_needs_the_records_own_form_and_significance_needs_a_form_that_allows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let form = form();
    let (f, c) = family_with_child(&mut s, "EX-1");
    let d = draft(c, complete_answers(c, "Words."));
    let r = s.create_record(f, &form, &d).unwrap();
    let v2 = casenotes::form::parse_form(
        "v2.toml",
        &FORM_TOML.replace("version = 1", "version = 2"),
        casenotes::form::FormSource::BuiltIn,
    )
    .unwrap();
    assert!(matches!(
        s.finalise(r, 1, &d, &v2, day("2026-03-10")),
        Err(StoreError::FormMismatch { version: 1, .. })
    ));
    let plain = casenotes::form::parse_form(
        "plain.toml",
        &FORM_TOML
            .replace("can_be_significant = true", "can_be_significant = false")
            .replace("id = \"test_visit\"", "id = \"plain_visit\""),
        casenotes::form::FormSource::BuiltIn,
    )
    .unwrap();
    let mut sig = d.clone();
    sig.significant = true;
    assert!(matches!(
        s.create_record(f, &plain, &sig),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn a_form_is_kept_once_and_changed_text_under_the_same_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let (f, c) = family_with_child(&mut s, "EX-1");
    let d = draft(c, answers(c, "Words."));
    s.create_record(f, &form(), &d).unwrap();
    s.create_record(f, &form(), &d).unwrap();
    let err = s
        .create_record(f, &form_changed_without_new_version(), &d)
        .unwrap_err();
    assert!(
        matches!(err, StoreError::FormVersionClash { version: 1, .. }),
        "{err}"
    );
    assert_eq!(s.list_records(f).unwrap().len(), 2);
    assert_eq!(
        s.form_definition("test_visit", 1).unwrap().unwrap(),
        FORM_TOML
    );
}

#[test]
fn a_record_is_only_about_children_of_its_family() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let (f, _) = family_with_child(&mut s, "EX-1");
    let (_, other_child) = family_with_child(&mut s, "EX-2");
    let err = s
        .create_record(f, &form(), &draft(other_child, answers(other_child, "x")))
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    assert!(s.list_records(f).unwrap().is_empty());
    let err = s
        .create_record(
            f,
            &form(),
            &draft(ChildId(9999), answers(ChildId(9999), "x")),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
}

#[test]
fn a_conflicting_save_overwrites_nothing_and_keeps_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut alice = open(&path, "alice");
    let form = form();
    let (f, c) = family_with_child(&mut alice, "EX-1");
    let r = alice
        .create_record(f, &form, &draft(c, answers(c, "First words.")))
        .unwrap();
    let mut bob = open(&path, "bob");
    let seen_by_bob = bob.record(r).unwrap();

    let alices = draft(c, answers(c, "Alice's words."));
    assert_eq!(alice.save_draft(r, 1, &alices).unwrap(), 2);
    let bobs = draft(c, answers(c, "Bob's words."));
    let err = bob.save_draft(r, seen_by_bob.revision, &bobs).unwrap_err();
    let StoreError::Conflict(conflict) = &err else {
        panic!("expected a conflict: {err:?}")
    };
    assert_eq!(
        *conflict,
        Conflict {
            record: r,
            expected_revision: 1,
            stored_revision: 2
        }
    );
    assert_eq!(bob.record(conflict.record).unwrap().answers, alices.answers);
    let shown = err.to_string();
    assert!(
        !shown.contains("words") && !format!("{err:?}").contains("words"),
        "{shown}"
    );

    let kept = bob.create_record_from_conflict(conflict, &bobs).unwrap();
    assert_ne!(kept, r);
    let kept = bob.record(kept).unwrap();
    assert_eq!(
        (kept.answers.clone(), kept.author.as_str()),
        (bobs.answers.clone(), "bob")
    );
    assert_eq!((kept.form_id.as_str(), kept.family), ("test_visit", f));
    assert_eq!(alice.record(r).unwrap().answers, alices.answers);
}

#[test]
fn audit_rows_and_messages_never_hold_answer_text_or_childrens_names() {
    const SECRET: &str = "ZEBRA-SECRET-4417";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let form = form();
    let f = s
        .create_family(&FamilyDetails::new(
            "EX-1",
            "Family Example",
            day("2026-01-01"),
        ))
        .unwrap();
    let c = s
        .add_child(f, &ChildDetails::new("Child Name-Secret", None))
        .unwrap();
    let mut a = complete_answers(c, SECRET);
    a.set(
        Slot::once("visit", "child_seen"),
        Value::Text(SECRET.into()),
    );
    let r = s.create_record(f, &form, &draft(c, a.clone())).unwrap();
    let err = s
        .finalise(r, 1, &draft(c, a), &form, day("2026-03-10"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Incomplete(_)));
    let incomplete = err.to_string();
    let good = complete_answers(c, SECRET);
    s.save_draft(r, 1, &draft(c, good.clone())).unwrap();
    let mut other = open(&path, "bob");
    let conflict = other
        .save_draft(r, 1, &draft(c, answers(c, SECRET)))
        .unwrap_err();
    s.finalise(r, 2, &draft(c, good), &form, day("2026-03-10"))
        .unwrap();
    s.add_addendum(r, SECRET).unwrap();
    s.add_chronology_entry(&NewChronologyEntry {
        family: f,
        child: Some(c),
        date: day("2026-03-09"),
        what_happened: SECRET.into(),
        impact: SECRET.into(),
        source: SECRET.into(),
        record: Some(r),
    })
    .unwrap();
    s.note_opened(f, Some(r)).unwrap();
    s.note_exported(f, Some(r)).unwrap();
    let backup = dir.path().join("backup.sqlite3");
    s.backup_to(&backup).unwrap();
    let again = s.backup_to(&backup).unwrap_err();

    let raw = Connection::open(&path).unwrap();
    let mut stmt = raw
        .prepare("SELECT at || who || action || entity || ifnull(entity_id, '') || ifnull(family_id, '') || ifnull(record_id, '') FROM audit")
        .unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(rows.len() >= 10, "{rows:?}");
    for row in &rows {
        assert!(!row.contains(SECRET) && !row.contains("Secret"), "{row}");
    }
    for m in [incomplete, conflict.to_string(), again.to_string()] {
        assert!(!m.contains(SECRET) && !m.contains("Secret"), "{m}");
    }
}

#[test]
fn the_family_list_filters_counts_and_orders_in_one_query() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let form = form();
    let (f1, c1) = family_with_child(&mut s, "EX-100");
    let mut d2 = FamilyDetails::new("EX-200", "Family Sample_2", day("2026-01-01"));
    d2.allocated_worker = Some("bob".into());
    let f2 = s.create_family(&d2).unwrap();
    let mut d3 = FamilyDetails::new("EX-300", "Family Closed", day("2025-01-01"));
    d3.status = CaseStatus::Closed(day("2025-06-01"));
    let f3 = s.create_family(&d3).unwrap();
    let mut older = draft(c1, answers(c1, "a"));
    older.event_date = day("2026-02-01");
    s.create_record(f1, &form, &older).unwrap();
    let r = s
        .create_record(f1, &form, &draft(c1, complete_answers(c1, "b")))
        .unwrap();
    s.finalise(
        r,
        1,
        &draft(c1, complete_answers(c1, "b")),
        &form,
        day("2026-03-10"),
    )
    .unwrap();

    let all = s.list_families(&FamilyFilter::default()).unwrap();
    let ids: Vec<_> = all.iter().map(|x| x.family.id).collect();
    assert_eq!(ids, vec![f3, f1, f2], "by name");
    let one = all.iter().find(|x| x.family.id == f1).unwrap();
    assert_eq!(
        (one.drafts, one.latest_record, one.children),
        (1, Some(day("2026-03-09")), 1)
    );
    let two = all.iter().find(|x| x.family.id == f2).unwrap();
    assert_eq!((two.drafts, two.latest_record, two.children), (0, None, 0));

    let q = |filter: FamilyFilter| -> Vec<_> {
        s.list_families(&filter)
            .unwrap()
            .into_iter()
            .map(|x| x.family.id)
            .collect()
    };
    assert_eq!(
        q(FamilyFilter {
            text: Some("ex-2".into()),
            ..Default::default()
        }),
        vec![f2]
    );
    assert_eq!(
        q(FamilyFilter {
            text: Some("sample_".into()),
            ..Default::default()
        }),
        vec![f2]
    );
    assert!(
        q(FamilyFilter {
            text: Some("%".into()),
            ..Default::default()
        })
        .is_empty()
    );
    assert_eq!(
        q(FamilyFilter {
            status: Some(StatusFilter::Closed),
            ..Default::default()
        }),
        vec![f3]
    );
    assert_eq!(
        q(FamilyFilter {
            status: Some(StatusFilter::Active),
            ..Default::default()
        }),
        vec![f1, f2]
    );
    assert_eq!(
        q(FamilyFilter {
            allocated_worker: Some("bob".into()),
            ..Default::default()
        }),
        vec![f2]
    );
    assert_eq!(
        q(FamilyFilter {
            order: FamilyOrder::Reference,
            ..Default::default()
        }),
        vec![f1, f2, f3]
    );
    assert_eq!(
        q(FamilyFilter {
            order: FamilyOrder::LatestRecord,
            ..Default::default()
        })[0],
        f1
    );
    assert_eq!(
        q(FamilyFilter {
            limit: Some(1),
            offset: 1,
            ..Default::default()
        }),
        vec![f1]
    );
}

#[test]
fn a_backup_is_a_complete_owner_only_copy_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let form = form();
    let (f, c) = family_with_child(&mut s, "EX-1");
    let r = s
        .create_record(f, &form, &draft(c, answers(c, "Kept in the backup.")))
        .unwrap();
    // Another connection holds the file open and writes during the backup.
    let mut other = open(&path, "bob");
    other.note_opened(f, None).unwrap();
    let dest = dir.path().join("backup.sqlite3");
    s.backup_to(&dest).unwrap();
    assert_eq!(
        std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let copy = Store::open(&dest, "carol").unwrap();
    copy.check_integrity().unwrap();
    assert_eq!(
        copy.record(r).unwrap().answers,
        answers(c, "Kept in the backup.")
    );
    drop(copy);
    let before = std::fs::read(&dest).unwrap();
    assert!(matches!(
        s.backup_to(&dest),
        Err(StoreError::BackupExists { .. })
    ));
    assert_eq!(before, std::fs::read(&dest).unwrap());
    let last = s
        .audit_entries(&AuditFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (last[0].action, last[0].entity),
        (AuditAction::BackedUp, AuditEntity::File)
    );
}

/// Text replaced by a later save is not left readable in the file's free
/// pages (PRAGMA secure_delete), once the log is checkpointed.
#[test]
fn replaced_draft_text_does_not_linger_in_the_file() {
    use casenotes::record::{Answers, Slot, Value};
    use casenotes::store::{FamilyDetails, RecordDraft};
    use chrono::NaiveDate;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let forms = casenotes::form::FormSet::built_in().unwrap();
    let visit = forms.get("visit").unwrap();
    let secret = "ZQXJ-unique-words-that-were-deleted";
    {
        let mut store = Store::open(&path, "worker.a").unwrap();
        let fam = store
            .create_family(&FamilyDetails::new(
                "FX-1",
                "Example family",
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            ))
            .unwrap();
        let mut answers = Answers::new();
        answers.set(
            Slot::once("purpose", "aim"),
            Value::Text(secret.repeat(200)),
        );
        let mut draft = RecordDraft {
            event_date: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            significant: false,
            children: vec![],
            answers,
        };
        let id = store.create_record(fam, visit, &draft).unwrap();
        draft.answers = Answers::new();
        draft.answers.set(
            Slot::once("purpose", "aim"),
            Value::Text("Something else".into()),
        );
        store.save_draft(id, 1, &draft).unwrap();
    }
    // Closing the last connection checkpoints the log into the file.
    let bytes = std::fs::read(&path).unwrap();
    let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
    assert!(!found, "deleted text is still readable in the file");
}
