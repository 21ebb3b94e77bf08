//! A form as a person meets it in the linear mode, every field in order
//! with nothing answered, for `casenotes forms preview FORM`: trainers see
//! what is asked, what is required and what the help says, and nothing is
//! opened or saved.

use super::field::{describe, places, section_line};
use crate::form::Form;
use crate::record::{Answers, ChildId, check};
use crate::safe_text::for_terminal;
use chrono::NaiveDate;

/// The lines of the preview. Per-child sections are shown once, for an
/// example child.
pub fn preview(form: &Form, today: NaiveDate) -> Vec<String> {
    let children = vec![(ChildId(1), "the child (example)".to_owned())];
    let answers = Answers::new();
    let problems = check(form, &answers, &[ChildId(1)], today);
    let all = places(form, &children);
    let mut lines = vec![
        format!(
            "{} (form {}, version {}). A preview: nothing is saved.",
            for_terminal(&form.title),
            for_terminal(&form.id),
            form.version
        ),
        for_terminal(&form.purpose).into_owned(),
    ];
    if let Some(t) = &form.timescale {
        let mut line = format!(
            "To be written up within {} working day(s) of the event",
            t.working_days
        );
        if let Some(u) = t.urgent_working_days {
            line.push_str(&format!(
                ", {u} for a child on a protection plan or a significant event"
            ));
        }
        line.push('.');
        lines.push(line);
    }
    if form.supervisors_only {
        lines.push("Only supervisors can start this form.".to_owned());
    }
    let mut said = None;
    for (i, place) in all.iter().enumerate() {
        let key = (place.section.1, place.child);
        if said != Some(key) {
            lines.push(String::new());
            lines.push(section_line(form, place));
            said = Some(key);
        }
        lines.extend(describe(form, place, &answers, &problems, i, all.len()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FormSet;

    #[test]
    fn every_built_in_form_previews_every_field() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
        for form in FormSet::built_in().expect("built-ins").iter() {
            let text = preview(form, today).join("\n");
            let fields: usize = form.sections.iter().map(|s| s.fields.len()).sum();
            assert!(
                text.contains(&format!("Field {fields} of {fields}: ")),
                "{}",
                form.id
            );
            assert!(text.contains("nothing is saved"));
        }
    }
}
