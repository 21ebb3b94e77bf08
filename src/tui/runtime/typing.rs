//! Keys as they arrive, before the app sees them: a run of characters
//! already waiting handed over as one insertion (a paste without brackets,
//! keys queued over a slow link), and Ctrl-L, which the loop answers itself.

use crate::tui::app::{App, Msg};
use crate::tui::input::Input;
use ratatui::crossterm::event::{Event, KeyEventKind};

pub(super) fn is_ctrl_l(k: &ratatui::crossterm::event::KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('l' | 'L'))
}

/// The longest run of typed characters handed over as one piece.
const RUN_LIMIT: usize = 64 * 1024;

/// A character typed with no modifier but Shift.
pub(super) fn plain_char(k: &ratatui::crossterm::event::KeyEvent) -> Option<char> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    match k.code {
        KeyCode::Char(c)
            if k.kind == KeyEventKind::Press
                && (k.modifiers - KeyModifiers::SHIFT).is_empty()
                && !c.is_control() =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// A key, or, when it starts a run of characters already waiting (an
/// unbracketed paste, keys queued over a slow link) and the focus is in
/// text, the whole run as one insertion: the editor then lays its text out
/// once per run instead of once per character. The first event after the
/// run is left in `carry`.
pub(super) fn typed_run(
    k: ratatui::crossterm::event::KeyEvent,
    events: &mut Input,
    carry: &mut Option<Event>,
    app: &App,
) -> Msg {
    let Some(first) = plain_char(&k).filter(|_| app.takes_text()) else {
        return Msg::Key(k);
    };
    let mut text = String::new();
    text.push(first);
    while text.len() < RUN_LIMIT {
        match events.try_recv() {
            Ok(Event::Key(next)) => match plain_char(&next) {
                Some(c) => text.push(c),
                None => {
                    *carry = Some(Event::Key(next));
                    break;
                }
            },
            Ok(other) => {
                *carry = Some(other);
                break;
            }
            Err(_) => break,
        }
    }
    if text.chars().count() == 1 {
        Msg::Key(k)
    } else {
        Msg::Paste(text)
    }
}
