//! A quick generator of an obviously fictional case file ("Family
//! Example-00042"), for benchmarks, scale tests and demonstrations. Everything
//! is written in one transaction with prepared statements, so 10,000 families
//! and 200,000 records take seconds, not minutes.

use super::audit::{AuditAction, AuditEntity};
use super::chain::{self, ChainKind};
use super::error::StoreError;
use super::open::Store;
use super::records::keep_form_definition;
use super::text::date_text;
use crate::form::{CellKind, FieldKind, Form};
use crate::record::{Answers, ChildId, Row, Slot, Value};
use chrono::{Days, NaiveDate};
use rusqlite::params;

/// How much fictional data to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FictionalSize {
    /// Number of families.
    pub families: u32,
    /// Children in each family.
    pub children_per_family: u32,
    /// Records in each family (about one in twenty left as a draft).
    pub records_per_family: u32,
    /// How much of each record is answered.
    pub answers: FictionalAnswers,
}

/// How much of each fictional record is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FictionalAnswers {
    /// Every field of the form (about 8 KB of JSON a visit record), as a
    /// finished record would be.
    Every,
    /// The first long-text field only (about 100 bytes a record), so that a
    /// file of a million records fits on a shared disk; the due list, the
    /// home screen and the filter never read answers.
    FirstText,
}

impl FictionalSize {
    /// The size the design's budgets are measured at: 10,000 families and
    /// 200,000 records.
    pub const BUDGET: FictionalSize = FictionalSize {
        families: 10_000,
        children_per_family: 2,
        records_per_family: 20,
        answers: FictionalAnswers::Every,
    };

    /// The large team file of issue 12: 50,000 families and 1,000,000
    /// records, each answering one field so that it stays near 1 GB.
    pub const LARGE: FictionalSize = FictionalSize {
        families: 50_000,
        children_per_family: 2,
        records_per_family: 20,
        answers: FictionalAnswers::FirstText,
    };
}

const TEXT: &str = "Fictional example; no real person.";

/// Stands for a topic word in a family's answer template, replaced record
/// by record from [`TOPICS`], so that a search over a fictional file meets
/// rare and common words as a real one would.
const TOPIC_MARK: &str = "zzztopiczzz";

/// The topic words, one per record in turn: each is in about one record in
/// forty of a fictional file.
const TOPICS: [&str; 40] = [
    "dentist",
    "school",
    "nursery",
    "garden",
    "bicycle",
    "football",
    "swimming",
    "library",
    "homework",
    "bedtime",
    "breakfast",
    "doctor",
    "hospital",
    "birthday",
    "holiday",
    "cousin",
    "grandparent",
    "neighbour",
    "allotment",
    "kitchen",
    "laundry",
    "budget",
    "tenancy",
    "housing",
    "transport",
    "attendance",
    "reading",
    "drawing",
    "music",
    "theatre",
    "museum",
    "park",
    "trampoline",
    "puppy",
    "kitten",
    "scooter",
    "camping",
    "baking",
    "gardening",
    "painting",
];

/// Stands for the record's date in a family's answer template; no other
/// answer can contain it.
const DATE_MARK: &str = "0000-00-00";

/// The first day fictional events fall on; events spread over three years.
fn first_day() -> NaiveDate {
    // A fixed, valid date: the default is never used.
    NaiveDate::from_ymd_opt(2023, 1, 2).unwrap_or_default()
}

fn cell(kind: &CellKind, date: &str) -> String {
    match kind {
        CellKind::Text => "Fictional example".to_owned(),
        CellKind::Date { .. } => date.to_owned(),
        CellKind::Time => "10:00".to_owned(),
        CellKind::YesNo => "yes".to_owned(),
        CellKind::Choice { options } => options.first().cloned().unwrap_or_default(),
        CellKind::Number { min, max } => {
            let n = min.unwrap_or(1.0).max(max.map_or(1.0, |m| m.min(1.0)));
            format!("{n}")
        }
    }
}

/// Answers to every field of `form` (or its first long-text field only),
/// plausible for each kind.
fn answers_for(form: &Form, children: &[ChildId], date: &str, how: FictionalAnswers) -> Answers {
    let mut a = Answers::new();
    if how == FictionalAnswers::FirstText {
        let first = form.sections.iter().find_map(|s| {
            s.fields
                .iter()
                .find(|f| matches!(f.kind, FieldKind::Multiline))
                .map(|f| (s, f))
        });
        if let Some((section, field)) = first {
            let slot = Slot {
                section: section.id.clone(),
                child: section
                    .per_child
                    .then(|| children.first().copied())
                    .flatten(),
                field: field.id.clone(),
            };
            a.set(slot, Value::Text(format!("{TEXT} {TOPIC_MARK}")));
        }
        return a;
    }
    for section in &form.sections {
        let who: Vec<Option<ChildId>> = if section.per_child {
            children.iter().copied().map(Some).collect()
        } else {
            vec![None]
        };
        for child in who {
            for field in &section.fields {
                let value = match &field.kind {
                    FieldKind::Cell(k) => Value::Text(cell(k, date)),
                    FieldKind::Multiline => Value::Text(format!("{TEXT} {TOPIC_MARK}")),
                    FieldKind::Choices { options } => {
                        Value::List(options.iter().take(1).cloned().collect())
                    }
                    FieldKind::Scale(s) => Value::Text(s.min.to_string()),
                    FieldKind::Table(t) => {
                        let row: Row = t
                            .columns
                            .iter()
                            .map(|c| (c.id.clone(), cell(&c.kind, date)))
                            .collect();
                        Value::Rows(vec![row])
                    }
                };
                let slot = Slot {
                    section: section.id.clone(),
                    child,
                    field: field.id.clone(),
                };
                a.set(slot, value);
            }
        }
    }
    a
}

