//! The child dialogs: adding a child to a family and correcting a child's
//! details, typed straight into the store's `ChildDetails`.

use super::form_dialog::{Dialog, DialogKind};
use super::input::Input;
use crate::record::ChildId;
use crate::record::FamilyId;
use crate::service::ChildDetails;
use crate::tui::form_screen::entry::read_date as parse_date;

impl Dialog {
    /// The add-child dialog for a family.
    pub fn add_child(family: FamilyId) -> Dialog {
        Dialog {
            kind: DialogKind::AddChild { family },
            title: "Add a child",
            inputs: vec![
                Input::text("Name", true, 120),
                Input::date("Date of birth", false),
                Input::text("Gender", false, 60),
                Input::text("Ethnicity", false, 120),
                Input::text("Languages at home", false, 120),
                Input::text("Religion", false, 120),
                Input::text("Disability", false, 200),
                Input::text("Nationality", false, 120),
            ],
            focus: 0,
            error: None,
            note: None,
            set_aside: None,
        }
    }

    /// The edit-child dialog, filled in with the child's details now.
    pub fn edit_child(family: FamilyId, child: ChildId, c: &ChildDetails) -> Dialog {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let inputs = vec![
            Input::text("Name", true, 200).filled(&c.name),
            Input::date("Date of birth", false)
                .filled(&c.date_of_birth.map(crate::dates::short).unwrap_or_default()),
            Input::text("Gender", false, 60).filled(&text(&c.gender)),
            Input::text("Ethnicity", false, 120).filled(&text(&c.ethnicity)),
            Input::text("Languages at home", false, 120).filled(&text(&c.languages)),
            Input::text("Religion", false, 120).filled(&text(&c.religion)),
            Input::text("Disability", false, 200).filled(&text(&c.disability)),
            Input::text("Nationality", false, 120).filled(&text(&c.nationality)),
        ];
        Dialog {
            kind: DialogKind::EditChild { family, child },
            title: "Edit child",
            inputs,
            focus: 0,
            error: None,
            note: None,
            set_aside: None,
        }
    }

    /// The child typed, once the dialog has been submitted; blank details
    /// are `None`.
    pub fn new_child_values(&self) -> ChildDetails {
        ChildDetails {
            name: self.value(0),
            date_of_birth: parse_date(&self.value(1)),
            gender: self.optional(2),
            ethnicity: self.optional(3),
            languages: self.optional(4),
            religion: self.optional(5),
            disability: self.optional(6),
            nationality: self.optional(7),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::dialogs::DialogOutcome;
    use crate::tui::dialogs::test_support::{key, today};
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn a_bad_date_of_birth_is_refused_and_a_british_one_accepted() {
        let mut d = Dialog::add_child(FamilyId(1));
        d.on_paste("Child A");
        d.on_key(key(KeyCode::Tab), today());
        d.on_paste("31/04/2019");
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Continue
        );
        // A day that does not exist is said as such, not as a wrong format.
        assert_eq!(
            d.inputs[1].error.as_deref(),
            Some("Date of birth: there is no 31 April 2019")
        );
        for _ in 0..10 {
            d.on_key(key(KeyCode::Backspace), today());
        }
        // Typed the way dates are written in England, stored the ISO way.
        d.on_paste("30/04/2019");
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Submit
        );
        assert_eq!(
            d.new_child_values().date_of_birth,
            crate::record::parse_date("2019-04-30")
        );
    }
}
