//! Shared by the due-view, oversight, editing and chronology tests of the
//! app: two small forms written here (a note that can be a significant
//! event, and a stand-in management oversight form that only supervisors
//! may write), a case file seeded with invented families and workers on a
//! fixed clock, and an app and executor driven by messages. The keys, the
//! drawing and the buffer-to-text helper the snapshots use serve
//! `tui_app` too, which has its own forms, day and case file.

// `Seeded` names everything the case file holds, read by some test or not.
#![allow(dead_code)]

use casenotes::form::{Form, FormSet, FormSource, parse_form};
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::service::CaseFile;
use casenotes::store::{ChildDetails, FamilyDetails, FamilyId, RecordDraft, RecordId, Store};
use casenotes::timescale::{Calendar, Duties};
use casenotes::tui::app::{App, Msg};
use casenotes::tui::effects::{Executor, drive};
use casenotes::tui::form_adapter;
use casenotes::tui::theme::Theme;
use casenotes::user::{Role, UserLogin};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::time::Instant;

/// A note small enough to finish in a test; it can be a significant event
/// and says which answer is "what happened" in the chronology.
pub const NOTE_FORM: &str = r#"
id = "tiny_note"
version = 1
title = "Tiny note"
purpose = "A form small enough to finish in a test."
event_date_field = "when"
can_be_significant = true

[timescale]
working_days = 5
urgent_working_days = 2

[chronology]
what_happened = "what"

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
"#;

/// A stand-in for the built-in management oversight form: same id, one
/// answer, supervisors only.
pub const OVERSIGHT_FORM: &str = r#"
id = "management_oversight"
version = 1
title = "Management oversight"
purpose = "A manager's direction on the case, cut down for tests."
event_date_field = "when"
supervisors_only = true
can_be_significant = true

[[section]]
id = "main"
title = "Oversight"

[[section.field]]
id = "decision"
label = "Decision"
kind = "multiline"
required = true

[[section.field]]
id = "when"
label = "Date"
kind = "date"
"#;

/// The day every test runs on: a Wednesday.
pub fn today() -> NaiveDate {
    d(2026, 11, 25)
}

/// A date that is known to exist.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

/// Ten in the morning, UTC, of `today()`: the store's clock.
pub fn clock_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
        .single()
        .expect("a real time")
}

/// The two test forms.
pub fn forms() -> FormSet {
    let parse = |name: &str, text: &str| {
        parse_form(name, text, FormSource::BuiltIn).expect("the test form parses")
    };
    FormSet::from_forms(vec![
        parse("note.toml", NOTE_FORM),
        parse("oversight.toml", OVERSIGHT_FORM),
    ])
}

/// One of the test forms by id.
pub fn form(id: &str) -> Form {
    forms().get(id).expect("a test form").clone()
}

/// A key press.
pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A key with Ctrl held.
pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// An app for `user` over the test forms (or others), on `today()`.
pub fn app_for(user: &str, forms: FormSet) -> App {
    App::new(
        &UserLogin::new(user).expect("a test login"),
        "cases.sqlite3",
        forms,
        today(),
        Instant::now(),
        Box::new(form_adapter::make_form),
    )
}

/// What the seeded case file holds, by id.
#[derive(Clone, Copy, Debug)]
pub struct Seeded {
    /// FX-0001 Example family: alex's, child protection, two children.
    pub example: FamilyId,
    /// FX-0002 Sample household: jo's, child in need.
    pub sample: FamilyId,
    /// FX-0003 Specimen family: nobody's yet.
    pub specimen: FamilyId,
    /// Child A of the Example family.
    pub child_a: ChildId,
    /// Child B of the Example family.
    pub child_b: ChildId,
    /// alex's overdue draft note on the Example family.
    pub alex_draft: RecordId,
    /// jo's draft note on the Sample household, due this week.
    pub jo_draft: RecordId,
    /// alex's finalised note on the Example family.
    pub alex_final: RecordId,
}

fn note(what: &str, when: NaiveDate, children: Vec<ChildId>) -> RecordDraft {
    let mut answers = Answers::new();
    answers.set(Slot::once("main", "what"), Value::Text(what.into()));
    RecordDraft {
        event_date: when,
        significant: false,
        children,
        answers,
    }
}

/// The seeded file opened as `user`, on the tests' clock.
pub fn store_as(path: &PathBuf, user: &str) -> Store {
    let mut s = Store::open(path, user).expect("the store opens");
    s.set_clock(clock_now);
    s
}

