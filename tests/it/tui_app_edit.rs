//! Changing a family's details and correcting a child's, driven through
//! `update` with no terminal against a seeded case file: flags and the due
//! list, closing and reopening a case, allocation, refusals named on their
//! field (a duplicate reference, a closing date before the case opened or
//! after today), a child's details round-tripping through the store, and
//! snapshots of both dialogs, filled in, at 80×24 and 160×48.

use crate::support::tui_app::{Rig, d, key, screen};
use casenotes::store::{CaseStatus, ChildDetails, FamilyId, Store};
use casenotes::tui::app::{Msg, Overlay, Screen};
use casenotes::tui::dialogs::{Dialog, DialogKind, edit_family_field as field};
use ratatui::crossterm::event::KeyCode;

/// The dialog open over the screen.
fn dialog(rig: &Rig) -> &Dialog {
    match &rig.app.overlay {
        Some(Overlay::Dialog(d)) => d,
        _ => panic!("no dialog is open; status: {}", rig.app.status),
    }
}

/// The text of one input of the open dialog.
fn value(rig: &Rig, i: usize) -> String {
    dialog(rig).inputs[i].edit.value().to_owned()
}

/// The message under one input of the open dialog.
fn error(rig: &Rig, i: usize) -> Option<String> {
    dialog(rig).inputs[i].error.clone()
}

/// Opens a family as `user` with the due list worked out, as after the
/// first frame.
fn rig_on(user: &str, reference: &str) -> Rig {
    let mut rig = Rig::new(user);
    rig.send(Msg::Tick);
    rig.open_family(reference);
    assert_eq!(rig.app.screen(), Screen::Family);
    rig
}

/// What is due for a family in the app's due list, by title, and whether
/// each item is a draft to finish (rather than a recurring duty).
fn due_for(rig: &Rig, family: FamilyId) -> Vec<(String, bool)> {
    rig.app
        .due
        .items()
        .into_iter()
        .filter(|i| i.family_id == family)
        .map(|i| (i.what.to_string(), i.record_id.is_some()))
        .collect()
}

fn stored_family(rig: &Rig, id: FamilyId) -> casenotes::store::FamilyDetails {
    rig.reader()
        .family(id)
        .expect("the family is stored")
        .details
}

/// Moves the dialog's cursor from its first input to input `i`.
fn to_input(rig: &mut Rig, i: usize) {
    assert_eq!(dialog(rig).focus(), 0);
    rig.press(KeyCode::Tab, i);
    assert_eq!(dialog(rig).focus(), i);
}

#[test]
fn e_opens_the_family_filled_in_with_what_is_stored() {
    let mut rig = rig_on("alex", "FX-0001");
    rig.send(key(KeyCode::Char('e')));
    let dlg = dialog(&rig);
    assert!(matches!(
        dlg.kind,
        DialogKind::EditFamily { opened_on, .. } if opened_on == d(2026, 9, 1)
    ));
    assert_eq!(value(&rig, field::REFERENCE), "FX-0001");
    assert_eq!(value(&rig, field::NAME), "Example family");
    let inputs = &dialog(&rig).inputs;
    assert!(inputs[field::CP].checked);
    assert!(!inputs[field::CIN].checked);
    assert!(!inputs[field::LAC].checked);
    assert_eq!(inputs[field::STATUS].choice, 0, "open");
    assert_eq!(value(&rig, field::WORKER), "alex");
    assert_eq!(value(&rig, field::CLOSED_ON), "");
    assert_eq!(rig.app.keys().0, "edit family");
    // Esc leaves everything as it was.
    rig.send(key(KeyCode::Esc));
    assert!(rig.app.overlay.is_none());
    assert!(stored_family(&rig, rig.seeded.example).child_protection_plan);
}

