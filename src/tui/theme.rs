//! Colours and marks. Every cue has a symbol or label as well as a style,
//! so nothing depends on colour alone, and `NO_COLOR` leaves only bold,
//! underline and reverse video.
//!
//! The guidance asks for the child's voice in bold red (seed
//! 003_e0d5b8f8efac37da.txt §5d). Red is therefore kept for the child's
//! voice alone, as emphasis; missing answers are amber with a `!` mark, so
//! the two never read as the same thing.

use ratatui::style::{Color, Modifier, Style};

/// The mark beside a required answer that is missing.
pub const MISSING_MARK: &str = "!";
/// The mark beside an answer that is present but cannot be accepted.
pub const INVALID_MARK: &str = "?";
/// The mark beside a finished section.
pub const COMPLETE_MARK: &str = "✓";
/// The label on everything that is the child's voice.
pub const CHILD_VOICE_LABEL: &str = "★ CHILD'S VOICE";
/// The short form of that label, for narrow lists.
pub const CHILD_VOICE_MARK: &str = "★";

/// The styles every screen draws with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Ordinary text.
    pub base: Style,
    /// Screen and pane titles.
    pub title: Style,
    /// The focused row or field.
    pub focus: Style,
    /// A missing required answer.
    pub missing: Style,
    /// An answer that cannot be accepted (bad date, out of range).
    pub invalid: Style,
    /// The child's voice: headings, labels and text.
    pub child_voice: Style,
    /// Hints and guidance.
    pub hint: Style,
    /// A finished section or a saved state.
    pub ok: Style,
    /// Something overdue.
    pub overdue: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// The status bar.
    pub status: Style,
    /// Text shown escaped because it held control characters.
    pub escaped: Style,
    /// The banner on every screen of a demonstration file.
    pub demo: Style,
    /// Whether colour is used at all.
    pub colour: bool,
}

impl Theme {
    /// The colour theme.
    pub fn colour() -> Theme {
        Theme {
            base: Style::default(),
            title: Style::default().add_modifier(Modifier::BOLD),
            focus: Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            missing: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            invalid: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            child_voice: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            hint: Style::default()
                .fg(Color::Gray)
                .add_modifier(Modifier::ITALIC),
            ok: Style::default().fg(Color::Green),
            overdue: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            key: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            status: Style::default().bg(Color::DarkGray).fg(Color::White),
            escaped: Style::default().fg(Color::Magenta),
            demo: Style::default()
                .bg(Color::Magenta)
                .fg(Color::Gray)
                .add_modifier(Modifier::BOLD),
            colour: true,
        }
    }

    /// The theme without colour, for `NO_COLOR` and monochrome projectors.
    pub fn plain() -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Theme {
            base: Style::default(),
            title: bold,
            focus: Style::default().add_modifier(Modifier::REVERSED),
            missing: bold,
            invalid: Style::default().add_modifier(Modifier::UNDERLINED),
            // Bold alone is every label here: the child's voice keeps a
            // second cue besides its ★ (issue 10), reverse video, which
            // every terminal can show.
            child_voice: bold.add_modifier(Modifier::REVERSED),
            hint: Style::default(),
            ok: Style::default(),
            overdue: bold,
            key: bold,
            status: Style::default().add_modifier(Modifier::REVERSED),
            escaped: Style::default().add_modifier(Modifier::UNDERLINED),
            demo: bold.add_modifier(Modifier::REVERSED),
            colour: false,
        }
    }

    /// The plain theme when `NO_COLOR` is set to anything but empty
    /// (no-color.org), the colour theme otherwise.
    /// The theme for a terminal with these capabilities: no colour under
    /// `NO_COLOR` or where none is declared; eight colours where only those
    /// are (no bright white, the status line in reverse video); italics
    /// only where the terminal has them.
    pub fn for_terminal(caps: crate::tui::term_caps::TermCaps, no_color: bool) -> Theme {
        let mut t = if no_color || caps.colours == 0 {
            Theme::plain()
        } else if caps.colours < 16 {
            Theme::colour8()
        } else {
            Theme::colour()
        };
        if !caps.italic {
            t.hint = t.hint.remove_modifier(Modifier::ITALIC);
        }
        t
    }

    /// The colour theme in the eight colours every colour terminal has.
    pub fn colour8() -> Theme {
        let c = Theme::colour();
        Theme {
            focus: Style::default()
                .bg(Color::Blue)
                .fg(Color::Gray)
                .add_modifier(Modifier::BOLD),
            status: Style::default().add_modifier(Modifier::REVERSED),
            ..c
        }
    }

    /// Whether `NO_COLOR` asks for no colour.
    pub fn no_color_asked() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::plain(),
            _ => Theme::colour(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_theme_has_no_colour_anywhere() {
        let t = Theme::plain();
        for s in [
            t.base,
            t.title,
            t.focus,
            t.missing,
            t.invalid,
            t.child_voice,
            t.hint,
            t.ok,
            t.overdue,
            t.key,
            t.status,
            t.escaped,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }

    #[test]
    fn child_voice_and_missing_never_share_a_style() {
        for t in [Theme::colour(), Theme::plain()] {
            assert_ne!(t.child_voice, t.missing.add_modifier(Modifier::UNDERLINED));
        }
        let c = Theme::colour();
        assert_ne!(c.child_voice.fg, c.missing.fg);
    }

    #[test]
    fn eight_colour_terminals_get_no_bright_colours_and_no_italics_without_sitm() {
        use crate::tui::term_caps::TermCaps;
        let caps = TermCaps {
            colours: 8,
            italic: false,
            unicode: true,
        };
        let t = Theme::for_terminal(caps, false);
        for s in [
            t.focus,
            t.status,
            t.hint,
            t.missing,
            t.child_voice,
            t.key,
            t.ok,
        ] {
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(
                    matches!(
                        c,
                        Color::Black
                            | Color::Red
                            | Color::Green
                            | Color::Yellow
                            | Color::Blue
                            | Color::Magenta
                            | Color::Cyan
                            | Color::Gray
                    ),
                    "{c:?} is not one of the eight"
                );
            }
            assert!(!s.add_modifier.contains(Modifier::ITALIC));
        }
        assert_eq!(
            t.child_voice.fg,
            Some(Color::Red),
            "the child's voice stays red"
        );
        let none = TermCaps { colours: 0, ..caps };
        assert!(!Theme::for_terminal(none, false).colour);
    }
}
