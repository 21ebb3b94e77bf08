//! `casenotes writing check`: text and JSON output, --name, standard input,
//! a council's own lists from the forms directory (and their mistakes as
//! file:line:column), and the exit status: 0 nothing found, 1 something
//! found, 2 the text could not be read (issue 13).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn writing(dir: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .arg("writing")
        .arg("check")
        .args(args)
        .env("CASENOTES_DB", dir.join("never-opened.sqlite3"))
        .env("CASENOTES_CONFIG", dir.join("no-config.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn text_output_is_line_column_kind_message_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.txt");
    std::fs::write(&file, "Kayliegh was seen.\nHer behavior is good.\n").unwrap();
    let f = file.to_str().unwrap();
    let (code, out, err) = writing(dir.path(), &[f, "--name", "Kayleigh Example"], "");
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "1:1: name: Did you mean Kayleigh? (a name given with --name)\n\
         2:5: spelling: \"behavior\" is the American spelling; British: \"behaviour\"\n"
    );
    assert!(!dir.path().join("never-opened.sqlite3").exists());
}

#[test]
fn json_from_standard_input_and_exit_0_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = writing(dir.path(), &["-", "--json"], "Café  visit, the the end.");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"];
    assert_eq!(f[0]["kind"], "repeat");
    assert_eq!(f[0]["column"], 5, "columns count characters");
    assert_eq!(f[0]["text"], "  ");
    assert_eq!(f[1]["text"], "the the");
    assert_eq!(f[1]["suggestions"][0], "the");
    assert!(f[1]["message"].is_string());
    assert_eq!(f[1]["line"], 1);
    let (code, out, _) = writing(dir.path(), &["--json"], "The visit went well.\n");
    assert_eq!((code, out.as_str()), (0, "{\n  \"findings\": []\n}\n"));
}

#[test]
fn unreadable_input_is_exit_2_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let (code, out, err) = writing(dir.path(), &[missing.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with("cannot read ") && err.contains("missing.txt"),
        "{err}"
    );
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"ok \xff\xfe").unwrap();
    let (code, _, err) = writing(dir.path(), &[bad.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(err.contains("is not UTF-8 text"), "{err}");
}

#[test]
fn a_council_list_replaces_the_built_in_one_and_its_mistakes_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    let forms = dir.path().join("forms");
    std::fs::create_dir_all(forms.join("writing")).unwrap();
    std::fs::write(
        forms.join("writing/jargon.toml"),
        "[[jargon]]\nword = \"service user\"\nplainer = \"person\"\n",
    )
    .unwrap();
    let fd = forms.to_str().unwrap();
    let (code, out, err) = writing(
        dir.path(),
        &["--forms", fd],
        "The service user has contact on Fridays.",
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "1:5: jargon: plainer words are kinder to the family: \"person\"\n"
    );
    std::fs::write(
        forms.join("writing/abbreviations.toml"),
        "[[abbreviation]]\nshort = \"CIN\"\nmeening = \"child in need\"\n",
    )
    .unwrap();
    let (_, _, err) = writing(dir.path(), &["--forms", fd], "Fine.");
    assert!(
        err.contains("abbreviations.toml:3:1: unknown field `meening`"),
        "{err}"
    );
}