#[test]
fn a_child_protection_plan_shows_on_the_family_and_adds_its_visits_to_what_is_due() {
    let mut rig = rig_on("jo", "FX-0002");
    let sample = rig.seeded.sample;
    let cp_visit = |rig: &Rig| {
        due_for(rig, sample)
            .iter()
            .any(|(what, draft)| what == "Child protection visit" && !draft)
    };
    assert!(!cp_visit(&rig), "{:?}", due_for(&rig, sample));
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::CP);
    rig.send(key(KeyCode::Char(' ')));
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(rig.app.status, "Family details saved.");
    let stored = stored_family(&rig, sample);
    assert!(stored.child_protection_plan && stored.child_in_need);
    // The family screen, the families list and the due list all follow.
    let family = rig.app.family.as_ref().expect("the family screen");
    assert_eq!(family.view.family.flags(), "CP CIN");
    let shown = screen(&mut rig.app, 80, 24);
    assert!(
        shown.contains("FX-0002  Sample household  active  CP CIN"),
        "{shown}"
    );
    let row = rig.app.home.family(sample).expect("listed");
    assert!(row.cp);
    assert!(cp_visit(&rig), "{:?}", due_for(&rig, sample));
}

#[test]
fn a_dialog_date_takes_t_and_y_as_a_form_does_and_shows_the_date_meant() {
    // issue 14: the quick dates of a form's date fields, in the dialogs too.
    let mut rig = rig_on("alex", "FX-0001");
    let yesterday = crate::support::tui_app::today().pred_opt().unwrap();
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::STATUS);
    rig.send(key(KeyCode::Char(' ')));
    rig.send(key(KeyCode::Tab));
    rig.typed("y");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(
        rig.app.status,
        format!(
            "Family details saved; the case is closed as of {}.",
            casenotes::dates::for_people(yesterday)
        )
    );
    rig.send(key(KeyCode::Char('e')));
    assert_eq!(
        value(&rig, field::CLOSED_ON),
        casenotes::dates::short(yesterday)
    );
}

#[test]
fn a_closed_case_keeps_its_drafts_due_but_no_recurring_duties() {
    let mut rig = rig_on("alex", "FX-0001");
    let example = rig.seeded.example;
    let before = due_for(&rig, example);
    assert!(before.iter().any(|(_, draft)| !draft), "{before:?}");
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::STATUS);
    rig.send(key(KeyCode::Char(' ')));
    rig.send(key(KeyCode::Tab));
    rig.typed("2026-11-20");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(
        rig.app.status,
        "Family details saved; the case is closed as of Fri 20/11/2026."
    );
    assert_eq!(
        stored_family(&rig, example).status,
        CaseStatus::Closed(d(2026, 11, 20))
    );
    let after = due_for(&rig, example);
    assert!(after.iter().all(|(_, draft)| *draft), "{after:?}");
    assert!(
        after.iter().any(|(what, _)| what.starts_with("Finish ")),
        "the unfinished draft is still due: {after:?}"
    );
    assert!(rig.app.home.family(example).expect("listed").closed);
    let shown = screen(&mut rig.app, 80, 24);
    assert!(shown.contains("Example family  closed"), "{shown}");

    // Reopening: choosing Open clears the date, and the case is active again.
    rig.send(key(KeyCode::Char('e')));
    assert_eq!(dialog(&rig).inputs[field::STATUS].choice, 1, "closed");
    assert_eq!(value(&rig, field::CLOSED_ON), "20/11/2026");
    to_input(&mut rig, field::STATUS);
    rig.send(key(KeyCode::Left));
    assert_eq!(value(&rig, field::CLOSED_ON), "");
    // Changing one's mind gives the date back.
    rig.send(key(KeyCode::Right));
    assert_eq!(value(&rig, field::CLOSED_ON), "20/11/2026");
    rig.send(key(KeyCode::Right));
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(stored_family(&rig, example).status, CaseStatus::Active);
    assert!(due_for(&rig, example).iter().any(|(_, draft)| !draft));
}

