//! The due view and the home screen's counts, driven by messages with no
//! terminal: the list is worked out after the first frame, a practitioner
//! sees their own work and is refused the team's, a supervisor sees the
//! team's and can switch, rows open their draft or family, and snapshots at
//! 80×24 and 160×48 of the view (own and team) and of home with counts.

use crate::support::tui_app::{Rig, app_for, forms, key, screen};
use casenotes::service::CaseFile;
use casenotes::store::FamilyId;
use casenotes::timescale::Urgency;
use casenotes::tui::app::{Effect, Msg, Screen};
use casenotes::tui::due_view::{DueCounts, DueSummary};
use casenotes::tui::home::FamilyRow;
use ratatui::crossterm::event::KeyCode;
use std::time::Instant;

fn snap_both(name: &str, rig: &mut Rig) {
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut rig.app, w, h));
    }
}

#[test]
fn the_first_frame_comes_before_the_due_list_which_the_first_tick_asks_for() {
    let mut app = app_for("alex", forms());
    let now = Instant::now();
    // What the runtime does before its first frame asks for nothing slow.
    let rows = vec![FamilyRow {
        id: FamilyId(1),
        reference: "FX-0001".into(),
        name: "Example family".into(),
        closed: false,
        closed_on: None,
        worker: None,
        cp: false,
        cin: false,
        lac: false,
        drafts: 0,
        overdue: None,
    }];
    assert!(app.update(Msg::Families(rows.into()), now).is_empty());
    assert_eq!(app.home.due(), &DueSummary::Pending);
    let first = screen(&mut app, 80, 24);
    assert!(first.contains("What is due: working it out…"), "{first}");
    // The first tick (after that frame) asks once; later ticks do not.
    assert!(matches!(
        app.update(Msg::Tick, now).as_slice(),
        [Effect::ComputeDue]
    ));
    assert!(app.update(Msg::Tick, now).is_empty());
    // The status line changes when the answer arrives, which is what makes
    // the runtime draw again after a tick.
    let before = app.save_state();
    app.update(
        Msg::Due {
            list: casenotes::timescale::DueList::new(),
            supervisor: false,
        },
        now,
    );
    assert_ne!(app.save_state(), before);
}

#[test]
fn a_practitioner_sees_their_own_work_and_the_counts_on_home() {
    let mut rig = Rig::new("alex");
    rig.send(Msg::Tick);
    let DueSummary::Ready { team, counts } = rig.app.home.due().clone() else {
        panic!("not worked out: {:?}", rig.app.home.due());
    };
    assert!(!team);
    assert!(counts.overdue > 0, "{counts:?}");
    // The families table's overdue column has the numbers.
    let example = rig.app.home.family(rig.seeded.example).expect("listed");
    assert_eq!(
        example.overdue,
        Some(u32::try_from(counts.overdue).unwrap_or(0))
    );
    let sample = rig.app.home.family(rig.seeded.sample).expect("listed");
    assert_eq!(sample.overdue, Some(0), "jo's family is not alex's work");
    let home = screen(&mut rig.app, 80, 24);
    assert!(home.contains("Your work: !! "), "{home}");
    assert!(home.contains("Overdue"), "{home}");

    rig.send(key(KeyCode::Char('d')));
    assert_eq!(rig.app.screen(), Screen::Due);
    let items = rig.app.due.items();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i.owner == Some("alex")));
    // Most urgent first.
    let urgencies: Vec<Urgency> = items.iter().map(|i| i.urgency).collect();
    let mut sorted = urgencies.clone();
    sorted.sort();
    assert_eq!(urgencies, sorted);
    // The team's list is refused in plain words, and nothing changes.
    rig.send(key(KeyCode::Char('t')));
    assert!(
        rig.app
            .status
            .starts_with("Only supervisors see the team's work; you (alex) see your own."),
        "{}",
        rig.app.status
    );
    assert!(!rig.app.due.is_team());
}

