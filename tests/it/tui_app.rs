//! The app driven by messages, with no terminal: flows against a real case
//! file on a temporary path (create a family, add a child, start a record,
//! autosave, conflicts, finalise, addenda), and snapshots of every screen
//! and dialog drawn on ratatui's TestBackend at 80×24 and 160×48.

use crate::support::tui_app::{ctrl, d, draw, key, text};
use casenotes::form::{FormSet, FormSource, parse_form};
use casenotes::record::{ChildId, Slot, Value};
use casenotes::service::CaseFile;
use casenotes::store::{FamilyId, PersonId, RecordDraft, RecordId, RecordStatus, Store};
use casenotes::tui::app::{AUTOSAVE_AFTER, App, Effect, Msg, Screen};
use casenotes::tui::effects::{Executor, drive};
use casenotes::tui::family::{
    ActionCounts, ChildRow, ChronologyRow, FamilyView, LastOversight, Oversight, PersonRow,
    RecordRow,
};
use casenotes::tui::form_adapter;
use casenotes::tui::home::{FamilyList, FamilyRow, ResumeOffer};
use casenotes::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use std::time::{Duration, Instant};

const TINY_FORM: &str = r#"
id = "tiny_note"
version = 1
title = "Tiny note"
purpose = "A form small enough to finish in a test."
event_date_field = "when"

[[section]]
id = "main"
title = "The note"

[[section.field]]
id = "what"
label = "What happened"
kind = "multiline"
required = true

[[section.field]]
id = "when"
label = "Date"
kind = "date"

[[section]]
id = "voice"
title = "Child's voice"
child_voice = true
per_child = true

[[section.field]]
id = "said"
label = "What the child said"
kind = "multiline"
"#;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date")
}

fn tiny_forms() -> FormSet {
    let form =
        parse_form("tiny.toml", TINY_FORM, FormSource::BuiltIn).expect("the test form parses");
    FormSet::from_forms(vec![form])
}

fn app_with(forms: FormSet) -> App {
    App::new(
        &casenotes::user::UserLogin::new("alex").unwrap(),
        "cases.sqlite3",
        forms,
        today(),
        Instant::now(),
        Box::new(form_adapter::make_form),
    )
}

/// An app and executor over a fresh case file in a temporary folder.
struct Rig {
    app: App,
    exec: Executor,
    now: Instant,
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl Rig {
    fn new() -> Rig {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("cases.sqlite3");
        let store = Store::open(&path, "alex").expect("the store opens");
        let mut exec = Executor::over(CaseFile::new(store, tiny_forms()), None);
        // The built-in rules, never the config file of whoever runs the tests.
        let duties = casenotes::timescale::Duties::built_in().expect("built-in duties");
        exec.set_due_rules(duties, casenotes::timescale::Calendar::england_and_wales());
        Rig {
            app: app_with(tiny_forms()),
            exec,
            now: Instant::now(),
            _dir: dir,
            path,
        }
    }

    fn send(&mut self, msg: Msg) -> bool {
        drive(&mut self.app, &mut self.exec, msg, self.now)
    }

    fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.send(key(KeyCode::Char(c)));
        }
    }

    fn wait(&mut self, d: Duration) {
        self.now += d;
        self.send(Msg::Tick);
    }

    /// Creates "FX-0001 Example family" with Child A through the keys.
    fn family_with_child(&mut self) {
        self.send(Msg::Families(FamilyList::new()));
        self.send(key(KeyCode::Char('n')));
        self.typed("FX-0001");
        self.send(key(KeyCode::Tab));
        self.typed("Example family");
        self.send(key(KeyCode::Enter));
        assert_eq!(
            self.app.screen(),
            Screen::Family,
            "status: {}",
            self.app.status
        );
        self.send(key(KeyCode::Char('c')));
        self.typed("Child A");
        self.send(key(KeyCode::Tab));
        self.typed("2019-04-30");
        self.send(key(KeyCode::Enter));
        assert!(self.app.overlay.is_none(), "status: {}", self.app.status);
    }

    fn start_record(&mut self) -> RecordId {
        self.send(key(KeyCode::Char('n')));
        self.send(key(KeyCode::Enter));
        assert_eq!(
            self.app.screen(),
            Screen::Form,
            "status: {}",
            self.app.status
        );
        self.app.open.as_ref().map_or(RecordId(0), |o| o.id)
    }

    fn stored_text(&self, record: RecordId, slot: &Slot) -> Option<String> {
        let store = Store::open(&self.path, "reader").expect("a second connection");
        let r = store.record(record).expect("the record loads");
        r.answers.text(slot).map(str::to_owned)
    }
}