#[test]
fn a_closing_date_before_the_case_opened_is_refused_on_the_field() {
    let mut rig = rig_on("alex", "FX-0001");
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::STATUS);
    rig.send(key(KeyCode::Char(' ')));
    rig.send(key(KeyCode::Tab));
    // Blank first: a closed case needs its date.
    rig.send(key(KeyCode::Enter));
    assert_eq!(
        error(&rig, field::CLOSED_ON).as_deref(),
        Some("Closing date: required when the case is closed (DD/MM/YYYY or YYYY-MM-DD)")
    );
    rig.typed("2026-08-31");
    rig.send(key(KeyCode::Enter));
    assert_eq!(
        error(&rig, field::CLOSED_ON).as_deref(),
        Some("Closing date: is before the case was opened (Tue 01/09/2026)")
    );
    assert_eq!(dialog(&rig).focus(), field::CLOSED_ON);
    let shown = screen(&mut rig.app, 80, 24);
    assert!(
        shown.contains("Closing date: is before the case was opened"),
        "{shown}"
    );
    // Nor after today.
    rig.clear_field();
    rig.typed("2026-11-26");
    rig.send(key(KeyCode::Enter));
    assert_eq!(
        error(&rig, field::CLOSED_ON).as_deref(),
        Some("Closing date: is after today")
    );
    assert_eq!(
        stored_family(&rig, rig.seeded.example).status,
        CaseStatus::Active
    );
    // The opening date itself is allowed.
    rig.clear_field();
    rig.typed("2026-09-01");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(
        stored_family(&rig, rig.seeded.example).status,
        CaseStatus::Closed(d(2026, 9, 1))
    );
}

#[test]
fn a_date_typed_while_the_case_is_open_is_refused_on_the_field() {
    let mut rig = rig_on("alex", "FX-0001");
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::CLOSED_ON);
    rig.typed("2026-11-20");
    rig.send(key(KeyCode::Enter));
    assert_eq!(
        error(&rig, field::CLOSED_ON).as_deref(),
        Some("Closing date: the case is open; clear the date, or set Case status to Closed")
    );
    assert_eq!(
        stored_family(&rig, rig.seeded.example).status,
        CaseStatus::Active
    );
}

#[test]
fn a_duplicate_reference_is_refused_on_the_reference_field() {
    let mut rig = rig_on("jo", "FX-0002");
    rig.send(key(KeyCode::Char('e')));
    rig.clear_field();
    // References are compared ignoring case.
    rig.typed("fx-0001");
    rig.send(key(KeyCode::Enter));
    assert_eq!(
        error(&rig, field::REFERENCE).as_deref(),
        Some("Reference: another family already has fx-0001")
    );
    assert_eq!(dialog(&rig).focus(), field::REFERENCE);
    assert_eq!(stored_family(&rig, rig.seeded.sample).reference, "FX-0002");
    // A new one is taken, and the families list shows it.
    rig.clear_field();
    rig.typed("FX-0102");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(stored_family(&rig, rig.seeded.sample).reference, "FX-0102");
    let row = rig.app.home.family(rig.seeded.sample).expect("listed");
    assert_eq!(row.reference, "FX-0102");
}

#[test]
fn blank_required_answers_and_a_worker_with_spaces_are_named() {
    let mut rig = rig_on("alex", "FX-0001");
    rig.send(key(KeyCode::Char('e')));
    rig.clear_field();
    rig.send(key(KeyCode::Tab));
    rig.clear_field();
    rig.press(KeyCode::Tab, field::WORKER - field::NAME);
    rig.clear_field();
    rig.typed("a worker");
    rig.send(key(KeyCode::Enter));
    assert_eq!(
        error(&rig, field::REFERENCE).as_deref(),
        Some("Reference: required")
    );
    assert_eq!(
        error(&rig, field::NAME).as_deref(),
        Some("Family name: required")
    );
    assert!(
        error(&rig, field::WORKER)
            .unwrap_or_default()
            .starts_with("Allocated worker: a login name has no spaces")
    );
    assert_eq!(dialog(&rig).focus(), field::REFERENCE);
    assert_eq!(stored_family(&rig, rig.seeded.example).reference, "FX-0001");
}

#[test]
fn allocating_a_case_moves_its_duties_into_the_workers_list() {
    let mut rig = rig_on("alex", "FX-0003");
    let specimen = rig.seeded.specimen;
    assert!(due_for(&rig, specimen).is_empty());
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::WORKER);
    assert_eq!(value(&rig, field::WORKER), "");
    rig.typed("alex");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(
        stored_family(&rig, specimen).allocated_worker.as_deref(),
        Some("alex")
    );
    assert!(!due_for(&rig, specimen).is_empty());
    // A blank worker is stored as not allocated.
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::WORKER);
    rig.clear_field();
    rig.send(key(KeyCode::Enter));
    assert_eq!(stored_family(&rig, specimen).allocated_worker, None);
    assert!(due_for(&rig, specimen).is_empty());
}

