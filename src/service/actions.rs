//! The action register as use cases the command line and the terminal
//! interface share: what a new record starts with (its prefilled answers
//! and, in a `carry_forward = "actions"` section, one row per open action),
//! the due list's count of overdue actions per family, and a family's
//! register found by its reference.

use crate::form::Form;
use crate::form::carry::{CARRIED_FIELD, COL_BY_WHEN, COL_REF, COL_WHAT, COL_WHO, carry_section};
use crate::record::{Answers, FamilyId, Row, Slot, Value, prefilled};
use crate::store::{Action, Family, Store, StoreError};
use crate::timescale::{Calendar, DueItem, Urgency};
use chrono::NaiveDate;

/// The answers a new record of `form` for `family` starts with: the form's
/// prefills, and the family's open actions in the section that carries
/// them forward (each row waiting to be marked done, still open or
/// dropped).
pub fn start_answers(
    store: &Store,
    form: &Form,
    family: FamilyId,
    today: NaiveDate,
) -> Result<Answers, StoreError> {
    let mut answers = prefilled(form, today, store.user().as_str());
    if let Some(section) = carry_section(form) {
        let rows = carried_rows(&store.open_actions(family)?);
        answers.set(Slot::once(&section.id, CARRIED_FIELD), Value::Rows(rows));
    }
    Ok(answers)
}

/// One carried-actions row per action, outcome left for the person.
pub fn carried_rows(open: &[Action]) -> Vec<Row> {
    open.iter()
        .map(|a| {
            let mut row = Row::new();
            row.insert(COL_REF.into(), a.id.to_string());
            row.insert(COL_WHAT.into(), a.what.clone());
            row.insert(COL_WHO.into(), a.who.clone());
            row.insert(COL_BY_WHEN.into(), a.due_on.format("%Y-%m-%d").to_string());
            row
        })
        .collect()
}

/// One due-list item per open family whose actions are past their date,
/// counting them; the owner is the allocated worker.
pub fn overdue_items(
    store: &Store,
    cal: &Calendar,
    at: NaiveDate,
) -> Result<Vec<DueItem>, StoreError> {
    Ok(store
        .overdue_actions(at)?
        .into_iter()
        .map(|o| DueItem {
            urgency: Urgency::Overdue,
            due: o.oldest,
            working_days_overdue: cal.working_days_between(o.oldest, at).max(0),
            family_id: o.family,
            family_reference: o.reference,
            family_name: o.name,
            record_id: None,
            what: format!("{} action(s) past their date", o.count),
            owner: o.worker,
            source: "seed 004_e74e373a20bcf6ff.txt (SMART actions: by when)".into(),
        })
        .collect())
}

/// The family with this reference and its register. Errors are sentences.
pub fn register_of(store: &Store, reference: &str) -> Result<(Family, Vec<Action>), String> {
    let family = store
        .family_by_reference(reference)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no family has the reference {reference}"))?;
    let actions = store.actions(family.id).map_err(|e| e.to_string())?;
    Ok((family, actions))
}

impl super::CaseFile {
    /// A family's label ("FX-0001 Example family") and its whole register,
    /// for the register screen.
    pub fn register(&self, family: FamilyId) -> Result<(String, Vec<Action>), String> {
        let s = |e: StoreError| e.to_string();
        let f = self.store.family(family).map_err(s)?;
        let actions = self.store.actions(family).map_err(s)?;
        Ok((
            format!("{} {}", f.details.reference, f.details.name),
            actions,
        ))
    }
}
