//! The key tables: for each screen, every key it answers and what it does,
//! as data. The footer and the help overlay show the rows that apply now;
//! the README's key list is generated from all of them
//! (`key_reference::markdown`, compared with README.md by a test), so the three
//! cannot drift apart.
//!
//! A row may name an action a config file can rebind (`crate::keys`):
//! then its keys are the ones in effect, and the screen asks [`pressed`]
//! rather than matching the key itself, so the key shown is the key that
//! acts.

use crate::keys::{Chord, KeyName};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key (or a few that do the same), what it does, and when it applies.
#[derive(Clone, Copy, Debug)]
pub struct Binding<W: 'static> {
    /// The keys as shown to people, e.g. "Enter" or "F5/Ctrl-R".
    pub keys: &'static str,
    /// What they do, in a few words.
    pub does: &'static str,
    /// When the row applies (each screen has its own conditions).
    pub when: W,
    /// The rebindable action the row is, if it is one: its keys are then
    /// the ones in effect, not `keys`.
    pub action: Option<&'static str>,
}

/// Shorthand for a table row.
pub const fn bind<W>(when: W, keys: &'static str, does: &'static str) -> Binding<W> {
    Binding {
        keys,
        does,
        when,
        action: None,
    }
}

/// Shorthand for a row that is a rebindable action of the table's screen
/// (`crate::keys::ACTIONS`).
pub const fn action<W>(when: W, action: &'static str, does: &'static str) -> Binding<W> {
    Binding {
        keys: "",
        does,
        when,
        action: Some(action),
    }
}

/// A key press as the bindings name keys.
pub fn chord(key: &KeyEvent) -> Option<Chord> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let name = match key.code {
        KeyCode::Char(c) if ctrl => KeyName::Char(c.to_ascii_lowercase()),
        KeyCode::Char(c) => KeyName::Char(c),
        KeyCode::F(n) => KeyName::F(n),
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Tab => KeyName::Tab,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        _ => return None,
    };
    Some(Chord {
        key: name,
        ctrl,
        alt,
    })
}

/// Whether `key` does `action` on `screen` with the bindings in effect.
pub fn pressed(key: &KeyEvent, screen: &str, action: &str) -> bool {
    chord(key).is_some_and(|c| crate::keys::in_effect().is(screen, action, c))
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
            .map(|b| (self.keys_of(b), b.does))
            .collect()
    }

    /// A row's keys: those in effect for an action, else as written.
    fn keys_of(&self, b: &Binding<W>) -> &'static str {
        match b.action {
            Some(a) => crate::keys::label_in_effect(self.screen, a),
            None => b.keys,
        }
    }

    /// Every row once, whatever the state, for the reference.
    pub fn all(&self) -> Vec<(&'static str, &'static str)> {
        let mut out: Vec<(&'static str, &'static str)> = Vec::new();
        for b in self.rows {
            let row = (self.keys_of(b), b.does);
            if !out.contains(&row) {
                out.push(row);
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
