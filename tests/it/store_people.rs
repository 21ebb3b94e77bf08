//! The people on a family who are not its children (schema step 6):
//! family members with their relationship, professionals with role and
//! agency (seed 002_66f790c2d2b6d6fc.txt standards 14 and 15). Added,
//! corrected, listed family first, kept to their own family, and logged
//! without what was typed.

use crate::support::store::*;
use casenotes::store::{
    AuditAction, AuditEntity, AuditFilter, PersonDetails, PersonId, PersonKind, StoreError,
};

#[test]
fn people_are_added_corrected_and_listed_family_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let (f, _) = family_with_child(&mut s, "EX-00001");
    let (other, _) = family_with_child(&mut s, "EX-00002");
    let hv = s
        .add_person(
            f,
            &PersonDetails::professional(
                "Hana Visitor (fictional)",
                "Health visitor",
                "Example Health",
            ),
        )
        .unwrap();
    let mum = s
        .add_person(
            f,
            &PersonDetails::family_member("Mo Example (fictional)", "Mother"),
        )
        .unwrap();
    s.add_person(
        other,
        &PersonDetails::family_member("Someone Else", "Father"),
    )
    .unwrap();

    let people = s.people(f).unwrap();
    let names: Vec<&str> = people.iter().map(|p| p.details.name.as_str()).collect();
    assert_eq!(
        names,
        ["Mo Example (fictional)", "Hana Visitor (fictional)"]
    );
    assert_eq!(people[0].id, mum);
    assert_eq!(people[1].details.kind, PersonKind::Professional);
    assert_eq!(people[1].details.agency.as_deref(), Some("Example Health"));

    // A correction keeps the family and replaces the details.
    let mut fixed =
        PersonDetails::family_member("Moira Example (fictional)", "Mother of the child");
    fixed.relationship = Some("Mother of the child".into());
    s.update_person(mum, &fixed).unwrap();
    let p = s.person(mum).unwrap();
    assert_eq!(p.family, f);
    assert_eq!(p.details, fixed);
    assert_eq!(
        s.person(hv).unwrap().details.role.as_deref(),
        Some("Health visitor")
    );

    // Logged as a change to the family's people, never with the names.
    let log = s
        .audit_entries(&AuditFilter {
            family: Some(f),
            ..AuditFilter::default()
        })
        .unwrap();
    let people_rows: Vec<_> = log.iter().filter(|e| e.fields == ["people"]).collect();
    assert_eq!(people_rows.len(), 3);
    assert!(people_rows.iter().all(|e| e.action == AuditAction::Saved
        && e.entity == AuditEntity::Family
        && e.family == Some(f)));
}

#[test]
fn a_person_with_no_name_or_of_no_family_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let (f, _) = family_with_child(&mut s, "EX-00001");
    let err = s
        .add_person(f, &PersonDetails::family_member("  ", "Aunt"))
        .unwrap_err();
    assert!(err.to_string().contains("name"), "{err}");
    let err = s
        .add_person(
            casenotes::store::FamilyId(999),
            &PersonDetails::family_member("Ann Example", "Aunt"),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { what: "family", .. }));
    let err = s
        .update_person(PersonId(42), &PersonDetails::family_member("Ann", "Aunt"))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { what: "person", .. }));
    assert!(s.people(f).unwrap().is_empty());
}
