//! Key bindings as data: the actions of the screens whose keys a config
//! file may change (`[keys.SCREEN]` tables), each with its default keys,
//! the keys in effect once a config is applied, and the checks that refuse
//! an unknown screen or action, a key that cannot be read, and two actions
//! (or an action and a fixed key) on one key, each named at the config
//! file's line and column. No terminal here: the screens turn a key press
//! into a [`Chord`] and ask [`Bindings::is`].
//!
//! Screens converted so far: the families, a family, the review, what is
//! due and the chronology.
//! Movement and confirming keys (arrows, Enter, Esc, Tab, F1) stay fixed.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// A key as people name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyName {
    /// A character key.
    Char(char),
    /// A function key, F1 to F24.
    F(u8),
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
}

/// A key with the modifiers held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Chord {
    /// The key.
    pub key: KeyName,
    /// Ctrl held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

const NAMED: [(&str, KeyName); 13] = [
    ("Enter", KeyName::Enter),
    ("Esc", KeyName::Esc),
    ("Tab", KeyName::Tab),
    ("Backspace", KeyName::Backspace),
    ("Delete", KeyName::Delete),
    ("Up", KeyName::Up),
    ("Down", KeyName::Down),
    ("Left", KeyName::Left),
    ("Right", KeyName::Right),
    ("Home", KeyName::Home),
    ("End", KeyName::End),
    ("PgUp", KeyName::PageUp),
    ("PgDn", KeyName::PageDown),
];

impl Chord {
    /// Reads one key as the config writes it: `x`, `F5`, `Ctrl-R`,
    /// `Alt-x`, `Enter`, `Space`.
    pub fn parse(s: &str) -> Result<Chord, String> {
        let mut rest = s.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() && !c.is_whitespace() => {
                KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ if rest == "Space" => KeyName::Char(' '),
            _ => {
                if let Some(n) = rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok())
                    && (1..=24).contains(&n)
                {
                    KeyName::F(n)
                } else if let Some((_, k)) = NAMED.iter().find(|(n, _)| *n == rest) {
                    *k
                } else {
                    return Err(format!(
                        "`{}` is not a key casenotes can read; write one character, F1 to F24, \
                         Space, Enter, Esc, Tab, Backspace, Delete, Up, Down, Left, Right, Home, \
                         End, PgUp or PgDn, with Ctrl- or Alt- before it if held",
                        s.escape_debug()
                    ));
                }
            }
        };
        Ok(Chord { key, ctrl, alt })
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.key {
            KeyName::Char(' ') => f.write_str("Space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "F{n}"),
            k => f.write_str(NAMED.iter().find(|(_, v)| *v == k).map_or("?", |(n, _)| n)),
        }
    }
}

/// One action a config may rebind.
#[derive(Clone, Copy, Debug)]
pub struct ActionDef {
    /// The screen's name in the config (`[keys.SCREEN]`).
    pub screen: &'static str,
    /// The action's name.
    pub name: &'static str,
    /// Its keys by default, separated by spaces.
    pub default: &'static str,
    /// What it does, as the footer says it.
    pub does: &'static str,
}

const fn act(
    screen: &'static str,
    name: &'static str,
    default: &'static str,
    does: &'static str,
) -> ActionDef {
    ActionDef {
        screen,
        name,
        default,
        does,
    }
}

/// The actions that write case content, by (screen, action): a read-only
/// user's footer and help leave them out, as the app refuses them (and the
/// service and the store refuse them again).
pub const WRITES: &[(&str, &str)] = &[
    ("families", "new_family"),
    ("family", "new_record"),
    ("family", "add_child"),
    ("family", "edit"),
    ("family", "add_person"),
    ("family", "discard_draft"),
    ("review", "finalise"),
    ("review", "addendum"),
    ("review", "discard"),
    ("chronology", "add"),
];

/// Whether the footer row `does` on `screen` is one of the [`WRITES`].
pub fn writes(screen: &str, does: &str) -> bool {
    ACTIONS
        .iter()
        .any(|a| a.screen == screen && a.does == does && WRITES.contains(&(a.screen, a.name)))
}

