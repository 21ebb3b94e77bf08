//! The family's action register (schema step 7): the SMART action rows of
//! finalised records, each with its history. Finalising a record enters its
//! action rows and applies what its carried-actions table says (done, still
//! open with a new date, dropped with a reason), in the finalise's own
//! transaction. The guidance: SMART actions say what, who and by when, and
//! each visit starts from the issues of the last (seed
//! 004_e74e373a20bcf6ff.txt); oversight checks that actions were done
//! (seed 000_80c8a2bb2a6002b3.txt §4).

use super::error::StoreError;
use super::ids::{ActionId, FamilyId};
use super::open::{Store, Tx};
use super::records::Record;
use super::rows::require_family;
use super::text::{date_text, get_date, get_opt_date, unknown_word};
use crate::form::Form;
use crate::form::carry::{
    CARRIED_FIELD, COL_NEW_DATE, COL_OUTCOME, COL_REASON, COL_REF, DONE, DROPPED, STILL_OPEN,
    action_tables, carry_section,
};
use crate::record::{Row, Slot, Value, parse_date, row_is_blank};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// Where an action stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Still to be done.
    Open,
    /// Done.
    Done,
    /// No longer pursued.
    Dropped,
}

impl ActionStatus {
    /// The word stored in the file and shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }
}

/// One step of an action's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionOutcome {
    /// A record set the action.
    Raised,
    /// A record said it was done.
    Done,
    /// A record said it is still open, with a new date.
    StillOpen,
    /// A record said it was dropped, with a reason.
    Dropped,
}

impl ActionOutcome {
    fn word(self) -> &'static str {
        match self {
            ActionOutcome::Raised => "raised",
            ActionOutcome::Done => "done",
            ActionOutcome::StillOpen => "open",
            ActionOutcome::Dropped => "dropped",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            ActionOutcome::Raised => "set",
            ActionOutcome::Done => "done",
            ActionOutcome::StillOpen => "still open",
            ActionOutcome::Dropped => "dropped",
        }
    }
}

/// One entry of an action's history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ActionEvent {
    /// The record that said so.
    pub record: i64,
    /// What it said.
    pub outcome: ActionOutcome,
    /// The date the action was then due by (set, still open).
    pub due_on: Option<NaiveDate>,
    /// Why it was dropped.
    pub reason: Option<String>,
    /// The event date of that record.
    pub on: NaiveDate,
    /// Who finalised that record.
    pub by: String,
}

/// One action of a family's register.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Action {
    /// Its number in the register.
    pub id: i64,
    /// Its family.
    pub family: i64,
    /// The record that set it.
    pub record: i64,
    /// What needs to happen.
    pub what: String,
    /// Who is responsible.
    pub who: String,
    /// The event date of the record that set it.
    pub raised_on: NaiveDate,
    /// The date it is due by now.
    pub due_on: NaiveDate,
    /// Where it stands.
    pub status: ActionStatus,
    /// Everything said about it, oldest first.
    pub history: Vec<ActionEvent>,
}

impl Action {
    /// Open and past its date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due_on < today
    }
}

/// A family with open actions past their date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueActions {
    /// The family.
    pub family: FamilyId,
    /// Its reference.
    pub reference: String,
    /// Its name.
    pub name: String,
    /// Its allocated worker.
    pub worker: Option<String>,
    /// How many open actions are past their date.
    pub count: u32,
    /// The earliest of their dates.
    pub oldest: NaiveDate,
}

fn status_from(word: &str) -> Option<ActionStatus> {
    [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ]
    .into_iter()
    .find(|s| s.as_str() == word)
}

fn outcome_from(word: &str) -> Option<ActionOutcome> {
    use ActionOutcome::*;
    [Raised, Done, StillOpen, Dropped]
        .into_iter()
        .find(|o| o.word() == word)
}

fn cell<'r>(row: &'r Row, col: &str) -> &'r str {
    row.get(col).map_or("", |s| s.trim())
}

