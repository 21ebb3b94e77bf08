//! Users with display names and roles (issue 14): schema step 12 keeps
//! today's supervisors as supervisors and everyone else practitioners; a
//! manager has a supervisor's rights (the guidance gives line managers
//! oversight and audit of records, seed 001_e08e81dd70c4fa85.txt
//! "Management oversight", seed 003_e0d5b8f8efac37da.txt "Management
//! oversight", and nothing about administering users); a read-only user is
//! refused every write, by the service with a plain sentence and by the
//! store inside its transaction.

use crate::support::store::*;
use casenotes::form::FormSet;
use casenotes::service::CaseFile;
use casenotes::service::case_file::FamilyChange;
use casenotes::store::{
    ChildDetails, Conflict, FamilyDetails, NewChronologyEntry, PersonDetails, SCHEMA_VERSION,
    Store, StoreError,
};
use casenotes::user::{DisplayName, Role, UserLogin};
use rusqlite::Connection;

fn login(s: &str) -> UserLogin {
    UserLogin::new(s).unwrap()
}

fn name(s: &str) -> DisplayName {
    DisplayName::new(s).unwrap()
}

#[test]
fn a_file_from_before_roles_keeps_its_supervisors_and_makes_the_rest_practitioners() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite3");
    {
        let mut s = open(&path, "sam");
        s.add_user("sam", Role::Supervisor).unwrap();
        s.add_user("alex", Role::Practitioner).unwrap();
    }
    // What version 11 left: the users table alone.
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE user_profile; DROP TABLE draft_place; PRAGMA user_version = 12;",
        )
        .unwrap();
    }
    let s = Store::open(&path, "alex").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(s.schema_report().unwrap().is_intact());
    let users = s.list_users().unwrap();
    let roles: Vec<(&str, Role)> = users.iter().map(|u| (u.login.as_str(), u.role)).collect();
    assert_eq!(
        roles,
        [("alex", Role::Practitioner), ("sam", Role::Supervisor)]
    );
    assert!(users.iter().all(|u| u.name.is_none()));
    assert!(s.is_supervisor("sam").unwrap());
}

#[test]
fn roles_and_display_names_are_kept_and_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let mut s = open(&path, "sam");
    s.add_user_named(&login("sam"), Role::Manager, Some(&name("Sam Manager")))
        .unwrap();
    s.add_user_named(&login("robin"), Role::ReadOnly, None)
        .unwrap();
    assert_eq!(s.my_role().unwrap(), Role::Manager);
    assert!(s.is_supervisor("sam").unwrap(), "a manager oversees");
    s.set_display_name(&login("robin"), Some(&name("Robin Reader")))
        .unwrap();
    s.set_role("robin", Role::Practitioner).unwrap();
    let dir_ = s.user_directory().unwrap();
    assert_eq!(dir_.label_with_role("sam"), "Sam Manager (manager)");
    assert_eq!(dir_.label("robin"), "Robin Reader");
    assert_eq!(dir_.role_of("robin"), Role::Practitioner);
    assert_eq!(dir_.label("nobody"), "nobody");
    s.set_display_name(&login("robin"), None).unwrap();
    assert_eq!(s.user_directory().unwrap().label("robin"), "robin");
    drop(s);
    // The file's own rule refuses a role it does not know.
    let c = Connection::open(&path).unwrap();
    assert!(
        c.execute("UPDATE user_profile SET role = 'boss'", [])
            .is_err()
    );
}

/// A file with a family, a child, a finalised record and a draft, and a
/// read-only user `robin` listed by the supervisor `sam`.
fn file_with_a_reader(
    path: &std::path::Path,
) -> (casenotes::store::FamilyId, casenotes::record::ChildId) {
    let mut s = open(path, "sam");
    s.add_user("sam", Role::Supervisor).unwrap();
    s.add_user("robin", Role::ReadOnly).unwrap();
    family_with_child(&mut s, "EX-00001")
}

#[test]
fn the_store_refuses_every_write_of_a_read_only_user() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let (family, child) = file_with_a_reader(&path);
    let record = {
        let mut s = open(&path, "sam");
        s.create_record(family, &form(), &draft(child, answers(child, "words")))
            .unwrap()
    };
    let mut r = open(&path, "robin");
    let refused = |e: StoreError| assert!(matches!(e, StoreError::ReadOnlyUser), "{e:?}");
    refused(
        r.create_family(&FamilyDetails::new(
            "EX-2",
            "Example family",
            day("2026-01-05"),
        ))
        .unwrap_err(),
    );
    let mut d = r.family(family).unwrap().details;
    d.name = "Example family (renamed)".into();
    refused(r.update_family(family, &d).unwrap_err());
    refused(
        r.add_child(family, &ChildDetails::new("Child B", None))
            .unwrap_err(),
    );
    refused(
        r.add_person(
            family,
            &PersonDetails::family_member("Parent Example", "mother"),
        )
        .unwrap_err(),
    );
    refused(
        r.create_record(family, &form(), &draft(child, answers(child, "x")))
            .unwrap_err(),
    );
    refused(
        r.save_draft(record, 1, &draft(child, answers(child, "x")))
            .unwrap_err(),
    );
    refused(r.add_addendum(record, "more").unwrap_err());
    refused(r.save_addendum_draft(record, "more").unwrap_err());
    // Reading and the audit of reading still work.
    assert_eq!(r.record(record).unwrap().id, record);
}

