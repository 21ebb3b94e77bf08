//! Roles: only supervisors start oversight, case supervision and audit
//! records (forms marked `supervisors_only`; seed 000_80c8a2bb2a6002b3.txt
//! §3), and only the author or a supervisor finalises.

use casenotes::form::FormSet;
use casenotes::record::Answers;
use casenotes::store::{ChildDetails, FamilyDetails, RecordDraft, Store, StoreError};
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
    worker.add_user("team.manager", true).unwrap();
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
