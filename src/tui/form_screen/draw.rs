//! Drawing the form screen: the header with the total missing, the list of
//! sections, the page's fields (each drawn by `draw_field.rs`), and the
//! guidance pane. Reads state; the only thing it changes is the scroll
//! position, so that the focused field is always in view.

use super::fit::{fit, fit_with_suffix};
use super::page_cells::{PageBase, PageKey};
use super::side::{self, Entry};
use super::{FormScreen, guidance};
use crate::form::Form;
use crate::record::Slot;
use crate::tui::theme::{CHILD_VOICE_LABEL, COMPLETE_MARK, INVALID_MARK, MISSING_MARK, Theme};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// Whether the guidance pane shows before F2 is first pressed: on wide
/// screens only, so that 80 columns keep room for the answers.
pub(crate) fn guidance_by_default(width: u16) -> bool {
    width >= 100
}

use super::rows::{FRow, line, rows_u16, styled};

impl FormScreen {
    /// Draws everything; see the module comment.
    pub(super) fn draw(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        self.last_width = area.width;
        let area = area.intersection(frame.area());
        if area.width == 0 || area.height == 0 {
            return;
        }
        let buf = frame.buffer_mut();
        if area.width < 30 || area.height < 6 {
            Paragraph::new("Make the window larger to fill in this form.")
                .style(theme.base)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let header = Rect { height: 1, ..area };
        self.draw_header(buf, header, theme);
        let body = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };

        let side_w = if body.width >= 60 {
            (body.width * 3 / 10).clamp(22, 34)
        } else {
            0
        };
        if side_w > 0 {
            let side_area = Rect {
                width: side_w,
                ..body
            };
            // Only the border's own column: a block also visits every cell
            // it covers to style it, which over the whole pane was 4% of
            // the main thread's time in a profile of typing at 200x60.
            let border = Rect {
                x: side_area.right() - 1,
                width: 1,
                ..side_area
            };
            Block::default()
                .borders(Borders::RIGHT)
                .border_style(theme.hint)
                .render(border, buf);
            let inner = Rect {
                width: side_w - 1,
                ..side_area
            };
            // The list changes only with the page or a section's counts
            // (which change only when the answers are checked again): its
            // entries are made only when it is drawn afresh.
            let page = self.page;
            let mut kept = std::mem::take(&mut self.side_cells);
            kept.draw(
                (page, self.completeness_rev, *theme),
                inner,
                buf,
                |_, cells| {
                    side::draw(&self.side_entries(), page, cells, inner, theme);
                },
            );
            self.side_cells = kept;
        }
        let rest = Rect {
            x: body.x + side_w + u16::from(side_w > 0),
            width: body.width - side_w - u16::from(side_w > 0),
            ..body
        };

        // The earlier record, when asked for, takes the guidance pane's
        // place (taller under the form, where it is most of what is read).
        let previous = self.previous.shown;
        let shown = previous
            || self
                .guidance
                .unwrap_or_else(|| guidance_by_default(area.width));
        let (content, pane, beside) = if !shown {
            (rest, None, false)
        } else if rest.width >= 80 {
            let gw = (rest.width * 2 / 5).clamp(26, 56);
            let content = Rect {
                width: rest.width - gw,
                ..rest
            };
            let pane = Rect {
                x: rest.x + rest.width - gw,
                width: gw,
                ..rest
            };
            (content, Some(pane), true)
        } else {
            let gh = if previous {
                (rest.height / 2).clamp(3, 14).min(rest.height)
            } else {
                (rest.height / 3).clamp(3, 10).min(rest.height)
            };
            let content = Rect {
                height: rest.height - gh,
                ..rest
            };
            let pane = Rect {
                y: rest.y + rest.height - gh,
                height: gh,
                ..rest
            };
            (content, Some(pane), false)
        };
        if let (Some(pane), true) = (pane, previous) {
            self.draw_previous(buf, pane, beside, theme);
        } else if let Some(pane) = pane {
            let section = self
                .pages
                .get(self.page)
                .and_then(|p| p.section(&self.form));
            let text = section.map_or("", |s| s.guidance.as_str());
            let voice = section.is_some_and(Form::section_has_child_voice);
            // The guidance changes with the page or its scrolling, not
            // with typing: its cells are kept (issue 12).
            let scrolled = std::cell::Cell::new(self.guidance_scroll);
            self.guidance_cells.draw(
                (self.page, voice, beside, self.guidance_scroll, *theme),
                pane,
                buf,
                |_, cells| {
                    let mut scroll = scrolled.get();
                    guidance::draw(text, voice, beside, &mut scroll, cells, pane, theme);
                    scrolled.set(scroll);
                },
            );
            self.guidance_scroll = scrolled.get();
        }
        self.draw_page(buf, content, theme);
        if self.writing.list.is_some() {
            self.draw_writing_list(buf, rest, theme);
        }
    }

