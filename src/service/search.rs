//! Search as a use case: the store finds the records (`Store::search`,
//! which also notes the search in the audit log); this file says where in
//! each record the words are, in the form's order, and cuts the matching
//! words out with a little text either side, for `casenotes search` and
//! the terminal interface's `/`.

use crate::form::{Form, FormSet};
use crate::record::{Answers, FamilyId, Slot, Value};
use crate::store::{RecordStatus, SearchScope, Store};
use chrono::NaiveDate;

/// How many records a search shows at most.
pub const SHOWN: usize = 200;

/// Characters of context either side of the match.
const CONTEXT: usize = 40;

/// One record found, and where.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Found {
    /// The record's number.
    pub record: i64,
    /// Its family's id.
    #[serde(skip)]
    pub family: FamilyId,
    /// The family's reference.
    pub family_reference: String,
    /// The family's name.
    pub family_name: String,
    /// The form's title (its id when the form is not in use any more).
    pub form: String,
    /// The date of the event recorded.
    pub event_date: NaiveDate,
    /// Whether it is still a draft.
    pub draft: bool,
    /// The answer the words were found in (none when only a word's other
    /// spelling matched, which the index folds and this scan does not).
    #[serde(skip)]
    pub slot: Option<Slot>,
    /// The question of that answer.
    pub field: Option<String>,
    /// The matching words with some text either side, on one line.
    pub context: String,
}

/// The records found, newest first, and how many match in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Outcome {
    /// At most [`SHOWN`] records.
    pub found: Vec<Found>,
    /// How many records matched (counting no further than
    /// `store::COUNT_CAP`).
    pub total: usize,
    /// More matched than were counted.
    pub more: bool,
}

/// Searches `scope` for `words`; errors are sentences.
pub fn search(
    store: &mut Store,
    forms: &FormSet,
    words: &str,
    scope: SearchScope,
) -> Result<Outcome, String> {
    let results = store
        .search(words, scope, SHOWN)
        .map_err(|e| e.to_string())?;
    let terms: Vec<String> = words
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let found = results
        .hits
        .into_iter()
        .map(|h| {
            let form = forms.get(&h.form_id);
            let (slot, field, context) = locate(form, &h.answers, &terms)
                .map_or((None, None, String::new()), |(s, f, c)| (Some(s), f, c));
            Found {
                record: h.record.0,
                family: h.family,
                family_reference: h.family_reference,
                family_name: h.family_name,
                form: form.map_or_else(|| h.form_id.clone(), |f| f.title.clone()),
                event_date: h.event_date,
                draft: h.status == RecordStatus::Draft,
                slot,
                field,
                context,
            }
        })
        .collect();
    Ok(Outcome {
        found,
        total: results.total,
        more: results.more,
    })
}

impl super::CaseFile {
    /// Searches `scope` for `words` with the forms in use; errors are
    /// sentences.
    pub fn search(&mut self, words: &str, scope: SearchScope) -> Result<Outcome, String> {
        search(&mut self.store, &self.forms, words, scope)
    }
}

/// How many were found, in words, for the top of a list.
pub fn summary(o: &Outcome) -> String {
    if o.more {
        format!(
            "More than {} records found; the {} newest of those written last are shown. Add a word to narrow it down.",
            crate::store::COUNT_CAP,
            o.found.len()
        )
    } else if o.total > o.found.len() {
        format!(
            "{} record(s) found (the newest {} shown).",
            o.total,
            o.found.len()
        )
    } else {
        format!("{} record(s) found.", o.total)
    }
}

/// Every text of an answer, one per table cell or chosen option.
fn texts(value: &Value) -> Vec<&str> {
    match value {
        Value::Text(t) => vec![t.as_str()],
        Value::List(l) => l.iter().map(String::as_str).collect(),
        Value::Rows(rows) => rows
            .iter()
            .flat_map(|r| r.values().map(String::as_str))
            .collect(),
    }
}

/// The first answer, in the form's order, holding a word that starts with
/// one of `terms`: its slot, its question and the words in context.
fn locate(
    form: Option<&Form>,
    answers: &Answers,
    terms: &[String],
) -> Option<(Slot, Option<String>, String)> {
    let mut slots: Vec<(&Slot, &Value)> = answers.iter().collect();
    if let Some(form) = form {
        let order = |s: &Slot| {
            form.sections
                .iter()
                .position(|x| x.id == s.section)
                .zip(
                    form.field(&s.field)
                        .and_then(|(sec, _)| sec.fields.iter().position(|f| f.id == s.field)),
                )
                .unwrap_or((usize::MAX, usize::MAX))
        };
        slots.sort_by_key(|(s, _)| order(s));
    }
    for (slot, value) in slots {
        for text in texts(value) {
            if let Some(context) = context_of(text, terms) {
                let field = form
                    .and_then(|f| f.field(&slot.field))
                    .map(|(_, f)| f.label.clone());
                return Some((slot.clone(), field, context));
            }
        }
    }
    None
}

/// The text around the first word starting with a term, on one line.
pub fn context_of(text: &str, terms: &[String]) -> Option<String> {
    let lower: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = text.chars().collect();
    // Lower-casing can change a character's length (rare); then the
    // positions would not line up, so the text is searched as it is.
    let hay = if lower.len() == chars.len() {
        &lower
    } else {
        &chars
    };
    let at = (0..hay.len()).find(|&i| {
        (i == 0 || !hay[i - 1].is_alphanumeric())
            && terms.iter().any(|t| {
                let t: Vec<char> = t.chars().collect();
                hay.len() >= i + t.len() && hay[i..i + t.len()] == t[..]
            })
    })?;
    let start = at.saturating_sub(CONTEXT);
    let end = (at + CONTEXT * 2).min(chars.len());
    let mut out: String = chars[start..end]
        .iter()
        .map(|c| if c.is_whitespace() { ' ' } else { *c })
        .collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_starts_at_a_word_and_stays_on_one_line() {
        let t = vec!["dent".to_owned()];
        assert_eq!(
            context_of("Mum said\nthe dentist is booked", &t).as_deref(),
            Some("Mum said the dentist is booked")
        );
        assert_eq!(context_of("accident", &t), None);
    }
}
