//! Full-text search over the text of records (schema step 8, SQLite FTS5).
//! The index is kept by triggers in the same transaction as every save of
//! a record's words, except a draft's autosave, which only notes the draft
//! as waiting (schema step 12); every search first indexes what waits, so
//! a search never lags behind the records. A search reaches only what the
//! user may read: finalised records and their own drafts, within one
//! record, one family, their caseload (families allocated to them, and
//! records they wrote) or, for a supervisor, the team. Each search leaves
//! an audit row with its scope and the number found, never the words.

use super::error::StoreError;
use super::ids::{FamilyId, RecordId};
use super::open::Store;
use super::records::{RecordStatus, status_from_row};
use super::rows::require_family;
use super::text::get_date;
use super::users::user_is_supervisor;
use crate::record::Answers;
use chrono::NaiveDate;
use rusqlite::params;

/// Where a search looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchScope {
    /// One record.
    Record(RecordId),
    /// One family's records.
    Family(FamilyId),
    /// The families allocated to the user, and the records they wrote.
    Caseload,
    /// Every family (supervisors only).
    Team,
}

impl SearchScope {
    fn word(self) -> &'static str {
        match self {
            SearchScope::Record(_) => "record",
            SearchScope::Family(_) => "family",
            SearchScope::Caseload => "caseload",
            SearchScope::Team => "team",
        }
    }
}

/// One record found, with its answers so the caller can show the match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    /// The record.
    pub record: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// The family's reference.
    pub family_reference: String,
    /// The family's name.
    pub family_name: String,
    /// The record's form.
    pub form_id: String,
    /// The date of the event recorded.
    pub event_date: NaiveDate,
    /// Draft or finalised.
    pub status: RecordStatus,
    /// Its answers.
    pub answers: Answers,
}

/// The newest records found, and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// At most the limit asked for, latest event first.
    pub hits: Vec<SearchHit>,
    /// How many records match, counting no further than [`COUNT_CAP`].
    pub total: usize,
    /// More than [`COUNT_CAP`] records match; those shown come from the
    /// most recently written of them.
    pub more: bool,
}

/// How many matching records a search counts at most: enough to say
/// "narrow it down", few enough that a word in every record of a large
/// file is as quick to look for as a rare one.
pub const COUNT_CAP: usize = 500;