/// Seeds a case file: sam a supervisor, alex and jo practitioners, three
/// invented families, drafts and a finalised note.
pub fn seed(path: &PathBuf) -> Seeded {
    let mut sam = store_as(path, "sam");
    sam.add_user("sam", Role::Supervisor).expect("sam added");
    sam.add_user("alex", Role::Practitioner)
        .expect("alex added");
    sam.add_user("jo", Role::Practitioner).expect("jo added");
    let family = |s: &mut Store, r: &str, n: &str, opened, worker: Option<&str>, cp, cin| {
        let mut d = FamilyDetails::new(r, n, opened);
        d.allocated_worker = worker.map(str::to_owned);
        d.child_protection_plan = cp;
        d.child_in_need = cin;
        s.create_family(&d).expect("family created")
    };
    let example = family(
        &mut sam,
        "FX-0001",
        "Example family",
        d(2026, 9, 1),
        Some("alex"),
        true,
        false,
    );
    let sample = family(
        &mut sam,
        "FX-0002",
        "Sample household",
        d(2026, 10, 1),
        Some("jo"),
        false,
        true,
    );
    let specimen = family(
        &mut sam,
        "FX-0003",
        "Specimen family",
        d(2026, 10, 20),
        None,
        false,
        false,
    );
    let child = |s: &mut Store, name: &str, born| {
        s.add_child(example, &ChildDetails::new(name, Some(born)))
            .expect("child added")
    };
    let child_a = child(&mut sam, "Child A", d(2019, 4, 30));
    let child_b = child(&mut sam, "Child B", d(2023, 6, 1));
    let mut alex = store_as(path, "alex");
    let f = form("tiny_note");
    let alex_draft = alex
        .create_record(
            example,
            &f,
            &note("Visited after school", d(2026, 11, 16), vec![child_a]),
        )
        .expect("alex's draft");
    let done = note("Home visit, all well", d(2026, 11, 2), vec![child_a]);
    let alex_final = alex.create_record(example, &f, &done).expect("alex's note");
    alex.finalise(alex_final, 1, &done, &f, today())
        .expect("alex's note finalised");
    let mut jo = store_as(path, "jo");
    let jo_draft = jo
        .create_record(
            sample,
            &f,
            &note("Phone call with school", d(2026, 11, 20), Vec::new()),
        )
        .expect("jo's draft");
    Seeded {
        example,
        sample,
        specimen,
        child_a,
        child_b,
        alex_draft,
        jo_draft,
        alex_final,
    }
}

/// An app and executor over a seeded case file, as one user.
pub struct Rig {
    /// The app.
    pub app: App,
    /// The executor, over the user's own connection.
    pub exec: Executor,
    /// The time messages are handled at.
    pub now: Instant,
    /// What was seeded.
    pub seeded: Seeded,
    /// The case file.
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Rig {
    /// A seeded case file, opened as `user` with the home screen loaded
    /// (as the runtime does before its first frame).
    pub fn new(user: &str) -> Rig {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("cases.sqlite3");
        let seeded = seed(&path);
        let store = store_as(&path, user);
        let mut exec = Executor::over(CaseFile::new(store, forms()), None);
        exec.set_due_rules(
            Duties::built_in().expect("built-in duties"),
            Calendar::england_and_wales(),
        );
        let mut app = app_for(user, forms());
        let now = Instant::now();
        let rows = exec.families().expect("families");
        app.update(Msg::Families(rows), now);
        Rig {
            app,
            exec,
            now,
            seeded,
            path,
            _dir: dir,
        }
    }

    /// Feeds a message and carries out every effect that follows.
    pub fn send(&mut self, msg: Msg) -> bool {
        drive(&mut self.app, &mut self.exec, msg, self.now)
    }

    /// Types text a key at a time.
    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.send(key(KeyCode::Char(c)));
        }
    }

    /// Opens a family from the home screen by its reference.
    pub fn open_family(&mut self, reference: &str) {
        // Esc clears an earlier filter first.
        self.send(key(KeyCode::Esc));
        self.send(key(KeyCode::Char('/')));
        self.typed(reference);
        self.send(key(KeyCode::Enter));
    }

    /// A second connection to read what was stored.
    pub fn reader(&self) -> Store {
        Store::open(&self.path, "reader").expect("a second connection")
    }
}

/// Draws the app on a test terminal.
pub fn draw(app: &mut App, w: u16, h: u16, theme: &Theme) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| app.view(f, theme)).expect("draws");
    t.backend().buffer().clone()
}

/// The buffer as text, wide characters counted once, lines trimmed.
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as text at a size.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    text(&draw(app, w, h, &Theme::colour()))
}

impl Rig {
    /// Presses a key `n` times (moving through a dialog, erasing text).
    pub fn press(&mut self, code: KeyCode, n: usize) {
        for _ in 0..n {
            self.send(key(code));
        }
    }

    /// Empties the focused one-line input of a dialog: to its end, then
    /// back over every character.
    pub fn clear_field(&mut self) {
        self.send(key(KeyCode::End));
        self.press(KeyCode::Backspace, 300);
    }
}