/// Enters a just-finalised record's actions into its family's register and
/// applies its carried-actions table. Runs inside the finalise's
/// transaction, after the record is marked finalised.
pub(crate) fn register_record(tx: &Tx<'_>, form: &Form, record: &Record) -> Result<(), StoreError> {
    let on = date_text(record.event_date);
    for (section, field, cols) in action_tables(form) {
        // A per-child table is answered once for each child; each child's
        // rows are kept apart by a field key naming the child.
        let slots: Vec<(Slot, String)> = if section.per_child {
            record
                .children
                .iter()
                .map(|c| {
                    (
                        Slot::for_child(&section.id, *c, &field.id),
                        format!("{}#{}", field.id, c.0),
                    )
                })
                .collect()
        } else {
            vec![(Slot::once(&section.id, &field.id), field.id.clone())]
        };
        for (slot, key) in slots {
            let Some(Value::Rows(rows)) = record.answers.get(&slot) else {
                continue;
            };
            for (i, row) in rows.iter().enumerate() {
                let what = cell(row, &cols.what);
                // Completeness has checked every required cell; an optional
                // row without a what or a date has nothing to follow up.
                let Some(due) = parse_date(cell(row, &cols.by_when)) else {
                    continue;
                };
                if row_is_blank(row) || what.is_empty() {
                    continue;
                }
                tx.tx
                    .prepare_cached(
                        "INSERT INTO action (family_id, record_id, field_id, row_no, what, who,
                            raised_on, due_on, status)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open')",
                    )?
                    .execute(params![
                        record.family,
                        record.id,
                        key,
                        i64::try_from(i).unwrap_or(i64::MAX),
                        what,
                        cell(row, &cols.who),
                        on,
                        date_text(due)
                    ])?;
                let id = ActionId(tx.tx.last_insert_rowid());
                add_event(tx, id, record, ActionOutcome::Raised, Some(due), None)?;
            }
        }
    }
    let Some(section) = carry_section(form) else {
        return Ok(());
    };
    let slot = Slot::once(&section.id, CARRIED_FIELD);
    let Some(Value::Rows(rows)) = record.answers.get(&slot) else {
        return Ok(());
    };
    for row in rows {
        let Ok(id) = cell(row, COL_REF).parse::<i64>() else {
            continue;
        };
        // Only an action of this record's own family is ever touched.
        let found: Option<i64> = tx
            .tx
            .prepare_cached("SELECT id FROM action WHERE id = ?1 AND family_id = ?2")?
            .query_row(params![id, record.family], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            continue;
        }
        let id = ActionId(id);
        match cell(row, COL_OUTCOME) {
            DONE => {
                set_status(tx, id, ActionStatus::Done, None)?;
                add_event(tx, id, record, ActionOutcome::Done, None, None)?;
            }
            STILL_OPEN => {
                let Some(due) = parse_date(cell(row, COL_NEW_DATE)) else {
                    continue;
                };
                set_status(tx, id, ActionStatus::Open, Some(due))?;
                add_event(tx, id, record, ActionOutcome::StillOpen, Some(due), None)?;
            }
            DROPPED => {
                let reason = cell(row, COL_REASON);
                if reason.is_empty() {
                    continue;
                }
                set_status(tx, id, ActionStatus::Dropped, None)?;
                add_event(tx, id, record, ActionOutcome::Dropped, None, Some(reason))?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn set_status(
    tx: &Tx<'_>,
    id: ActionId,
    status: ActionStatus,
    due: Option<NaiveDate>,
) -> Result<(), StoreError> {
    tx.tx
        .prepare_cached(
            "UPDATE action SET status = ?2, due_on = coalesce(?3, due_on) WHERE id = ?1",
        )?
        .execute(params![id, status.as_str(), due.map(date_text)])?;
    Ok(())
}

fn add_event(
    tx: &Tx<'_>,
    id: ActionId,
    record: &Record,
    outcome: ActionOutcome,
    due: Option<NaiveDate>,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    tx.tx
        .prepare_cached(
            "INSERT INTO action_event (action_id, record_id, outcome, due_on, reason, on_date,
                by_user, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            id,
            record.id,
            outcome.word(),
            due.map(date_text),
            reason,
            date_text(record.event_date),
            tx.user,
            tx.now
        ])?;
    Ok(())
}

/// A family's actions, open ones first (earliest date first), then the
/// rest, latest date first; with their histories when `history`.
fn family_actions(
    conn: &Connection,
    family: FamilyId,
    only_open: bool,
    history: bool,
) -> Result<Vec<Action>, StoreError> {
    require_family(conn, family)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, family_id, record_id, what, who, raised_on, due_on, status
         FROM action WHERE family_id = ?1 AND (?2 = 0 OR status = 'open')
         ORDER BY status <> 'open', CASE WHEN status = 'open' THEN due_on END,
                  due_on DESC, id",
    )?;
    let rows = stmt.query_map(params![family, only_open], |r| {
        Ok(Action {
            id: r.get(0)?,
            family: r.get(1)?,
            record: r.get(2)?,
            what: r.get(3)?,
            who: r.get(4)?,
            raised_on: get_date(r, 5)?,
            due_on: get_date(r, 6)?,
            status: status_from(&r.get::<_, String>(7)?).ok_or_else(|| unknown_word(7))?,
            history: Vec::new(),
        })
    })?;
    let mut actions: Vec<Action> = rows.collect::<Result<_, _>>()?;
    if !history || actions.is_empty() {
        return Ok(actions);
    }
    let mut ev = conn.prepare_cached(
        "SELECT e.action_id, e.record_id, e.outcome, e.due_on, e.reason, e.on_date, e.by_user
         FROM action_event e JOIN action a ON a.id = e.action_id
         WHERE a.family_id = ?1 ORDER BY e.action_id, e.id",
    )?;
    let events = ev.query_map([family], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            ActionEvent {
                record: r.get(1)?,
                outcome: outcome_from(&r.get::<_, String>(2)?).ok_or_else(|| unknown_word(2))?,
                due_on: get_opt_date(r, 3)?,
                reason: r.get(4)?,
                on: get_date(r, 5)?,
                by: r.get(6)?,
            },
        ))
    })?;
    let mut by_id: std::collections::HashMap<i64, Vec<ActionEvent>> = Default::default();
    for e in events {
        let (id, e) = e?;
        by_id.entry(id).or_default().push(e);
    }
    for a in &mut actions {
        a.history = by_id.remove(&a.id).unwrap_or_default();
    }
    Ok(actions)
}

