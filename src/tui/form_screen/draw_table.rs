//! Drawing a table field (SMART actions and the like): the grid of rows
//! and typed columns, the focused cell's editor, column widths that keep
//! dates and yes/no whole. Split from `draw.rs` (issue 13), which draws
//! the rest of the page.

use super::FormScreen;
use super::draw_field::DATE_BOX;
use super::entry::{date_for_people, date_with_weekday, read_date};
use super::fit::fit;
use super::rows::{FRow, line, rows_u16, styled};
use super::table::is_typed;
use crate::form::{CellKind, TableSpec};
use crate::record::{Problem, ProblemKind, Row, Slot, Value};
use crate::tui::theme::{INVALID_MARK, MISSING_MARK, Theme};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

impl FormScreen {
    pub(super) fn table_rows(
        &self,
        rows: &mut Vec<FRow>,
        spec: &TableSpec,
        slot: &Slot,
        editing: bool,
        width: usize,
        theme: &Theme,
    ) {
        let state = self.tables.get(slot);
        let stored: &[Row] = match self.answers.get(slot) {
            Some(Value::Rows(r)) => r,
            _ => &[],
        };
        let data: &[Row] = state.map_or(stored, |t| &t.rows);
        let (cur_row, cur_col) = state.map_or((0, 0), |t| (t.row, t.col));
        if data.is_empty() {
            let msg = if editing {
                "  No rows yet: Ctrl-A adds one (or start typing)"
            } else {
                "  No rows yet"
            };
            rows.push(line(vec![styled(msg, theme.hint)]));
            return;
        }
        let problems: Vec<&Problem> = self.completeness.at(slot).collect();
        let cell_problem = |r: usize, col: &str| {
            problems.iter().find_map(|p| match &p.kind {
                ProblemKind::RowIncomplete { row, column } if *row == r && column == col => {
                    Some((MISSING_MARK, theme.missing))
                }
                ProblemKind::InvalidCell { row, column, .. } if *row == r && column == col => {
                    Some((INVALID_MARK, theme.invalid))
                }
                _ => None,
            })
        };
        let row_problem = |r: usize| spec.columns.iter().find_map(|c| cell_problem(r, &c.id));

        // The grid.
        let widths = column_widths(spec, width.saturating_sub(7));
        let pad = |s: String, cw: usize| {
            let w = s.width();
            format!("{s}{}", " ".repeat(cw.saturating_sub(w)))
        };
        let mut head = vec![Span::raw("  "), styled("  #  ", theme.title)];
        for (j, c) in spec.columns.iter().enumerate() {
            if j > 0 {
                head.push(styled("│", theme.hint));
            }
            let cw = widths.get(j).copied().unwrap_or(4);
            head.push(styled(pad(fit(&c.label, cw), cw), theme.title));
        }
        rows.push(line(head));
        let visible_rows = if editing { 5 } else { 3 };
        let shown = data.len().min(visible_rows);
        let start = if editing {
            cur_row.saturating_sub(shown / 2).min(data.len() - shown)
        } else {
            0
        };
        for (i, r) in data.iter().enumerate().skip(start).take(shown) {
            let (mark, mstyle) = row_problem(i).unwrap_or((" ", theme.base));
            let num_style = if editing && i == cur_row {
                theme.focus
            } else {
                theme.hint
            };
            let mut spans = vec![
                Span::raw("  "),
                styled(format!("{:>3}", i + 1), num_style),
                styled(mark, mstyle),
                Span::raw(" "),
            ];
            for (j, c) in spec.columns.iter().enumerate() {
                if j > 0 {
                    spans.push(styled("│", theme.hint));
                }
                let cell = r.get(&c.id).map_or("", String::as_str);
                let shown = cell_display(&c.kind, cell, false);
                let style = if editing && i == cur_row && j == cur_col {
                    theme.focus
                } else {
                    theme.base
                };
                let cw = widths.get(j).copied().unwrap_or(4);
                spans.push(styled(pad(fit(&shown, cw), cw), style));
            }
            rows.push(line(spans));
        }
        if shown < data.len() {
            rows.push(line(vec![styled(
                format!("  rows {}–{} of {}", start + 1, start + shown, data.len()),
                theme.hint,
            )]));
        }
        if !editing {
            return;
        }

        // The focused row in full, one column a line, edited in place.
        let Some(r) = data.get(cur_row) else {
            return;
        };
        let lw = spec
            .columns
            .iter()
            .map(|c| c.label.width())
            .max()
            .unwrap_or(0)
            .min(16);
        rows.push(line(vec![styled(
            format!("  Row {}", cur_row + 1),
            theme.title,
        )]));
        for (j, c) in spec.columns.iter().enumerate() {
            let (mark, mstyle) = cell_problem(cur_row, &c.id).unwrap_or((" ", theme.base));
            let label_style = if j == cur_col {
                theme.focus
            } else {
                theme.title
            };
            let label = fit(&c.label, lw);
            let label = format!("{label}{}", " ".repeat(lw.saturating_sub(label.width())));
            let before = vec![
                Span::raw("   "),
                styled(mark, mstyle),
                styled(label, label_style),
                Span::raw("  "),
            ];
            let indent = rows_u16(lw + 6);
            let cell = r.get(&c.id).map_or("", String::as_str);
            let has_editor = state.and_then(|t| t.cell_editor()).is_some();
            if j == cur_col && is_typed(&c.kind) && has_editor {
                let after = if matches!(c.kind, CellKind::Date { .. }) {
                    read_date(cell).map(|d| {
                        Line::from(styled(format!("  {}", date_with_weekday(d)), theme.hint))
                    })
                } else {
                    None
                };
                let date = matches!(c.kind, CellKind::Date { .. });
                rows.push(FRow::Editor {
                    before: Line::from(before),
                    indent,
                    width: if date { Some(DATE_BOX) } else { None },
                    height: 1,
                    after,
                    cell: true,
                });
            } else {
                let mut spans = before;
                let mut shown = cell_display(&c.kind, cell, true);
                if j == cur_col && !is_typed(&c.kind) {
                    shown = format!("◀ {} ▶", if shown.is_empty() { "—" } else { &shown });
                }
                let room = width.saturating_sub(usize::from(indent));
                spans.push(styled(fit(&shown, room), theme.base));
                rows.push(line(spans));
            }
        }
        if let Some(c) = spec.columns.get(cur_col) {
            let how = match &c.kind {
                CellKind::Date { .. } => Some("DD/MM/YYYY, 3 Mar, t today, y yesterday"),
                CellKind::Time => Some("HH:MM"),
                CellKind::YesNo => Some("y / n, or Space"),
                CellKind::Choice { .. } => Some("Space or ←/→ to pick"),
                _ => None,
            };
            let hint = match (c.hint.as_deref(), how) {
                (Some(h), Some(k)) => format!("{h} ({k})"),
                (Some(h), None) => h.to_owned(),
                (None, Some(k)) => k.to_owned(),
                (None, None) => String::new(),
            };
            if !hint.is_empty() {
                rows.push(line(vec![styled(
                    fit(&format!("   {}: {hint}", c.label), width),
                    theme.hint,
                )]));
            }
        }
    }
}

