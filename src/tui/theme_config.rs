//! Colours from the config file (`[colours]`): each of the theme's styles
//! may be given as words, e.g. `missing = "yellow bold"` or
//! `focus = "white on blue bold"` (a colour for the text, `on` a colour
//! for the background, then any of bold, italic, underlined, reversed).
//! Checked at start with the file's line and column. Under `NO_COLOR`, or
//! on a terminal without colour, the plain theme is kept whatever the
//! config says. The defaults are the colour theme (`Theme::colour`), and
//! `casenotes config --defaults` prints them.

use super::theme::Theme;
use crate::keys::KeySetting;
use ratatui::style::{Color, Modifier, Style};
use std::str::FromStr;

/// The styles a config may set, by name, with the colour theme's words.
const STYLES: [(&str, &str); 12] = [
    ("title", "bold"),
    ("focus", "white on blue bold"),
    ("missing", "yellow bold"),
    ("invalid", "yellow underlined"),
    ("child_voice", "red bold"),
    ("hint", "gray italic"),
    ("ok", "green"),
    ("overdue", "yellow bold"),
    ("key", "cyan bold"),
    ("status", "white on darkgray"),
    ("escaped", "magenta"),
    ("demo", "gray on magenta bold"),
];

fn slot<'a>(t: &'a mut Theme, name: &str) -> Option<&'a mut Style> {
    Some(match name {
        "title" => &mut t.title,
        "focus" => &mut t.focus,
        "missing" => &mut t.missing,
        "invalid" => &mut t.invalid,
        "child_voice" => &mut t.child_voice,
        "hint" => &mut t.hint,
        "ok" => &mut t.ok,
        "overdue" => &mut t.overdue,
        "key" => &mut t.key,
        "status" => &mut t.status,
        "escaped" => &mut t.escaped,
        "demo" => &mut t.demo,
        _ => return None,
    })
}

/// Reads a style's words.
fn style(words: &str) -> Result<Style, String> {
    let mut s = Style::default();
    let mut on = false;
    for w in words.split_whitespace() {
        let modifier = match w {
            "bold" => Some(Modifier::BOLD),
            "italic" => Some(Modifier::ITALIC),
            "underlined" => Some(Modifier::UNDERLINED),
            "reversed" => Some(Modifier::REVERSED),
            _ => None,
        };
        if let Some(m) = modifier {
            s = s.add_modifier(m);
        } else if w == "on" {
            on = true;
        } else {
            let c = Color::from_str(w).map_err(|_| {
                format!(
                    "`{}` is not a colour; use a name (black, red, green, yellow, blue, \
                     magenta, cyan, gray, darkgray, white, lightred and so on) or #rrggbb",
                    w.escape_debug()
                )
            })?;
            s = if on { s.bg(c) } else { s.fg(c) };
            on = false;
        }
    }
    Ok(s)
}

/// `theme` with the config's `[colours]` applied when it has colour at
/// all; every setting is checked either way, so a mistake is named even
/// under `NO_COLOR`.
pub fn with_colours(theme: Theme, settings: &[KeySetting]) -> Result<Theme, String> {
    let mut t = theme;
    let mut problems = Vec::new();
    for s in settings {
        let parsed = style(&s.keys);
        let mut probe = Theme::colour();
        match (slot(&mut probe, &s.action).is_some(), parsed) {
            (false, _) => {
                let names: Vec<&str> = STYLES.iter().map(|(n, _)| *n).collect();
                problems.push(format!(
                    "{}: `{}` is not one of the colours; they are: {}",
                    s.at,
                    s.action.escape_debug(),
                    names.join(", ")
                ));
            }
            (true, Err(e)) => problems.push(format!("{}: {e}", s.at)),
            (true, Ok(style)) => {
                if theme.colour
                    && let Some(slot) = slot(&mut t, &s.action)
                {
                    *slot = style;
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(t)
    } else {
        Err(problems.join("\n"))
    }
}

/// The colour theme's styles as config text, for `config --defaults`.
pub fn defaults_toml() -> String {
    let mut out = String::from(
        "\n# Colours: a colour for the text, `on` a colour for the background, then\n\
         # any of bold, italic, underlined, reversed. NO_COLOR=1 turns colour off\n\
         # whatever is set here; every mark keeps its symbol or word.\n[colours]\n",
    );
    for (name, words) in STYLES {
        out.push_str(&format!("{name} = \"{words}\"\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: &str, words: &str) -> KeySetting {
        KeySetting {
            screen: "colours".into(),
            action: name.into(),
            keys: words.into(),
            at: "c.toml:2:9".into(),
        }
    }

    #[test]
    fn the_printed_defaults_are_the_colour_theme() {
        let c = crate::config::Config::parse("d.toml", &defaults_toml()).unwrap();
        assert_eq!(c.colours.len(), STYLES.len());
        assert_eq!(
            with_colours(Theme::colour(), &c.colours).unwrap(),
            Theme::colour()
        );
    }

    #[test]
    fn a_colour_applies_unless_colour_is_off_and_mistakes_are_placed() {
        let t = with_colours(Theme::colour(), &[set("missing", "black on yellow")]).unwrap();
        assert_eq!(
            t.missing,
            Style::default().fg(Color::Black).bg(Color::Yellow)
        );
        let plain = with_colours(Theme::plain(), &[set("missing", "black on yellow")]).unwrap();
        assert_eq!(plain, Theme::plain());
        let e = with_colours(Theme::plain(), &[set("missing", "mauve")]).unwrap_err();
        assert!(e.starts_with("c.toml:2:9: `mauve` is not a colour"), "{e}");
        let e = with_colours(Theme::colour(), &[set("shouting", "red")]).unwrap_err();
        assert!(e.contains("`shouting` is not one of the colours"), "{e}");
    }
}
