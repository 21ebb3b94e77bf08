//! The family's own people, passed in as a plain list of (name, who they
//! are) so that any source plugs in: the store's children today, parents,
//! carers and professionals when the store knows them, `--name` on the
//! command line. Names must be spelled correctly and consistently
//! (002_66f790c2d2b6d6fc.txt, standard 15).

use super::tokens::words;

/// One person whose name the writing help knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Their name as it should be written ("Kayleigh Example").
    pub name: String,
    /// Who they are, said in a message: "the child's name on this family".
    pub who: String,
}

impl Person {
    /// A person from a name and who they are.
    pub fn new(name: impl Into<String>, who: impl Into<String>) -> Person {
        Person {
            name: name.into(),
            who: who.into(),
        }
    }
}

/// Each part of each name ("Kayleigh", "Example"), in small letters, with
/// the part as written and who it belongs to.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    parts: Vec<(String, String, String)>,
}

impl NameIndex {
    /// Indexes the parts of the people's names.
    pub fn new(people: &[Person]) -> NameIndex {
        let mut parts = Vec::new();
        for p in people {
            for w in words(&p.name) {
                if w.text.chars().count() >= 2 {
                    parts.push((w.text.to_lowercase(), w.text.to_owned(), p.who.clone()));
                }
            }
        }
        NameIndex { parts }
    }

    /// Whether `word` (small letters) is one of the names.
    pub fn is_name(&self, lower: &str) -> bool {
        self.parts.iter().any(|(l, _, _)| l == lower)
    }

    /// The name `word` is closest to, if it is one or two edits from it (one
    /// for names of four letters or fewer, where two would match too much):
    /// (the name as written, who it belongs to).
    pub fn near(&self, word: &str) -> Option<(&str, &str)> {
        let lower = word.to_lowercase();
        let mut best: Option<(usize, &str, &str)> = None;
        for (l, written, who) in &self.parts {
            let allowed = if l.chars().count() <= 4 { 1 } else { 2 };
            let d = strsim::damerau_levenshtein(&lower, l);
            if d >= 1 && d <= allowed && best.is_none_or(|(b, _, _)| d < b) {
                best = Some((d, written, who));
            }
        }
        best.map(|(_, w, who)| (w, who))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_found_within_one_or_two_edits() {
        let idx = NameIndex::new(&[
            Person::new("Kayleigh Example", "the child's name on this family"),
            Person::new("Alfie", "a child on this family"),
            Person::new("Sam", "the health visitor"),
        ]);
        assert_eq!(idx.near("Kayliegh").map(|n| n.0), Some("Kayleigh"));
        assert_eq!(idx.near("Alfy").map(|n| n.0), Some("Alfie"));
        assert_eq!(idx.near("Sum").map(|n| n.0), Some("Sam"));
        assert_eq!(idx.near("Sms"), None, "two edits from a short name");
        assert_eq!(idx.near("Kayleigh"), None, "the name itself");
        assert!(idx.is_name("example"));
    }
}
