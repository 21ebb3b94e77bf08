//! A manager's comment on a worker's record (issue 10): labelled with the
//! manager's role wherever the addendum is shown, and listed on the
//! worker's families screen until the worker opens the record.

use crate::support::tui_app::{Rig, clock_now, screen};
use casenotes::store::Store;
use casenotes::tui::app::Effect;

fn run(rig: &mut Rig, effect: Effect) {
    for m in rig.exec.run(effect, crate::support::tui_app::today()) {
        rig.app.update(m, rig.now);
    }
}

#[test]
fn a_managers_comment_is_labelled_and_shown_to_the_worker_until_read() {
    let mut rig = Rig::new("alex");
    // On the rig's clock, so the comment comes before the opening below.
    let mut sam = Store::open(&rig.path, "sam").expect("sam's connection");
    sam.set_clock(clock_now);
    sam.add_addendum(rig.seeded.alex_final, "Please add the school's view.")
        .expect("sam comments");
    run(&mut rig, Effect::LoadFamilies);
    assert_eq!(rig.app.home.comments.len(), 1);
    let shown = screen(&mut rig.app, 100, 30);
    assert!(
        shown.contains("New comment from sam (supervisor) on FX-0001 Example family"),
        "{shown}"
    );
    // Opening the record shows the comment as the manager's, and reads it.
    let record = rig.seeded.alex_final;
    run(&mut rig, Effect::OpenRecord(record));
    let o = rig.app.open.as_ref().expect("the record is open");
    assert_eq!(o.addenda.len(), 1);
    assert_eq!(o.addenda[0].author, "sam (supervisor)");
    run(&mut rig, Effect::LoadFamilies);
    assert!(rig.app.home.comments.is_empty(), "still unread");
}

#[test]
fn ones_own_addenda_are_not_news() {
    let mut rig = Rig::new("alex");
    let mut alex = Store::open(&rig.path, "alex").expect("alex's connection");
    alex.add_addendum(rig.seeded.alex_final, "Corrected the date.")
        .expect("alex adds one");
    run(&mut rig, Effect::LoadFamilies);
    assert!(rig.app.home.comments.is_empty());
}

#[test]
fn a_record_opens_knowing_the_familys_other_people_for_the_writing_help() {
    let rig = Rig::new("alex");
    let mut sam = Store::open(&rig.path, "sam").expect("sam's connection");
    sam.add_person(
        rig.seeded.example,
        &casenotes::store::PersonDetails::professional(
            "Dr Example-Surgery (fictional)",
            "GP",
            "Example Health Centre",
        ),
    )
    .expect("a professional");
    let loaded = rig
        .exec
        .load_record(rig.seeded.alex_draft)
        .expect("the draft loads");
    let names: Vec<(&str, &str)> = loaded
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.who.as_str()))
        .collect();
    // Child A is on the record already (the form knows); Child B is not.
    assert_eq!(
        names,
        [
            ("Child B", "a child's name on this family"),
            (
                "Dr Example-Surgery (fictional)",
                "a professional named on this family"
            ),
        ]
    );
}

#[test]
fn only_a_demonstration_file_carries_the_demo_banner() {
    let mut rig = Rig::new("alex");
    assert!(!screen(&mut rig.app, 80, 24).contains("DEMO"));
    rig.app.demo = true;
    let shown = screen(&mut rig.app, 80, 24);
    assert!(shown.starts_with(" DEMO: fictional family "), "{shown}");
}
