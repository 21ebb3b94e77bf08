//! Discarding a draft (issue 17): only its author or a supervisor may,
//! never a finalised record; the text goes, the draft leaves every list and
//! count, and the audit log keeps that it existed (form, who, when) without
//! a word of it. A save made against a discarded draft keeps its words as
//! a new draft rather than losing them.

use crate::support::store::{answers, complete_answers, draft, family_with_child, form, open};
use casenotes::form::FormSet;
use casenotes::service::CaseFile;
use casenotes::store::{AuditFilter, FamilyFilter, RecordId, StoreError};
use casenotes::user::Role;

/// A file with one family, a draft of `author`'s holding `words`, and the
/// users: "sam" a supervisor, "alex" and "jo" practitioners.
fn file_with_draft(dir: &std::path::Path, words: &str) -> (std::path::PathBuf, RecordId) {
    let path = dir.join("cases.sqlite3");
    let mut s = open(&path, "alex");
    s.add_user("sam", Role::Supervisor).unwrap();
    s.add_user("alex", Role::Practitioner).unwrap();
    s.add_user("jo", Role::Practitioner).unwrap();
    let (family, child) = family_with_child(&mut s, "FX-1");
    let id = s
        .create_record(family, &form(), &draft(child, answers(child, words)))
        .unwrap();
    (path, id)
}

fn case(path: &std::path::Path, user: &str) -> CaseFile {
    CaseFile::new(open(path, user), FormSet::from_forms(vec![form()]))
}

#[test]
fn the_author_discards_their_draft_and_it_leaves_every_list_but_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = file_with_draft(dir.path(), "Zebrafinch words");
    let mut alex = case(&path, "alex");
    let asked = alex.draft_to_discard(id).unwrap();
    assert_eq!(asked.form_title, "Test visit");
    let q = asked.question();
    assert!(
        q.contains("Test visit") && q.contains("Mon 09/03/2026"),
        "{q}"
    );
    assert!(!q.contains("Zebrafinch"), "{q}");
    alex.discard_draft(id).unwrap();

    let s = open(&path, "alex");
    let family = s.list_families(&FamilyFilter::default()).unwrap();
    assert_eq!(family[0].drafts, 0, "the Drafts count follows");
    assert_eq!(family[0].latest_record, None);
    assert!(s.list_records(family[0].family.id).unwrap().is_empty());
    // The text is gone from the file, not only from the lists.
    let stored = s.record(id).unwrap();
    assert!(stored.answers.to_json().len() <= 2, "{:?}", stored.answers);
    assert!(s.is_discarded(id).unwrap());
    // The log: a `saved` row naming `discarded`, alex, the record.
    let log = s
        .audit_entries(&AuditFilter {
            record: Some(id),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(log[0].fields, ["discarded"]);
    assert_eq!(log[0].who, "alex");
    // Opening it again says what happened.
    let Err(e) = case(&path, "alex").load_record(id) else {
        panic!("a discarded draft opened");
    };
    assert!(e.contains("discarded"), "{e}");
    // Discarding twice is refused.
    let e = case(&path, "alex").discard_draft(id).unwrap_err();
    assert!(matches!(e, StoreError::Discarded { .. }), "{e:?}");
}

#[test]
fn only_the_author_or_a_supervisor_may_discard() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = file_with_draft(dir.path(), "Some words");
    let e = case(&path, "jo").draft_to_discard(id).unwrap_err();
    assert!(matches!(e, StoreError::NotYourDraft { .. }), "{e:?}");
    let e = case(&path, "jo").discard_draft(id).unwrap_err();
    assert!(matches!(e, StoreError::NotYourDraft { .. }), "{e:?}");
    assert!(e.to_string().contains("Nothing was changed"), "{e}");
    assert!(!open(&path, "jo").is_discarded(id).unwrap());
    // A supervisor may.
    case(&path, "sam").discard_draft(id).unwrap();
    let log = open(&path, "sam")
        .audit_entries(&AuditFilter::default())
        .unwrap();
    assert!(log[0].who == "sam" && log[0].fields == ["discarded"]);
}

#[test]
fn a_finalised_record_can_never_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.sqlite3");
    let mut s = open(&path, "alex");
    let (family, child) = family_with_child(&mut s, "FX-1");
    let d = draft(child, complete_answers(child, "All well"));
    let id = s.create_record(family, &form(), &d).unwrap();
    s.finalise(id, 1, &d, &form(), crate::support::store::day("2026-03-10"))
        .unwrap();
    drop(s);
    let e = case(&path, "alex").draft_to_discard(id).unwrap_err();
    assert!(matches!(e, StoreError::Finalised { .. }), "{e:?}");
    let e = case(&path, "alex").discard_draft(id).unwrap_err();
    assert!(matches!(e, StoreError::Finalised { .. }), "{e:?}");
    assert_eq!(open(&path, "alex").list_records(family).unwrap().len(), 1);
}

#[test]
fn a_save_after_a_discard_is_refused_and_the_writer_keeps_the_words_as_a_new_draft() {
    use casenotes::service::{WriteJob, WriteOutcome, Writer};
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = file_with_draft(dir.path(), "First words");
    let mut alex = open(&path, "alex");
    let rec = alex.record(id).unwrap();
    // The supervisor discards while alex still has it open.
    case(&path, "sam").discard_draft(id).unwrap();
    let child = rec.children[0];
    let mine = draft(child, answers(child, "Later words"));
    let e = alex.save_draft(id, rec.revision, &mine).unwrap_err();
    assert!(matches!(e, StoreError::Discarded { .. }), "{e:?}");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut w = Writer::start(open(&path, "alex"), None, tx);
    w.submit(WriteJob::Save {
        record: id,
        expected_revision: rec.revision,
        draft: mine,
        generation: 1,
    });
    let outcome = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    let WriteOutcome::SavedAsNew { new, .. } = outcome else {
        panic!("the words were not kept as a new draft");
    };
    w.finish(std::time::Instant::now() + std::time::Duration::from_secs(5));
    let kept = open(&path, "alex").record(new).unwrap();
    assert!(kept.answers.to_json().contains("Later words"));
}