impl Store {
    /// Fills a case file that holds no families with fictional families,
    /// children and records of `form`, in one transaction. Names are "Family Example-NNNNN" and "Child
    /// Example-NNNNN-A", references "EX-NNNNN", workers "example.workerNN".
    /// Writes one audit row for the whole batch, not one per row.
    pub fn fill_fictional(&mut self, form: &Form, size: FictionalSize) -> Result<(), StoreError> {
        // Fictional families beside real ones could be mistaken for real
        // cases, or real ones for fictional: only an empty file is filled.
        if self.count_families()? > 0 {
            return Err(StoreError::Invalid(
                "Fictional data can only be added to a case file that holds no families.",
            ));
        }
        self.write(|tx| {
            keep_form_definition(tx, form)?;
            let c = &tx.tx;
            let mut family = c.prepare(
                "INSERT INTO family (reference, name, status, opened_on, closed_on,
                    child_protection_plan, child_in_need, looked_after, allocated_worker,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?;
            let mut child = c.prepare(
                "INSERT INTO child (family_id, name, date_of_birth, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
            )?;
            let mut record = c.prepare(
                "INSERT INTO record (family_id, form_id, form_version, event_date, status,
                    author, created_at, updated_at, significant, answers, revision)
                 VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?6, 0, ?7, 1)",
            )?;
            // Records are finalised after their children are linked, as the
            // triggers require of every finalised record.
            let mut finalise = c.prepare(
                "UPDATE record SET status = 'finalised', finalised_at = ?2, finalised_by = ?3,
                    revision = 2
                 WHERE id = ?1",
            )?;
            let mut link =
                c.prepare("INSERT INTO record_child (record_id, child_id) VALUES (?1, ?2)")?;
            let day0 = first_day();
            for i in 0..u64::from(size.families) {
                let n = i + 1;
                let opened = day0 + Days::new(n % 365);
                let closed = (n % 7 == 0).then(|| date_text(opened + Days::new(400)));
                let worker = format!("example.worker{:02}", n % 20);
                family.execute(params![
                    format!("EX-{n:05}"),
                    format!("Family Example-{n:05}"),
                    if closed.is_some() { "closed" } else { "active" },
                    date_text(opened),
                    closed,
                    n % 11 == 0,
                    n % 5 == 0,
                    n % 13 == 0,
                    worker,
                    tx.now
                ])?;
                let fid = c.last_insert_rowid();
                let mut kids = Vec::new();
                for k in 0..size.children_per_family {
                    let letter = char::from(b'A' + (k % 26) as u8);
                    let born = NaiveDate::from_ymd_opt(
                        2010 + (n % 14) as i32,
                        1 + k % 12,
                        1 + (n % 28) as u32,
                    );
                    child.execute(params![
                        fid,
                        format!("Child Example-{n:05}-{letter}"),
                        born.map(date_text),
                        tx.now
                    ])?;
                    kids.push(ChildId(c.last_insert_rowid()));
                }
                // Serialising answers is the slow part; do it once per family
                // and put each record's date into the text.
                let template = answers_for(form, &kids, DATE_MARK, size.answers).to_json();
                for j in 0..u64::from(size.records_per_family) {
                    let date = date_text(day0 + Days::new((n * 37 + j * 53) % 1095));
                    let draft = j % 20 == 19;
                    let topic = TOPICS[((n * 7 + j * 13) % 40) as usize];
                    let answers = template
                        .replace(DATE_MARK, &date)
                        .replace(TOPIC_MARK, &format!("{topic} note{n:05}x{j:02}"));
                    record.execute(params![
                        fid,
                        form.id,
                        form.version,
                        date,
                        worker,
                        tx.now,
                        answers
                    ])?;
                    let rid = c.last_insert_rowid();
                    for k in &kids {
                        link.execute(params![rid, k.0])?;
                    }
                    if !draft {
                        finalise.execute(params![rid, tx.now, worker])?;
                        chain::link(c, ChainKind::Record, rid)?;
                    }
                }
            }
            tx.audit(AuditAction::Created, AuditEntity::File, None, None, None)
        })
    }
}
