//! What the terminal can show, as it declares it: how many colours and
//! whether it has italics, from its terminfo entry (`TERM`, read with the
//! termini crate; `COLORTERM` can only add colours), and whether the
//! locale's characters are UTF-8 (if not, lines and marks are drawn in
//! ASCII and text is sent as Latin-1). A terminal that declares nothing
//! gets the plain fallback: eight colours, no italics.

use termini::{NumberCapability, StringCapability, TermInfo};

/// What the terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermCaps {
    /// Colours it declares: 0 (none), 8, 16, 256 or more.
    pub colours: u16,
    /// Whether it has an italic mode (screen's entry has none: SGR 3
    /// shows there as reverse video).
    pub italic: bool,
    /// Whether box lines, arrows and marks can be drawn as Unicode.
    pub unicode: bool,
}

impl Default for TermCaps {
    /// What every modern terminal emulator declares.
    fn default() -> TermCaps {
        TermCaps {
            colours: 256,
            italic: true,
            unicode: true,
        }
    }
}

impl TermCaps {
    /// The terminal's capabilities from the environment; `drawing` is the
    /// config's choice ("ascii" or "unicode"), which wins over the locale.
    pub fn from_env(drawing: Option<&str>) -> TermCaps {
        let declared = TermInfo::from_env().ok().map(|info| Declared {
            colours: info.number_cap(NumberCapability::MaxColors),
            italic: info
                .utf8_string_cap(StringCapability::EnterItalicsMode)
                .is_some(),
        });
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let locale = var("LC_ALL")
            .or_else(|| var("LC_CTYPE"))
            .or_else(|| var("LANG"));
        TermCaps::decide(
            declared,
            var("COLORTERM").as_deref(),
            locale.as_deref(),
            drawing,
        )
    }

    /// The decision, from what was read (so it can be tested without a
    /// terminal).
    pub fn decide(
        declared: Option<Declared>,
        colorterm: Option<&str>,
        locale: Option<&str>,
        drawing: Option<&str>,
    ) -> TermCaps {
        let (colours, italic) = match declared {
            Some(d) => (
                d.colours
                    .map_or(0, |n| u16::try_from(n.clamp(0, 256)).unwrap_or(256)),
                d.italic,
            ),
            None => (8, false),
        };
        let colours = match colorterm {
            Some("truecolor" | "24bit") => colours.max(256),
            _ => colours,
        };
        let unicode = match drawing {
            Some("ascii") => false,
            Some("unicode") => true,
            _ => locale.is_none_or(locale_is_utf8),
        };
        TermCaps {
            colours,
            italic,
            unicode,
        }
    }
}

/// What a terminfo entry says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declared {
    /// `colors`, if the entry has it.
    pub colours: Option<i32>,
    /// Whether the entry has `sitm`.
    pub italic: bool,
}

/// Whether a locale name says UTF-8. Only a locale that names another
/// character set counts as not UTF-8: an unset or plain "C" locale is
/// common over SSH and in containers whose terminals are UTF-8 all the
/// same, and drawing them in ASCII would be a loss for nothing.
fn locale_is_utf8(locale: &str) -> bool {
    let Some(codeset) = locale.split('.').nth(1) else {
        return true;
    };
    let codeset = codeset.split('@').next().unwrap_or(codeset);
    let squashed: String = codeset
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    squashed == "utf8"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(colours: Option<i32>, italic: bool) -> Option<Declared> {
        Some(Declared { colours, italic })
    }

    #[test]
    fn colours_and_italics_are_what_the_entry_declares() {
        let screen = TermCaps::decide(declared(Some(8), false), None, None, None);
        assert_eq!((screen.colours, screen.italic), (8, false));
        let xterm = TermCaps::decide(declared(Some(256), true), None, None, None);
        assert_eq!((xterm.colours, xterm.italic), (256, true));
        let vt100 = TermCaps::decide(declared(None, false), None, None, None);
        assert_eq!(vt100.colours, 0);
        let unknown = TermCaps::decide(None, None, None, None);
        assert_eq!((unknown.colours, unknown.italic), (8, false));
        let truecolor = TermCaps::decide(declared(Some(8), false), Some("truecolor"), None, None);
        assert_eq!(truecolor.colours, 256);
    }

    #[test]
    fn only_a_locale_naming_another_charset_draws_in_ascii() {
        let unicode = |l: Option<&str>, d: Option<&str>| TermCaps::decide(None, None, l, d).unicode;
        assert!(unicode(Some("en_GB.UTF-8"), None));
        assert!(unicode(Some("C.utf8"), None));
        assert!(unicode(Some("C"), None));
        assert!(unicode(None, None));
        assert!(!unicode(Some("en_GB.ISO-8859-1"), None));
        assert!(!unicode(Some("de_DE.ISO-8859-15@euro"), None));
        assert!(!unicode(Some("en_GB.UTF-8"), Some("ascii")));
        assert!(unicode(Some("en_GB.ISO-8859-1"), Some("unicode")));
    }
}