#[test]
fn a_family_a_child_and_a_record_are_made_by_keyboard() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let family = rig.app.family.as_ref().expect("the family screen");
    assert_eq!(family.view.family.reference, "FX-0001");
    assert_eq!(family.view.children.len(), 1);
    assert_eq!(family.view.children[0].name, "Child A");
    let id = rig.start_record();
    let o = rig.app.open.as_ref().expect("an open record");
    assert_eq!(o.children, vec![(family_child(&rig), "Child A".to_owned())]);
    assert!(id > RecordId(0));
}

fn family_child(rig: &Rig) -> ChildId {
    rig.app
        .family
        .as_ref()
        .and_then(|f| f.view.children.first())
        .map_or(ChildId(0), |c| c.id)
}

#[test]
fn typing_is_saved_after_a_pause_and_not_before() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let id = rig.start_record();
    rig.typed("Visited at home");
    let slot = Slot::once("main", "what");
    rig.wait(AUTOSAVE_AFTER / 2);
    assert_eq!(rig.stored_text(id, &slot), None, "saved before the pause");
    assert_eq!(rig.app.save_state(), "Saving as you type");
    rig.wait(AUTOSAVE_AFTER);
    assert_eq!(
        rig.stored_text(id, &slot).as_deref(),
        Some("Visited at home")
    );
    assert_eq!(rig.app.save_state(), "Saved just now");
    // The line changes only with its minute, so an idle screen sends
    // nothing to the terminal.
    rig.wait(Duration::from_secs(3));
    assert_eq!(rig.app.save_state(), "Saved just now");
    rig.wait(Duration::from_secs(60));
    assert_eq!(rig.app.save_state(), "Saved 1 min ago");
}

#[test]
fn a_section_change_and_leaving_the_form_save_at_once() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let id = rig.start_record();
    rig.typed("Seen");
    rig.send(key(KeyCode::PageDown));
    assert_eq!(
        rig.stored_text(id, &Slot::once("main", "what")).as_deref(),
        Some("Seen")
    );
    let child = family_child(&rig);
    rig.typed("I like school");
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Family);
    assert_eq!(
        rig.stored_text(id, &Slot::for_child("voice", child, "said"))
            .as_deref(),
        Some("I like school")
    );
    let f = rig.app.family.as_ref().expect("the family screen");
    assert_eq!(f.view.records.len(), 1);
    assert!(f.view.records[0].draft);
}

#[test]
fn quitting_from_the_form_saves_first() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let id = rig.start_record();
    rig.typed("Half a sentence");
    assert!(rig.send(ctrl('q')), "Ctrl-Q quits");
    assert_eq!(
        rig.stored_text(id, &Slot::once("main", "what")).as_deref(),
        Some("Half a sentence")
    );
}

#[test]
fn the_emergency_save_holds_every_character_typed() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let id = rig.start_record();
    rig.typed("Typed just before the line dropped");
    let save = rig.app.emergency_save().expect("unsaved text to save");
    let msgs = rig.exec.run(save, today());
    assert!(matches!(msgs.as_slice(), [Msg::Saved { .. }]));
    assert_eq!(
        rig.stored_text(id, &Slot::once("main", "what")).as_deref(),
        Some("Typed just before the line dropped")
    );
}

