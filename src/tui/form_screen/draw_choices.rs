//! Drawing choice lists and scales: options with their marks on one line
//! when they fit, else a window of rows round the highlight; a scale's
//! steps with the answer bracketed and what each end means. Split from
//! `draw.rs` (issue 13).

use super::FormScreen;
use super::fit::fit;
use super::rows::{FRow, LIST_ROWS, line, styled};
use crate::form::ScaleSpec;
use crate::tui::theme::Theme;
use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

impl FormScreen {
    /// Options with their marks, in one line when they fit, else one per
    /// row (a window of them round the highlight when there are many).
    pub(super) fn list_rows(
        &self,
        options: &[String],
        chosen: &[&str],
        several: bool,
        editing: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<FRow> {
        let mark = |on: bool| match (several, on) {
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
            (false, true) => "(•) ",
            (false, false) => "( ) ",
        };
        let item = |i: usize, o: &String| {
            let on = chosen.contains(&o.as_str());
            let style = if editing && i == self.list_cursor {
                theme.focus
            } else if on {
                theme.title
            } else {
                theme.base
            };
            styled(
                format!("{}{}", mark(on), fit(o, width.saturating_sub(6))),
                style,
            )
        };
        let inline: usize = options.iter().map(|o| o.width() + 7).sum::<usize>() + 2;
        if inline <= width {
            let mut spans = vec![Span::raw("  ")];
            for (i, o) in options.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw("   "));
                }
                spans.push(item(i, o));
            }
            return vec![line(spans)];
        }
        let n = options.len();
        let shown = n.min(LIST_ROWS);
        let start = self
            .list_cursor
            .saturating_sub(shown / 2)
            .min(n.saturating_sub(shown));
        let start = if editing { start } else { 0 };
        let mut rows: Vec<FRow> = options
            .iter()
            .enumerate()
            .skip(start)
            .take(shown)
            .map(|(i, o)| line(vec![Span::raw("  "), item(i, o)]))
            .collect();
        if shown < n {
            rows.push(line(vec![styled(
                format!("  options {}–{} of {n}", start + 1, start + shown),
                theme.hint,
            )]));
        }
        rows
    }
}

/// The scale: every step in a row with the answer bracketed (or the
/// number alone on a long scale), then what each end means.
pub(super) fn scale_rows(
    rows: &mut Vec<FRow>,
    spec: &ScaleSpec,
    text: &str,
    editing: bool,
    width: usize,
    theme: &Theme,
) {
    let value: Option<i64> = text.trim().parse().ok();
    let chosen_style = if editing { theme.focus } else { theme.title };
    let steps = spec.max.saturating_sub(spec.min);
    let mut spans = vec![Span::raw("  ")];
    if (0..=20).contains(&steps) {
        for n in spec.min..=spec.max {
            if value == Some(n) {
                spans.push(styled(format!("[{n}]"), chosen_style));
            } else {
                spans.push(styled(format!(" {n} "), theme.base));
            }
        }
    } else {
        let shown = value.map_or("—".to_owned(), |v| v.to_string());
        spans.push(styled(format!("◀ {shown} ▶"), chosen_style));
        spans.push(styled(format!("  ({}–{})", spec.min, spec.max), theme.hint));
    }
    if value.is_none() && !text.trim().is_empty() {
        spans.push(styled(
            format!("  stored: {}", fit(text, 20)),
            theme.invalid,
        ));
    }
    rows.push(line(spans));
    let low = format!("{} = {}", spec.min, spec.min_label);
    let high = format!("{} = {}", spec.max, spec.max_label);
    if low.width() + high.width() + 7 <= width {
        rows.push(line(vec![
            styled(format!("  ◀ {}", fit(&low, width)), theme.hint),
            styled("   ", theme.hint),
            styled(format!("{} ▶", fit(&high, width)), theme.hint),
        ]));
    } else {
        rows.push(line(vec![styled(
            fit(&format!("  ◀ {low}"), width),
            theme.hint,
        )]));
        rows.push(line(vec![styled(
            fit(&format!("  ▶ {high}"), width),
            theme.hint,
        )]));
    }
}