#[test]
fn a_supervisor_sees_the_team_and_can_switch_to_their_own() {
    let mut rig = Rig::new("sam");
    rig.send(key(KeyCode::Char('d')));
    assert_eq!(rig.app.screen(), Screen::Due);
    assert!(rig.app.due.is_team());
    let owners: Vec<Option<String>> = rig
        .app
        .due
        .items()
        .iter()
        .map(|i| i.owner.map(str::to_owned))
        .collect();
    for who in [Some("alex"), Some("jo"), None] {
        assert!(
            owners.iter().any(|o| o.as_deref() == who),
            "{who:?} missing from {owners:?}"
        );
    }
    rig.send(key(KeyCode::Char('t')));
    assert!(!rig.app.due.is_team());
    assert!(
        rig.app.due.items().is_empty(),
        "sam has no work of their own"
    );
    assert_eq!(
        rig.app.home.due(),
        &DueSummary::Ready {
            team: false,
            counts: DueCounts::default()
        }
    );
    rig.send(key(KeyCode::Char('t')));
    assert!(rig.app.due.is_team());
}

#[test]
fn enter_opens_a_draft_in_the_form_and_leaving_it_returns_to_the_list() {
    let mut rig = Rig::new("alex");
    rig.send(key(KeyCode::Char('d')));
    let pos = rig
        .app
        .due
        .items()
        .iter()
        .position(|i| i.record_id == Some(rig.seeded.alex_draft))
        .expect("alex's draft is due");
    for _ in 0..pos {
        rig.send(key(KeyCode::Down));
    }
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Form, "{}", rig.app.status);
    assert_eq!(
        rig.app.open.as_ref().map(|o| o.id),
        Some(rig.seeded.alex_draft)
    );
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Due);
    assert!(rig.app.open.is_none());
}

#[test]
fn enter_on_a_duty_opens_its_family_and_esc_comes_back() {
    let mut rig = Rig::new("alex");
    rig.send(key(KeyCode::Char('d')));
    let pos = rig
        .app
        .due
        .items()
        .iter()
        .position(|i| i.record_id.is_none())
        .expect("a duty is due");
    for _ in 0..pos {
        rig.send(key(KeyCode::Down));
    }
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Family, "{}", rig.app.status);
    assert_eq!(
        rig.app.family.as_ref().map(|f| f.id()),
        Some(rig.seeded.example)
    );
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Due);
}

/// From the families: `d`, down to alex's draft, open it, review and
/// finalise it as not a significant event; returns the draft's id.
fn finalise_alex_draft_from_the_due_list(rig: &mut Rig) -> casenotes::record::RecordId {
    rig.send(key(KeyCode::Char('d')));
    let draft = rig.seeded.alex_draft;
    let pos = rig
        .app
        .due
        .items()
        .iter()
        .position(|i| i.record_id == Some(draft))
        .expect("listed");
    for _ in 0..pos {
        rig.send(key(KeyCode::Down));
    }
    rig.send(key(KeyCode::Enter));
    rig.send(key(KeyCode::F(5)));
    rig.send(key(KeyCode::Char('f')));
    rig.send(key(KeyCode::Char('n')));
    draft
}

#[test]
fn finishing_a_draft_takes_it_off_the_list() {
    let mut rig = Rig::new("alex");
    let draft = finalise_alex_draft_from_the_due_list(&mut rig);
    assert!(
        rig.app.open.as_ref().is_some_and(|o| !o.draft),
        "{}",
        rig.app.status
    );
    assert!(
        !rig.app
            .due
            .items()
            .iter()
            .any(|i| i.record_id == Some(draft)),
        "the finalised draft is still listed"
    );
}