/// The words as an FTS5 query that can never be a syntax error: each word
/// quoted (so `AND`, `*`, `"` and `:` are only text) and matched as a
/// prefix, all words required. `None` when there is no word to look for.
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(20)
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Finds the records whose text holds every word (each as the start of
    /// a word, ignoring case and accents), within `scope`; the `limit`
    /// newest with their answers, and the total. Notes the search in the
    /// audit log (scope and count only).
    pub fn search(
        &mut self,
        words: &str,
        scope: SearchScope,
        limit: usize,
    ) -> Result<SearchResults, StoreError> {
        let query = fts_query(words).ok_or(StoreError::Invalid(
            "Type a word to search for: letters or digits.",
        ))?;
        let user = self.user().as_str().to_owned();
        self.index_pending_drafts()?;
        let results = self.read(|conn| {
            let (family, record) = match scope {
                SearchScope::Record(r) => (None, Some(r)),
                SearchScope::Family(f) => {
                    require_family(conn, f)?;
                    (Some(f), None)
                }
                SearchScope::Caseload => (None, None),
                SearchScope::Team => {
                    if !user_is_supervisor(conn, &user)? {
                        return Err(StoreError::Invalid(
                            "Only a supervisor can search the whole team's records; search your own caseload or one family.",
                        ));
                    }
                    (None, None)
                }
            };
            let caseload = scope == SearchScope::Caseload;
            // The latest-written matches in scope, at most COUNT_CAP + 1.
            // Over a caseload or the team the index leads: it hands the
            // matches over newest first and the walk stops at the cap, so
            // a word in every record costs no more than a common one.
            // Within a family or a record the family's few records lead,
            // each checked against the index's matches (found once), so a
            // common word is not walked through the whole file to find them.
            let cap = i64::try_from(COUNT_CAP).unwrap_or(i64::MAX).saturating_add(1);
            // Every statement names all six parameters, so one binding
            // fits each; a constant test (`?4 IS NULL`) costs nothing.
            let by_records = |pick: &str| {
                format!(
                    "SELECT r.id, r.event_date FROM record r
                     WHERE {pick}
                       AND (r.status = 'finalised' OR r.author = ?2)
                       AND ?5 = ?5
                       AND r.id IN (SELECT rowid FROM record_fts WHERE record_fts MATCH ?1)
                     ORDER BY r.id DESC
                     LIMIT ?6"
                )
            };
            let sql = match (family, record) {
                (Some(_), _) => by_records("r.family_id = ?3 AND ?4 IS NULL"),
                (None, Some(_)) => by_records("r.id = ?4 AND ?3 IS NULL"),
                (None, None) => "SELECT r.id, r.event_date FROM record_fts
                     JOIN record r ON r.id = record_fts.rowid
                     JOIN family f ON f.id = r.family_id
                     WHERE record_fts MATCH ?1
                       AND (r.status = 'finalised' OR r.author = ?2)
                       AND (?5 = 0 OR f.allocated_worker = ?2 OR r.author = ?2)
                       AND ?3 IS NULL AND ?4 IS NULL
                     ORDER BY record_fts.rowid DESC
                     LIMIT ?6"
                    .to_owned(),
            };
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut ids: Vec<(RecordId, String)> = stmt
                .query_map(params![query, user, family, record, caseload, cap], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?;
            let more = ids.len() > COUNT_CAP;
            ids.truncate(COUNT_CAP);
            // Newest event first; dates are YYYY-MM-DD text, so they sort.
            ids.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
            let ids: Vec<RecordId> = ids.into_iter().map(|(id, _)| id).collect();
            let mut load = conn.prepare_cached(
                "SELECT r.id, r.family_id, f.reference, f.name, r.form_id, r.event_date,
                    r.status, r.answers
                 FROM record r JOIN family f ON f.id = r.family_id WHERE r.id = ?1",
            )?;
            let mut hits = Vec::new();
            for id in ids.iter().take(limit) {
                let (hit, json) = load.query_row([id], |r| {
                    Ok((
                        SearchHit {
                            record: r.get(0)?,
                            family: r.get(1)?,
                            family_reference: r.get(2)?,
                            family_name: r.get(3)?,
                            form_id: r.get(4)?,
                            event_date: get_date(r, 5)?,
                            status: status_from_row(r, 6)?,
                            answers: Answers::new(),
                        },
                        r.get::<_, String>(7)?,
                    ))
                })?;
                let answers = Answers::from_json(&json)
                    .map_err(|_| StoreError::UnreadableAnswers { record: *id })?;
                hits.push(SearchHit { answers, ..hit });
            }
            Ok(SearchResults {
                hits,
                total: ids.len(),
                more,
            })
        })?;
        let (family, record) = match scope {
            SearchScope::Record(r) => (None, Some(r)),
            SearchScope::Family(f) => (Some(f), None),
            _ => (None, None),
        };
        let count = i64::try_from(results.total).unwrap_or(i64::MAX);
        self.write(|tx| {
            tx.tx
                .prepare_cached(
                    "INSERT INTO search_audit (at, who, scope, family_id, record_id, results)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    tx.now,
                    tx.user,
                    scope.word(),
                    family,
                    record,
                    count
                ])?;
            Ok(())
        })?;
        Ok(results)
    }

    /// Brings the search index up to date with drafts saved since they were
    /// last indexed (schema step 12: an autosave does not index). Writes
    /// only when some draft is waiting.
    fn index_pending_drafts(&mut self) -> Result<(), StoreError> {
        let waiting: bool = self.read(|conn| {
            Ok(conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM record_fts_pending)")?
                .query_row([], |r| r.get(0))?)
        })?;
        if waiting {
            self.write(|tx| Ok(tx.tx.execute_batch(super::schema_step15::INDEX_PENDING)?))?;
        }
        Ok(())
    }

    /// How many searches this file's audit log holds, and the last one's
    /// scope and count: for tests and `casenotes check`-style reports.
    pub fn search_audit(&self) -> Result<Vec<(String, String, i64)>, StoreError> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT who, scope, results FROM search_audit ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_are_quoted_prefixes() {
        assert_eq!(
            fts_query("dent AND \"x").as_deref(),
            Some("\"dent\"* \"AND\"* \"\"\"x\"*")
        );
        assert_eq!(fts_query("  !! -- "), None);
    }
}
