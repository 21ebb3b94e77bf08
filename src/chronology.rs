//! The chronology as people read it: chronology entries and finalised
//! significant records merged into one list in date order, with the columns
//! of seed 003_e0d5b8f8efac37da.txt §6 (date / what happened / who has been
//! affected and how / source), for a whole family or for one child.

use crate::form::FormSet;
use crate::record::{Answers, ChildId, RecordId, Slot};
use chrono::NaiveDate;
use serde::Serialize;

/// One row of the chronology.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChronologyRow {
    /// When it happened.
    pub date: NaiveDate,
    /// What happened.
    pub what_happened: String,
    /// Who has been affected and how.
    pub affected: String,
    /// Where the information came from.
    pub source: String,
    /// The children it is about; empty means the whole family.
    pub children: Vec<ChildId>,
    /// The record it came from, if any.
    pub record: Option<RecordId>,
}

/// A chronology entry as typed on the chronology screen.
#[derive(Clone, Debug)]
pub struct EntryFacts {
    /// When it happened.
    pub date: NaiveDate,
    /// The child it is about, or `None` for the whole family.
    pub child: Option<ChildId>,
    /// What happened.
    pub what_happened: String,
    /// Who has been affected and how.
    pub affected: String,
    /// Source.
    pub source: String,
    /// The record it came from, if any.
    pub record: Option<RecordId>,
}

/// A record that may belong in the chronology.
#[derive(Clone, Debug)]
pub struct RecordFacts<'a> {
    /// Its id.
    pub id: RecordId,
    /// Its form.
    pub form_id: &'a str,
    /// Its event date.
    pub event_date: NaiveDate,
    /// Only finalised records are part of the history.
    pub finalised: bool,
    /// Marked a significant event.
    pub significant: bool,
    /// Who wrote it.
    pub author: &'a str,
    /// The children it is about.
    pub children: &'a [ChildId],
    /// Its answers.
    pub answers: &'a Answers,
}

