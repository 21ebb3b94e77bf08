//! The audit log for people (issue 16, `casenotes log`): who opened,
//! saved, finalised, exported or amended which family or record, and when,
//! filtered by person, family and date. A practitioner sees their own
//! entries; a supervisor sees everyone's (seed 002_66f790c2d2b6d6fc.txt,
//! standard 20: management oversight of the file). A draft's saves come as
//! one entry per editing session, with its number of saves and the time of
//! the last (`store/sessions.rs`). Entries name families
//! by their case reference and records by number, never what they say.

use crate::store::{AuditFilter, FamilyId, Store, StoreError};
use crate::user::UserLogin;
use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// What to list.
#[derive(Clone, Debug, Default)]
pub struct LogQuery {
    /// Only this person's entries (a practitioner may name only themself).
    pub user: Option<UserLogin>,
    /// Only entries about the family with this case reference.
    pub family: Option<String>,
    /// Only entries from the start of this day (local time) on.
    pub since: Option<NaiveDate>,
}

/// One entry as people and scripts read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    /// When, in UTC.
    pub at: DateTime<Utc>,
    /// Login name of who did it.
    pub who: UserLogin,
    /// Their display name, when one is set (issue 14).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What was done ("opened", "saved", "finalised", "exported" ...).
    pub action: &'static str,
    /// What kind of thing ("family", "record", "addendum" ...).
    pub entity: &'static str,
    /// The number of that thing, when it has one.
    pub entity_id: Option<i64>,
    /// The family's case reference, if the entry is about a family.
    pub family: Option<String>,
    /// The record's number, if the entry is about a record.
    pub record: Option<i64>,
    /// Which of a family's details changed, by name.
    pub fields: Vec<String>,
    /// For the save that began an editing session: how many saves the
    /// session had (autosaves included).
    pub saves: Option<u32>,
    /// For the save that began an editing session: when its last save was.
    pub last_saved: Option<DateTime<Utc>>,
}

/// Whose entries the list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogView {
    /// The user's own entries (a practitioner, or a supervisor's `--user`).
    Own,
    /// One named person's (a supervisor's `--user`).
    Person,
    /// Everyone's (a supervisor).
    Everyone,
}

/// Why the log cannot be listed; each a sentence saying what to do.
#[derive(Debug, thiserror::Error)]
pub enum LogRefusal {
    /// A practitioner asked for someone else's entries.
    #[error(
        "only supervisors can see other people's entries in the audit log; without --user you see your own"
    )]
    NotSupervisor,
    /// No family has the reference given.
    #[error("there is no family with the case reference given to --family")]
    NoFamily,
    /// The case file could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The entries the store's user may see that match `q`, newest first,
/// and whose they are.
pub fn entries(store: &Store, q: &LogQuery) -> Result<(LogView, Vec<LogEntry>), LogRefusal> {
    let me = store.user().to_owned();
    let supervisor = store.is_supervisor(&me)?;
    let (view, who) = match (&q.user, supervisor) {
        (Some(u), _) if *u == me => (LogView::Own, Some(me)),
        (Some(_), false) => return Err(LogRefusal::NotSupervisor),
        (Some(u), true) => (LogView::Person, Some(u.clone())),
        (None, false) => (LogView::Own, Some(me)),
        (None, true) => (LogView::Everyone, None),
    };
    let family = match &q.family {
        Some(r) => Some(
            store
                .family_by_reference(r)?
                .ok_or(LogRefusal::NoFamily)?
                .id,
        ),
        None => None,
    };
    let filter = AuditFilter {
        family,
        who,
        since: q.since.map(start_of_day),
        ..AuditFilter::default()
    };
    let mut references: HashMap<FamilyId, String> = HashMap::new();
    let mut out = Vec::new();
    let people = store.user_directory()?;
    for e in store.audit_entries(&filter)? {
        let family = match e.family {
            Some(id) => Some(match references.get(&id) {
                Some(r) => r.clone(),
                None => {
                    let r = store.family(id)?.details.reference;
                    references.insert(id, r.clone());
                    r
                }
            }),
            None => None,
        };
        out.push(LogEntry {
            at: e.at,
            name: people.name_of(&e.who).map(|n| n.as_str().to_owned()),
            who: e.who,
            action: e.action.as_str(),
            entity: e.entity.as_str(),
            entity_id: e.entity_id,
            family,
            record: e.record.map(|r| r.0),
            fields: e.fields,
            saves: e.session.map(|(_, n)| n),
            last_saved: e.session.map(|(at, _)| at),
        });
    }
    Ok((view, out))
}

/// The first instant of a local day, in UTC. A day that begins inside a
/// clock change starts at the earliest time it has; one with no midnight
/// at all counts from midnight UTC.
fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}
