//! The case-file audit in the app (issue 16): a supervisor starting an
//! audit of the demo family gets it pre-answered, each computed standard
//! with its evidence (read, not edited) and its proposal, and the
//! confirmation each proposal needs before the audit can be finalised
//! (seed 002_66f790c2d2b6d6fc.txt, the Tees standards and audit tool).

use crate::support::tui_app::{app_for, clock_now, key, screen, today};
use casenotes::form::FormSet;
use casenotes::service::CaseFile;
use casenotes::store::Store;
use casenotes::timescale::{Calendar, Duties};
use casenotes::tui::app::{App, Msg, Overlay, Screen};
use casenotes::tui::effects::{Executor, drive};
use ratatui::crossterm::event::KeyCode;
use std::time::Instant;

struct AuditRig {
    app: App,
    exec: Executor,
    now: Instant,
    _dir: tempfile::TempDir,
}

impl AuditRig {
    /// The demo family in a demonstration file, opened by its trainer
    /// (the file's supervisor), on the families screen.
    fn new() -> AuditRig {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.sqlite3");
        let forms = FormSet::built_in().unwrap();
        let mut s = Store::open(&path, "trainer").unwrap();
        s.set_clock(clock_now);
        s.mark_demo().unwrap();
        casenotes::demo::seed(&mut s, &forms, today()).unwrap();
        let mut exec = Executor::over(CaseFile::new(s, forms.clone()), None);
        exec.set_due_rules(Duties::built_in().unwrap(), Calendar::england_and_wales());
        let mut app = app_for("trainer", forms);
        let now = Instant::now();
        let rows = exec.families().unwrap();
        app.update(Msg::Families(rows), now);
        AuditRig {
            app,
            exec,
            now,
            _dir: dir,
        }
    }

    fn send(&mut self, code: KeyCode) {
        drive(&mut self.app, &mut self.exec, key(code), self.now);
    }

    /// Opens the family and starts an audit from the form picker.
    fn start_audit(&mut self) {
        self.send(KeyCode::Enter);
        assert_eq!(self.app.screen(), Screen::Family, "{}", self.app.status);
        self.send(KeyCode::Char('n'));
        for _ in 0..20 {
            match &self.app.overlay {
                Some(Overlay::Picker(p)) if p.form().is_some_and(|f| f.id == "audit") => break,
                Some(Overlay::Picker(_)) => self.send(KeyCode::Down),
                _ => panic!("no picker: {}", self.app.status),
            }
        }
        self.send(KeyCode::Enter);
        assert_eq!(self.app.screen(), Screen::Form, "{}", self.app.status);
    }

    /// Moves `n` sections on.
    fn sections_on(&mut self, n: usize) {
        for _ in 0..n {
            self.send(KeyCode::PageDown);
        }
    }
}

#[test]
fn a_started_audit_shows_each_standards_evidence_and_proposal() {
    let mut rig = AuditRig::new();
    rig.start_audit();
    // "About this audit", standard 1, 2, then standard 3 (plain language).
    rig.sections_on(3);
    let s = screen(&mut rig.app, 80, 24);
    insta::assert_snapshot!("audit_standard_3_80x24", s);
    rig.sections_on(13);
    let big = screen(&mut rig.app, 160, 50);
    insta::assert_snapshot!("audit_standard_16_160x50", big);
    assert!(big.contains("Evidence from the file"), "{big}");
    assert!(
        big.contains("Gathered Wed 25/11/2026, proposed: partly."),
        "{big}"
    );
    assert!(big.contains("(•) partly"), "{big}");
    assert!(big.contains("( ) confirmed"), "{big}");
}