/// Every action a config may rebind, screen by screen.
pub const ACTIONS: &[ActionDef] = &[
    act("families", "filter", "/", "filter"),
    act("families", "new_family", "n", "new family"),
    act("families", "due", "d", "what is due"),
    act("families", "search", "s", "search records"),
    act("families", "audit_log", "l", "audit log"),
    act("families", "quit", "q", "quit"),
    act("family", "new_record", "n", "new record"),
    act("family", "add_child", "c", "add child"),
    act(
        "family",
        "edit",
        "e",
        "edit family (or the child or person selected)",
    ),
    act(
        "family",
        "add_person",
        "p",
        "add parent, carer or professional",
    ),
    act("family", "oversight", "o", "oversight"),
    act("family", "chronology", "h", "chronology"),
    act("family", "actions", "a", "actions"),
    act("family", "search", "/", "search"),
    act("family", "discard_draft", "x", "discard draft"),
    act("family", "quit", "q", "quit"),
    act("review", "finalise", "F10 f", "finalise"),
    act("review", "edit", "e", "back to editing"),
    act("review", "addendum", "a", "add an addendum"),
    act("review", "export", "x", "export to a file"),
    act("review", "copy", "y", "copy to the clipboard"),
    act("review", "discard", "d", "discard the draft"),
    act(
        "what is due",
        "toggle_team",
        "t",
        "the team's work or only mine",
    ),
    act("what is due", "family", "f", "its family"),
    act("what is due", "refresh", "r", "refresh"),
    act("what is due", "quit", "q", "quit"),
    act("chronology", "add", "a", "add entry"),
    act("chronology", "quit", "q", "quit"),
    // The form's commands; its editing keys (typing, moving in the text,
    // undo, table rows) stay fixed. A form key is never a character that
    // types (see `Bindings::with`).
    act("form", "review", "F5 Ctrl-r", "review"),
    act(
        "form",
        "guidance",
        "F2 Ctrl-g",
        "guidance (Shift-PgDn/PgUp scrolls it)",
    ),
    act("form", "next_missing", "F3 Ctrl-n", "next missing"),
    act(
        "form",
        "last_record",
        "F4 Ctrl-p",
        "last record of this form",
    ),
    act("form", "evidence", "F6", "open a record the evidence names"),
];

/// A screen's name as a config table says it (`[keys.NAME]`): the key
/// tables' own name, one word.
pub fn config_name(screen: &str) -> &str {
    match screen {
        "what is due" => "due",
        s => s,
    }
}

/// Keys every converted screen keeps for itself: movement, confirming,
/// help and the keys that work everywhere. An action bound to one of
/// these would never be reached.
const FIXED: &str = "Enter Esc Tab Up Down Left Right PgUp PgDn Home End F1 ? Ctrl-q Ctrl-c Ctrl-l \
     Ctrl-z Alt-z 0 1 2 3 4 5 6 7 8 9";

/// One `[keys.SCREEN]` entry of a config file, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySetting {
    /// The screen (the table's name).
    pub screen: String,
    /// The action.
    pub action: String,
    /// The keys, separated by spaces.
    pub keys: String,
    /// `file:line:column` of the value, for messages.
    pub at: String,
}

/// The keys in effect for every rebindable action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bindings {
    keys: BTreeMap<(&'static str, &'static str), Vec<Chord>>,
}

impl Bindings {
    /// The defaults.
    pub fn defaults() -> Bindings {
        let keys = ACTIONS
            .iter()
            .map(|a| {
                let chords = a
                    .default
                    .split_whitespace()
                    .filter_map(|k| Chord::parse(k).ok())
                    .collect();
                ((a.screen, a.name), chords)
            })
            .collect();
        Bindings { keys }
    }

