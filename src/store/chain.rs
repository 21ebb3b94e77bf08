//! The hash chain that makes tampering show (issue 16): every finalised
//! record, addendum and audit row gets a link, written in the same
//! transaction, holding SHA-256 of the item's content and of the link
//! before it. Changing an item afterwards (with the sqlite3 shell, after
//! dropping the trigger that protects it) leaves its link not matching,
//! and `casenotes check` names it by kind and number. It detects, it does
//! not prevent, and it is not a signature: see docs/safety.md.

use super::error::StoreError;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The "link before" the first link.
pub(super) const GENESIS: Hash = [0; 32];

/// Written into every hash first, so a hash of this chain can never be
/// mistaken for one made for another purpose, and a later way of hashing
/// can be told apart.
const DOMAIN: &[u8] = b"casenotes chain v1";

/// What a link covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainKind {
    /// A finalised record (its answers, children, dates and authors).
    Record,
    /// An addendum to a finalised record.
    Addendum,
    /// A row of the audit log.
    Audit,
}

impl ChainKind {
    /// The word stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            ChainKind::Record => "record",
            ChainKind::Addendum => "addendum",
            ChainKind::Audit => "audit",
        }
    }

    /// How people call it ("audit row 12").
    pub fn noun(self) -> &'static str {
        match self {
            ChainKind::Record => "record",
            ChainKind::Addendum => "addendum",
            ChainKind::Audit => "audit row",
        }
    }

    pub(super) fn from_word(s: &str) -> Option<ChainKind> {
        [ChainKind::Record, ChainKind::Addendum, ChainKind::Audit]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The item's content as SQL reads it, columns in a fixed order.
    fn content_sql(self) -> &'static str {
        match self {
            // The children's subquery names `record.id`, not `?1`: with the
            // parameter inside it, SQLite prepared the statement afresh
            // every time the statement cache cleared its bindings, about
            // half of `casenotes check` (docs/performance.md). The bytes
            // read, and so every hash, are the same.
            ChainKind::Record => {
                "SELECT id, family_id, form_id, form_version, event_date, status, author,
                    created_at, updated_at, finalised_at, finalised_by, significant, answers,
                    revision,
                    (SELECT group_concat(child_id) FROM
                        (SELECT child_id FROM record_child WHERE record_id = record.id
                         ORDER BY child_id))
                 FROM record WHERE id = ?1"
            }
            ChainKind::Addendum => {
                "SELECT id, record_id, author, created_at, text FROM addendum WHERE id = ?1"
            }
            ChainKind::Audit => {
                "SELECT id, at, who, action, entity, entity_id, family_id, record_id, fields
                 FROM audit WHERE id = ?1"
            }
        }
    }
}

/// What is wrong with one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainFault {
    /// Its content (or its link) no longer matches the hash.
    Changed,
    /// It has a link but is no longer in the file.
    Gone,
    /// It is in the file but has no link: written or finalised by another
    /// program.
    Unlinked,
}

/// The first item that does not match, by kind and number; never its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    /// What kind of item.
    pub kind: ChainKind,
    /// Its number (the id the program shows).
    pub id: i64,
    /// What is wrong with it.
    pub fault: ChainFault,
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.fault {
            ChainFault::Changed => "was changed after it was written",
            ChainFault::Gone => "was removed from the file",
            ChainFault::Unlinked => "was added or finalised by another program",
        };
        write!(f, "{} {} {what}", self.kind.noun(), self.id)
    }
}

/// The result of checking the whole chain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainReport {
    /// How many links there are.
    pub links: u64,
    /// The last link's hash: noted down elsewhere, it shows a later
    /// rewrite of the whole chain.
    pub head: Option<Hash>,
    /// The first item that does not match, in chain order (then items
    /// with no link).
    pub first: Option<ChainBreak>,
    /// How many items do not match.
    pub broken: u64,
}

impl ChainReport {
    /// Every item matches its link.
    pub fn is_intact(&self) -> bool {
        self.first.is_none()
    }
}

/// A hash as 64 lower-case hexadecimal digits, as `check` prints it.
pub fn hex(hash: &Hash) -> String {
    use std::fmt::Write;
    hash.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}"); // writing to a String cannot fail
        s
    })
}

