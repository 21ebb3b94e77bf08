//! Writing help (issue 13): British spelling, the family's names spelled one
//! way, abbreviations and jargon explained, opinions with their source,
//! repeated words and doubled spaces. Pure: text in, findings out. The word
//! lists are data (`forms/writing/`, replaceable by a council like the
//! forms); the spelling dictionary is compiled in. Never touches the
//! terminal or the store; the user's own words arrive as a plain list.
//!
//! Why each check exists: 003_e0d5b8f8efac37da.txt ("Easy to read",
//! "Accuracy"), 002_66f790c2d2b6d6fc.txt (standards 3, 6 and 15) and
//! 004_e74e373a20bcf6ff.txt (fact, opinion, judgement and hearsay).

mod check;
mod field;
mod lists;
mod names;
mod prefs;
mod rules;
mod spelling;
mod tokens;

pub use check::{Checker, Context, check_text};
pub use field::FieldChecker;
pub use lists::{Abbreviation, BUILT_IN_LISTS, Jargon, ListsError, MAX_LIST_BYTES, WritingLists};
pub use names::Person;
pub use prefs::{WritingChange, WritingPrefs};
pub use spelling::Speller;
pub use tokens::without_possessive;

use std::ops::Range;

/// What a finding is about. The names are the ones `writing check --json`
/// prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A word the British dictionary does not know.
    Spelling,
    /// A word one or two letters from a family member's name.
    Name,
    /// An abbreviation used before it is spelled out.
    Abbreviation,
    /// A word the council asks to be put more plainly.
    Jargon,
    /// An opinion with no source or evidence nearby.
    Opinion,
    /// A word written twice, or a doubled space.
    Repeat,
}

impl Kind {
    /// Every kind, in the order counts are shown.
    pub const ALL: [Kind; 6] = [
        Kind::Spelling,
        Kind::Name,
        Kind::Abbreviation,
        Kind::Jargon,
        Kind::Opinion,
        Kind::Repeat,
    ];

    /// The kind's name in messages, settings and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Spelling => "spelling",
            Kind::Name => "name",
            Kind::Abbreviation => "abbreviation",
            Kind::Jargon => "jargon",
            Kind::Opinion => "opinion",
            Kind::Repeat => "repeat",
        }
    }

    /// The kind named `name`, if any.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One piece of writing help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What it is about.
    pub kind: Kind,
    /// Byte range of the text found, in the text checked.
    pub range: Range<usize>,
    /// Line from 1.
    pub line: usize,
    /// Column from 1, counted in characters.
    pub column: usize,
    /// The text found.
    pub text: String,
    /// What to write instead, best first (may be empty).
    pub suggestions: Vec<String>,
    /// A plain sentence saying what is wrong.
    pub message: String,
}

/// Which kinds are checked: a setting per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Enabled([bool; 6]);

impl Default for Enabled {
    fn default() -> Enabled {
        Enabled([true; 6])
    }
}

impl Enabled {
    /// Whether `kind` is checked.
    pub fn has(self, kind: Kind) -> bool {
        self.0[kind as usize]
    }

    /// Turns `kind` on or off.
    pub fn set(&mut self, kind: Kind, on: bool) {
        self.0[kind as usize] = on;
    }

    /// The kinds turned off.
    pub fn off(self) -> Vec<Kind> {
        Kind::ALL.into_iter().filter(|k| !self.has(*k)).collect()
    }
}

/// How many findings there are of each kind, in [`Kind::ALL`] order.
pub fn count_by_kind(findings: &[Finding]) -> [usize; 6] {
    let mut counts = [0; 6];
    for f in findings {
        counts[f.kind as usize] += 1;
    }
    counts
}