    /// The defaults with `settings` applied, refusing (every problem, one
    /// a line, each at `file:line:column`) an unknown screen or action, a
    /// key that cannot be read, and a key given to two things on a screen.
    pub fn with(settings: &[KeySetting]) -> Result<Bindings, String> {
        let mut b = Bindings::defaults();
        let mut problems = Vec::new();
        let mut placed: BTreeMap<(&'static str, &'static str), &str> = BTreeMap::new();
        for s in settings {
            let Some(def) = ACTIONS
                .iter()
                .find(|a| config_name(a.screen) == s.screen && a.name == s.action)
            else {
                let screens: Vec<&str> = ACTIONS.iter().map(|a| config_name(a.screen)).collect();
                let message = if screens.contains(&s.screen.as_str()) {
                    let names: Vec<&str> = ACTIONS
                        .iter()
                        .filter(|a| config_name(a.screen) == s.screen)
                        .map(|a| a.name)
                        .collect();
                    format!(
                        "the {} screen has no action `{}`; its actions are: {}",
                        s.screen,
                        s.action.escape_debug(),
                        names.join(", ")
                    )
                } else {
                    let mut screens = screens;
                    screens.dedup();
                    format!(
                        "[keys.{}] is not a screen whose keys can be changed; those are: {}",
                        s.screen.escape_debug(),
                        screens.join(", ")
                    )
                };
                problems.push(format!("{}: {message}", s.at));
                continue;
            };
            let mut chords = Vec::new();
            for k in s.keys.split_whitespace() {
                match Chord::parse(k) {
                    Ok(c) => chords.push(c),
                    Err(e) => problems.push(format!("{}: {e}", s.at)),
                }
            }
            // In a form, a plain character is text being typed.
            if def.screen == "form"
                && let Some(c) = chords
                    .iter()
                    .find(|c| !c.ctrl && !c.alt && matches!(c.key, KeyName::Char(_)))
            {
                problems.push(format!(
                    "{}: `{c}` types into the form's fields; give {} a function key or hold Ctrl or Alt",
                    s.at, s.action
                ));
            }
            if chords.is_empty() && s.keys.trim().is_empty() {
                problems.push(format!(
                    "{}: `{}` has no key; give it at least one",
                    s.at, s.action
                ));
            }
            b.keys.insert((def.screen, def.name), chords);
            placed.insert((def.screen, def.name), &s.at);
        }
        if problems.is_empty() {
            problems.extend(b.conflicts(&placed));
        }
        if problems.is_empty() {
            Ok(b)
        } else {
            Err(problems.join("\n"))
        }
    }

    /// Two actions of a screen on one key, or an action on a fixed key;
    /// named where the config set one of them.
    fn conflicts(&self, placed: &BTreeMap<(&'static str, &'static str), &str>) -> Vec<String> {
        let fixed: Vec<Chord> = FIXED
            .split_whitespace()
            .filter_map(|k| Chord::parse(k).ok())
            .collect();
        let mut out = Vec::new();
        let mut seen: BTreeMap<(&str, Chord), &str> = BTreeMap::new();
        for ((screen, name), chords) in &self.keys {
            for c in chords {
                let at = placed.get(&(*screen, *name)).copied();
                if fixed.contains(c) {
                    if let Some(at) = at {
                        out.push(format!(
                            "{at}: `{c}` is kept for moving, confirming or help on every screen; \
                             choose another key for {name}"
                        ));
                    }
                } else if let Some(other) = seen.insert((screen, *c), name) {
                    let at = at.or_else(|| placed.get(&(*screen, other)).copied());
                    if let Some(at) = at {
                        out.push(format!(
                            "{at}: `{c}` would be both {other} and {name} on the {screen} screen; \
                             give one of them another key"
                        ));
                    }
                }
            }
        }
        out
    }

    /// Whether `chord` does `action` on `screen`.
    pub fn is(&self, screen: &str, action: &str, chord: Chord) -> bool {
        self.keys
            .iter()
            .find(|((s, a), _)| *s == screen && *a == action)
            .is_some_and(|(_, c)| c.contains(&chord))
    }

    /// The keys of `action` on `screen` as the footer shows them.
    pub fn label(&self, screen: &str, action: &str) -> String {
        self.keys
            .iter()
            .find(|((s, a), _)| *s == screen && *a == action)
            .map(|(_, c)| {
                c.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }
}

static IN_EFFECT: OnceLock<Bindings> = OnceLock::new();
static LABELS: OnceLock<BTreeMap<(&'static str, &'static str), &'static str>> = OnceLock::new();

/// Makes `b` the bindings in effect for the rest of the run (the config is
/// read once, at start). Later calls change nothing.
pub fn set_in_effect(b: Bindings) {
    let _ = IN_EFFECT.set(b);
}

/// The bindings in effect: the config's, once set, else the defaults.
pub fn in_effect() -> &'static Bindings {
    IN_EFFECT.get_or_init(Bindings::defaults)
}

/// The label of an action's keys in effect, kept for the whole run so the
/// key tables can show it beside their fixed rows.
pub fn label_in_effect(screen: &'static str, action: &'static str) -> &'static str {
    let labels = LABELS.get_or_init(|| {
        let b = in_effect();
        ACTIONS
            .iter()
            .map(|a| {
                // Leaked once per action per run (a few dozen short
                // strings): the tables hand out `&'static str`.
                let text: &'static str = Box::leak(b.label(a.screen, a.name).into_boxed_str());
                ((a.screen, a.name), text)
            })
            .collect()
    });
    labels.get(&(screen, action)).copied().unwrap_or("")
}

