//! The key tables: for each screen, every key it answers and what it does,
//! as data. The footer and the help overlay show the rows that apply now;
//! the README's key list is generated from all of them
//! (`key_reference::markdown`, compared with README.md by a test), so the three
//! cannot drift apart.

/// One key (or a few that do the same), what it does, and when it applies.
#[derive(Clone, Copy, Debug)]
pub struct Binding<W: 'static> {
    /// The keys as shown to people, e.g. "Enter" or "F5/Ctrl-R".
    pub keys: &'static str,
    /// What they do, in a few words.
    pub does: &'static str,
    /// When the row applies (each screen has its own conditions).
    pub when: W,
}

/// Shorthand for a table row.
pub const fn bind<W>(when: W, keys: &'static str, does: &'static str) -> Binding<W> {
    Binding { keys, does, when }
}

/// A screen's keys in the order the footer shows them (the most used
/// first: the footer shows as many as fit).
#[derive(Debug)]
pub struct KeyTable<W: 'static> {
    /// The screen's name, as the help title and the README say it.
    pub screen: &'static str,
    /// Every row.
    pub rows: &'static [Binding<W>],
}

impl<W: Copy> KeyTable<W> {
    /// The rows that apply now.
    pub fn select(&self, holds: impl Fn(W) -> bool) -> Vec<(&'static str, &'static str)> {
        self.rows
            .iter()
            .filter(|b| holds(b.when))
            .map(|b| (b.keys, b.does))
            .collect()
    }

    /// Every row once, whatever the state, for the reference.
    pub fn all(&self) -> Vec<(&'static str, &'static str)> {
        let mut out: Vec<(&'static str, &'static str)> = Vec::new();
        for b in self.rows {
            if !out.contains(&(b.keys, b.does)) {
                out.push((b.keys, b.does));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, PartialEq)]
    enum W {
        Always,
        Filtering,
    }

    const T: KeyTable<W> = KeyTable {
        screen: "test",
        rows: &[
            bind(W::Always, "Enter", "open"),
            bind(W::Filtering, "Esc", "clear filter"),
            bind(W::Always, "Enter", "open"),
        ],
    };

    #[test]
    fn select_keeps_the_rows_that_apply_and_all_lists_each_once() {
        assert_eq!(T.select(|w| w == W::Always).len(), 2);
        assert_eq!(T.select(|_| true).len(), 3);
        assert_eq!(T.all(), vec![("Enter", "open"), ("Esc", "clear filter")]);
    }
}