impl Store {
    /// A family's whole register: open actions first, earliest date
    /// first, each with its history.
    pub fn actions(&self, family: FamilyId) -> Result<Vec<Action>, StoreError> {
        self.read(|conn| family_actions(conn, family, false, true))
    }

    /// A family's open actions, earliest date first, without histories:
    /// what a new record's carried-actions table starts with.
    pub fn open_actions(&self, family: FamilyId) -> Result<Vec<Action>, StoreError> {
        self.read(|conn| family_actions(conn, family, true, false))
    }

    /// Every family with open actions whose date is before `today`.
    pub fn overdue_actions(&self, today: NaiveDate) -> Result<Vec<OverdueActions>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT a.family_id, f.reference, f.name, f.allocated_worker, count(*),
                    min(a.due_on)
                 FROM action a JOIN family f ON f.id = a.family_id
                 WHERE a.status = 'open' AND a.due_on < ?1 AND f.status = 'active'
                 GROUP BY a.family_id ORDER BY a.family_id",
            )?;
            let rows = stmt.query_map([date_text(today)], |r| {
                Ok(OverdueActions {
                    family: r.get(0)?,
                    reference: r.get(1)?,
                    name: r.get(2)?,
                    worker: r.get(3)?,
                    count: r.get(4)?,
                    oldest: get_date(r, 5)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}
