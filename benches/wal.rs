//! WAL bytes written by one autosave of a draft, against the size of the
//! field that changed (issue 12: at most 1.2×), and which tables and
//! indexes those bytes went to. Each save adds one letter in the middle
//! of one long answer of the built-in visit form (1 KB, 10 KB, 100 KB);
//! the WAL is emptied (`PRAGMA wal_checkpoint(TRUNCATE)`) before each save
//! and its frames counted after it, each frame's page named from
//! `dbstat`. The first two saves of the session are left out (they add the
//! session's audit row). Run by hand: `cargo bench --bench wal`.
#![allow(clippy::cast_precision_loss)] // measurements, not stored values

use casenotes::form::FormSet;
use casenotes::record::{Answers, Slot, Value};
use casenotes::store::{ChildDetails, FamilyDetails, RecordDraft, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;

/// The WAL's header and each frame's header, in bytes (sqlite.org/fileformat2.html).
const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;
const SAVES: usize = 12;

fn main() {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "wal bench: {SAVES} saves per size, the first 2 left out; load {}",
        load.split_whitespace().next().unwrap_or("?")
    );
    for size in [1_000, 10_000, 100_000] {
        run(size, Way::Now);
        run(size, Way::Before);
    }
}

fn text(size: usize) -> String {
    let mut t = String::new();
    let mut i = 0;
    while t.len() < size {
        t.push_str(&format!(
            "Sentence {i}: the child talked about school and home; the week was calmer. "
        ));
        i += 1;
    }
    t.truncate(size);
    t
}

/// How the save is made.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Way {
    /// `Store::save_draft`, as the writer saves.
    Now,
    /// As before schema step 12, emulated on a second connection: the
    /// statement that sets every column, and the search index rewritten
    /// by a temporary trigger (visible to that connection only) doing what
    /// step 10's `record_fts_update` did; the editing session's row
    /// updated as `save_draft` does.
    Before,
}

/// step 10's trigger, as it was.
const OLD_FTS_UPDATE: &str = "
CREATE TEMP TRIGGER old_record_fts_update AFTER UPDATE OF answers ON main.record
BEGIN
    DELETE FROM record_fts WHERE rowid = OLD.id;
    INSERT INTO record_fts (rowid, body) VALUES (NEW.id,
        (SELECT group_concat(value, ' ') FROM json_tree(NEW.answers)
         WHERE type = 'text' AND fullkey LIKE '$[%].value%'));
END;";

fn run(size: usize, way: Way) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("wal.sqlite3");
    let forms = FormSet::built_in().expect("the built-in forms");
    let visit = forms.get("visit").expect("the visit form");
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
    let mut store = Store::open(&path, "example.worker01").expect("a new file");
    let family = store
        .create_family(&FamilyDetails::new("EX-00001", "Family Example-00001", day))
        .expect("a family");
    let child = store
        .add_child(family, &ChildDetails::new("Child Example-00001-A", None))
        .expect("a child");
    let slot = Slot::once("purpose", "aim");
    let mut body = text(size);
    let mut answers = Answers::new();
    answers.set(slot.clone(), Value::Text(body.clone()));
    let mut draft = RecordDraft {
        event_date: day,
        significant: false,
        children: vec![child],
        answers,
    };
    let id = store.create_record(family, visit, &draft).expect("a draft");
    let mut revision = store.record(id).expect("the draft").revision;
    // One save first, which opens the editing session both ways update.
    body.push('.');
    draft.answers.set(slot.clone(), Value::Text(body.clone()));
    revision = store
        .save_draft(id, revision, &draft)
        .expect("a first save");
    let side = Connection::open(&path).expect("a second connection");
    if way == Way::Before {
        side.execute_batch(OLD_FTS_UPDATE).expect("the old trigger");
    }
    let checkpoint = || {
        side.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("a checkpoint");
    };
    let mut per_save = Vec::new();
    let mut by_object: BTreeMap<String, usize> = BTreeMap::new();
    for n in 0..SAVES {
        // One letter changed in the middle, as a typed word would.
        let mid = body.len() / 2 + n;
        let letter = if body.as_bytes()[mid] == b'x' {
            "y"
        } else {
            "x"
        };
        body.replace_range(mid..=mid, letter);
        draft.answers.set(slot.clone(), Value::Text(body.clone()));
        checkpoint();
        match way {
            Way::Now => revision = store.save_draft(id, revision, &draft).expect("a save"),
            Way::Before => {
                side.execute(
                    "UPDATE record SET answers = ?2, event_date = ?3, significant = 0,
                        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                        revision = revision + 1 WHERE id = ?1",
                    rusqlite::params![id.0, draft.answers.to_json(), day.to_string()],
                )
                .expect("the old save");
                side.execute(
                    "UPDATE edit_session
                     SET last_saved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), saves = saves + 1
                     WHERE record_id = ?1",
                    [id.0],
                )
                .expect("the session row");
            }
        }
        let pages = wal_pages(&path);
        if n >= 2 {
            per_save.push(pages.len());
            let names = page_names(&side);
            for p in pages {
                let name = names
                    .get(&p)
                    .cloned()
                    .unwrap_or_else(|| format!("page {p}"));
                *by_object.entry(name).or_default() += 1;
            }
        }
    }
    checkpoint();
    let stored: i64 = side
        .query_row(
            "SELECT length(answers) FROM record WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .expect("the stored answers");
    let counted = per_save.len();
    let frames: usize = per_save.iter().sum();
    let page: i64 = side
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .expect("the page size");
    let page = usize::try_from(page).expect("a page size fits");
    let bytes = frames * (page + FRAME_HEADER) / counted;
    println!(
        "{size} byte field ({stored} bytes of answers), {way:?}: {:.1} pages a save, {bytes} WAL bytes a save = {:.2}x the field",
        frames as f64 / counted as f64,
        bytes as f64 / size as f64
    );
    let mut rows: Vec<_> = by_object.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    for (name, n) in rows {
        println!("    {name}: {:.1} pages a save", n as f64 / counted as f64);
    }
}

/// The page numbers of the frames in the WAL (each frame's first four
/// bytes, big-endian).
fn wal_pages(db: &Path) -> Vec<u32> {
    let wal = std::fs::read(format!("{}-wal", db.display())).unwrap_or_default();
    let Some(size) = wal.get(8..12) else {
        return Vec::new();
    };
    let page = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
    let mut out = Vec::new();
    let mut at = WAL_HEADER;
    while at + FRAME_HEADER + page <= wal.len() {
        let n = u32::from_be_bytes([wal[at], wal[at + 1], wal[at + 2], wal[at + 3]]);
        out.push(n);
        at += FRAME_HEADER + page;
    }
    out
}

/// Which table or index each page belongs to, as the file stands now.
fn page_names(conn: &Connection) -> BTreeMap<u32, String> {
    let mut stmt = conn
        .prepare("SELECT pageno, name FROM dbstat")
        .expect("dbstat is compiled in");
    stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))
        .expect("dbstat reads")
        .map(|r| r.expect("a dbstat row"))
        .collect()
}
