//! The family screen's lines of text: the oversight line, a child's age
//! at a glance, and how a parent, carer or professional is listed under
//! the children. Kept apart from `family.rs`, which holds the screen's
//! state and keys.

use super::chrome::safe;
use super::theme::Theme;
use crate::service::ChainBreak;
use crate::service::{Oversight, PersonRow};
use chrono::{Datelike, NaiveDate};
use ratatui::text::Line;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

/// A person's row in the children pane: their name, nothing where a
/// child's date of birth and age are, and who they are to the family,
/// said in words ("family ·", "professional ·") so no one takes a parent
/// for a child.
pub(super) fn person_row(p: &PersonRow) -> Row<'static> {
    let kind = if p.professional {
        "professional"
    } else {
        "family"
    };
    let describe = if p.describe.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} · {}", safe(&p.describe))
    };
    Row::new(vec![
        Cell::from(safe(&p.name)),
        Cell::from(""),
        Cell::from(""),
        Cell::from(describe),
    ])
}

/// The warning that part of this family's file was changed outside
/// casenotes: which item, by kind and number, never its text.
pub(super) fn chain_line(b: &ChainBreak, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("!! Tampering: {b}"), theme.overdue),
        Span::styled(" · see casenotes check", theme.hint),
    ])
}

/// The oversight line: when it was last recorded and by whom, and a mark
/// with words when there has been none within the period.
pub(super) fn oversight_spans(o: &Oversight, theme: &Theme) -> Vec<Span<'static>> {
    let last = o.last.as_ref().map(|l| {
        format!(
            "{} by {} ({})",
            crate::dates::short(l.date),
            safe(&l.by),
            safe(&l.what)
        )
    });
    let mut spans = Vec::new();
    if o.overdue {
        let period = o.period.as_deref().unwrap_or("the period");
        spans.push(Span::styled(
            format!("!! No oversight within {period}"),
            theme.overdue,
        ));
        spans.push(Span::raw(match &last {
            Some(l) => format!(" · last {l}"),
            None => " · none recorded".to_owned(),
        }));
        if let Some(d) = o.due {
            spans.push(Span::styled(
                format!(" · was due {}", crate::dates::short(d)),
                theme.hint,
            ));
        }
    } else {
        spans.push(Span::styled("Oversight: ", theme.title));
        spans.push(Span::raw(match &last {
            Some(l) => format!("last {l}"),
            None => "none recorded yet".to_owned(),
        }));
        if let Some(d) = o.due {
            spans.push(Span::styled(
                format!(" · next due {}", crate::dates::short(d)),
                theme.hint,
            ));
        }
    }
    spans
}

/// "7 y" or "10 m": an age at a glance, from a date passed in.
pub(super) fn age_text(born: NaiveDate, today: NaiveDate) -> String {
    if born > today {
        return "unborn".to_owned();
    }
    // month0 is 0 to 11, so each fits in i32.
    let month = |d: NaiveDate| i32::try_from(d.month0()).unwrap_or(0);
    let mut months = (today.year() - born.year()) * 12 + month(today) - month(born);
    if today.day() < born.day() {
        months -= 1;
    }
    if months >= 24 {
        format!("{} y", months / 12)
    } else {
        format!("{} m", months.max(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn ages_read_in_years_or_months() {
        assert_eq!(age_text(d(2019, 4, 30), d(2026, 11, 22)), "7 y");
        assert_eq!(age_text(d(2026, 1, 23), d(2026, 11, 22)), "9 m");
        assert_eq!(age_text(d(2027, 1, 1), d(2026, 11, 22)), "unborn");
    }
}
