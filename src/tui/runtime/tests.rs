//! Tests of `runtime`, kept beside it in a file of their own.

use super::*;

#[test]
fn the_title_names_the_whole_file_with_its_end_kept() {
    let label = file_label(Path::new("/srv/casenotes/team.sqlite3"));
    assert_eq!(label, "/srv/casenotes/team.sqlite3");
    let long = file_label(Path::new(
        "/srv/a/very/long/folder/name/for/the/children/services/team.sqlite3",
    ));
    assert_eq!(long.chars().count(), 30);
    assert!(long.starts_with('…') && long.ends_with("services/team.sqlite3"));
}

#[test]
fn the_forms_warning_fits_beside_the_save_state_at_80_columns() {
    // 80 columns less the longest save state ("Changes not saved yet")
    // and the space between.
    assert!(
        forms_warning(12).chars().count() <= 80 - 22,
        "{}",
        forms_warning(12)
    );
    assert!(forms_warning(1).starts_with("Forms left out (1 problem)"));
}

#[test]
fn exit_status_follows_convention() {
    assert_eq!(exit_report(Ending::Quit, &LastSave::Saved).0, 0);
    assert_eq!(
        exit_report(Ending::Quit, &LastSave::NothingToSave),
        (0, None)
    );
    let (code, words) = exit_report(Ending::Quit, &LastSave::Kept(PathBuf::from("/k.json")));
    assert_eq!(code, 1);
    assert!(words.is_some_and(|w| w.contains("/k.json")));
    assert_eq!(exit_report(Ending::Signal(15), &LastSave::Saved).0, 143);
    assert_eq!(exit_report(GONE, &LastSave::NothingToSave).0, 129);
    assert_eq!(exit_report(Ending::Fault, &LastSave::Saved).0, 1);
    assert_eq!(exit_report(Ending::Signal(1), &LastSave::Lost).0, 129);
}
