//! Each user's own writing help (issue 13; schema step 9): the words they
//! added to their own dictionary and the kinds of help they turned off.
//! Kept per login in the case file, so it follows them between machines on
//! the team file. Plain strings here; `writing/` gives them meaning.

use super::error::StoreError;
use super::open::Store;
use rusqlite::params;

/// The longest word kept in a user's dictionary.
pub const MAX_OWN_WORD_CHARS: usize = 100;

impl Store {
    /// The words this user added to their own dictionary, in order.
    pub fn own_words(&self) -> Result<Vec<String>, StoreError> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT value FROM user_writing WHERE login = ?1 AND item = 'word' ORDER BY value",
            )?;
            let rows = st.query_map([self.user().as_str()], |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<String>, _>>()?)
        })
    }

    /// Adds a word (one word, no spaces) to this user's own dictionary.
    pub fn add_own_word(&mut self, word: &str) -> Result<(), StoreError> {
        let word = word.trim();
        if word.is_empty()
            || word.chars().count() > MAX_OWN_WORD_CHARS
            || word.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(StoreError::Invalid(
                "A word for your dictionary is one word of 1 to 100 letters, with no spaces.",
            ));
        }
        self.write(|tx| {
            tx.tx.execute(
                "INSERT OR IGNORE INTO user_writing (login, item, value, added_at)
                 VALUES (?1, 'word', ?2, ?3)",
                params![tx.user, word, tx.now],
            )?;
            Ok(())
        })
    }

    /// The kinds of writing help this user turned off, by name.
    pub fn writing_off(&self) -> Result<Vec<String>, StoreError> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT value FROM user_writing WHERE login = ?1 AND item = 'off' ORDER BY value",
            )?;
            let rows = st.query_map([self.user().as_str()], |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<String>, _>>()?)
        })
    }

    /// Turns a kind of writing help (by its name: "spelling", "opinion"…)
    /// on or off for this user.
    pub fn set_writing_kind(&mut self, kind: &str, on: bool) -> Result<(), StoreError> {
        // `INSERT OR IGNORE` would pass over the table's CHECK silently.
        if crate::writing::Kind::from_name(kind).is_none() {
            return Err(StoreError::Invalid(
                "That is not a kind of writing help: spelling, name, abbreviation, jargon, opinion or repeat.",
            ));
        }
        self.write(|tx| {
            if on {
                tx.tx.execute(
                    "DELETE FROM user_writing WHERE login = ?1 AND item = 'off' AND value = ?2",
                    params![tx.user, kind],
                )?;
            } else {
                tx.tx.execute(
                    "INSERT OR IGNORE INTO user_writing (login, item, value, added_at)
                     VALUES (?1, 'off', ?2, ?3)",
                    params![tx.user, kind, tx.now],
                )?;
            }
            Ok(())
        })
    }
}
