//! `casenotes check` and the structure check at open: a protection trigger
//! dropped, altered or added by another program is noticed, named, and
//! every write refused with a sentence, while the text stays readable
//! (issue 9, item 8).

use crate::support::store::run_check;
use casenotes::store::{FamilyDetails, Store, StoreError};
use rusqlite::Connection;

#[test]
fn a_changed_protection_is_named_and_every_write_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cases.sqlite3");
    {
        let mut s = Store::open(&db, "tester").expect("opens");
        s.create_family(&FamilyDetails::new(
            "FX-0001",
            "Example family",
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        ))
        .expect("a family");
    }
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Structure: as casenotes made it"), "{out}");
    assert!(out.contains("Integrity: ok"), "{out}");

    // Another program drops the trigger that keeps finalised records
    // unchanged, and adds one of its own.
    {
        let c = Connection::open(&db).expect("another program");
        c.execute_batch(
            "DROP TRIGGER record_finalised_no_update;
             CREATE TRIGGER quietly AFTER INSERT ON family BEGIN SELECT 1; END;",
        )
        .expect("changed");
    }
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("CHANGED"), "{out}");
    assert!(out.contains("missing: record_finalised_no_update"), "{out}");
    assert!(out.contains("not made by casenotes: quietly"), "{out}");

    let mut s = Store::open(&db, "tester").expect("still opens, to read");
    assert!(!s.schema_intact());
    assert_eq!(
        s.list_families(&Default::default()).expect("reads").len(),
        1
    );
    let refused = s.create_family(&FamilyDetails::new(
        "FX-0002",
        "Second example",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
    ));
    let err = refused.expect_err("writes are refused");
    assert!(matches!(err, StoreError::SchemaChanged), "{err:?}");
    assert!(err.to_string().contains("Nothing was written"), "{err}");
    assert_eq!(
        s.list_families(&Default::default()).expect("reads").len(),
        1
    );
}