fn answer(
    answers: &Answers,
    forms: &FormSet,
    form_id: &str,
    field: Option<&String>,
) -> Option<String> {
    let field = field?;
    let form = forms.get(form_id)?;
    let (section, _) = form.field(field)?;
    answers
        .text(&Slot::once(&section.id, field))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// Merges entries and finalised significant records, oldest first (rows of
/// one date: entries before records, each in the order given).
/// `child_name` turns a child id into a name for the "affected" fallback.
pub fn merge(
    entries: &[EntryFacts],
    records: &[RecordFacts<'_>],
    forms: &FormSet,
    child_name: &dyn Fn(ChildId) -> String,
) -> Vec<ChronologyRow> {
    let mut rows: Vec<ChronologyRow> = entries
        .iter()
        .map(|e| ChronologyRow {
            date: e.date,
            what_happened: e.what_happened.clone(),
            affected: e.affected.clone(),
            source: e.source.clone(),
            children: e.child.into_iter().collect(),
            record: e.record,
        })
        .collect();
    // A record already copied into an entry is not shown twice.
    let copied: Vec<RecordId> = entries.iter().filter_map(|e| e.record).collect();
    for r in records
        .iter()
        .filter(|r| r.finalised && r.significant && !copied.contains(&r.id))
    {
        let form = forms.get(r.form_id);
        let title = form.map_or(r.form_id, |f| f.title.as_str());
        let cols = form.map(|f| f.chronology.clone()).unwrap_or_default();
        let what = answer(r.answers, forms, r.form_id, cols.what_happened.as_ref())
            .map_or_else(|| title.to_owned(), |t| format!("{title}: {t}"));
        let affected =
            answer(r.answers, forms, r.form_id, cols.affected.as_ref()).unwrap_or_else(|| {
                r.children
                    .iter()
                    .map(|&c| child_name(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
        let source = answer(r.answers, forms, r.form_id, cols.source.as_ref())
            .unwrap_or_else(|| format!("{title} by {}", r.author));
        rows.push(ChronologyRow {
            date: r.event_date,
            what_happened: what,
            affected,
            source,
            children: r.children.to_vec(),
            record: Some(r.id),
        });
    }
    // A stable sort keeps same-day rows in the order built above.
    rows.sort_by_key(|r| r.date);
    rows
}

/// The rows that concern one child: those about them and those about the
/// whole family (in a sibling group each child's history must stand on its
/// own, seed 003_e0d5b8f8efac37da.txt §6).
pub fn for_child(rows: &[ChronologyRow], child: ChildId) -> Vec<ChronologyRow> {
    rows.iter()
        .filter(|r| r.children.is_empty() || r.children.contains(&child))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Value;

    fn d(s: &str) -> NaiveDate {
        crate::record::parse_date(s).unwrap()
    }

    fn entry(date: &str, child: Option<i64>, what: &str) -> EntryFacts {
        EntryFacts {
            date: d(date),
            child: child.map(ChildId),
            what_happened: what.into(),
            affected: "".into(),
            source: "School".into(),
            record: None,
        }
    }

    #[test]
    fn entries_and_significant_records_merge_in_date_order() {
        let forms = FormSet::built_in().unwrap();
        let mut a = Answers::new();
        a.set(
            Slot::once("purpose", "contact_heading"),
            Value::Text("Visit after the incident".into()),
        );
        let kids = [ChildId(2)];
        let empty = Answers::new();
        let records = [
            RecordFacts {
                id: RecordId(10),
                form_id: "visit",
                event_date: d("2026-03-05"),
                finalised: true,
                significant: true,
                author: "worker.a",
                children: &kids,
                answers: &a,
            },
            // Not significant, or not finalised: not in the chronology.
            RecordFacts {
                id: RecordId(11),
                form_id: "visit",
                event_date: d("2026-03-06"),
                finalised: true,
                significant: false,
                author: "worker.a",
                children: &kids,
                answers: &empty,
            },
            RecordFacts {
                id: RecordId(12),
                form_id: "visit",
                event_date: d("2026-03-07"),
                finalised: false,
                significant: true,
                author: "worker.a",
                children: &kids,
                answers: &empty,
            },
        ];
        let entries = [
            entry("2026-04-01", Some(1), "Started nursery"),
            entry("2026-01-10", None, "Family moved house"),
        ];
        let name = |c: ChildId| format!("Child {}", c.0);
        let rows = merge(&entries, &records, &forms, &name);
        let whats: Vec<&str> = rows.iter().map(|r| r.what_happened.as_str()).collect();
        assert_eq!(
            whats,
            [
                "Family moved house",
                "Home visit: Visit after the incident",
                "Started nursery"
            ]
        );
        assert_eq!(rows[1].affected, "Child 2");
        assert_eq!(rows[1].source, "Home visit by worker.a");
        assert_eq!(rows[1].record, Some(RecordId(10)));

        // Child 1 sees the family-wide row and their own, not child 2's visit.
        let one: Vec<String> = for_child(&rows, ChildId(1))
            .into_iter()
            .map(|r| r.what_happened)
            .collect();
        assert_eq!(one, ["Family moved house", "Started nursery"]);
        let two: Vec<String> = for_child(&rows, ChildId(2))
            .into_iter()
            .map(|r| r.what_happened)
            .collect();
        assert_eq!(
            two,
            ["Family moved house", "Home visit: Visit after the incident"]
        );
    }

    #[test]
    fn a_chronology_entry_record_fills_every_column_from_its_answers() {
        let forms = FormSet::built_in().unwrap();
        let mut a = Answers::new();
        a.set(
            Slot::once("event", "what_happened"),
            Value::Text("Dad returned home".into()),
        );
        a.set(
            Slot::once("event", "who_affected"),
            Value::Text("Both children, happier".into()),
        );
        let source_section = forms
            .get("chronology_entry")
            .unwrap()
            .field("source")
            .unwrap()
            .0
            .id
            .clone();
        a.set(
            Slot::once(&source_section, "source"),
            Value::Text("Mum, by phone".into()),
        );
        let kids = [ChildId(1)];
        let records = [RecordFacts {
            id: RecordId(3),
            form_id: "chronology_entry",
            event_date: d("2026-02-01"),
            finalised: true,
            significant: true,
            author: "worker.a",
            children: &kids,
            answers: &a,
        }];
        let rows = merge(&[], &records, &forms, &|_| String::new());
        assert_eq!(rows[0].what_happened, "Chronology entry: Dad returned home");
        assert_eq!(rows[0].affected, "Both children, happier");
        assert_eq!(rows[0].source, "Mum, by phone");
    }
}
