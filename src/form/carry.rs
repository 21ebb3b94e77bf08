//! What a form carries from one record to the next: the generated table a
//! `carry_forward = "actions"` section starts with (one row per open action
//! of the family's register, each marked done, still open with a new date,
//! or dropped with a reason), and where a form's SMART action tables are.
//! The guidance behind it: the Kent template opens each visit with "issues
//! from last visit" (seed 004_e74e373a20bcf6ff.txt), and SMART actions say
//! what, who and by when.

use super::model::{
    ActionColumns, CarryForward, CellKind, Column, ColumnCondition, Field, FieldKind, Form,
    Requirement, Section, TableRole, TableSpec,
};

/// The id of the generated field in a `carry_forward = "actions"` section;
/// a form may not use it for a field of its own.
pub const CARRIED_FIELD: &str = "carried_actions";

/// Column: the action's number in the register.
pub const COL_REF: &str = "ref";
/// Column: what the action is.
pub const COL_WHAT: &str = "what";
/// Column: who is responsible.
pub const COL_WHO: &str = "who";
/// Column: the date it was due by.
pub const COL_BY_WHEN: &str = "by_when";
/// Column: done, still open or dropped.
pub const COL_OUTCOME: &str = "outcome";
/// Column: the new date for an action still open.
pub const COL_NEW_DATE: &str = "new_date";
/// Column: why an action was dropped.
pub const COL_REASON: &str = "reason";

/// The outcome words, as stored in the `outcome` column.
pub const DONE: &str = "done";
/// An action that stays open, with a new date.
pub const STILL_OPEN: &str = "still open";
/// An action no longer pursued, with a reason.
pub const DROPPED: &str = "dropped";

fn column(id: &str, label: &str, kind: CellKind, required: bool, hint: Option<&str>) -> Column {
    Column {
        id: id.to_owned(),
        label: label.to_owned(),
        kind,
        required,
        required_when: None,
        hint: hint.map(str::to_owned),
    }
}

/// The generated field a carry-forward section starts with.
pub fn carried_field(kind: CarryForward) -> Field {
    match kind {
        CarryForward::Actions => {
            let date = CellKind::Date { not_future: false };
            let mut new_date = column(
                COL_NEW_DATE,
                "New date",
                date.clone(),
                false,
                Some("When it is now due, if still open"),
            );
            new_date.required_when = Some(ColumnCondition {
                column: COL_OUTCOME.into(),
                is: STILL_OPEN.into(),
            });
            let mut reason = column(
                COL_REASON,
                "Why dropped",
                CellKind::Text,
                false,
                Some("Why it is no longer needed, if dropped"),
            );
            reason.required_when = Some(ColumnCondition {
                column: COL_OUTCOME.into(),
                is: DROPPED.into(),
            });
            Field {
                id: CARRIED_FIELD.into(),
                label: "Actions still open from earlier records".into(),
                kind: FieldKind::Table(TableSpec {
                    columns: vec![
                        column(
                            COL_REF,
                            "No.",
                            CellKind::Text,
                            true,
                            Some("The action's number in the family's register"),
                        ),
                        column(COL_WHAT, "What", CellKind::Text, true, None),
                        column(COL_WHO, "Who", CellKind::Text, false, None),
                        column(COL_BY_WHEN, "By when", date, false, None),
                        column(
                            COL_OUTCOME,
                            "Now",
                            CellKind::Choice {
                                options: vec![DONE.into(), STILL_OPEN.into(), DROPPED.into()],
                            },
                            true,
                            Some("Done, still open (give a new date) or dropped (give a reason)"),
                        ),
                        new_date,
                        reason,
                    ],
                    min_rows: 0,
                    role: TableRole::Carried,
                }),
                requirement: Requirement::Optional,
                hint: Some("Mark each action: done, still open or dropped".into()),
                child_voice: false,
                prefill: None,
            }
        }
    }
}

/// The section that carries the open actions forward, if the form has one.
pub fn carry_section(form: &Form) -> Option<&Section> {
    form.sections
        .iter()
        .find(|s| s.carry_forward == Some(CarryForward::Actions))
}

/// Every SMART action table of a form: its section, field and columns.
pub fn action_tables(form: &Form) -> impl Iterator<Item = (&Section, &Field, &ActionColumns)> {
    form.sections.iter().flat_map(|s| {
        s.fields.iter().filter_map(move |f| match &f.kind {
            FieldKind::Table(TableSpec {
                role: TableRole::Actions(cols),
                ..
            }) => Some((s, f, cols)),
            _ => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_carried_table_asks_a_date_only_of_an_action_still_open() {
        let f = carried_field(CarryForward::Actions);
        let FieldKind::Table(spec) = &f.kind else {
            panic!("a table")
        };
        let new_date = spec.columns.iter().find(|c| c.id == COL_NEW_DATE).unwrap();
        assert_eq!(new_date.required_when.as_ref().unwrap().is, STILL_OPEN);
        assert_eq!(spec.role, TableRole::Carried);
    }
}