/// Reads a hash written as 64 hexadecimal digits (as `check` prints it).
pub fn parse_hex(text: &str) -> Option<Hash> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The content of an item in an unambiguous byte form (each value tagged
/// and its length given), or `None` when there is no such item.
fn content(conn: &Connection, kind: ChainKind, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
    let mut stmt = conn.prepare_cached(kind.content_sql())?;
    let columns = stmt.column_count();
    let bytes = stmt
        .query_row([id], |row| {
            let mut out = Vec::with_capacity(256);
            for i in 0..columns {
                encode(&mut out, row.get::<_, Value>(i)?);
            }
            Ok(out)
        })
        .optional()?;
    Ok(bytes)
}

fn encode(out: &mut Vec<u8>, v: Value) {
    let mut put = |tag: u8, bytes: &[u8]| {
        out.push(tag);
        out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        out.extend_from_slice(bytes);
    };
    match v {
        Value::Null => put(0, &[]),
        Value::Integer(i) => put(1, &i.to_be_bytes()),
        Value::Real(r) => put(2, &r.to_be_bytes()),
        Value::Text(t) => put(3, t.as_bytes()),
        Value::Blob(b) => put(4, &b),
    }
}

/// The hash of link `seq`, covering `kind` `id` with `content`.
fn digest(prev: &Hash, seq: i64, kind: ChainKind, id: i64, content: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(prev);
    h.update(seq.to_be_bytes());
    h.update(kind.as_str().as_bytes());
    h.update([0]);
    h.update(id.to_be_bytes());
    h.update(content);
    h.finalize().into()
}

pub(super) fn to_hash(bytes: Vec<u8>) -> Hash {
    // The table's CHECK keeps every stored hash 32 bytes long; anything
    // else (a changed table) reads as a hash nothing matches.
    bytes.try_into().unwrap_or([0xff; 32])
}

/// The last link: its number and hash (0 and the genesis when empty).
fn last_link(conn: &Connection) -> Result<(i64, Hash), StoreError> {
    let last: Option<(i64, Vec<u8>)> = conn
        .prepare_cached("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(last.map_or((0, GENESIS), |(s, h)| (s, to_hash(h))))
}

/// Adds the link for `kind` `id`, in the caller's transaction: called by
/// every write of a finalised record, addendum or audit row.
pub(crate) fn link(conn: &Connection, kind: ChainKind, id: i64) -> Result<(), StoreError> {
    let (seq, prev) = last_link(conn)?;
    let content = content(conn, kind, id)?.ok_or(StoreError::NotFound {
        what: kind.noun(),
        id,
    })?;
    let seq = seq + 1;
    let hash = digest(&prev, seq, kind, id, &content);
    conn.prepare_cached("INSERT INTO chain (seq, kind, item_id, hash) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![seq, kind.as_str(), id, &hash[..]])?;
    Ok(())
}

/// Links every item of a file whose chain is empty, oldest first (a file
/// written before the chain existed). Nothing to do on a file with a chain.
pub(crate) fn build_if_empty(conn: &Connection) -> Result<(), StoreError> {
    if last_link(conn)?.0 > 0 {
        return Ok(());
    }
    let items: Vec<(String, i64)> = conn
        .prepare(
            "SELECT 'record', id, finalised_at AS at FROM record WHERE status = 'finalised'
             UNION ALL SELECT 'addendum', id, created_at FROM addendum
             UNION ALL SELECT 'audit', id, at FROM audit
             ORDER BY at, 1, 2",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (word, id) in items {
        if let Some(kind) = ChainKind::from_word(&word) {
            link(conn, kind, id)?;
        }
    }
    Ok(())
}

/// Items in the file with no link, in kind and id order.
pub(super) const UNLINKED: &str = "
    SELECT 'record', id FROM record r WHERE status = 'finalised'
        AND NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'record' AND item_id = r.id)
    UNION ALL SELECT 'addendum', id FROM addendum a
        WHERE NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'addendum' AND item_id = a.id)
    UNION ALL SELECT 'audit', id FROM audit l
        WHERE NOT EXISTS (SELECT 1 FROM chain WHERE kind = 'audit' AND item_id = l.id)";

/// Checks one link against its item, given the hash of the link before.
pub(super) fn check_link(
    conn: &Connection,
    prev: &Hash,
    seq: i64,
    kind: ChainKind,
    id: i64,
    stored: &Hash,
) -> Result<Option<ChainFault>, StoreError> {
    Ok(match content(conn, kind, id)? {
        None => Some(ChainFault::Gone),
        Some(c) if digest(prev, seq, kind, id, &c) != *stored => Some(ChainFault::Changed),
        Some(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_tells_values_apart() {
        let mut a = Vec::new();
        encode(&mut a, Value::Text("ab".into()));
        encode(&mut a, Value::Text("c".into()));
        let mut b = Vec::new();
        encode(&mut b, Value::Text("a".into()));
        encode(&mut b, Value::Text("bc".into()));
        assert_ne!(a, b);
        let mut n = Vec::new();
        encode(&mut n, Value::Null);
        let mut e = Vec::new();
        encode(&mut e, Value::Text(String::new()));
        assert_ne!(n, e);
    }

    #[test]
    fn each_hash_depends_on_the_one_before() {
        let one = digest(&GENESIS, 1, ChainKind::Record, 1, b"x");
        let two = digest(&one, 2, ChainKind::Audit, 1, b"x");
        let other = digest(&GENESIS, 2, ChainKind::Audit, 1, b"x");
        assert_ne!(two, other);
        assert_eq!(hex(&GENESIS).len(), 64);
        assert_eq!(parse_hex(&hex(&two)), Some(two));
        assert_eq!(parse_hex("zz"), None);
    }
}