#[test]
fn enter_or_e_on_a_child_edits_the_child_and_elsewhere_e_edits_the_family() {
    let mut rig = rig_on("alex", "FX-0001");
    // The cursor starts on the records: e is the family's there.
    rig.send(key(KeyCode::Char('e')));
    assert!(matches!(dialog(&rig).kind, DialogKind::EditFamily { .. }));
    rig.send(key(KeyCode::Esc));
    rig.send(key(KeyCode::BackTab));
    let footer = screen(&mut rig.app, 80, 24);
    assert!(footer.contains("Enter e edit child"), "{footer}");
    rig.send(key(KeyCode::Enter));
    assert!(matches!(
        dialog(&rig).kind,
        DialogKind::EditChild { child, .. } if child == rig.seeded.child_a
    ));
    assert_eq!(rig.app.keys().0, "edit child");
    rig.send(key(KeyCode::Esc));
    rig.send(key(KeyCode::Down));
    rig.send(key(KeyCode::Char('e')));
    assert!(matches!(
        dialog(&rig).kind,
        DialogKind::EditChild { child, .. } if child == rig.seeded.child_b
    ));
}

#[test]
fn a_childs_details_are_corrected_and_read_back_as_saved() {
    let mut rig = rig_on("alex", "FX-0001");
    let child_a = rig.seeded.child_a;
    rig.send(key(KeyCode::BackTab));
    rig.send(key(KeyCode::Enter));
    assert_eq!(value(&rig, 0), "Child A");
    assert_eq!(value(&rig, 1), "30/04/2019");
    assert_eq!(value(&rig, 2), "");
    rig.clear_field();
    rig.typed("Child A Example");
    rig.send(key(KeyCode::Tab));
    rig.clear_field();
    rig.typed("2019-05-01");
    for text in [
        "girl",
        "Invented heritage",
        "English, Welsh",
        "None",
        "None known",
        "British",
    ] {
        rig.send(key(KeyCode::Tab));
        rig.typed(text);
    }
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(rig.app.status, "Child A Example: details saved.");
    let want = ChildDetails {
        name: "Child A Example".into(),
        date_of_birth: Some(d(2019, 5, 1)),
        gender: Some("girl".into()),
        nationality: Some("British".into()),
        ethnicity: Some("Invented heritage".into()),
        languages: Some("English, Welsh".into()),
        religion: Some("None".into()),
        disability: Some("None known".into()),
    };
    assert_eq!(rig.reader().child(child_a).expect("stored").details, want);
    let shown = screen(&mut rig.app, 160, 48);
    assert!(shown.contains("Child A Example"), "{shown}");
    assert!(shown.contains("girl · English, Welsh"), "{shown}");

    // Opened again, the dialog holds exactly what was saved; blanking the
    // optional answers stores them as not recorded.
    rig.send(key(KeyCode::Char('e')));
    let got: Vec<String> = (0..8).map(|i| value(&rig, i)).collect();
    assert_eq!(
        got,
        [
            "Child A Example",
            "01/05/2019",
            "girl",
            "Invented heritage",
            "English, Welsh",
            "None",
            "None known",
            "British",
        ]
    );
    for _ in 1..8 {
        rig.send(key(KeyCode::Tab));
        rig.clear_field();
    }
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    assert_eq!(
        rig.reader().child(child_a).expect("stored").details,
        ChildDetails::new("Child A Example", None)
    );
}

#[test]
fn a_child_needs_a_name_and_a_birth_date_not_in_the_future() {
    let mut rig = rig_on("alex", "FX-0001");
    rig.send(key(KeyCode::BackTab));
    rig.send(key(KeyCode::Char('e')));
    rig.clear_field();
    rig.send(key(KeyCode::Tab));
    rig.clear_field();
    rig.typed("2026-11-26");
    rig.send(key(KeyCode::Enter));
    assert_eq!(error(&rig, 0).as_deref(), Some("Name: required"));
    assert_eq!(
        error(&rig, 1).as_deref(),
        Some("Date of birth: is after today")
    );
    assert_eq!(dialog(&rig).focus(), 0);
    assert_eq!(
        rig.reader()
            .child(rig.seeded.child_a)
            .expect("stored")
            .details
            .name,
        "Child A"
    );
}

