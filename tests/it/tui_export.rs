//! Exporting from the review screen (issue 15): `x` asks for the file,
//! the format and the child; the file is written owner-only, the export
//! noted in the audit log (record, child, format, never the text), and an
//! existing file is replaced only after a yes.

use crate::support::tui_app::{Rig, key};
use casenotes::store::{AuditEntity, AuditFilter};
use casenotes::tui::app::{Overlay, Screen};
use casenotes::tui::dialogs::DialogKind;
use ratatui::crossterm::event::KeyCode;
use std::os::unix::fs::PermissionsExt;

fn review_final_note(rig: &mut Rig) {
    rig.open_family("FX-0001");
    let pos = rig
        .app
        .family
        .as_ref()
        .and_then(|f| {
            f.view
                .records
                .iter()
                .position(|r| r.id == rig.seeded.alex_final)
        })
        .expect("alex's note is listed");
    rig.press(KeyCode::Down, pos);
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Review, "{}", rig.app.status);
}

fn export_to(rig: &mut Rig, path: &std::path::Path) {
    rig.send(key(KeyCode::Char('x')));
    assert!(
        matches!(&rig.app.overlay, Some(Overlay::Dialog(d)) if matches!(d.kind, DialogKind::ExportRecord { .. })),
        "{}",
        rig.app.status
    );
    rig.clear_field();
    rig.typed(&path.display().to_string());
    // Markdown, for Child A only.
    rig.send(key(KeyCode::Tab));
    rig.send(key(KeyCode::Right));
    rig.send(key(KeyCode::Tab));
    rig.send(key(KeyCode::Right));
    rig.send(key(KeyCode::Enter));
}

#[test]
fn x_exports_the_reviewed_record_owner_only_and_asks_before_replacing_a_file() {
    let mut rig = Rig::new("alex");
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("child-a.md");
    review_final_note(&mut rig);
    let (_, keys) = rig.app.keys();
    assert!(keys.contains(&("x", "export to a file")), "{keys:?}");
    export_to(&mut rig, &path);
    assert!(rig.app.overlay.is_none(), "{}", rig.app.status);
    assert!(
        rig.app.status.starts_with("Exported to "),
        "{}",
        rig.app.status
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Home visit, all well"), "{text}");
    assert!(text.contains("**Child:** Child A"), "{text}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let log = rig.reader().audit_entries(&AuditFilter::default()).unwrap();
    assert_eq!(log[0].action.as_str(), "exported");
    assert_eq!(log[0].entity, AuditEntity::Child);
    assert_eq!(log[0].entity_id, Some(rig.seeded.child_a.0));
    assert_eq!(log[0].record, Some(rig.seeded.alex_final));
    assert_eq!(log[0].fields, ["md"]);

    // The same file again: asked first; Esc keeps the old file.
    std::fs::write(&path, "kept").unwrap();
    export_to(&mut rig, &path);
    assert!(matches!(rig.app.overlay, Some(Overlay::ConfirmReplace(..))));
    rig.send(key(KeyCode::Esc));
    assert!(rig.app.overlay.is_none());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    // Enter replaces it.
    export_to(&mut rig, &path);
    rig.send(key(KeyCode::Enter));
    assert!(
        rig.app.status.starts_with("Exported to "),
        "{}",
        rig.app.status
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Home visit, all well")
    );
    // Nothing else was left in the folder.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn the_case_file_itself_is_refused_as_a_target() {
    let mut rig = Rig::new("alex");
    review_final_note(&mut rig);
    let before = std::fs::read(&rig.path).unwrap();
    let db = rig.path.clone();
    export_to(&mut rig, &db);
    match &rig.app.overlay {
        Some(Overlay::Dialog(d)) => {
            let e = d.error.as_deref().unwrap_or("");
            assert!(
                e.ends_with("is the case file itself; choose another file name."),
                "{e}"
            );
        }
        _ => panic!("the dialog stays open with the reason: {}", rig.app.status),
    }
    assert_eq!(std::fs::read(&rig.path).unwrap(), before);
}

#[test]
fn y_sends_the_reviewed_record_to_the_terminals_clipboard_unless_the_config_forbids_it() {
    let mut rig = Rig::new("alex");
    review_final_note(&mut rig);
    let (_, keys) = rig.app.keys();
    assert!(keys.contains(&("y", "copy to the clipboard")), "{keys:?}");
    rig.send(key(KeyCode::Char('y')));
    let text = rig
        .app
        .clipboard
        .clone()
        .expect("text for the runtime to send");
    assert!(text.contains("Home visit, all well"), "{text}");
    assert!(
        rig.app
            .status
            .starts_with("Sent to the terminal's clipboard (OSC 52): "),
        "{}",
        rig.app.status
    );
    assert!(
        rig.app
            .status
            .contains(&format!("{} characters", text.chars().count()))
    );

    rig.app.clipboard = None;
    rig.app.clipboard_allowed = false;
    rig.send(key(KeyCode::Char('y')));
    assert!(rig.app.clipboard.is_none());
    assert!(
        rig.app.status.contains("turned off in the config"),
        "{}",
        rig.app.status
    );
}
