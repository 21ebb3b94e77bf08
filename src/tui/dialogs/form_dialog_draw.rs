//! Drawing the form dialog, apart from its keys because it is as long as
//! they are: labels as wide as the longest, each refusal wrapped under
//! its input, and the terminal cursor put in the focused box.

use super::form_dialog::Dialog;
use super::input::InputKind;
use crate::tui::chrome::{dialog_box, fit, safe, wrap};
use crate::tui::theme::{MISSING_MARK, Theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

impl Dialog {
    /// Draws the dialog centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width: u16 = if area.width >= 100 { 84 } else { 72 };
        let text_w = usize::from(width.min(area.width).saturating_sub(2));
        let error_rows: usize = self
            .inputs
            .iter()
            .filter_map(|i| i.error.as_ref())
            .map(|e| {
                wrap(
                    &format!("{MISSING_MARK} {}", safe(e)),
                    text_w.saturating_sub(4),
                )
                .len()
            })
            .sum::<usize>()
            + self.error.as_ref().map_or(0, |e| {
                wrap(&format!("{MISSING_MARK} {}", safe(e)), text_w).len()
            });
        let note = self
            .note
            .as_ref()
            .map(|n| wrap(&safe(n), text_w))
            .unwrap_or_default();
        let note_rows = if note.is_empty() { 0 } else { note.len() + 1 };
        let rows = note_rows + self.inputs.len() + error_rows + 2;
        let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
        let inner = dialog_box(frame, area, width, height, self.title, theme);
        // Wide enough for the longest label, so none is cut.
        let label_w = self
            .inputs
            .iter()
            .map(|i| {
                let required = matches!(
                    i.kind,
                    InputKind::Text { required: true, .. } | InputKind::Date { required: true }
                );
                i.label.width() + if required { 3 } else { 1 }
            })
            .max()
            .unwrap_or(0)
            .max(28);
        let field_w = usize::from(inner.width).saturating_sub(label_w + 3);
        let mut lines: Vec<Line> = Vec::new();
        if !note.is_empty() {
            lines.extend(
                note.into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.hint))),
            );
            lines.push(Line::raw(""));
        }
        let mut cursor = None;
        for (i, input) in self.inputs.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "▶ " } else { "  " };
            let required = matches!(
                input.kind,
                InputKind::Text { required: true, .. } | InputKind::Date { required: true }
            );
            let label = format!("{}{}", input.label, if required { " *" } else { "" });
            let mut spans = vec![
                Span::styled(marker, theme.key),
                Span::styled(
                    format!("{:<w$}", fit(&label, label_w - 1), w = label_w),
                    theme.title,
                ),
            ];
            match &input.kind {
                InputKind::Check => {
                    let mark = if input.checked { "[x]" } else { "[ ]" };
                    let style = if focused { theme.focus } else { theme.base };
                    spans.push(Span::styled(mark, style));
                }
                InputKind::Choice(options) => {
                    let shown = options.get(input.choice).map_or("", String::as_str);
                    let text = fit(&format!("◀ {shown} ▶"), field_w);
                    let style = if focused { theme.focus } else { theme.base };
                    spans.push(Span::styled(text, style));
                }
                _ => {
                    let (shown, col) = input.edit.view(field_w);
                    let style = if focused { theme.focus } else { theme.base };
                    let pad = field_w.saturating_sub(shown.width());
                    spans.push(Span::styled(format!("{shown}{}", " ".repeat(pad)), style));
                    if focused {
                        cursor = Some((lines.len(), label_w + 2 + col));
                    }
                }
            }
            lines.push(Line::from(spans));
            if let Some(e) = &input.error {
                let msg = format!("{MISSING_MARK} {}", safe(e));
                for l in wrap(&msg, usize::from(inner.width).saturating_sub(4)) {
                    lines.push(Line::from(vec![
                        Span::raw("    "),
                        Span::styled(l, theme.missing),
                    ]));
                }
            }
        }
        if let Some(e) = &self.error {
            let msg = format!("{MISSING_MARK} {}", safe(e));
            for l in wrap(&msg, usize::from(inner.width)) {
                lines.push(Line::from(Span::styled(l, theme.missing)));
            }
        }
        let space = match self.has_choice_and_check() {
            (true, true) => Some(("Space ←→", " tick / choose  ")),
            (true, false) => Some(("Space ←→", " choose  ")),
            (false, true) => Some(("Space", " tick  ")),
            (false, false) => None,
        };
        let mut hint = vec![
            Span::styled("Enter", theme.key),
            Span::raw(" save  "),
            Span::styled("Tab", theme.key),
            Span::raw(" next  "),
        ];
        if let Some((k, what)) = space {
            hint.extend([Span::styled(k, theme.key), Span::raw(what)]);
        }
        hint.extend([
            Span::styled("Esc", theme.key),
            Span::raw(" cancel   * required"),
        ]);
        lines.push(Line::raw(""));
        lines.push(Line::from(hint));
        frame.render_widget(Paragraph::new(lines), inner);
        if let Some((row, col)) = cursor {
            let x = inner.x + u16::try_from(col).unwrap_or(0);
            let y = inner.y + u16::try_from(row).unwrap_or(0);
            if x < inner.right() && y < inner.bottom() {
                frame.set_cursor_position((x, y));
            }
        }
    }
}
