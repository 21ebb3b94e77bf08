//! Keys on the answers picked rather than typed: yes/no, one choice,
//! several choices and the scale. Each function reads the current answer
//! and a key and says what the answer becomes; the screen stores it.

use crate::form::ScaleSpec;
use crate::record::Value;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to a picked answer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Pick {
    /// The answer becomes this (`None`: cleared).
    Set(Option<Value>),
    /// Only the highlight moved.
    Moved,
    /// Not a key for this answer: the form handles it.
    NotMine,
}

fn plain(key: &KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn text(s: &str) -> Pick {
    Pick::Set(Some(Value::Text(s.to_owned())))
}

/// Yes/no: `y`, `n`, Space to flip, ← for Yes and → for No, Delete to clear.
pub(crate) fn yes_no(current: Option<&str>, key: &KeyEvent) -> Pick {
    if !plain(key) {
        return Pick::NotMine;
    }
    match key.code {
        KeyCode::Char('y' | 'Y') | KeyCode::Left => text("yes"),
        KeyCode::Char('n' | 'N') | KeyCode::Right => text("no"),
        KeyCode::Char(' ') => match current {
            Some("yes") => text("no"),
            _ => text("yes"),
        },
        KeyCode::Backspace | KeyCode::Delete => Pick::Set(None),
        _ => Pick::NotMine,
    }
}

/// One choice: ↑/↓ move the highlight (leaving the list at its ends),
/// Space picks the highlighted option, ←/→ pick the previous/next option,
/// 1-9 pick by number, Delete clears.
pub(crate) fn choice(
    options: &[String],
    current: Option<&str>,
    cursor: &mut usize,
    key: &KeyEvent,
) -> Pick {
    if !plain(key) || options.is_empty() {
        return Pick::NotMine;
    }
    let last = options.len() - 1;
    *cursor = (*cursor).min(last);
    let chosen = current.and_then(|c| options.iter().position(|o| o == c));
    let pick = |cursor: &mut usize, i: usize| {
        *cursor = i;
        options.get(i).map_or(Pick::Moved, |o| text(o))
    };
    match key.code {
        KeyCode::Up if *cursor > 0 => {
            *cursor -= 1;
            Pick::Moved
        }
        KeyCode::Down if *cursor < last => {
            *cursor += 1;
            Pick::Moved
        }
        KeyCode::Char(' ') => pick(cursor, *cursor),
        KeyCode::Left => pick(cursor, chosen.map_or(*cursor, |i| i.saturating_sub(1))),
        KeyCode::Right => pick(cursor, chosen.map_or(*cursor, |i| (i + 1).min(last))),
        KeyCode::Char(c @ '1'..='9') => {
            let i = (c as usize) - ('1' as usize);
            if i <= last {
                pick(cursor, i)
            } else {
                Pick::Moved
            }
        }
        KeyCode::Backspace | KeyCode::Delete => Pick::Set(None),
        _ => Pick::NotMine,
    }
}

/// Several choices: ↑/↓ move the highlight, Space (or 1-9) ticks or
/// unticks, Delete unticks the highlighted one. Kept in the form's order.
pub(crate) fn choices(
    options: &[String],
    current: &[String],
    cursor: &mut usize,
    key: &KeyEvent,
) -> Pick {
    if !plain(key) || options.is_empty() {
        return Pick::NotMine;
    }
    let last = options.len() - 1;
    *cursor = (*cursor).min(last);
    let toggle = |i: usize, on: Option<bool>| {
        let Some(target) = options.get(i) else {
            return Pick::Moved;
        };
        let was = current.contains(target);
        let now = on.unwrap_or(!was);
        let list: Vec<String> = options
            .iter()
            .filter(|o| {
                if *o == target {
                    now
                } else {
                    current.contains(o)
                }
            })
            .cloned()
            .collect();
        Pick::Set(Some(Value::List(list)))
    };
    match key.code {
        KeyCode::Up if *cursor > 0 => {
            *cursor -= 1;
            Pick::Moved
        }
        KeyCode::Down if *cursor < last => {
            *cursor += 1;
            Pick::Moved
        }
        KeyCode::Char(' ') => toggle(*cursor, None),
        KeyCode::Char(c @ '1'..='9') => {
            let i = (c as usize) - ('1' as usize);
            if i <= last {
                *cursor = i;
                toggle(i, None)
            } else {
                Pick::Moved
            }
        }
        KeyCode::Backspace | KeyCode::Delete => toggle(*cursor, Some(false)),
        _ => Pick::NotMine,
    }
}

/// The scale: ←/→ step down/up (from blank, → starts at the low end and
/// ← at the high end), Home/End jump to the ends, digits type a value,
/// Delete clears.
pub(crate) fn scale(spec: &ScaleSpec, current: Option<&str>, key: &KeyEvent) -> Pick {
    if !plain(key) {
        return Pick::NotMine;
    }
    let now: Option<i64> = current
        .and_then(|t| t.trim().parse().ok())
        .map(|n: i64| n.clamp(spec.min, spec.max));
    let set = |n: i64| text(&n.clamp(spec.min, spec.max).to_string());
    match key.code {
        KeyCode::Left => set(now.map_or(spec.max, |n| n.saturating_sub(1))),
        KeyCode::Right => set(now.map_or(spec.min, |n| n.saturating_add(1))),
        KeyCode::Home => set(spec.min),
        KeyCode::End => set(spec.max),
        KeyCode::Char(c @ '0'..='9') => {
            let d = i64::from(c as u8 - b'0');
            let joined = now
                .filter(|&n| n > 0)
                .and_then(|n| n.checked_mul(10))
                .and_then(|n| n.checked_add(d))
                .filter(|&n| n <= spec.max && n >= spec.min);
            match joined {
                Some(n) => set(n),
                None if d >= spec.min && d <= spec.max => set(d),
                None => Pick::Moved,
            }
        }
        KeyCode::Backspace | KeyCode::Delete => Pick::Set(None),
        _ => Pick::NotMine,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn opts() -> Vec<String> {
        vec!["Announced".into(), "Unannounced".into()]
    }

    #[test]
    fn choice_moves_and_picks() {
        let o = opts();
        let mut cur = 0;
        assert_eq!(choice(&o, None, &mut cur, &k(KeyCode::Up)), Pick::NotMine);
        assert_eq!(choice(&o, None, &mut cur, &k(KeyCode::Down)), Pick::Moved);
        assert_eq!(cur, 1);
        assert_eq!(choice(&o, None, &mut cur, &k(KeyCode::Down)), Pick::NotMine);
        assert_eq!(
            choice(&o, None, &mut cur, &k(KeyCode::Char(' '))),
            Pick::Set(Some(Value::Text("Unannounced".into())))
        );
        assert_eq!(
            choice(&o, Some("Unannounced"), &mut cur, &k(KeyCode::Left)),
            Pick::Set(Some(Value::Text("Announced".into())))
        );
        assert_eq!(cur, 0);
        assert_eq!(
            choice(&[], None, &mut cur, &k(KeyCode::Left)),
            Pick::NotMine
        );
    }

    #[test]
    fn choices_toggle_in_form_order() {
        let o = vec!["A".to_string(), "B".into(), "C".into()];
        let mut cur = 2;
        let got = choices(&o, &["A".to_string()], &mut cur, &k(KeyCode::Char(' ')));
        assert_eq!(
            got,
            Pick::Set(Some(Value::List(vec!["A".into(), "C".into()])))
        );
        let got = choices(&o, &["A".to_string()], &mut cur, &k(KeyCode::Char('1')));
        assert_eq!(got, Pick::Set(Some(Value::List(vec![]))));
    }

    #[test]
    fn scale_steps_within_its_ends() {
        let s = ScaleSpec {
            min: 0,
            max: 10,
            min_label: "No safety".into(),
            max_label: "Ready to close".into(),
        };
        let t = |v: &str| Pick::Set(Some(Value::Text(v.into())));
        assert_eq!(scale(&s, None, &k(KeyCode::Right)), t("0"));
        assert_eq!(scale(&s, None, &k(KeyCode::Left)), t("10"));
        assert_eq!(scale(&s, Some("10"), &k(KeyCode::Right)), t("10"));
        assert_eq!(scale(&s, Some("0"), &k(KeyCode::Left)), t("0"));
        assert_eq!(scale(&s, Some("1"), &k(KeyCode::Char('0'))), t("10"));
        assert_eq!(scale(&s, Some("10"), &k(KeyCode::Char('7'))), t("7"));
        assert_eq!(scale(&s, Some("junk"), &k(KeyCode::Right)), t("0"));
    }

    #[test]
    fn yes_no_keys() {
        let t = |v: &str| Pick::Set(Some(Value::Text(v.into())));
        assert_eq!(yes_no(None, &k(KeyCode::Char('n'))), t("no"));
        assert_eq!(yes_no(Some("yes"), &k(KeyCode::Char(' '))), t("no"));
        assert_eq!(yes_no(None, &k(KeyCode::Left)), t("yes"));
        assert_eq!(yes_no(Some("no"), &k(KeyCode::Delete)), Pick::Set(None));
        assert_eq!(yes_no(None, &k(KeyCode::Char('?'))), Pick::NotMine);
    }
}