/// Column widths for the grid: dates, times and yes/no get what they
/// need to show whole, the rest share what is left.
fn column_widths(spec: &TableSpec, avail: usize) -> Vec<usize> {
    let n = spec.columns.len().max(1);
    let fixed = |k: &CellKind| match k {
        CellKind::Date { .. } => Some(10),
        CellKind::Time => Some(5),
        CellKind::YesNo => Some(5),
        _ => None,
    };
    let room = avail.saturating_sub(n - 1);
    let fixed_total: usize = spec.columns.iter().filter_map(|c| fixed(&c.kind)).sum();
    let free = spec
        .columns
        .iter()
        .filter(|c| fixed(&c.kind).is_none())
        .count();
    if fixed_total + free * 6 > room {
        let even = (room / n).max(4);
        return vec![even; spec.columns.len()];
    }
    let share = (room - fixed_total) / free.max(1);
    spec.columns
        .iter()
        .map(|c| fixed(&c.kind).unwrap_or(share))
        .collect()
}

/// A cell as people read it: a date day first, with its weekday when
/// there is room (`long`: the row's own lines, not the grid).
fn cell_display(kind: &CellKind, text: &str, long: bool) -> String {
    match (kind, text.trim()) {
        (CellKind::YesNo, "yes") => "Yes".to_owned(),
        (CellKind::YesNo, "no") => "No".to_owned(),
        (CellKind::Date { .. }, t) => {
            let people = if long {
                date_with_weekday
            } else {
                date_for_people
            };
            crate::record::parse_date(t).map_or_else(|| text.to_owned(), people)
        }
        _ => text.to_owned(),
    }
}
