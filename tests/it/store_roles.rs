//! Roles: only supervisors start oversight, case supervision and audit
//! records (forms marked `supervisors_only`; seed 000_80c8a2bb2a6002b3.txt
//! §3), and only the author or a supervisor finalises.

use casenotes::form::FormSet;
use casenotes::record::Answers;
use casenotes::store::{ChildDetails, FamilyDetails, RecordDraft, Store, StoreError};
use casenotes::user::Role;
use chrono::NaiveDate;

fn draft(child: casenotes::record::ChildId) -> RecordDraft {
    RecordDraft {
        event_date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        significant: false,
        children: vec![child],
        answers: Answers::new(),
    }
}

#[test]
fn only_supervisors_write_oversight() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let forms = FormSet::built_in().unwrap();
    let mut worker = Store::open(&path, "worker.a").unwrap();
    let family = worker
        .create_family(&FamilyDetails::new(
            "FX-1",
            "Example family",
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        ))
        .unwrap();
    let child = worker
        .add_child(family, &ChildDetails::new("Child A", None))
        .unwrap();
    for id in ["management_oversight", "case_supervision", "audit"] {
        let form = forms.get(id).unwrap();
        assert!(form.supervisors_only, "{id}");
        let e = worker
            .create_record(family, form, &draft(child))
            .unwrap_err();
        assert!(
            matches!(e, StoreError::SupervisorsOnly { .. }),
            "{id}: {e:?}"
        );
        assert!(
            e.to_string().starts_with("Only a supervisor can write a"),
            "{e}"
        );
    }
    // An ordinary visit is anyone's.
    worker
        .create_record(family, forms.get("visit").unwrap(), &draft(child))
        .unwrap();
    worker.add_user("team.manager", Role::Supervisor).unwrap();
    drop(worker);
    let mut manager = Store::open(&path, "team.manager").unwrap();
    manager
        .create_record(
            family,
            forms.get("management_oversight").unwrap(),
            &draft(child),
        )
        .unwrap();
    assert_eq!(manager.list_records(family).unwrap().len(), 2);
}

/// Only the allocated worker or a supervisor may reallocate, close or
/// change the flags of a family; anyone may correct its name. The audit
/// log names the details that changed, never their values (issue 10).
#[test]
fn only_the_worker_or_a_supervisor_changes_allocation_status_and_flags() {
    use casenotes::store::{AuditFilter, CaseStatus};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut alex = Store::open(&path, "alex").unwrap();
    let mut d = FamilyDetails::new("FX-1", "Example family", day);
    d.allocated_worker = Some("alex".into());
    let family = alex.create_family(&d).unwrap();
    alex.add_user("team.manager", Role::Supervisor).unwrap();
    drop(alex);

    let mut bea = Store::open(&path, "bea").unwrap();
    let mut theirs = bea.family(family).unwrap().details;
    theirs.allocated_worker = Some("bea".into());
    let e = bea.update_family(family, &theirs).unwrap_err();
    assert!(matches!(e, StoreError::NotYourFamily), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("Only the family's allocated worker")
    );
    let mut closing = bea.family(family).unwrap().details;
    closing.status = CaseStatus::Closed(day);
    assert!(matches!(
        bea.update_family(family, &closing),
        Err(StoreError::NotYourFamily)
    ));
    let mut flags = bea.family(family).unwrap().details;
    flags.child_protection_plan = true;
    assert!(bea.update_family(family, &flags).is_err());
    assert_eq!(
        bea.family(family)
            .unwrap()
            .details
            .allocated_worker
            .as_deref(),
        Some("alex"),
        "nothing changed"
    );
    // A spelling correction is anyone's.
    let mut name = bea.family(family).unwrap().details;
    name.name = "Example family (corrected)".into();
    bea.update_family(family, &name).unwrap();
    drop(bea);

    let mut manager = Store::open(&path, "team.manager").unwrap();
    let mut moved = manager.family(family).unwrap().details;
    moved.allocated_worker = Some("bea".into());
    moved.child_in_need = true;
    manager.update_family(family, &moved).unwrap();
    let log = manager
        .audit_entries(&AuditFilter {
            family: Some(family),
            ..AuditFilter::default()
        })
        .unwrap();
    let latest = &log[0];
    assert_eq!(latest.who, "team.manager");
    assert_eq!(latest.fields, vec!["child_in_need", "allocated_worker"]);
    assert_eq!(log[1].who, "bea");
    assert_eq!(log[1].fields, vec!["name"]);
}
