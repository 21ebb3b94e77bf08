//! The answers a new record starts with: the fields a form marks with
//! `prefill` (docs/form-language.md), filled with today's date or the name
//! of whoever starts the record. Only a starting point: every one stays
//! editable.

use super::answers::{Answers, Slot, Value};
use crate::form::{Form, Prefill};
use chrono::NaiveDate;

/// A new record's answers for `form`, started by `writer` on `today`.
pub fn prefilled(form: &Form, today: NaiveDate, writer: &str) -> Answers {
    let mut answers = Answers::new();
    // Per-child sections are answered per child, by the person: nothing
    // there is filled in for them.
    for section in form.sections.iter().filter(|s| !s.per_child) {
        for field in &section.fields {
            let value = match field.prefill {
                Some(Prefill::Today) => today.format("%Y-%m-%d").to_string(),
                Some(Prefill::Writer) => writer.to_owned(),
                // Filled from the family's evidence by the service
                // (`service::audit_evidence`), which reads the store.
                Some(Prefill::AuditProposal | Prefill::AuditEvidence) | None => continue,
            };
            answers.set(Slot::once(&section.id, &field.id), Value::Text(value));
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormSet;

    #[test]
    fn oversight_starts_with_the_date_and_the_manager() {
        let forms = FormSet::built_in().unwrap();
        let f = forms.get("management_oversight").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let a = prefilled(f, today, "pat.manager");
        let (s, _) = f.field("oversight_date").unwrap();
        assert_eq!(
            a.text(&Slot::once(&s.id, "oversight_date")),
            Some("2026-12-02")
        );
        let (s, _) = f.field("manager").unwrap();
        assert_eq!(a.text(&Slot::once(&s.id, "manager")), Some("pat.manager"));
        // A visit starts empty.
        assert!(prefilled(forms.get("visit").unwrap(), today, "x").is_empty());
    }
}