#[test]
fn a_conflicting_save_keeps_this_persons_text_as_a_new_draft() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let id = rig.start_record();
    // Someone else saves the same draft meanwhile.
    let mut other = Store::open(&rig.path, "sam").expect("a second user");
    let theirs = other.record(id).expect("loads");
    let mut draft: RecordDraft = theirs.to_draft();
    draft.answers.set(
        Slot::once("main", "what"),
        Value::Text("Their words".into()),
    );
    other
        .save_draft(id, theirs.revision, &draft)
        .expect("their save");
    rig.typed("My words");
    rig.wait(AUTOSAVE_AFTER * 2);
    let new_id = rig.app.open.as_ref().expect("still open").id;
    assert_ne!(new_id, id, "my text moved to a new draft");
    assert!(rig.app.status.contains("new draft"), "{}", rig.app.status);
    // The whole message is read at 80x24: the status band wraps it
    // instead of cutting it off (issue 10).
    let shown = text(&draw(&mut rig.app, 80, 24, &Theme::colour()));
    let flat: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("theirs is unchanged."), "{shown}");
    assert_eq!(
        rig.stored_text(id, &Slot::once("main", "what")).as_deref(),
        Some("Their words")
    );
    assert_eq!(
        rig.stored_text(new_id, &Slot::once("main", "what"))
            .as_deref(),
        Some("My words")
    );
}

#[test]
fn finalising_is_refused_with_the_list_then_accepted_and_signed() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let id = rig.start_record();
    rig.send(key(KeyCode::F(5)));
    assert_eq!(rig.app.screen(), Screen::Review);
    // The review itself refuses while something is missing: no question
    // is asked and nothing reaches the store.
    rig.send(key(KeyCode::Char('f')));
    assert!(rig.app.overlay.is_none());
    let o = rig.app.open.as_ref().expect("open");
    assert!(o.draft);
    let review = o.review_screen.as_ref().expect("the review");
    assert_eq!(review.completeness().problems.len(), 1);
    // Should the store refuse all the same, its list is shown in words.
    let effect = Effect::Finalise {
        record: id,
        expected_revision: o.revision,
        draft: o.draft_now(),
        form: Box::new(o.form.clone()),
        generation: o.edits,
    };
    for m in rig.exec.run(effect, today()) {
        rig.app.update(m, rig.now);
    }
    let o = rig.app.open.as_ref().expect("open");
    assert_eq!(
        o.review.missing,
        vec!["The note › What happened: required".to_owned()]
    );
    // Back to the form, answer, and finalise.
    rig.send(key(KeyCode::Esc));
    rig.typed("Home visit done");
    rig.send(key(KeyCode::F(5)));
    rig.send(key(KeyCode::Char('f')));
    rig.send(key(KeyCode::Enter));
    let o = rig.app.open.as_ref().expect("open");
    assert!(!o.draft, "status: {}", rig.app.status);
    assert!(
        rig.app.status.starts_with("Finalised by alex at "),
        "{}",
        rig.app.status
    );
    let store = Store::open(&rig.path, "reader").expect("opens");
    assert_eq!(
        store.record(id).expect("loads").status,
        RecordStatus::Finalised
    );
    // An addendum on the finalised record, autosaved as it is written,
    // kept when the dialog is left, and back when it is opened again.
    rig.send(key(KeyCode::Char('a')));
    rig.typed("Correction: the visit");
    assert_eq!(store.addendum_draft(id).expect("reads"), None);
    rig.wait(AUTOSAVE_AFTER);
    let alex = Store::open(&rig.path, "alex").expect("opens as the author");
    assert_eq!(
        alex.addendum_draft(id).expect("reads").as_deref(),
        Some("Correction: the visit"),
        "the addendum being written is autosaved"
    );
    rig.typed(" was");
    rig.send(key(KeyCode::Esc));
    assert!(rig.app.overlay.is_none());
    assert!(
        rig.app.status.contains("kept as a draft"),
        "{}",
        rig.app.status
    );
    assert_eq!(
        alex.addendum_draft(id).expect("reads").as_deref(),
        Some("Correction: the visit was")
    );
    rig.send(key(KeyCode::Char('a')));
    rig.typed(" announced.");
    rig.send(ctrl('s'));
    assert!(rig.app.overlay.is_none(), "status: {}", rig.app.status);
    let addenda = store.addenda(id).expect("addenda");
    assert_eq!(addenda.len(), 1);
    assert_eq!(addenda[0].text, "Correction: the visit was announced.");
    assert_eq!(
        alex.addendum_draft(id).expect("reads"),
        None,
        "adding it removes the draft"
    );
    // Esc goes back to the family, where the record shows as final.
    rig.send(key(KeyCode::Esc));
    let f = rig.app.family.as_ref().expect("family");
    assert!(!f.view.records[0].draft);
}

