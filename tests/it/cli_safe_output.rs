//! Every command that prints, run as the real binary against a case file
//! and a forms folder whose family names, child names, references, login
//! names, form titles, labels and options hold every character that must
//! never reach a terminal raw (issue 9, item 6): ESC sequences (OSC and
//! CSI), BEL, C1 controls, DEL and the direction marks and overrides. Text
//! output must show them as visible marks; `due --json` must escape them as
//! `\uXXXX` and still give back the exact text when parsed.

use casenotes::form::{FormSource, parse_form};
use casenotes::record::{Answers, Slot, Value};
use casenotes::store::{ChildDetails, FamilyDetails, RecordDraft, Store};
use casenotes::user::Role;
use chrono::{NaiveDate, TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fictional name carrying an OSC title change ended by BEL, a CSI
/// screen clear, the one-byte CSI and other C1 controls, DEL, and every
/// direction mark, embedding, override and isolate.
const HOSTILE: &str = "Ann\u{1b}]0;owned\u{7}Example\u{1b}[2J\u{9b}31m\u{80}\u{85}\u{9f}\u{7f}\
                       \u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\
                       \u{2066}\u{2067}\u{2068}\u{2069}end";

/// A reference the store itself would accept (no controls, but a
/// direction override); the hostile one is written in by another program.
const BIDI_REFERENCE: &str = "FX-\u{202E}0001";

/// The characters checked for, written out here rather than taken from the
/// library so that a mistake there cannot hide one.
fn must_not_appear(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && c != '\n')
        || (0x7f..=0x9f).contains(&n)
        || matches!(n, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

fn assert_clean(what: &str, text: &str) {
    let raw: Vec<String> = text
        .chars()
        .filter(|c| must_not_appear(*c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(raw.is_empty(), "{what} printed {raw:?} raw:\n{text:?}");
}

/// How the visible marks for HOSTILE begin, as `for_terminal` writes them.
const VISIBLE_START: &str = "Ann^[]0;owned^GExample^[[2J<U+009B>31m<U+0080>";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Whoever the binary will take the runner to be: the password database's
/// name when there is one, else the USER given to it below.
fn me() -> String {
    casenotes::identity::login_name().map_or_else(|| "worker.example".to_owned(), |l| l.to_string())
}

/// Text as a TOML basic string, every character outside printable ASCII
/// written as an escape, so the form file holds the controls exactly.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An organisation form whose title, section, label and option are hostile.
fn form_toml() -> String {
    let h = toml_string(HOSTILE);
    format!(
        r#"id = "odd_note"
version = 1
title = {title}
purpose = {h}

[timescale]
working_days = 5
urgent_working_days = 2

[[section]]
id = "main"
title = {h}
per_child = true

[[section.field]]
id = "said"
label = {h}
kind = "multiline"

[[section.field]]
id = "pick"
label = "Pick one"
kind = "choice"
options = [{h}, "Plain"]
"#,
        title = toml_string(&format!("Note {HOSTILE}")),
    )
}

/// Everything a test needs: the folder, the case file, the forms folder
/// and the hostile reference.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
    forms: PathBuf,
    reference: String,
    records: [i64; 2],
}

/// Family A (on a child protection plan, allocated to the runner) has a
/// hostile name, reference and child, and two drafts of the hostile form:
/// one the runner's, one whose author was rewritten to a hostile login.
/// Family B has the hostile name and a hostile allocated worker. The users
/// table holds a hostile login, as another program could have written it.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let db = root.join("cases.sqlite3");
    let forms_dir = root.join("forms");
    std::fs::create_dir(&forms_dir).unwrap();
    let forms_file = forms_dir.join("odd_note.toml");
    let toml = form_toml();
    std::fs::write(&forms_file, &toml).unwrap();
    let form = parse_form(
        "odd_note.toml",
        &toml,
        FormSource::File(forms_file.display().to_string()),
    )
    .unwrap();
    assert!(form.title.contains('\u{1b}'), "the form keeps its controls");

    let mut store = Store::open(&db, &me()).unwrap();
    store.set_clock(|| Utc.with_ymd_and_hms(2026, 11, 16, 10, 0, 0).unwrap());
    store.add_user(&me(), Role::Supervisor).unwrap();
    let mut a = FamilyDetails::new(BIDI_REFERENCE, HOSTILE, d("2026-10-01"));
    a.child_protection_plan = true;
    a.allocated_worker = Some(me());
    let a = store.create_family(&a).unwrap();
    let child = store
        .add_child(a, &ChildDetails::new(HOSTILE, Some(d("2018-01-01"))))
        .unwrap();
    let mut answers = Answers::new();
    answers.set(
        Slot::for_child("main", child, "said"),
        Value::Text(HOSTILE.into()),
    );
    answers.set(
        Slot::for_child("main", child, "pick"),
        Value::Text(HOSTILE.into()),
    );
    let draft = RecordDraft {
        event_date: d("2026-11-16"),
        significant: false,
        children: vec![child],
        answers,
    };
    let mine = store.create_record(a, &form, &draft).unwrap();
    let theirs = store.create_record(a, &form, &draft).unwrap();
    // The store takes only a login for a worker (issue 11); the hostile
    // worker is written below, as another program could.
    let b = FamilyDetails::new("FX-0002", HOSTILE, d("2026-10-20"));
    let b = store.create_family(&b).unwrap();
    drop(store);

    // What the store refuses to write, another program could have.
    let reference = format!("FX-{HOSTILE}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE family SET reference = ?1 WHERE id = ?2",
        rusqlite::params![reference, a.0],
    )
    .unwrap();
    conn.execute(
        "UPDATE family SET allocated_worker = ?1 WHERE id = ?2",
        rusqlite::params![HOSTILE, b.0],
    )
    .unwrap();
    conn.execute(
        "UPDATE record SET author = ?1 WHERE id = ?2",
        rusqlite::params![HOSTILE, theirs.0],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO users (login, is_supervisor, added_at) VALUES (?1, 0, '2026-11-16T10:00:00Z')",
        [HOSTILE],
    )
    .unwrap();
    drop(conn);
    Fixture {
        _dir: dir,
        root,
        db,
        forms: forms_dir,
        reference,
        records: [mine.0, theirs.0],
    }
}

/// Runs the binary with its own home, config and data folders, a fixed
/// login and the forms folder; both streams are checked before returning.
fn run(fx: &Fixture, args: &[&str]) -> (i32, String, String) {
    let home = fx.root.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .arg("--forms")
        .arg(&fx.forms)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("USER", me())
        .env("LOGNAME", me())
        .env("CASENOTES_DB", &fx.db)
        .env("CASENOTES_CONFIG", fx.root.join("no-such-config.toml"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_clean(&format!("stdout of {args:?}"), &stdout);
    assert_clean(&format!("stderr of {args:?}"), &stderr);
    (out.status.code().unwrap_or(-1), stdout, stderr)
}

#[test]
fn due_as_text_shows_names_references_titles_and_owners_as_visible_marks() {
    let fx = fixture();
    let (code, out, err) = run(&fx, &["due", "--at", "2026-11-19"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(VISIBLE_START), "{out}");
    assert!(out.contains("FX-Ann^[]0;owned^G"), "the reference: {out}");
    assert!(
        out.contains("Finish Note Ann^[]0;owned^G"),
        "the title: {out}"
    );
    assert!(
        out.contains("<U+200E><U+200F><U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069>end"),
        "{out}"
    );
    assert!(out.contains("^?"), "DEL: {out}");
    let (code, out, err) = run(&fx, &["due", "--team", "--all", "--at", "2026-11-19"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("FX-0002"), "{out}");
    assert!(
        out.contains(&format!("[{VISIBLE_START}")),
        "the owner: {out}"
    );
}

#[test]
fn due_json_escapes_every_control_and_gives_back_the_exact_text() {
    let fx = fixture();
    for args in [
        vec!["due", "--json", "--at", "2026-11-19"],
        vec!["due", "--json", "--team", "--all", "--at", "2026-11-19"],
    ] {
        let (code, out, err) = run(&fx, &args);
        assert_eq!(code, 0, "{err}");
        for escape in [
            "\\u001b", "\\u0007", "\\u009b", "\\u0080", "\\u0085", "\\u009f", "\\u007f", "\\u200e",
            "\\u200f", "\\u202a", "\\u202b", "\\u202c", "\\u202d", "\\u202e", "\\u2066", "\\u2067",
            "\\u2068", "\\u2069",
        ] {
            assert!(out.contains(escape), "{args:?}: {escape} missing: {out}");
        }
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let items = v["items"].as_array().unwrap();
        assert!(!items.is_empty(), "{out}");
        for i in items {
            assert_eq!(i["family_name"], HOSTILE);
        }
        assert!(
            items
                .iter()
                .any(|i| i["family_reference"] == fx.reference.as_str()),
            "{out}"
        );
        let finish = format!("Finish Note {HOSTILE} of 16/11/2026");
        assert!(items.iter().any(|i| i["what"] == finish.as_str()), "{out}");
        if args.contains(&"--team") {
            assert!(items.iter().any(|i| i["owner"] == HOSTILE), "{out}");
        }
    }
}

#[test]
fn records_and_both_exports_show_titles_authors_and_children_visibly() {
    let fx = fixture();
    let (code, out, err) = run(&fx, &["records", &fx.reference]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains(&format!("Note {VISIBLE_START}")),
        "the title: {out}"
    );
    let author = format!(" {}", casenotes::safe_text::for_terminal(HOSTILE));
    assert!(
        out.lines().any(|l| l.ends_with(&author)),
        "the rewritten author: {out}"
    );
    // A reference typed wrong is echoed back, visibly.
    let typed = format!("NO-{HOSTILE}");
    let (code, _, err) = run(&fx, &["records", &typed]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("NO-{VISIBLE_START}")), "{err}");
    for id in fx.records {
        for format in ["md", "txt"] {
            let (code, out, err) = run(&fx, &["export", &id.to_string(), "--format", format]);
            assert_eq!(code, 0, "{err}");
            assert!(out.contains("Note Ann"), "the title: {out}");
            // The title, reference, family, section, child, label and both
            // answers all appear, each with its marks (Markdown escapes the
            // brackets around them).
            assert!(out.matches("U+2069").count() >= 8, "{format}: {out}");
        }
    }
}

#[test]
fn user_commands_show_login_names_visibly() {
    let fx = fixture();
    let (code, out, err) = run(&fx, &["user", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(VISIBLE_START), "{out}");
    // The store takes direction marks in a login but not controls.
    let bidi = "ann.example\u{202E}\u{2066}";
    let (code, out, err) = run(&fx, &["user", "add", bidi]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("ann.example<U+202E><U+2066> added as a practitioner."),
        "{out}"
    );
    let (code, out, err) = run(&fx, &["user", "add", bidi, "--supervisor"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("<U+2066> is now a supervisor."), "{out}");
    let (code, _, err) = run(&fx, &["user", "add", &format!("new{HOSTILE}")]);
    assert_eq!(code, 1);
    assert!(!err.contains("Ann"), "the refusal names no one: {err}");
}

/// `forms list`, `forms show` and `forms check` print form titles, labels
/// and options as they are; `src/cli/forms_cmd.rs` belongs to the forms
/// work, so this waits for it (run with `--ignored` to see).
#[test]
fn forms_commands_show_titles_labels_and_options_visibly() {
    let fx = fixture();
    let (code, out, err) = run(&fx, &["forms", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Note Ann^["), "{out}");
    let (code, out, err) = run(&fx, &["forms", "show", "odd_note"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Ann^["), "{out}");
    // A form with a problem: the wrong value comes back in the message.
    let broken = fx.root.join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(
        broken.join("odd_note.toml"),
        form_toml().replace(
            "kind = \"multiline\"",
            &format!("kind = {}", toml_string(HOSTILE)),
        ),
    )
    .unwrap();
    let (code, _, _) = run(&fx, &["forms", "check", broken.to_str().unwrap()]);
    assert_eq!(code, 1);
}

/// `backup` prints the path it was given as it is (in `src/main.rs`).
#[test]
fn backup_shows_the_path_visibly() {
    let fx = fixture();
    let path = fx.root.join(format!("copy-{HOSTILE}.sqlite3"));
    let (code, out, err) = run(&fx, &["backup", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("copy-Ann^["), "{out}");
}

/// The names used above were never refused: the fixture really holds them.
#[test]
fn the_fixture_holds_the_raw_text() {
    let fx = fixture();
    let store = Store::open(&fx.db, "reader.example").unwrap();
    let family = store.family_by_reference(&fx.reference).unwrap().unwrap();
    assert_eq!(family.details.name, HOSTILE);
    let users = store.list_users().unwrap();
    assert!(users.iter().any(|u| u.login == HOSTILE));
    assert!(Path::new(&fx.forms).join("odd_note.toml").exists());
}
