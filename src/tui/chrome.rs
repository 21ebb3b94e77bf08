//! The parts every screen shares: the title line, the status line, the
//! footer of keys, centred dialog boxes, the "window too small" message and
//! the one way stored text reaches the screen (made visible first).

use super::text::visible;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// The smallest window the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
/// The smallest window height the screens are laid out for.
pub const MIN_HEIGHT: u16 = 24;

/// Text from the store or from a person, safe to draw: control characters
/// and escape sequences shown, newlines flattened to a visible mark so that
/// one row stays one row.
pub fn safe(text: &str) -> String {
    let v = visible(text);
    if v.contains('\n') {
        v.replace('\n', " ⏎ ")
    } else {
        v.into_owned()
    }
}

/// Cuts text to at most `width` columns, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    super::text::cut_to_width(text, width)
}

/// Splits text into lines of at most `width` columns, at spaces where it
/// can, so a message can be laid out before drawing. Leading spaces are
/// dropped: a message or a table cell never starts indented.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    super::text::wrap_to_width(text.trim_start_matches(' '), width)
}

/// Whether the window is too small to lay the screens out.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The plain message drawn instead of any screen when the window is small.
pub fn render_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg = format!(
        "The window is {}×{}; casenotes needs at least {MIN_WIDTH}×{MIN_HEIGHT}. \
         Make the window larger; nothing is lost meanwhile.",
        area.width, area.height
    );
    let lines = u16::try_from(msg.width() / usize::from(area.width.max(1)) + 1).unwrap_or(1);
    let [_, mid, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(lines.min(area.height)),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(msg)
            .style(theme.base)
            .wrap(Wrap { trim: true })
            .centered(),
        mid,
    );
}

/// The screen split into title line, body, status line and footer.
pub struct Frame4 {
    /// The top line: where you are.
    pub title: Rect,
    /// The screen's own content.
    pub body: Rect,
    /// Messages and the save state.
    pub status: Rect,
    /// The main keys.
    pub footer: Rect,
}

/// Splits the whole window into the four bands every screen uses.
pub fn bands(area: Rect, status_lines: u16) -> Frame4 {
    let [title, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_lines.clamp(1, MAX_STATUS_LINES)),
        Constraint::Length(1),
    ])
    .areas(area);
    Frame4 {
        title,
        body,
        status,
        footer,
    }
}

/// Draws the title line: where you are on the left, who and which file on
/// the right, after a banner if there is one (a demonstration file's
/// "DEMO: fictional family"), which is never cut: the rest gives way to it.
pub fn render_title_with(
    buf: &mut Buffer,
    area: Rect,
    banner: Option<&str>,
    left: &str,
    right: &str,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    let banner = banner.map(|b| fit(&format!(" {b} "), width));
    let width = width.saturating_sub(banner.as_ref().map_or(0, |b| b.width() + 1));
    let right = fit(right, width / 2);
    let left = fit(left, width.saturating_sub(right.width() + 1));
    let gap = width.saturating_sub(left.width() + right.width());
    let mut spans = Vec::new();
    if let Some(b) = banner {
        spans.push(Span::styled(b, theme.demo));
        spans.push(Span::raw(" "));
    }
    spans.extend([
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.hint),
    ]);
    let line = Line::from(spans);
    Paragraph::new(line).render(area, buf);
}

/// The status band's text, laid out once a frame: the message in lines
/// that fit beside the save state, and the save state itself.
pub struct StatusText {
    lines: Vec<String>,
    right: String,
}

impl StatusText {
    /// `message` on the left (wrapped when it does not fit on one line, so
    /// a warning is read whole at 80 columns), `right` on the last line.
    pub fn new(message: &str, right: &str, width: u16) -> StatusText {
        let width = usize::from(width);
        let right = fit(right, width / 2);
        let room = width.saturating_sub(right.width() + 2);
        let message = safe(message);
        let lines = if message.width() <= room || room < 10 {
            vec![fit(&message, room)]
        } else {
            wrap(&message, room)
        };
        StatusText { lines, right }
    }

    /// How many lines the band needs, at most [`MAX_STATUS_LINES`].
    pub fn height(&self) -> u16 {
        u16::try_from(self.lines.len())
            .unwrap_or(MAX_STATUS_LINES)
            .clamp(1, MAX_STATUS_LINES)
    }
}

/// The most lines the status band grows to for a long message.
pub const MAX_STATUS_LINES: u16 = 3;

/// Draws the status band: the message, and the save state at the right of
/// its last line.
pub fn render_status(frame: &mut Frame, area: Rect, status: &StatusText, theme: &Theme) {
    let width = usize::from(area.width);
    let room = width.saturating_sub(status.right.width() + 2);
    let shown = usize::from(area.height.max(1));
    let mut lines: Vec<String> = status.lines.iter().take(shown).cloned().collect();
    if status.lines.len() > shown
        && let Some(last) = lines.last_mut()
    {
        // Out of room even so: the last line shown says it goes on.
        *last = fit(&format!("{last} …"), room);
    }
    let count = lines.len();
    let text: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == count {
                let gap = width.saturating_sub(l.width() + status.right.width() + 2);
                Line::from(format!(" {l}{}{} ", " ".repeat(gap), status.right))
            } else {
                Line::from(format!(" {l}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(text).style(theme.status), area);
}

/// Draws the footer of keys, as many as fit, in the order given; the F1
/// entry, if any, is always shown at the right, so help can be found
/// however many keys the screen has.
pub fn render_footer(buf: &mut Buffer, area: Rect, keys: &[(&str, &str)], theme: &Theme) {
    let help = keys.iter().find(|(k, _)| *k == "F1");
    let reserved = help.map_or(0, |(k, w)| k.width() + 1 + w.width());
    let width = usize::from(area.width).saturating_sub(reserved);
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in keys.iter().filter(|(k, _)| *k != "F1") {
        let need = key.width() + 1 + what.width() + 2;
        if used + need > width {
            break;
        }
        spans.push(Span::styled((*key).to_owned(), theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.base));
        used += need;
    }
    if let Some((key, what)) = help {
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
        spans.push(Span::styled((*key).to_owned(), theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.base));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// A box of at most `width`×`height` centred in `area`, cleared, with a
/// bordered title; returns the inside.
pub fn dialog_box(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    theme: &Theme,
) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    let x = area.x + (area.width - w) / 2;
    let y = area.y + (area.height - h) / 2;
    let rect = Rect::new(x, y, w, h);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title))
        .style(theme.base);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Example family", 20), "Example family");
        assert_eq!(fit("Example family", 8), "Example…");
        assert_eq!(fit("Example", 0), "");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("Date of birth: not a date", 14),
            vec!["Date of birth:", "not a date"]
        );
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
    }

    #[test]
    fn safe_flattens_newlines_and_shows_escapes() {
        assert_eq!(safe("a\nb"), "a ⏎ b");
        assert_eq!(safe("x\u{1b}[2J"), "x^[[2J");
    }
}