#[test]
fn the_families_drafts_count_follows_a_draft_finalised_from_the_due_list() {
    let mut rig = Rig::new("alex");
    let row = |rig: &Rig| {
        rig.app
            .home
            .rows()
            .iter()
            .find(|f| f.id == rig.seeded.example)
            .map(|f| f.drafts)
    };
    assert_eq!(row(&rig), Some(1), "seeded with one draft");
    finalise_alex_draft_from_the_due_list(&mut rig);
    // Back through the due list, which does not reload the families.
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Due);
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Home);
    assert_eq!(row(&rig), Some(0), "the finalised draft is still counted");
    let shown = screen(&mut rig.app, 120, 30);
    let line = shown
        .lines()
        .find(|l| l.contains("FX-0001"))
        .unwrap_or_default();
    assert!(!line.contains("1 draft"), "{line}");
}

#[test]
fn snapshot_due_own() {
    let mut rig = Rig::new("alex");
    rig.send(key(KeyCode::Char('d')));
    snap_both("due_own", &mut rig);
}

#[test]
fn snapshot_due_team() {
    let mut rig = Rig::new("sam");
    rig.send(key(KeyCode::Char('d')));
    snap_both("due_team", &mut rig);
}

#[test]
fn snapshot_home_with_counts() {
    let mut rig = Rig::new("alex");
    rig.send(Msg::Tick);
    snap_both("home_with_counts", &mut rig);
}

/// In the running program the due list is worked out on a thread of its
/// own, on a connection of its own, and arrives as a message: a large
/// caseload never holds up typing. An answer that is stale when it is
/// ready (a newer request was made) is dropped; whether the first of two
/// quick requests is stale depends on timing, so either one or two lists
/// may arrive, never more, and the last is right.
#[test]
fn the_due_list_can_be_worked_out_beside_the_interface() {
    use casenotes::store::{FamilyDetails, Store};
    use casenotes::tui::effects::Executor;
    use chrono::NaiveDate;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut store = Store::open(&path, "worker.a").unwrap();
    let mut fam = FamilyDetails::new(
        "FX-1",
        "Example family",
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
    );
    fam.allocated_worker = Some("worker.a".into());
    store.create_family(&fam).unwrap();
    let mut exec = Executor::over(CaseFile::new(store, forms()), None);
    exec.set_due_rules(
        casenotes::timescale::Duties::built_in().unwrap(),
        casenotes::timescale::Calendar::england_and_wales(),
    );
    let (tx, rx) = std::sync::mpsc::channel();
    exec.due_in_background(tx);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    for _ in 0..2 {
        let now = exec.run(Effect::ComputeDue, today);
        // Only the role comes back at once; the list comes later.
        assert!(now.iter().all(|m| matches!(m, Msg::Role { .. })));
    }
    let mut lists = Vec::new();
    let first = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    lists.push(first);
    while let Ok(more) = rx.recv_timeout(std::time::Duration::from_millis(500)) {
        lists.push(more);
    }
    assert!(lists.len() <= 2, "{} lists arrived", lists.len());
    match &lists.last().unwrap()[..] {
        [Msg::Due { list, .. }] => {
            assert!(
                list.iter()
                    .any(|i| i.what.to_string() == "Management oversight")
            );
        }
        other => panic!("expected one due list, got {} messages", other.len()),
    }
}