#[test]
fn a_duplicate_reference_is_named_in_the_dialog() {
    let mut rig = Rig::new();
    rig.family_with_child();
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Home);
    rig.send(key(KeyCode::Char('n')));
    rig.typed("fx-0001");
    rig.send(key(KeyCode::Tab));
    rig.typed("Another example");
    rig.send(key(KeyCode::Enter));
    match &rig.app.overlay {
        Some(casenotes::tui::app::Overlay::Dialog(d)) => {
            let e = d.inputs[0].error.as_deref().unwrap_or("");
            assert!(
                e.starts_with("Reference: another family already has"),
                "{e}"
            );
        }
        _ => panic!("the dialog should stay open"),
    }
}

#[test]
fn an_interrupted_draft_is_offered_back_and_opens() {
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("state");
    let path = dir.path().join("cases.sqlite3");
    let mut store = Store::open(&path, "alex").expect("opens");
    let fam = store
        .create_family(&casenotes::store::FamilyDetails::new(
            "FX-0001",
            "Example family",
            today(),
        ))
        .expect("family");
    let forms = tiny_forms();
    let form = forms.get("tiny_note").expect("form").clone();
    let draft = RecordDraft {
        event_date: today(),
        significant: false,
        children: Vec::new(),
        answers: Default::default(),
    };
    let rec = store.create_record(fam, &form, &draft).expect("record");
    let markers = casenotes::tui::resume::Markers::new(&state, &path);
    markers.opened(rec).expect("marker");
    let exec = Executor::over(CaseFile::new(store, forms.clone()), Some(markers));
    let offer = exec.resume_offer().expect("an offer");
    assert_eq!(
        offer,
        ResumeOffer {
            record: rec,
            family: "Example family".into(),
            form_title: "Tiny note".into(),
            recovered: false,
        }
    );
    let mut app = app_with(forms);
    let mut exec = exec;
    let now = Instant::now();
    let rows = exec_families(&exec);
    drive(&mut app, &mut exec, Msg::Families(rows), now);
    drive(&mut app, &mut exec, Msg::Offer(offer), now);
    drive(&mut app, &mut exec, key(KeyCode::Enter), now);
    assert_eq!(app.screen(), Screen::Form);
    assert_eq!(app.family.as_ref().map(|f| f.id()), Some(fam));
    // Leaving on purpose clears the offer.
    drive(&mut app, &mut exec, key(KeyCode::Esc), now);
    assert!(exec.resume_offer().is_none());
}

fn exec_families(exec: &Executor) -> FamilyList {
    exec.families().expect("families")
}

#[test]
fn help_lists_the_keys_of_the_screen_it_is_opened_on() {
    let mut app = app_with(tiny_forms());
    let now = Instant::now();
    app.update(Msg::Families(sample_families().into()), now);
    app.update(key(KeyCode::F(1)), now);
    assert!(app.help);
    let (name, keys) = app.keys();
    assert_eq!(name, "families");
    for k in ["/", "n", "Enter", "q"] {
        assert!(
            keys.iter().any(|(key, _)| *key == k),
            "{k} missing from {keys:?}"
        );
    }
    app.update(key(KeyCode::Esc), now);
    assert!(!app.help);
    // `?` is text while filtering, help otherwise.
    app.update(key(KeyCode::Char('/')), now);
    app.update(key(KeyCode::Char('?')), now);
    assert!(!app.help);
    assert_eq!(app.home.filter(), "?");
}

// ---- snapshots -------------------------------------------------------------

fn sample_families() -> Vec<FamilyRow> {
    let f = |id: i64, r: &str, n: &str, cp, cin, lac, drafts, closed| FamilyRow {
        id: FamilyId(id),
        reference: r.into(),
        name: n.into(),
        closed,
        closed_on: None,
        worker: Some("worker.a".into()),
        cp,
        cin,
        lac,
        drafts,
        overdue: None,
    };
    vec![
        f(1, "FX-0001", "Example family", true, false, false, 2, false),
        f(
            2,
            "FX-0002",
            "Sample household",
            false,
            true,
            false,
            0,
            false,
        ),
        f(
            3,
            "FX-0003",
            "Specimen family",
            false,
            false,
            true,
            1,
            false,
        ),
        f(
            4,
            "FX-0004",
            "Illustration family",
            false,
            false,
            false,
            0,
            true,
        ),
        f(
            5,
            "FX-0005",
            "Demonstration household",
            true,
            true,
            false,
            3,
            false,
        ),
    ]
}

