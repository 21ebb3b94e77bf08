//! The form file exactly as written: every key optional where the language
//! allows it and every value spanned, so the checker can place each problem.
//! Unknown keys are refused here, by serde, with their position.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawForm {
    pub id: Option<Spanned<String>>,
    pub version: Option<Spanned<i64>>,
    pub title: Option<Spanned<String>>,
    pub purpose: Option<Spanned<String>>,
    pub can_be_significant: Option<Spanned<bool>>,
    pub supervisors_only: Option<Spanned<bool>>,
    pub event_date_field: Option<Spanned<String>>,
    pub timescale: Option<Spanned<RawTimescale>>,
    pub chronology: Option<Spanned<RawChronology>>,
    #[serde(default)]
    pub section: Vec<Spanned<RawSection>>,
    #[serde(default)]
    pub contradiction: Vec<Spanned<RawContradiction>>,
}

/// Answers that cannot all stand: `when` with `and`, or `date` before
/// `before`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContradiction {
    pub message: Option<Spanned<String>>,
    pub when: Option<Spanned<RawCondition>>,
    pub and: Option<Spanned<RawCondition>>,
    pub date: Option<Spanned<String>>,
    pub before: Option<Spanned<String>>,
}

/// Which answers a significant record shows in the chronology's columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChronology {
    pub what_happened: Option<Spanned<String>>,
    pub affected: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTimescale {
    pub working_days: Option<Spanned<i64>>,
    pub urgent_working_days: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub guidance: Option<Spanned<String>>,
    pub child_voice: Option<Spanned<bool>>,
    pub per_child: Option<Spanned<bool>>,
    pub carry_forward: Option<Spanned<String>>,
    #[serde(default)]
    pub field: Vec<Spanned<RawField>>,
}

/// A field or a table column: the same keys, with the kind deciding which
/// are allowed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    pub id: Option<Spanned<String>>,
    pub label: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub required: Option<Spanned<bool>>,
    pub required_when: Option<Spanned<RawCondition>>,
    pub hint: Option<Spanned<String>>,
    pub child_voice: Option<Spanned<bool>>,
    pub prefill: Option<Spanned<String>>,
    pub options: Option<Spanned<Vec<Spanned<String>>>>,
    pub not_future: Option<Spanned<bool>>,
    pub min: Option<Spanned<RawNumber>>,
    pub max: Option<Spanned<RawNumber>>,
    pub min_label: Option<Spanned<String>>,
    pub max_label: Option<Spanned<String>>,
    pub min_rows: Option<Spanned<i64>>,
    pub column: Option<Spanned<Vec<Spanned<RawField>>>>,
    pub actions: Option<Spanned<RawActions>>,
}

/// Which columns of a SMART action table say what, who and by when.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawActions {
    pub what: Option<Spanned<String>>,
    pub who: Option<Spanned<String>>,
    pub by_when: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    pub field: Option<Spanned<String>>,
    pub is: Option<Spanned<String>>,
    pub any_of: Option<Spanned<Vec<Spanned<String>>>>,
}

/// TOML keeps integers and floats apart; bounds may be either.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(untagged)]
pub(super) enum RawNumber {
    Int(i64),
    Float(f64),
}

impl RawNumber {
    pub fn as_f64(self) -> f64 {
        match self {
            RawNumber::Int(i) => i as f64,
            RawNumber::Float(f) => f,
        }
    }
}
