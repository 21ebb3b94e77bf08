//! The trainers' demonstration: a fictional family (children, parents and
//! professionals), with one finished visit note showing what a good record
//! holds and one draft showing what the marks look like, put into a file
//! the demonstration made and marked itself ([`place`]) so that nothing
//! real is ever touched.

pub mod place;
pub mod tour;

pub use place::{DemoFile, prepare};

use crate::form::FormSet;
use crate::record::{Answers, ChildId, Row, Slot, Value};
use crate::store::{
    CaseStatus, ChildDetails, FamilyDetails, FamilyId, NewChronologyEntry, PersonDetails,
    PersonKind, RecordDraft, Store, StoreError,
};
use crate::user::Role;
use chrono::{Days, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The demonstration data, in the program so a demo laptop needs nothing else.
const EXAMPLE_FAMILY: &str = include_str!("example_family.toml");

/// The reference of the demonstration family, so screens can label it.
pub const DEMO_REFERENCE: &str = "DEMO-0001";

/// Why the demonstration could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The data shipped with the program is wrong: a bug, caught by tests.
    #[error("the demonstration data is invalid: {0}")]
    Data(String),
    /// The store refused something.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The demonstration will not use this file or folder; says why.
    #[error("{0}")]
    Refused(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Demo {
    family: DemoFamily,
    child: Vec<DemoChild>,
    #[serde(default)]
    person: Vec<DemoPerson>,
    record: Vec<DemoRecord>,
    #[serde(default)]
    chronology: Vec<DemoChronology>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFamily {
    reference: String,
    name: String,
    opened: String,
    #[serde(default)]
    child_protection: bool,
    #[serde(default)]
    child_in_need: bool,
    #[serde(default)]
    looked_after: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoChild {
    key: String,
    name: String,
    date_of_birth: String,
    languages: Option<String>,
}

/// A parent, carer or relative (with a relationship) or a professional
/// (with a role and an agency).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPerson {
    name: String,
    relationship: Option<String>,
    role: Option<String>,
    agency: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRecord {
    form: String,
    children: Vec<String>,
    event: String,
    finalise: bool,
    answers: BTreeMap<String, toml::Value>,
    #[serde(default)]
    child: BTreeMap<String, BTreeMap<String, toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoChronology {
    date: String,
    child: Option<String>,
    what_happened: String,
    impact: String,
    source: String,
}

/// Turns "@-6" into the date six days before `today`; other text is kept.
fn relative(text: &str, today: NaiveDate) -> String {
    let Some(offset) = text.strip_prefix('@') else {
        return text.to_owned();
    };
    let Ok(n) = offset.parse::<i64>() else {
        return text.to_owned();
    };
    let day = if n < 0 {
        today.checked_sub_days(Days::new(n.unsigned_abs()))
    } else {
        today.checked_add_days(Days::new(n.unsigned_abs()))
    };
    day.map_or_else(|| text.to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

fn date(text: &str, today: NaiveDate) -> Result<NaiveDate, DemoError> {
    let t = relative(text, today);
    crate::record::parse_date(&t).ok_or_else(|| DemoError::Data(format!("`{text}` is not a date")))
}

fn value(v: &toml::Value, today: NaiveDate) -> Result<Value, DemoError> {
    match v {
        toml::Value::String(s) => Ok(Value::Text(relative(s, today))),
        toml::Value::Array(items) if items.iter().all(|i| i.is_table()) => {
            let mut rows = Vec::new();
            for item in items {
                let mut row = Row::new();
                for (k, cell) in item.as_table().into_iter().flatten() {
                    let text = cell
                        .as_str()
                        .ok_or_else(|| DemoError::Data(format!("cell `{k}` is not text")))?;
                    row.insert(k.clone(), relative(text, today));
                }
                rows.push(row);
            }
            Ok(Value::Rows(rows))
        }
        toml::Value::Array(items) => Ok(Value::List(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect(),
        )),
        other => Err(DemoError::Data(format!("unexpected value {other}"))),
    }
}

fn put(
    answers: &mut Answers,
    key: &str,
    child: Option<ChildId>,
    v: &toml::Value,
    today: NaiveDate,
) -> Result<(), DemoError> {
    let (section, field) = key
        .split_once('.')
        .ok_or_else(|| DemoError::Data(format!("`{key}` is not section.field")))?;
    let slot = Slot {
        section: section.to_owned(),
        child,
        field: field.to_owned(),
    };
    answers.set(slot, value(v, today)?);
    Ok(())
}

/// Puts the demonstration family into `store`, with records dated
/// relative to `today`. Returns its id. Refuses a store not marked as a
/// demonstration file (`Store::mark_demo`): the family's finalised records
/// can never be removed and the trainer becomes a supervisor.
pub fn seed(store: &mut Store, forms: &FormSet, today: NaiveDate) -> Result<FamilyId, DemoError> {
    if !store.is_demo()? {
        return Err(DemoError::Refused(format!(
            "{} is not a demonstration file, so the demonstration family was not added to it",
            store.path().display()
        )));
    }
    let demo: Demo =
        toml::from_str(EXAMPLE_FAMILY).map_err(|e| DemoError::Data(e.message().to_owned()))?;
    let details = FamilyDetails {
        reference: demo.family.reference,
        name: demo.family.name,
        opened_on: date(&demo.family.opened, today)?,
        status: CaseStatus::Active,
        child_protection_plan: demo.family.child_protection,
        child_in_need: demo.family.child_in_need,
        looked_after: demo.family.looked_after,
        allocated_worker: Some(store.user().to_string()),
    };
    // The trainer is the demonstration file's supervisor, so that
    // oversight and case supervision can be shown too.
    let me = store.user().to_owned();
    if !store.list_users()?.iter().any(|u| u.login == me) {
        store.add_user(&me, Role::Supervisor)?;
    }
    let family = store.create_family(&details)?;
    let mut kids: BTreeMap<String, ChildId> = BTreeMap::new();
    for c in &demo.child {
        let mut d = ChildDetails::new(&c.name, Some(date(&c.date_of_birth, today)?));
        d.languages = c.languages.clone();
        kids.insert(c.key.clone(), store.add_child(family, &d)?);
    }
    for p in &demo.person {
        let kind = if p.role.is_some() || p.agency.is_some() {
            PersonKind::Professional
        } else {
            PersonKind::Family
        };
        let details = PersonDetails {
            kind,
            name: p.name.clone(),
            relationship: p.relationship.clone(),
            role: p.role.clone(),
            agency: p.agency.clone(),
        };
        store.add_person(family, &details)?;
    }
    let kid = |k: &str| {
        kids.get(k)
            .copied()
            .ok_or_else(|| DemoError::Data(format!("no child `{k}`")))
    };
    for r in &demo.record {
        let form = forms
            .get(&r.form)
            .ok_or_else(|| DemoError::Data(format!("no form `{}`", r.form)))?;
        let event = date(&r.event, today)?;
        let mut answers = Answers::new();
        if let Some(field) = &form.event_date_field
            && let Some((section, _)) = form.field(field)
        {
            answers.set(
                Slot::once(&section.id, field),
                Value::Text(event.format("%Y-%m-%d").to_string()),
            );
        }
        for (k, v) in &r.answers {
            put(&mut answers, k, None, v, today)?;
        }
        for (key, map) in &r.child {
            let c = kid(key)?;
            for (k, v) in map {
                put(&mut answers, k, Some(c), v, today)?;
            }
        }
        let children = r
            .children
            .iter()
            .map(|k| kid(k))
            .collect::<Result<Vec<_>, _>>()?;
        let draft = RecordDraft {
            event_date: event,
            significant: false,
            children,
            answers,
        };
        let id = store.create_record(family, form, &draft)?;
        if r.finalise {
            store.finalise(id, 1, &draft, form, today)?;
        }
    }
    for c in &demo.chronology {
        let child = c.child.as_deref().map(kid).transpose()?;
        store.add_chronology_entry(&NewChronologyEntry {
            family,
            child,
            date: date(&c.date, today)?,
            what_happened: c.what_happened.clone(),
            impact: c.impact.clone(),
            source: c.source.clone(),
            record: None,
        })?;
    }
    Ok(family)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::RecordStatus;

    #[test]
    fn the_demo_family_seeds_with_a_complete_visit_and_a_draft() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("demo.sqlite3"), "trainer").unwrap();
        store.mark_demo().unwrap();
        let forms = FormSet::built_in().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        // Finalising checks completeness: an incomplete demo visit fails here.
        let family = seed(&mut store, &forms, today).unwrap();
        let records = store.list_records(family).unwrap();
        assert_eq!(records.len(), 2);
        assert!(records.iter().any(|r| r.status == RecordStatus::Finalised));
        assert!(records.iter().any(|r| r.status == RecordStatus::Draft));
        assert_eq!(store.chronology(family).unwrap().len(), 2);
        assert!(store.is_supervisor("trainer").unwrap());
        let f = store.family(family).unwrap();
        assert!(f.details.name.contains("DEMO"));
        for c in store.children(family).unwrap() {
            assert!(c.details.name.contains("(demo)"));
        }
        // Parents and professionals, every one of them obviously invented.
        let people = store.people(family).unwrap();
        assert!(people.len() >= 4);
        assert!(people.iter().any(|p| p.details.kind == PersonKind::Family));
        assert!(
            people
                .iter()
                .any(|p| p.details.kind == PersonKind::Professional && p.details.agency.is_some())
        );
        for p in people {
            assert!(p.details.name.contains("(demo)"), "{}", p.details.name);
        }
    }

    #[test]
    fn an_unmarked_file_is_never_seeded() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("real.sqlite3"), "worker").unwrap();
        let forms = FormSet::built_in().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let e = seed(&mut store, &forms, today).unwrap_err();
        assert!(matches!(e, DemoError::Refused(_)), "{e}");
        assert_eq!(store.count_families().unwrap(), 0);
        assert!(store.list_users().unwrap().is_empty());
    }

    #[test]
    fn relative_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(relative("@-6", today), "2026-11-16");
        assert_eq!(relative("@+7", today), "2026-11-29");
        assert_eq!(relative("@x", today), "@x");
        assert_eq!(relative("plain", today), "plain");
    }
}