fn sample_family() -> FamilyView {
    FamilyView {
        family: sample_families().remove(0),
        children: vec![
            ChildRow {
                id: ChildId(1),
                name: "Child A".into(),
                date_of_birth: Some(d(2019, 4, 30)),
                details: "girl · English".into(),
            },
            ChildRow {
                id: ChildId(2),
                name: "Child B".into(),
                date_of_birth: Some(d(2025, 6, 1)),
                details: String::new(),
            },
        ],
        people: vec![PersonRow {
            id: PersonId(1),
            name: "Parent A".into(),
            professional: false,
            describe: "Mother of Child A and Child B".into(),
        }],
        records: vec![
            RecordRow {
                id: RecordId(3),
                form_title: "Home visit".into(),
                event_date: d(2026, 11, 20),
                draft: true,
                author: "alex".into(),
                children: "Child A".into(),
            },
            RecordRow {
                id: RecordId(2),
                form_title: "Management oversight".into(),
                event_date: d(2026, 11, 2),
                draft: false,
                author: "sam".into(),
                children: String::new(),
            },
            RecordRow {
                id: RecordId(1),
                form_title: "Home visit".into(),
                event_date: d(2026, 10, 28),
                draft: false,
                author: "alex".into(),
                children: "Child A, Child B".into(),
            },
        ],
        chronology: vec![
            ChronologyRow {
                date: d(2026, 9, 1),
                what: "Started at a new school".into(),
                affected: "Settling in; tired after school".into(),
                child: Some("Child A".into()),
                source: "School".into(),
            },
            ChronologyRow {
                date: d(2026, 10, 14),
                what: "Moved to a new flat".into(),
                affected: "More room; further from school".into(),
                child: None,
                source: "Parent".into(),
            },
        ],
        oversight: Oversight {
            last: Some(LastOversight {
                date: d(2026, 11, 2),
                by: "sam".into(),
                what: "Management oversight".into(),
            }),
            period: Some("1 month".into()),
            due: Some(d(2026, 12, 2)),
            overdue: false,
        },
        actions: ActionCounts {
            open: 2,
            overdue: 1,
        },
        chain_break: None,
    }
}

fn snap_both(name: &str, app: &mut App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let buf = draw(app, w, h, &Theme::colour());
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(&buf));
    }
}

fn home_app() -> App {
    let mut app = app_with(FormSet::built_in().expect("built-in forms"));
    app.update(Msg::Families(sample_families().into()), Instant::now());
    app
}

fn family_app() -> App {
    let mut app = home_app();
    app.update(Msg::Family(sample_family()), Instant::now());
    app
}

#[test]
fn snapshot_home() {
    snap_both("home", &mut home_app());
}

#[test]
fn snapshot_home_filtering() {
    let mut app = home_app();
    let now = Instant::now();
    for c in "/fam".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    snap_both("home_filter", &mut app);
}

#[test]
fn snapshot_home_offering_an_interrupted_draft() {
    let mut app = home_app();
    app.update(
        Msg::Offer(ResumeOffer {
            record: RecordId(3),
            family: "Example family".into(),
            form_title: "Home visit".into(),
            recovered: false,
        }),
        Instant::now(),
    );
    let buf = draw(&mut app, 80, 24, &Theme::colour());
    insta::assert_snapshot!("home_offer_80x24", text(&buf));
}

#[test]
fn snapshot_family() {
    snap_both("family", &mut family_app());
}

/// A record changed outside casenotes shows as one line naming it by
/// number (issue 16; tests/it/cli_chain.rs makes a real one).
#[test]
fn snapshot_family_with_a_broken_chain() {
    use casenotes::store::{ChainBreak, ChainFault, ChainKind};
    let mut app = home_app();
    let mut view = sample_family();
    view.chain_break = Some(ChainBreak {
        kind: ChainKind::Record,
        id: 3,
        fault: ChainFault::Changed,
    });
    app.update(Msg::Family(view), Instant::now());
    let buf = draw(&mut app, 80, 24, &Theme::colour());
    insta::assert_snapshot!("family_chain_broken_80x24", text(&buf));
}