    fn side_entries(&self) -> Vec<Entry> {
        let mut previous = None;
        self.pages
            .iter()
            .map(|p| {
                let (missing, invalid) = self.count(|slot| p.holds(&self.form, slot));
                let first_of_group = p.child.is_some() && previous != Some(p.section);
                previous = Some(p.section);
                Entry {
                    title: p
                        .section(&self.form)
                        .map_or(String::new(), |s| s.title.clone()),
                    child: p.child_name.clone(),
                    first_of_group,
                    missing,
                    invalid,
                    child_voice: p.has_child_voice(&self.form),
                }
            })
            .collect()
    }

    /// (missing, invalid) among the problems whose slot passes `keep`.
    fn count(&self, keep: impl Fn(&Slot) -> bool) -> (usize, usize) {
        let mut missing = 0;
        let mut invalid = 0;
        for p in self.completeness.problems.iter().filter(|p| keep(&p.slot)) {
            if p.is_missing() {
                missing += 1;
            } else {
                invalid += 1;
            }
        }
        (missing, invalid)
    }

    fn status_spans(&self, missing: usize, invalid: usize, theme: &Theme) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        if missing == 0 && invalid == 0 {
            spans.push(styled(format!("{COMPLETE_MARK} complete"), theme.ok));
        }
        if missing > 0 {
            spans.push(styled(
                format!("{MISSING_MARK} {missing} missing"),
                theme.missing,
            ));
        }
        if invalid > 0 {
            if !spans.is_empty() {
                spans.push(Span::raw("  "));
            }
            spans.push(styled(
                format!("{INVALID_MARK} {invalid} to check"),
                theme.invalid,
            ));
        }
        spans
    }

    fn draw_header(&self, buf: &mut Buffer, area: Rect, theme: &Theme) {
        let (missing, invalid) = self.count(|_| true);
        let mut right = Vec::new();
        if self.read_only {
            right.push(styled("read only  ", theme.title));
        }
        right.extend(self.status_spans(missing, invalid, theme));
        let right_w: usize = right.iter().map(|s| s.content.width()).sum();
        let room = usize::from(area.width).saturating_sub(right_w + 2);
        let left = fit(
            &format!(" {} · {}", self.form.title, self.family_label),
            room,
        );
        Line::from(styled(left, theme.title)).render(area, buf);
        let rw = rows_u16(right_w + 1).min(area.width);
        let r = Rect {
            x: area.x + area.width - rw,
            width: rw,
            ..area
        };
        Line::from(right).render(r, buf);
    }

    fn draw_page(&mut self, buf: &mut Buffer, area: Rect, theme: &Theme) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let Some(page) = self.current_page().cloned() else {
            return;
        };
        // Only what the heading needs: cloning the whole section (its
        // fields and guidance) on every frame was part of a key's time.
        let section = page.section(&self.form);
        let voice_section = section.is_some_and(|s| s.child_voice);
        let section_title = section.map_or(String::new(), |s| s.title.clone());

        // Heading: title (the child's name never cut), the child's-voice
        // label, this section's count; on two lines when one is too narrow.
        let (missing, invalid) = self.count(|slot| page.holds(&self.form, slot));
        let mut right = self.status_spans(missing, invalid, theme);
        // The last cell stays free for the scroll mark (below): a mark
        // drawn over the fields once hid the end of an answer.
        right.push(styled(
            format!("  {}/{}  ", self.page + 1, self.pages.len()),
            theme.hint,
        ));
        let right_w: usize = right.iter().map(|s| s.content.width()).sum();
        let title_style = if voice_section {
            theme.child_voice
        } else {
            theme.title
        };
        let suffix = page
            .child_name
            .as_ref()
            .map_or(String::new(), |c| format!(" — {c}"));
        let full_w = section_title.width() + suffix.width();
        let label_w = if voice_section {
            CHILD_VOICE_LABEL.width() + 1
        } else {
            0
        };
        let width = usize::from(area.width);
        let one_line = full_w + label_w + right_w < width;
        let title_room = if one_line { full_w } else { width };
        let mut left = vec![styled(
            fit_with_suffix(&section_title, &suffix, title_room),
            title_style,
        )];
        let mut second: Vec<Span<'static>> = Vec::new();
        let tag_line = if one_line { &mut left } else { &mut second };
        if voice_section {
            if one_line {
                tag_line.push(Span::raw(" "));
            }
            tag_line.push(styled(CHILD_VOICE_LABEL, theme.child_voice));
        }
        Line::from(left).render(Rect { height: 1, ..area }, buf);
        let status_y = if one_line || area.height < 2 {
            area.y
        } else {
            Line::from(second).render(
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
                buf,
            );
            area.y + 1
        };
        let rw = rows_u16(right_w).min(area.width);
        Line::from(right).render(
            Rect {
                x: area.x + area.width - rw,
                y: status_y,
                width: rw,
                height: 1,
            },
            buf,
        );
        let heading_h = status_y - area.y + 1;

        let view = Rect {
            y: area.y + heading_h,
            height: area.height.saturating_sub(heading_h),
            ..area
        };
        if view.height == 0 {
            return;
        }
        let view_h = usize::from(view.height);
        let editor_h = rows_u16((view_h / 2).clamp(3, 14));
        self.style_editors(theme);

        let total = if page.no_children {
            let rows = [
                line(vec![styled(
                    "This section is answered once for each child.",
                    theme.hint,
                )]),
                line(vec![styled(
                    "No children are on this record yet: add them on the family screen.",
                    theme.hint,
                )]),
            ];
            self.scroll = 0;
            self.place_rows(&rows, 0, view, buf, theme);
            rows.iter().map(FRow::height).sum()
        } else {
            self.draw_fields(buf, view, theme, editor_h)
        };
        let more = match (self.scroll > 0, total > self.scroll + view_h) {
            (true, true) => "↕",
            (true, false) => "↑",
            (false, true) => "↓",
            (false, false) => "",
        };
        if !more.is_empty() && area.width > 0 {
            buf.set_string(area.x + area.width - 1, status_y, more, theme.hint);
        }
    }

    /// The page's fields in `view`: every field's rows laid out, scrolled
    /// so the focused one shows, and drawn. The rows of the fields without
    /// the focus are kept as cells while nothing they show can have
    /// changed (`page_cells.rs`); the focused field is drawn every frame.
    /// Returns the height of all the rows.
    fn draw_fields(&mut self, buf: &mut Buffer, view: Rect, theme: &Theme, editor_h: u16) -> usize {
        let width = usize::from(view.width);
        let view_h = usize::from(view.height);
        let count = self.field_count();
        let focus = self.focus.min(count.saturating_sub(1));
        let base = PageBase {
            page: self.page,
            focus,
            width,
            editor_h,
            theme: *theme,
            answers_rev: self.answers_rev,
            completeness_rev: self.completeness_rev,
        };
        let focused = self.field_rows(focus, width, theme, editor_h);
        let focused_h: usize = focused.iter().map(FRow::height).sum();
        let mut blocks: Option<Vec<Vec<FRow>>> = None;
        let heights = match self.page_cells.heights(&base, focus, focused_h) {
            Some(h) => h,
            None => {
                let b: Vec<Vec<FRow>> = (0..count)
                    .map(|fi| {
                        if fi == focus {
                            Vec::new()
                        } else {
                            self.field_rows(fi, width, theme, editor_h)
                        }
                    })
                    .collect();
                let mut h: Vec<usize> =
                    b.iter().map(|r| r.iter().map(FRow::height).sum()).collect();
                self.page_cells.keep_heights(base, &h);
                if let Some(f) = h.get_mut(focus) {
                    *f = focused_h;
                }
                blocks = Some(b);
                h
            }
        };
        let total: usize = heights.iter().sum();
        let top: usize = heights.iter().take(focus).sum();
        let bottom = top + focused_h;
        if bottom - top >= view_h || top < self.scroll {
            self.scroll = top;
        } else if bottom > self.scroll + view_h {
            self.scroll = bottom - view_h;
        }
        self.scroll = self.scroll.min(total.saturating_sub(view_h));
        let key = PageKey {
            base,
            scroll: self.scroll,
            focused_h,
            view,
        };
        if !self.page_cells.copy_into(&key, buf) {
            let blocks = match blocks {
                Some(b) => b,
                None => (0..count)
                    .map(|fi| {
                        if fi == focus {
                            Vec::new()
                        } else {
                            self.field_rows(fi, width, theme, editor_h)
                        }
                    })
                    .collect(),
            };
            let mut cells = Buffer::empty(view);
            let mut y = 0;
            for (fi, rows) in blocks.iter().enumerate() {
                if fi != focus {
                    self.place_rows(rows, y, view, &mut cells, theme);
                }
                y += heights.get(fi).copied().unwrap_or(0);
            }
            self.page_cells.keep_cells(key, cells);
            self.page_cells.copy_into_any(buf);
        }
        self.place_rows(&focused, top, view, buf, theme);
        total
    }

    /// Draws `rows`, whose first is `top` rows down the page, where they
    /// show in `view` at the page's scroll.
    fn place_rows(&self, rows: &[FRow], top: usize, view: Rect, buf: &mut Buffer, theme: &Theme) {
        let view_h = usize::from(view.height);
        let mut y = top;
        for row in rows {
            let h = row.height();
            let row_top = y;
            y += h;
            if row_top + h <= self.scroll || row_top >= self.scroll + view_h {
                continue;
            }
            let vis_top = row_top.max(self.scroll);
            let vis_bottom = (row_top + h).min(self.scroll + view_h);
            let rect = Rect {
                x: view.x,
                y: view.y + rows_u16(vis_top - self.scroll),
                width: view.width,
                height: rows_u16(vis_bottom - vis_top),
            };
            self.draw_row(row, rect, buf, theme);
        }
    }

    /// Styles the focused editors for this theme before drawing.
    fn style_editors(&mut self, theme: &Theme) {
        let Some(slot) = self.focused_slot() else {
            return;
        };
        let voice = self
            .current_page()
            .and_then(|p| {
                Some((
                    p.section(&self.form)?,
                    p.fields(&self.form).get(self.focus)?,
                ))
            })
            .is_some_and(|(s, f)| self.form.is_child_voice(s, f));
        let text = if voice { theme.child_voice } else { theme.base };
        if let Some(ed) = self.editors.get_mut(&slot) {
            ed.set_styles(text, theme.focus);
        }
        if let Some(ed) = self.tables.get_mut(&slot).and_then(|t| t.cell_editor_mut()) {
            ed.set_styles(text, theme.focus);
        }
    }

    fn draw_row(&self, row: &FRow, rect: Rect, buf: &mut Buffer, theme: &Theme) {
        match row {
            FRow::Line(l) => l.render(rect, buf),
            FRow::Editor {
                before,
                indent,
                width,
                after,
                cell,
                ..
            } => {
                before.render(Rect { height: 1, ..rect }, buf);
                let indent = (*indent).min(rect.width);
                let room = rect.width - indent;
                let w = width.map_or(room, |w| w.min(room));
                let ed_rect = Rect {
                    x: rect.x + indent,
                    width: w,
                    ..rect
                };
                if !*cell {
                    for dy in 0..rect.height {
                        if indent >= 2 {
                            buf.set_string(rect.x + indent - 1, rect.y + dy, "▏", theme.hint);
                        }
                    }
                }
                let editor = self.focused_slot().and_then(|slot| {
                    if *cell {
                        self.tables.get(&slot).and_then(|t| t.cell_editor())
                    } else {
                        self.editors.get(&slot)
                    }
                });
                if let Some(ed) = editor {
                    ed.note_size(ed_rect.width, ed_rect.height);
                    ed.area().render(ed_rect, buf);
                    crate::tui::graphemes::settle(buf, ed_rect);
                    if !*cell {
                        self.underline_findings(ed, ed_rect, buf);
                    }
                    let at = crate::tui::graphemes::textarea_cursor(ed.area(), ed_rect);
                    self.cursor.set(at.map(|at| crate::tui::echo::TextCursor {
                        at,
                        area: ed_rect,
                        mid_line: ed.area().cursor().1 > 0,
                    }));
                }
                if let Some(after) = after {
                    let x = ed_rect.x + ed_rect.width;
                    let aw = (rect.x + rect.width).saturating_sub(x);
                    after.render(
                        Rect {
                            x,
                            width: aw,
                            height: 1,
                            ..rect
                        },
                        buf,
                    );
                }
            }
        }
    }
}
