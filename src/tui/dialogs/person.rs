//! The person dialogs: adding someone to a family who is not one of its
//! children, and correcting what is stored about them. A family member has
//! a relationship to the children; a professional a role and an agency
//! (seed 002_66f790c2d2b6d6fc.txt standard 14), and the dialog refuses the
//! one kind's answers on the other rather than dropping them unseen.

use super::form_dialog::{Dialog, DialogKind};
use super::input::Input;
use crate::record::FamilyId;
use crate::service::{PersonDetails, PersonId, PersonKind};

/// Where each answer sits in the person dialogs.
/// The choice of kind is last: the dialogs' footer says that Space and
/// ←→ choose on the last field.
mod field {
    pub const NAME: usize = 0;
    pub const RELATIONSHIP: usize = 1;
    pub const ROLE: usize = 2;
    pub const AGENCY: usize = 3;
    pub const KIND: usize = 4;
}

/// The choice's options, in `PersonKind` order.
const KINDS: [&str; 2] = ["Family member or carer", "Professional"];

fn inputs(d: &PersonDetails) -> Vec<Input> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let kind = match d.kind {
        PersonKind::Family => 0,
        PersonKind::Professional => 1,
    };
    vec![
        Input::text("Name", true, 200).filled(&d.name),
        Input::text("Relationship to the children (family)", false, 200)
            .filled(&text(&d.relationship)),
        Input::text("Role (professional)", false, 200).filled(&text(&d.role)),
        Input::text("Agency (professional)", false, 200).filled(&text(&d.agency)),
        Input::choice("Who they are", KINDS.map(str::to_owned).to_vec(), kind),
    ]
}

impl Dialog {
    /// The add-person dialog for a family.
    pub fn add_person(family: FamilyId) -> Dialog {
        Dialog {
            kind: DialogKind::AddPerson { family },
            title: "Add a parent, carer or professional",
            inputs: inputs(&PersonDetails::default()),
            focus: 0,
            error: None,
            note: Some(
                "A family member has a relationship to the children; a professional \
                 a role and agency (\"Who they are\", last)."
                    .into(),
            ),
            set_aside: None,
        }
    }

    /// The edit-person dialog, filled in with what is stored now.
    pub fn edit_person(family: FamilyId, person: PersonId, d: &PersonDetails) -> Dialog {
        Dialog {
            kind: DialogKind::EditPerson { family, person },
            title: "Correct a person's details",
            inputs: inputs(d),
            focus: 0,
            error: None,
            note: None,
            set_aside: None,
        }
    }

    /// The person typed, once the dialog has been submitted.
    pub fn person_values(&self) -> PersonDetails {
        let kind = if self.choice(field::KIND) == 1 {
            PersonKind::Professional
        } else {
            PersonKind::Family
        };
        PersonDetails {
            kind,
            name: self.value(field::NAME),
            relationship: self.optional(field::RELATIONSHIP),
            role: self.optional(field::ROLE),
            agency: self.optional(field::AGENCY),
        }
    }

    /// The checks that need more than one answer: what a family member
    /// needs and a professional needs, and neither's answers on the other.
    pub(super) fn validate_person(&mut self) {
        if !matches!(
            self.kind,
            DialogKind::AddPerson { .. } | DialogKind::EditPerson { .. }
        ) {
            return;
        }
        let professional = self.choice(field::KIND) == 1;
        let blank = |d: &Dialog, i: usize| d.value(i).is_empty();
        if professional {
            if blank(self, field::ROLE) {
                self.set_error(field::ROLE, "Role: required for a professional".into());
            }
            if !blank(self, field::RELATIONSHIP) {
                self.set_error(
                    field::RELATIONSHIP,
                    "Relationship: only for a family member; clear it, or choose \
                     \"Family member or carer\""
                        .into(),
                );
            }
        } else {
            if blank(self, field::RELATIONSHIP) {
                self.set_error(
                    field::RELATIONSHIP,
                    "Relationship to the children: required for a family member".into(),
                );
            }
            for (i, what) in [(field::ROLE, "Role"), (field::AGENCY, "Agency")] {
                if !blank(self, i) {
                    self.set_error(
                        i,
                        format!(
                            "{what}: only for a professional; clear it, or choose Professional"
                        ),
                    );
                }
            }
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
    fn a_professional_needs_a_role_and_no_relationship() {
        let mut d = Dialog::add_person(FamilyId(1));
        d.on_paste("Hana Visitor (fictional)");
        d.on_key(key(KeyCode::Tab), today());
        d.on_paste("Aunt");
        d.set_focus(field::KIND);
        d.on_key(key(KeyCode::Char(' ')), today());
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Continue
        );
        assert!(d.inputs[field::RELATIONSHIP].error.is_some());
        assert_eq!(
            d.inputs[field::ROLE].error.as_deref(),
            Some("Role: required for a professional")
        );
        assert_eq!(d.focus(), field::RELATIONSHIP);
        for _ in 0..4 {
            d.on_key(key(KeyCode::Backspace), today());
        }
        d.set_focus(field::ROLE);
        d.on_paste("Health visitor");
        d.set_focus(field::AGENCY);
        d.on_paste("Example Health");
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Submit
        );
        assert_eq!(
            d.person_values(),
            PersonDetails::professional(
                "Hana Visitor (fictional)",
                "Health visitor",
                "Example Health"
            )
        );
    }

    #[test]
    fn a_family_member_needs_a_relationship_and_keeps_it_when_corrected() {
        let stored = PersonDetails::family_member("Mo Example", "Mother");
        let mut d = Dialog::edit_person(FamilyId(1), PersonId(3), &stored);
        assert_eq!(d.person_values(), stored);
        d.set_focus(field::RELATIONSHIP);
        for _ in 0..6 {
            d.on_key(key(KeyCode::Backspace), today());
        }
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Continue
        );
        assert_eq!(
            d.inputs[field::RELATIONSHIP].error.as_deref(),
            Some("Relationship to the children: required for a family member")
        );
    }
}