#[test]
fn snapshot_new_family_dialog_with_a_message() {
    let mut app = home_app();
    let now = Instant::now();
    app.update(key(KeyCode::Char('n')), now);
    for c in "FX-0009".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    app.update(key(KeyCode::Enter), now);
    snap_both("new_family_dialog", &mut app);
}

#[test]
fn snapshot_add_child_dialog_with_a_message() {
    let mut app = family_app();
    let now = Instant::now();
    app.update(key(KeyCode::Char('c')), now);
    for c in "Child C".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    app.update(key(KeyCode::Tab), now);
    for c in "31/02/2020".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    app.update(key(KeyCode::Enter), now);
    snap_both("add_child_dialog", &mut app);
}

#[test]
fn snapshot_form_picker() {
    let mut app = family_app();
    let now = Instant::now();
    app.update(key(KeyCode::Char('n')), now);
    app.update(key(KeyCode::Tab), now);
    app.update(key(KeyCode::Char(' ')), now);
    snap_both("form_picker", &mut app);
}

#[test]
fn snapshot_help_overlay() {
    let mut app = family_app();
    app.update(key(KeyCode::Char('?')), Instant::now());
    snap_both("help_family", &mut app);
}

#[test]
fn snapshot_too_small() {
    let mut app = home_app();
    for (w, h) in [(79, 24), (60, 20)] {
        let buf = draw(&mut app, w, h, &Theme::colour());
        let t = text(&buf);
        assert!(t.contains(&format!("The window is {w}×{h}")), "{t}");
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), t);
    }
}

#[test]
fn snapshot_no_colour_uses_no_colour_at_all() {
    let mut app = family_app();
    let buf = draw(&mut app, 80, 24, &Theme::plain());
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
    insta::assert_snapshot!("family_no_colour_80x24", text(&buf));
}

#[test]
fn stored_control_characters_are_drawn_visibly() {
    let mut app = app_with(tiny_forms());
    let mut rows = sample_families();
    rows[0].name = "Evil\u{1b}[2Jfamily".into();
    app.update(Msg::Families(rows.into()), Instant::now());
    let buf = draw(&mut app, 80, 24, &Theme::colour());
    assert!(text(&buf).contains("Evil^[[2Jfamily"));
}

#[test]
fn effects_for_a_new_family_name_the_store_work() {
    let mut app = home_app();
    let now = Instant::now();
    app.update(key(KeyCode::Char('n')), now);
    for c in "FX-0010".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    app.update(key(KeyCode::Tab), now);
    for c in "Example family".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    app.update(key(KeyCode::Tab), now);
    app.update(key(KeyCode::Char(' ')), now);
    let effects = app.update(key(KeyCode::Enter), now);
    match effects.as_slice() {
        [Effect::CreateFamily(f)] => {
            assert_eq!(f.reference, "FX-0010");
            assert_eq!(f.name, "Example family");
            assert!(f.cp && !f.cin && !f.lac);
        }
        other => panic!("unexpected effects {other:?}"),
    }
}

/// Keys typed while the window is too small change nothing the person
/// cannot see; Ctrl-Q still quits (issue 10).
#[test]
fn keys_are_ignored_while_the_window_is_too_small() {
    let mut rig = Rig::new();
    rig.family_with_child();
    let id = rig.start_record();
    let theme = Theme::colour();
    draw(&mut rig.app, 60, 20, &theme);
    assert!(rig.app.too_small);
    rig.typed("invisible");
    rig.send(key(KeyCode::Tab));
    draw(&mut rig.app, 80, 24, &theme);
    assert!(!rig.app.too_small);
    let o = rig.app.open.as_ref().expect("still open");
    assert!(!o.dirty, "nothing was typed into the form");
    rig.typed("seen");
    rig.wait(AUTOSAVE_AFTER);
    assert_eq!(
        rig.stored_text(id, &Slot::once("main", "what")).as_deref(),
        Some("seen")
    );
    draw(&mut rig.app, 60, 20, &theme);
    assert!(rig.send(ctrl('q')), "Ctrl-Q quits even then");
}