#[test]
fn the_service_refuses_every_write_use_case_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let (family, child) = file_with_a_reader(&path);
    let forms = FormSet::from_forms(vec![form()]);
    let record = {
        let mut sam = CaseFile::new(open(&path, "sam"), forms.clone());
        sam.start_record(family, "test_visit", vec![child], day("2026-03-09"))
            .unwrap()
    };
    let mut robin = CaseFile::new(open(&path, "robin"), forms);
    let sentence = StoreError::ReadOnlyUser.to_string();
    assert!(
        sentence.starts_with("You have read-only access"),
        "{sentence}"
    );
    let store_refused = |e: StoreError| assert_eq!(e.to_string(), sentence);
    let text_refused = |e: String| assert_eq!(e, sentence);
    text_refused(
        robin
            .start_record(family, "test_visit", vec![child], day("2026-03-09"))
            .unwrap_err(),
    );
    let d = draft(child, answers(child, "x"));
    store_refused(robin.save_in_place(record, 1, &d).unwrap_err());
    store_refused(
        robin
            .finalise_in_place(record, 1, &d, &form(), day("2026-03-09"))
            .unwrap_err(),
    );
    store_refused(
        robin
            .keep_as_new(
                &Conflict {
                    record,
                    expected_revision: 1,
                    stored_revision: 2,
                },
                &d,
            )
            .unwrap_err(),
    );
    store_refused(robin.save_addendum_draft(record, "more").unwrap_err());
    store_refused(robin.add_addendum(record, "more").unwrap_err());
    text_refused(
        robin
            .open_case(FamilyDetails::new(
                "EX-3",
                "Example family",
                day("2026-01-05"),
            ))
            .unwrap_err()
            .message,
    );
    text_refused(
        robin
            .change_family(
                &FamilyChange {
                    family,
                    reference: "EX-00001".into(),
                    name: "Example family (renamed)".into(),
                    cp: false,
                    cin: false,
                    lac: false,
                    allocated_worker: None,
                    closed_on: None,
                },
                day("2026-03-09"),
            )
            .unwrap_err()
            .message,
    );
    store_refused(
        robin
            .add_child(family, &ChildDetails::new("Child B", None))
            .unwrap_err(),
    );
    store_refused(
        robin
            .correct_child(child, &ChildDetails::new("Child C", None))
            .unwrap_err(),
    );
    text_refused(
        robin
            .add_person(
                family,
                &PersonDetails::family_member("Parent Example", "mother"),
            )
            .unwrap_err(),
    );
    store_refused(
        robin
            .add_chronology_entry(&NewChronologyEntry {
                family,
                child: None,
                date: day("2026-03-01"),
                what_happened: "An example event".into(),
                impact: "None".into(),
                source: "Example".into(),
                record: None,
            })
            .unwrap_err(),
    );
    // Nor may a read-only user change users once someone oversees the file.
    let e = robin
        .add_or_change_user(&login("robin"), Some(Role::Supervisor), None)
        .unwrap_err();
    assert!(matches!(e, StoreError::NotUserAdmin), "{e:?}");
    assert_eq!(robin.my_role().unwrap(), Role::ReadOnly);
}

#[test]
fn the_first_overseer_may_be_added_by_anyone_and_then_only_by_overseers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let mut alex = CaseFile::new(open(&path, "alex"), FormSet::default());
    alex.add_or_change_user(&login("alex"), None, None).unwrap();
    alex.add_or_change_user(&login("mo"), Some(Role::Manager), Some(&name("Mo Manager")))
        .unwrap();
    let e = alex
        .change_user(&login("alex"), Some(Role::Supervisor), None)
        .unwrap_err();
    assert!(matches!(e, StoreError::NotUserAdmin), "{e:?}");
    drop(alex);
    let mut mo = CaseFile::new(open(&path, "mo"), FormSet::default());
    mo.change_user(&login("alex"), None, Some(Some(&name("Alex Worker"))))
        .unwrap();
    let alex = mo.user_named(&login("alex")).unwrap().unwrap();
    assert_eq!(alex.role, Role::Practitioner);
    assert_eq!(alex.name, Some(name("Alex Worker")));
}

/// A display name typed where the allocated worker's login belongs is
/// refused with a sentence naming the answer (issue 11: a login is never a
/// display name).
#[test]
fn a_display_name_is_not_taken_for_a_worker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let (family, _) = file_with_a_reader(&path);
    let mut sam = CaseFile::new(open(&path, "sam"), FormSet::default());
    let change = |worker: &str| FamilyChange {
        family,
        reference: "EX-00001".into(),
        name: "Family Example".into(),
        cp: false,
        cin: false,
        lac: false,
        allocated_worker: Some(worker.into()),
        closed_on: None,
    };
    let e = sam
        .change_family(&change("Dana Worker"), day("2026-03-09"))
        .unwrap_err();
    assert!(
        e.message.starts_with("Allocated worker: is a login name"),
        "{e:?}"
    );
    sam.change_family(&change("dana.w"), day("2026-03-09"))
        .unwrap();
    let mut s = open(&path, "sam");
    let mut d = s.family(family).unwrap().details;
    d.allocated_worker = Some("Dana Worker".into());
    assert!(matches!(
        s.update_family(family, &d),
        Err(StoreError::Invalid(_))
    ));
}