/// A supervisor's home screen keeps only the due list's counts (issue 12:
/// the team's list of a 50,000-family file is over 100 MB); the due screen
/// asks for the items when it opens and drops them when it is left, and
/// the home screen's counts are exactly those of the list, in the scope
/// the supervisor chose.
#[test]
fn a_supervisors_home_keeps_the_counts_and_only_the_due_screen_the_items() {
    let mut rig = Rig::new("sam");
    let today = rig.app.today;
    let asked = rig.app.update(Msg::Tick, rig.now);
    assert!(
        matches!(asked.as_slice(), [Effect::ComputeDue]),
        "{asked:?}"
    );
    let msgs = rig.exec.run(Effect::ComputeDue, today);
    assert!(msgs.iter().any(|m| matches!(m, Msg::DueCounted { .. })));
    assert!(!msgs.iter().any(|m| matches!(m, Msg::Due { .. })));
    for m in msgs {
        rig.send(m);
    }
    assert!(!rig.app.due.is_ready(), "the team's items are kept on home");
    let home = rig.app.home.due().clone();
    let DueSummary::Ready { team: true, counts } = home.clone() else {
        panic!("not the team's counts: {home:?}");
    };
    assert!(counts.overdue > 0, "{counts:?}");
    let overdue = |rig: &Rig| rig.app.home.family(rig.seeded.example).map(|r| r.overdue);
    let before = overdue(&rig);
    assert!(before.flatten().is_some_and(|n| n > 0), "{before:?}");

    // The due screen asks for the items and says so meanwhile.
    let asked = rig.app.update(key(KeyCode::Char('d')), rig.now);
    assert!(
        matches!(asked.as_slice(), [Effect::ComputeDueList]),
        "{asked:?}"
    );
    let waiting = screen(&mut rig.app, 80, 24);
    assert!(waiting.contains("Working out what is due"), "{waiting}");
    for m in rig.exec.run(Effect::ComputeDueList, today) {
        rig.send(m);
    }
    assert!(rig.app.due.is_ready());
    assert_eq!(rig.app.due.counts(), counts, "the list counts as its tally");
    assert_eq!(rig.app.home.due(), &home);

    // Left: the items go, the counts stay.
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Home);
    assert!(!rig.app.due.is_ready(), "the items are dropped");
    assert_eq!(rig.app.home.due(), &home);
    assert_eq!(overdue(&rig), before);

    // One's own work chosen on the due screen is what home counts, and is
    // still chosen when the screen opens again.
    rig.send(key(KeyCode::Char('d')));
    rig.send(key(KeyCode::Char('t')));
    rig.send(key(KeyCode::Esc));
    assert!(!rig.app.due.is_ready());
    assert_eq!(
        rig.app.home.due(),
        &DueSummary::Ready {
            team: false,
            counts: DueCounts::default()
        }
    );
    assert_eq!(overdue(&rig), Some(Some(0)));
    rig.send(key(KeyCode::Char('d')));
    assert!(!rig.app.due.is_team());
}

/// On the thread beside the interface, a supervisor's due list is only
/// counted unless the due screen asks for it, and the counts are exactly
/// those of the team's list (`casenotes due --team`'s), in both scopes.
#[test]
fn beside_the_interface_a_supervisors_list_is_counted_unless_the_due_screen_asks() {
    use crate::support::tui_app::{seed, store_as, today};
    use casenotes::timescale::{Calendar, Duties};
    use casenotes::tui::due_tally::DueTally;
    use casenotes::tui::effects::Executor;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    seed(&path);
    let (duties, cal) = (Duties::built_in().unwrap(), Calendar::england_and_wales());
    let team = casenotes::service::due::items_for(
        &store_as(&path, "sam"),
        &forms(),
        &duties,
        &cal,
        today(),
        true,
        false,
    )
    .unwrap();
    let mut exec = Executor::over(CaseFile::new(store_as(&path, "sam"), forms()), None);
    exec.set_due_rules(duties, cal);
    let (tx, rx) = std::sync::mpsc::channel();
    exec.due_in_background(tx);
    let wait = std::time::Duration::from_secs(10);

    exec.run(Effect::ComputeDue, today());
    match &rx.recv_timeout(wait).unwrap()[..] {
        [
            Msg::DueCounted {
                tally,
                supervisor: true,
            },
        ] => {
            assert_eq!(
                tally,
                &DueTally::of_list(&casenotes::timescale::DueList::from_items(&team), "sam")
            );
            assert!(tally.team.counts.overdue > 0, "{tally:?}");
        }
        other => panic!("expected the counts alone, got {} messages", other.len()),
    }

    exec.run(Effect::ComputeDueList, today());
    match &rx.recv_timeout(wait).unwrap()[..] {
        [Msg::Due { list, .. }] => assert_eq!(list.to_items(), team),
        other => panic!("expected one due list, got {} messages", other.len()),
    }
}
