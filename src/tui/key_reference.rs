//! Every screen's key table in one list, and the README's key list made
//! from it (a test keeps README.md equal to `markdown()`).

/// Every screen's keys, in the order a person meets the screens.
pub fn reference() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    use super::{
        chronology_view, dialogs, due_view, family, form_screen, home, log_view, register_view,
        review, search_view,
    };
    vec![
        (home::KEYS.screen, home::KEYS.all()),
        (family::KEYS.screen, family::KEYS.all()),
        (form_screen::KEYS.screen, form_screen::KEYS.all()),
        (review::KEYS.screen, review::KEYS.all()),
        (due_view::KEYS.screen, due_view::KEYS.all()),
        (chronology_view::KEYS.screen, chronology_view::KEYS.all()),
        (register_view::KEYS.screen, register_view::KEYS.all()),
        (search_view::KEYS.screen, search_view::KEYS.all()),
        (log_view::KEYS.screen, log_view::KEYS.all()),
        (
            dialogs::FORM_DIALOG_KEYS.screen,
            dialogs::FORM_DIALOG_KEYS.all(),
        ),
        (dialogs::PICKER_KEYS.screen, dialogs::PICKER_KEYS.all()),
        (dialogs::LINK_KEYS.screen, dialogs::LINK_KEYS.all()),
        (dialogs::FINALISE_KEYS.screen, dialogs::FINALISE_KEYS.all()),
        (dialogs::CONFIRM_KEYS.screen, dialogs::CONFIRM_KEYS.all()),
        (
            dialogs::CONFIRM_EDIT_KEYS.screen,
            dialogs::CONFIRM_EDIT_KEYS.all(),
        ),
        (dialogs::ADDENDUM_KEYS.screen, dialogs::ADDENDUM_KEYS.all()),
        (
            super::tour_view::TOUR_KEYS.screen,
            super::tour_view::TOUR_KEYS.all(),
        ),
        ("everywhere", super::help::GLOBAL_KEYS.to_vec()),
    ]
}

/// The README's key list: one table, a row per screen.
pub fn markdown() -> String {
    let mut out = String::from("| where | keys |\n| --- | --- |\n");
    for (screen, keys) in reference() {
        let cells: Vec<String> = keys
            .iter()
            .map(|(k, d)| format!("`{}` {}", k.replace('|', "\\|"), d.replace('|', "\\|")))
            .collect();
        out.push_str(&format!("| {screen} | {} |\n", cells.join(" · ")));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_ends_with_the_keys_that_work_everywhere() {
        let md = super::markdown();
        assert!(
            md.trim_end()
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("| everywhere |"))
        );
    }
}