#[test]
fn help_names_the_edit_keys() {
    let mut rig = rig_on("alex", "FX-0001");
    let (_, keys) = rig.app.keys();
    assert!(keys.contains(&("e", "edit family")), "{keys:?}");
    rig.send(key(KeyCode::BackTab));
    let (_, keys) = rig.app.keys();
    assert!(keys.contains(&("Enter e", "edit child")), "{keys:?}");
    rig.send(key(KeyCode::F(1)));
    let shown = screen(&mut rig.app, 80, 24);
    assert!(shown.contains("edit child"), "{shown}");
}

// ---- snapshots -------------------------------------------------------------

fn snap_both(name: &str, rig: &mut Rig) {
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut rig.app, w, h));
    }
}

#[test]
fn snapshot_edit_family_dialog_filled_in() {
    let mut rig = rig_on("alex", "FX-0001");
    rig.send(key(KeyCode::Char('e')));
    snap_both("edit_family_dialog", &mut rig);
}

#[test]
fn snapshot_edit_child_dialog_filled_in() {
    let mut rig = Rig::new("alex");
    let mut store = Store::open(&rig.path, "sam").expect("a second connection");
    let details = ChildDetails {
        name: "Child B".into(),
        date_of_birth: Some(d(2023, 6, 1)),
        gender: Some("boy".into()),
        nationality: Some("British".into()),
        ethnicity: Some("Invented heritage".into()),
        languages: Some("English, Polish".into()),
        religion: None,
        disability: Some("None known".into()),
    };
    store
        .update_child(rig.seeded.child_b, &details)
        .expect("child B's details");
    rig.send(Msg::Tick);
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::BackTab));
    rig.send(key(KeyCode::Down));
    rig.send(key(KeyCode::Enter));
    assert_eq!(value(&rig, 0), "Child B");
    snap_both("edit_child_dialog", &mut rig);
}

/// A supervisor's families screen keeps the due counts without the team's
/// items (issue 12): a reallocation made from a family is counted again,
/// and the counts are the team list's as it now is.
#[test]
fn a_supervisors_counts_follow_a_reallocation_without_the_teams_items() {
    use crate::support::tui_app::{forms, store_as, today};
    use casenotes::timescale::{Calendar, Duties};
    use casenotes::tui::due_tally::DueTally;
    use casenotes::tui::due_view::DueSummary;
    let counted = |rig: &Rig| {
        let team = casenotes::service::due::items_for(
            &store_as(&rig.path, "sam"),
            &forms(),
            &Duties::built_in().expect("duties"),
            &Calendar::england_and_wales(),
            today(),
            true,
            false,
        )
        .expect("the team's list");
        DueTally::of_list(&casenotes::timescale::DueList::from_items(&team), "sam")
    };
    let mut rig = rig_on("sam", "FX-0003");
    let before = counted(&rig);
    rig.send(key(KeyCode::Char('e')));
    to_input(&mut rig, field::WORKER);
    rig.typed("sam");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", rig.app.status);
    let after = counted(&rig);
    assert_ne!(after.own, before.own, "sam's own work did not change");
    assert!(!rig.app.due.is_ready(), "the team's items are held");
    assert_eq!(
        rig.app.home.due(),
        &DueSummary::Ready {
            team: true,
            counts: after.team.counts
        }
    );
    // Sam's own, as the due screen's `t` would show on home.
    rig.send(key(KeyCode::Esc));
    rig.send(key(KeyCode::Char('d')));
    rig.send(key(KeyCode::Char('t')));
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Home);
    assert_eq!(
        rig.app.home.due(),
        &DueSummary::Ready {
            team: false,
            counts: after.own.counts
        }
    );
    let specimen = rig.app.home.family(rig.seeded.specimen).expect("listed");
    assert_eq!(
        specimen.overdue,
        Some(
            after
                .own
                .overdue
                .get(&rig.seeded.specimen)
                .copied()
                .unwrap_or(0)
        )
    );
}