#[test]
fn the_evidence_cannot_be_typed_over_but_the_proposal_can_be_changed_and_confirmed() {
    let mut rig = AuditRig::new();
    rig.start_audit();
    rig.sections_on(9);
    // The focus starts on the evidence: typing there changes nothing.
    let before = screen(&mut rig.app, 100, 40);
    assert!(before.contains("Standard 9: Up to date"), "{before}");
    for c in "tampered".chars() {
        rig.send(KeyCode::Char(c));
    }
    let after = screen(&mut rig.app, 100, 40);
    assert!(!after.contains("tampered"), "{after}");
    // Down to the proposal: change it to no (its third answer), then
    // confirm.
    rig.send(KeyCode::Tab);
    rig.send(KeyCode::Char('3'));
    rig.send(KeyCode::Tab);
    rig.send(KeyCode::Char('1'));
    let s = screen(&mut rig.app, 100, 40);
    assert!(s.contains("(•) no"), "{s}");
    assert!(s.contains("(•) confirmed"), "{s}");
}

#[test]
fn f6_opens_a_record_the_evidence_names_and_esc_comes_back_to_the_audit() {
    let mut rig = AuditRig::new();
    rig.start_audit();
    let audit = rig.app.open.as_ref().map(|o| o.id).unwrap();
    // Standard 3 names the demo visit with an unexplained abbreviation.
    rig.sections_on(3);
    rig.send(KeyCode::F(6));
    assert!(
        matches!(rig.app.overlay, Some(Overlay::Links(_))),
        "{}",
        screen(&mut rig.app, 80, 24)
    );
    let s = screen(&mut rig.app, 80, 24);
    assert!(s.contains("Open a record the evidence names"), "{s}");
    rig.send(KeyCode::Enter);
    let opened = rig.app.open.as_ref().map(|o| (o.id, o.form.id.clone()));
    assert_eq!(
        opened.as_ref().map(|o| o.1.as_str()),
        Some("visit"),
        "{}",
        rig.app.status
    );
    assert_eq!(rig.app.screen(), Screen::Review);
    rig.send(KeyCode::Esc);
    assert_eq!(rig.app.screen(), Screen::Form, "{}", rig.app.status);
    assert_eq!(rig.app.open.as_ref().map(|o| o.id), Some(audit));
    let back = screen(&mut rig.app, 80, 24);
    assert!(back.contains("Standard 3: Plain language"), "{back}");
    // Leaving the audit now goes to the family, as any record does.
    rig.send(KeyCode::Esc);
    assert_eq!(rig.app.screen(), Screen::Family, "{}", rig.app.status);
}

#[test]
fn the_review_of_an_audit_shows_the_evidence_it_keeps() {
    let mut rig = AuditRig::new();
    rig.start_audit();
    rig.send(KeyCode::F(5));
    assert_eq!(rig.app.screen(), Screen::Review, "{}", rig.app.status);
    let s = screen(&mut rig.app, 120, 200);
    assert!(s.contains("Evidence from the file"), "{s}");
    assert!(s.contains("Gathered Wed 25/11/2026, proposed: "), "{s}");
}

#[test]
fn finalising_from_the_review_is_refused_while_proposals_wait_to_be_confirmed() {
    let mut rig = AuditRig::new();
    rig.start_audit();
    let audit = rig.app.open.as_ref().map(|o| o.id).unwrap();
    rig.send(KeyCode::F(5));
    rig.send(KeyCode::Char('f'));
    // No finalise question: the audit stays a draft, and says why.
    assert!(
        !matches!(
            rig.app.overlay,
            Some(Overlay::ConfirmFinalise(_) | Overlay::FinaliseSignificant(_))
        ),
        "{}",
        screen(&mut rig.app, 100, 30)
    );
    let s = screen(&mut rig.app, 100, 30);
    assert!(
        rig.app
            .open
            .as_ref()
            .is_some_and(|o| o.draft && o.id == audit)
    );
    assert!(s.contains("Not yet: 27 answers need attention"), "{s}");
    // Each standard waiting for its confirmation is named.
    assert!(
        s.contains(
            "Standard 1: Separate record\n     ! Answer checked against the evidence: required"
        ),
        "{s}"
    );
}
