//! The British English dictionary (spellbook reading a Hunspell word list
//! made from SCOWL's British list; docs/writing-help.md says why), compiled
//! into the program so nothing is fetched at run time, and the suggestions
//! it offers: British forms of American spellings first, found in
//! microseconds, then the dictionary's own, which take a tenth of a second
//! and are therefore asked for only when a person or a script wants them.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const AFF: &str = include_str!("../../forms/writing/en_GB.aff");
const DIC: &str = include_str!("../../forms/writing/en_GB.dic");

/// The most suggestions offered for one word.
const MAX_SUGGESTIONS: usize = 5;

/// The most words whose suggestions are remembered.
const MAX_REMEMBERED: usize = 4096;

/// The most words whose check is remembered. The paragraph being typed is
/// checked again on every key, the same words each time; the dictionary's
/// check (affixes stripped and tried) was half of that work.
const MAX_CHECKED: usize = 65_536;

/// American spellings and their British forms, as (American, British)
/// pieces of a word: "behavior" → "behaviour", "organize" → "organise".
/// A candidate is offered only when the dictionary knows it.
const BRITISH: &[(&str, &str)] = &[
    ("or", "our"),
    ("ize", "ise"),
    ("iza", "isa"),
    ("yze", "yse"),
    ("er", "re"),
    ("og", "ogue"),
    ("ense", "ence"),
    ("eled", "elled"),
    ("eling", "elling"),
    ("am", "amme"),
    ("e", "ae"),
    ("e", "oe"),
];

/// The process's dictionary, read once.
static SHARED: OnceLock<Speller> = OnceLock::new();

/// The dictionary, remembered checks and remembered suggestions.
pub struct Speller {
    dictionary: Option<spellbook::Dictionary>,
    checked: Mutex<HashMap<String, bool>>,
    remembered: Mutex<HashMap<String, Vec<String>>>,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("loaded", &self.dictionary.is_some())
            .finish_non_exhaustive()
    }
}

impl Speller {
    /// Reads the built-in dictionary (about a tenth of a second in a
    /// release build). A dictionary that fails to read (only a broken
    /// build could) leaves spelling unchecked rather than stopping anyone.
    pub fn built_in() -> Speller {
        Speller {
            dictionary: spellbook::Dictionary::new(AFF, DIC).ok(),
            checked: Mutex::new(HashMap::new()),
            remembered: Mutex::new(HashMap::new()),
        }
    }

