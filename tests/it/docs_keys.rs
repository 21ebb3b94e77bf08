//! The README's key list is generated from the key tables the screens use
//! for their footer and help (`casenotes::tui::key_reference`), so the three
//! cannot disagree. When a table changes, run this test with
//! `CASENOTES_BLESS=1` to rewrite the README's list, and read the diff.

use casenotes::tui::key_reference as keymap;
use std::path::Path;

const START: &str = "<!-- keys: generated from the key tables (src/tui/key_reference.rs); do not edit by hand -->\n";
const END: &str = "<!-- end of keys -->\n";

#[test]
fn readme_key_list_is_the_one_the_screens_use() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the generated key list's start marker")
        + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README has the key list's end marker");
    let want = format!("\n{}\n", keymap::markdown());
    if readme[start..end] == want {
        return;
    }
    if std::env::var_os("CASENOTES_BLESS").is_some() {
        let mut new = readme.clone();
        new.replace_range(start..end, &want);
        std::fs::write(&path, new).unwrap();
        return;
    }
    panic!(
        "README.md's key list differs from the key tables; run \
         `CASENOTES_BLESS=1 cargo test --test it docs_keys` and read the diff.\nExpected:\n{want}"
    );
}

#[test]
fn every_screen_says_how_to_get_help_and_to_leave() {
    for (screen, keys) in keymap::reference() {
        if screen == "everywhere" {
            assert!(keys.iter().any(|(k, _)| k.contains("F1")));
            continue;
        }
        assert!(
            keys.iter().any(|(k, _)| k.contains("Esc")),
            "{screen}: no way back listed"
        );
    }
}
