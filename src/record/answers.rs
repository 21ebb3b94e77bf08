//! The answers of one record: typed text keyed by section, child and field.
//! Answers are kept exactly as typed (a half-typed date included) so that a
//! draft never loses a word; what they mean is decided by the form.

use super::ids::ChildId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One table row: column id → cell text.
pub type Row = BTreeMap<String, String>;

/// One answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// Text of every one-value kind (text, multiline, date, time, yes/no,
    /// choice, number, scale).
    Text(String),
    /// The options chosen in a several-choices field, in the form's order.
    List(Vec<String>),
    /// The rows of a table.
    Rows(Vec<Row>),
}

impl Value {
    /// Whether the answer says nothing: blank text, no choices, or no row
    /// with anything in it.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Text(t) => t.trim().is_empty(),
            Value::List(l) => l.is_empty(),
            Value::Rows(rows) => rows.iter().all(row_is_blank),
        }
    }

    /// The text, if this is a one-value answer.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Whether every cell of a row is blank.
pub fn row_is_blank(row: &Row) -> bool {
    row.values().all(|c| c.trim().is_empty())
}

/// Where an answer lives: a field of a section, for one child when the
/// section repeats per child.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    /// Section id.
    pub section: String,
    /// The child, for a per-child section; `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<ChildId>,
    /// Field id.
    pub field: String,
}

impl Slot {
    /// A slot in a section answered once.
    pub fn once(section: &str, field: &str) -> Slot {
        Slot {
            section: section.to_owned(),
            child: None,
            field: field.to_owned(),
        }
    }

    /// A slot in a per-child section.
    pub fn for_child(section: &str, child: ChildId, field: &str) -> Slot {
        Slot {
            section: section.to_owned(),
            child: Some(child),
            field: field.to_owned(),
        }
    }
}

/// One stored answer with its place; the JSON shape of [`Answers`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    slot: Slot,
    value: Value,
}

/// All the answers of one record.
///
/// Stored as a JSON list of `{section, child?, field, value}` so that the
/// file stays readable by other tools and no key needs escaping.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Entry>", into = "Vec<Entry>")]
pub struct Answers {
    values: BTreeMap<Slot, Value>,
}

impl From<Vec<Entry>> for Answers {
    fn from(entries: Vec<Entry>) -> Self {
        Answers {
            values: entries.into_iter().map(|e| (e.slot, e.value)).collect(),
        }
    }
}

impl From<Answers> for Vec<Entry> {
    fn from(a: Answers) -> Self {
        a.values
            .into_iter()
            .map(|(slot, value)| Entry { slot, value })
            .collect()
    }
}

impl Answers {
    /// No answers yet.
    pub fn new() -> Answers {
        Answers::default()
    }

    /// The answer in a slot.
    pub fn get(&self, slot: &Slot) -> Option<&Value> {
        self.values.get(slot)
    }

    /// The text answer in a slot, if it is one.
    pub fn text(&self, slot: &Slot) -> Option<&str> {
        self.get(slot).and_then(Value::as_text)
    }

    /// Sets an answer; a blank answer removes the slot so that drafts stay
    /// small and "answered" means "has content".
    pub fn set(&mut self, slot: Slot, value: Value) {
        if value.is_blank() {
            self.values.remove(&slot);
        } else {
            self.values.insert(slot, value);
        }
    }

    /// Removes an answer.
    pub fn clear(&mut self, slot: &Slot) {
        self.values.remove(slot);
    }

    /// Every answer with its slot, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (&Slot, &Value)> {
        self.values.iter()
    }

    /// How many slots hold an answer.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether nothing is answered.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Serialises to the JSON kept in the store.
    pub fn to_json(&self) -> String {
        // A map of strings to plain enums always serialises.
        serde_json::to_string(self).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Reads answers back from the store's JSON.
    pub fn from_json(text: &str) -> Result<Answers, serde_json::Error> {
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_every_kind_of_value() {
        let mut a = Answers::new();
        a.set(
            Slot::once("visit", "date"),
            Value::Text("2026-11-20".into()),
        );
        a.set(
            Slot::for_child("voice", ChildId(7), "views"),
            Value::Text("Likes the \"new\" school\nand the bus".into()),
        );
        a.set(
            Slot::once("visit", "present"),
            Value::List(vec!["Mother".into(), "Child".into()]),
        );
        let mut row = Row::new();
        row.insert("what".into(), "Book dentist".into());
        a.set(Slot::once("actions", "smart"), Value::Rows(vec![row]));
        let json = a.to_json();
        assert_eq!(Answers::from_json(&json).unwrap(), a);
        assert!(json.contains("\"child\":7"));
    }

    #[test]
    fn blank_answers_are_not_kept() {
        let mut a = Answers::new();
        let slot = Slot::once("s", "f");
        a.set(slot.clone(), Value::Text("x".into()));
        a.set(slot.clone(), Value::Text("   ".into()));
        assert!(a.get(&slot).is_none());
        a.set(slot.clone(), Value::Rows(vec![Row::new()]));
        assert!(a.is_empty());
    }
}