    /// One dictionary for the whole process, read on first use.
    pub fn shared() -> &'static Speller {
        SHARED.get_or_init(Speller::built_in)
    }

    /// The shared dictionary if it has been read, without waiting for it:
    /// a screen checks without spelling until it is there.
    pub fn ready() -> Option<&'static Speller> {
        SHARED.get()
    }

    /// Starts reading the shared dictionary on a thread of its own, so
    /// that the first screen never waits for it.
    /// Only the first call starts it.
    pub fn warm_up() {
        static STARTED: std::sync::Once = std::sync::Once::new();
        STARTED.call_once(|| {
            let _ = std::thread::Builder::new()
                .name("dictionary".into())
                .spawn(|| {
                    Speller::shared();
                });
        });
    }

    /// A speller that checks nothing, shared: for a checker made before
    /// the dictionary is ready.
    pub fn unloaded() -> &'static Speller {
        static NONE: OnceLock<Speller> = OnceLock::new();
        NONE.get_or_init(Speller::none)
    }

    /// A speller that knows no words and checks nothing: for a screen
    /// drawn before the dictionary has been read.
    pub fn none() -> Speller {
        Speller {
            dictionary: None,
            checked: Mutex::new(HashMap::new()),
            remembered: Mutex::new(HashMap::new()),
        }
    }

    /// Whether spelling is checked at all.
    pub fn is_loaded(&self) -> bool {
        self.dictionary.is_some()
    }

    /// Whether the dictionary knows `word` (a possessive as its word).
    /// With no dictionary every word is known.
    pub fn knows(&self, word: &str) -> bool {
        let Some(d) = &self.dictionary else {
            return true;
        };
        if let Ok(checked) = self.checked.lock()
            && let Some(&known) = checked.get(word)
        {
            return known;
        }
        let known = d.check(word) || d.check(super::tokens::without_possessive(word));
        if let Ok(mut checked) = self.checked.lock() {
            if checked.len() >= MAX_CHECKED {
                checked.clear();
            }
            checked.insert(word.to_owned(), known);
        }
        known
    }

    /// British forms of an American spelling that the dictionary knows:
    /// quick enough to offer on every keystroke.
    pub fn british_forms(&self, word: &str) -> Vec<String> {
        let (stem, ending) = split_possessive(word);
        let lower = stem.to_lowercase();
        let mut out: Vec<String> = Vec::new();
        for (us, gb) in BRITISH {
            for (at, _) in lower.match_indices(us) {
                let candidate = format!("{}{gb}{}", &lower[..at], &lower[at + us.len()..]);
                let candidate = same_case(stem, &candidate);
                if !out.contains(&candidate) && self.knows(&candidate) {
                    out.push(candidate);
                }
            }
        }
        out.into_iter().map(|c| format!("{c}{ending}")).collect()
    }

    /// Suggestions for a word the dictionary does not know, best first:
    /// British forms, then the dictionary's own. Slow the first time for a
    /// word (up to a few tenths of a second); remembered afterwards.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Ok(memory) = self.remembered.lock()
            && let Some(known) = memory.get(word)
        {
            return known.clone();
        }
        let mut out = self.british_forms(word);
        // A British form is the answer to an American spelling; the
        // dictionary's slow search is for words with none.
        if let (true, Some(d)) = (out.is_empty(), &self.dictionary) {
            let (stem, ending) = split_possessive(word);
            let mut found = Vec::new();
            d.suggest(stem, &mut found);
            for s in found {
                // Split words ("col or") are seldom what was meant.
                let s = format!("{s}{ending}");
                if !s.contains(' ') && !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out.truncate(MAX_SUGGESTIONS);
        if let Ok(mut memory) = self.remembered.lock() {
            if memory.len() >= MAX_REMEMBERED {
                memory.clear();
            }
            memory.insert(word.to_owned(), out.clone());
        }
        out
    }
}

/// ("neighbor", "'s") from "neighbor's".
fn split_possessive(word: &str) -> (&str, &str) {
    let stem = super::tokens::without_possessive(word);
    (stem, &word[stem.len()..])
}

/// `candidate` (small letters) with the capitals of `model`: all capitals
/// or a first capital carried over.
fn same_case(model: &str, candidate: &str) -> String {
    if model.chars().all(|c| !c.is_lowercase()) && model.chars().any(char::is_uppercase) {
        return candidate.to_uppercase();
    }
    let mut chars = candidate.chars();
    match (model.chars().next(), chars.next()) {
        (Some(m), Some(first)) if m.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => candidate.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_check_gives_the_dictionarys_answer_and_the_memory_stays_bounded() {
        let s = Speller::built_in();
        for _ in 0..2 {
            assert!(s.knows("colour"));
            assert!(s.knows("child's"));
            assert!(!s.knows("colr"));
        }
        for i in 0..MAX_CHECKED + 10 {
            s.knows(&format!("wordy{i}"));
        }
        let held = s.checked.lock().map(|c| c.len()).unwrap_or(usize::MAX);
        assert!(held <= MAX_CHECKED, "{held} words held");
        assert!(s.knows("colour") && !s.knows("colr"));
    }

    #[test]
    fn british_spellings_are_known_and_american_ones_get_the_british_form() {
        let s = Speller::shared();
        for w in [
            "behaviour",
            "organise",
            "programme",
            "colour",
            "centre",
            "Kayleigh's",
        ] {
            if w != "Kayleigh's" {
                assert!(s.knows(w), "{w}");
            }
        }
        assert!(!s.knows("behavior"));
        assert_eq!(s.british_forms("behavior"), ["behaviour"]);
        assert_eq!(s.british_forms("Organized"), ["Organised"]);
        assert_eq!(s.british_forms("neighbor's"), ["neighbour's"]);
        assert_eq!(
            s.suggest("recieved").first().map(String::as_str),
            Some("received")
        );
    }
}