/// The defaults as config text that can be pasted into a config file.
pub fn defaults_toml() -> String {
    let mut out = String::from(
        "# casenotes: the default key bindings (`casenotes config --defaults`).\n\
         # Paste any of these into your config file and change the keys: one or\n\
         # more keys per action, separated by spaces (x, F5, Ctrl-r, Alt-x, Space).\n\
         # Arrows, Enter, Esc, Tab, Home, End, PgUp, PgDn and F1 stay as they are.\n",
    );
    let mut screen = "";
    for a in ACTIONS {
        if a.screen != screen {
            screen = a.screen;
            out.push_str(&format!("\n[keys.{}]\n", config_name(screen)));
        }
        out.push_str(&format!("{} = \"{}\"  # {}\n", a.name, a.default, a.does));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(screen: &str, action: &str, keys: &str) -> KeySetting {
        KeySetting {
            screen: screen.into(),
            action: action.into(),
            keys: keys.into(),
            at: "c.toml:3:12".into(),
        }
    }

    #[test]
    fn chords_read_and_print_back() {
        for k in ["x", "F10", "Ctrl-r", "Alt-x", "Enter", "Space", "PgDn", "/"] {
            assert_eq!(Chord::parse(k).unwrap().to_string(), k);
        }
        assert!(Chord::parse("Hyper-x").is_err());
        assert!(Chord::parse("F25").is_err());
    }

    #[test]
    fn a_rebound_key_acts_and_shows_and_the_old_one_does_not() {
        let b = Bindings::with(&[set("family", "discard_draft", "Ctrl-d")]).unwrap();
        let ctrl_d = Chord::parse("Ctrl-d").unwrap();
        assert!(b.is("family", "discard_draft", ctrl_d));
        assert!(!b.is("family", "discard_draft", Chord::parse("x").unwrap()));
        assert_eq!(b.label("family", "discard_draft"), "Ctrl-d");
        assert_eq!(Bindings::defaults().label("review", "finalise"), "F10 f");
        // The due list's table is `[keys.due]` in a config.
        let b = Bindings::with(&[set("due", "refresh", "F5")]).unwrap();
        assert_eq!(b.label("what is due", "refresh"), "F5");
        assert!(Bindings::with(&[set("chronology", "add", "3")]).is_err());
    }

    #[test]
    fn the_forms_commands_move_but_never_onto_a_key_that_types() {
        let b = Bindings::with(&[set("form", "review", "F8 Ctrl-e")]).unwrap();
        assert!(b.is("form", "review", Chord::parse("F8").unwrap()));
        assert!(!b.is("form", "review", Chord::parse("F5").unwrap()));
        assert!(Bindings::defaults().is("form", "next_missing", Chord::parse("Ctrl-n").unwrap()));
        let e = Bindings::with(&[set("form", "guidance", "g")]).unwrap_err();
        assert!(
            e.starts_with("c.toml:3:12: `g` types into the form's fields"),
            "{e}"
        );
    }

    #[test]
    fn unknown_names_conflicts_and_fixed_keys_are_refused_where_written() {
        let e = Bindings::with(&[set("family", "explode", "z")]).unwrap_err();
        assert!(
            e.starts_with("c.toml:3:12: the family screen has no action `explode`"),
            "{e}"
        );
        let e = Bindings::with(&[set("kitchen", "x", "z")]).unwrap_err();
        assert!(e.contains("[keys.kitchen] is not a screen"), "{e}");
        let e = Bindings::with(&[set("families", "new_family", "d")]).unwrap_err();
        assert!(e.starts_with("c.toml:3:12: `d` would be both"), "{e}");
        let e = Bindings::with(&[set("review", "copy", "Enter")]).unwrap_err();
        assert!(e.contains("`Enter` is kept"), "{e}");
        let e = Bindings::with(&[set("review", "copy", "Hyper-y")]).unwrap_err();
        assert!(e.contains("not a key"), "{e}");
        // Swapping two keys is fine.
        Bindings::with(&[
            set("families", "new_family", "d"),
            set("families", "due", "n"),
        ])
        .unwrap();
    }

    #[test]
    fn the_defaults_are_valid_config_text_and_read_back_as_the_defaults() {
        let text = defaults_toml();
        let c = crate::config::Config::parse("d.toml", &text).unwrap();
        assert_eq!(c.keys.len(), ACTIONS.len());
        assert_eq!(Bindings::with(&c.keys).unwrap(), Bindings::defaults());
    }
}
