//! The working-day calendar: which days count towards a recording timescale,
//! and the arithmetic for "N working days after" an event.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use thiserror::Error;

/// GOV.UK's table format; see the note in `mod.rs` on where the dates come from.
const EMBEDDED_TABLE: &str = include_str!("bank-holidays.json");

#[derive(Deserialize)]
struct Published {
    #[serde(rename = "england-and-wales")]
    england_and_wales: Division,
}

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

// Titles, notes and bunting are in the file for fidelity to GOV.UK's format;
// only the date decides whether a day is worked.
#[derive(Deserialize)]
struct Event {
    date: NaiveDate,
}

static ENGLAND_AND_WALES: LazyLock<Calendar> = LazyLock::new(|| {
    // Invariant: the table is compiled into the binary and the test
    // `embedded_table_parses_and_covers_whole_years` parses this same text,
    // so a failure here is a build defect rather than bad user input.
    parse_table(EMBEDDED_TABLE).expect("embedded bank-holidays.json is valid")
});

/// A problem with a local closures list.
#[derive(Debug, Error)]
pub enum CalendarError {
    /// The closures file could not be read.
    #[error("cannot read the closures file {}: {source}", path.display())]
    ReadClosures {
        /// The file that was asked for.
        path: PathBuf,
        /// Why reading it failed.
        source: std::io::Error,
    },
    /// A line of a closures list is not a single `YYYY-MM-DD` date.
    #[error("{origin}, line {line}: {problem} (the line reads \"{text}\")")]
    BadClosureLine {
        /// The file the line came from, or "closures list" for text.
        origin: String,
        /// 1-based, as an editor shows it.
        line: usize,
        /// The offending line, trimmed.
        text: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// Which days are working days: weekends, bank holidays and local closures are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    // Only weekdays are kept: weekends are never working days anyway, and
    // keeping them out lets the arithmetic subtract this set from a weekday
    // count without double-counting. Sorted, each once: counting the days
    // closed between two dates is two binary searches, not a walk over
    // them (a team's due list asks 235,517 times, issue 12).
    closed_weekdays: ClosedDays,
    covered_from: NaiveDate,
    covered_until: NaiveDate,
}

/// The closed weekdays, sorted and each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ClosedDays(Vec<NaiveDate>);

impl ClosedDays {
    /// These days added; weekends are left out (see `Calendar`).
    fn with(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.extend(dates);
        self
    }

    fn extend(&mut self, dates: impl IntoIterator<Item = NaiveDate>) {
        self.0.extend(dates.into_iter().filter(|d| is_weekday(*d)));
        self.0.sort_unstable();
        self.0.dedup();
    }

    fn contains(&self, date: NaiveDate) -> bool {
        self.0.binary_search(&date).is_ok()
    }

    /// How many are after `a` and on or before `b`.
    fn after_through(&self, a: NaiveDate, b: NaiveDate) -> usize {
        let upto = |d: NaiveDate| self.0.partition_point(|x| *x <= d);
        upto(b).saturating_sub(upto(a))
    }

    /// How many are on or after `a` and before `b`.
    fn on_or_after_before(&self, a: NaiveDate, b: NaiveDate) -> usize {
        let below = |d: NaiveDate| self.0.partition_point(|x| *x < d);
        below(b).saturating_sub(below(a))
    }
}

impl Calendar {
    /// England and Wales bank holidays from the embedded table, with no local closures.
    pub fn england_and_wales() -> Calendar {
        ENGLAND_AND_WALES.clone()
    }

    /// This calendar with the given days also closed.
    pub fn with_closures(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        self.closed_weekdays.extend(dates);
        self
    }

    /// This calendar with the closures listed in a file (see [`parse_closures`]) also closed.
    pub fn with_closures_file(self, path: &Path) -> Result<Calendar, CalendarError> {
        let text = std::fs::read_to_string(path).map_err(|source| CalendarError::ReadClosures {
            path: path.to_path_buf(),
            source,
        })?;
        let dates = parse_closures_from(&text, &path.display().to_string())?;
        Ok(self.with_closures(dates))
    }

    /// Whether `date` counts towards a working-day timescale.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        is_weekday(date) && !self.closed_weekdays.contains(date)
    }

    /// The `n`th working day after `from`; `from` itself is day 0 and is returned for `n == 0`.
    ///
    /// Saturates at `NaiveDate::MAX` rather than failing, since no real
    /// timescale comes near it.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return from;
        }
        // Jump straight to the weekday that would be right if nothing were
        // closed, then push on by however many closed days that jump passed
        // over, until a jump passes over none.
        let mut after = from;
        let mut target = weekdays_through(day_index(from)) + i64::from(n);
        loop {
            let Some(candidate) = date_at(weekday_numbered(target)) else {
                return NaiveDate::MAX;
            };
            let skipped = self.closed_weekdays.after_through(after, candidate);
            if skipped == 0 {
                return candidate;
            }
            after = candidate;
            // A count of closure days held in memory fits in i64.
            target += i64::try_from(skipped).unwrap_or(i64::MAX);
        }
    }

    /// The `n`th working day before `to`; `to` itself is day 0 and is returned for `n == 0`.
    ///
    /// For the timescales that fall due ahead of a meeting (seed
    /// `003_e0d5b8f8efac37da.txt` Appendix A: reports "1 working day before"
    /// or "3 working days before" the meeting). Saturates at `NaiveDate::MIN`.
    pub fn sub_working_days(&self, to: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return to;
        }
        let mut before = to;
        let mut target = weekdays_through(day_index(to) - 1) - i64::from(n) + 1;
        loop {
            let Some(candidate) = date_at(weekday_numbered(target)) else {
                return NaiveDate::MIN;
            };
            let skipped = self.closed_weekdays.on_or_after_before(candidate, before);
            if skipped == 0 {
                return candidate;
            }
            before = candidate;
            target -= i64::try_from(skipped).unwrap_or(i64::MAX);
        }
    }

    /// Working days after `a` up to and including `b`; negative when `b` is before `a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.working_days_between(b, a);
        }
        let weekdays = weekdays_through(day_index(b)) - weekdays_through(day_index(a));
        let closed = self.closed_weekdays.after_through(a, b);
        weekdays - i64::try_from(closed).unwrap_or(i64::MAX)
    }

    /// First date the bank holiday table covers; earlier days count as weekends-only.
    pub fn covered_from(&self) -> NaiveDate {
        self.covered_from
    }

    /// Last date the bank holiday table covers; later days count as weekends-only.
    pub fn covered_until(&self) -> NaiveDate {
        self.covered_until
    }

    /// Whether bank holidays are known for `date`, so callers can warn when they are not.
    pub fn covers(&self, date: NaiveDate) -> bool {
        (self.covered_from..=self.covered_until).contains(&date)
    }
}

/// Read a closures list: one `YYYY-MM-DD` date a line; blank lines and `#` comments allowed.
///
/// A comment may also follow a date on the same line, so a list can say why
/// each day is closed.
pub fn parse_closures(text: &str) -> Result<Vec<NaiveDate>, CalendarError> {
    parse_closures_from(text, "closures list")
}

fn parse_closures_from(text: &str, origin: &str) -> Result<Vec<NaiveDate>, CalendarError> {
    // Files saved by Windows editors may start with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut dates = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let content = match raw.split_once('#') {
            Some((before, _comment)) => before,
            None => raw,
        }
        .trim();
        if content.is_empty() {
            continue;
        }
        let date =
            parse_closure_date(content).map_err(|problem| CalendarError::BadClosureLine {
                origin: origin.to_owned(),
                line: index + 1,
                text: raw.trim().to_owned(),
                problem,
            })?;
        dates.push(date);
    }
    Ok(dates)
}

// Stricter than chrono's `%Y-%m-%d`, which also takes one-digit months and
// signed years: a closures file is typed by hand and a typo should be caught.
fn parse_closure_date(content: &str) -> Result<NaiveDate, String> {
    let mut words = content.split_whitespace();
    let date = parse_iso_date(words.next().unwrap_or_default())?;
    if words.next().is_some() {
        return Err("only one date per line (put any note after a #)".to_owned());
    }
    Ok(date)
}

fn parse_iso_date(s: &str) -> Result<NaiveDate, String> {
    let bytes = s.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err("expected a date written YYYY-MM-DD".to_owned());
    }
    let number = |range: std::ops::Range<usize>| -> Result<u32, String> {
        s.get(range)
            .and_then(|part| part.parse().ok())
            .ok_or_else(|| "expected a date written YYYY-MM-DD".to_owned())
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month:02}"));
    }
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .ok_or_else(|| format!("{year:04}-{month:02} has no day {day:02}"))
}

fn parse_table(json: &str) -> Result<Calendar, String> {
    let published: Published = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let dates: Vec<NaiveDate> = published
        .england_and_wales
        .events
        .iter()
        .map(|e| e.date)
        .collect();
    let first = dates
        .iter()
        .min()
        .ok_or("the table lists no bank holidays")?;
    let last = dates
        .iter()
        .max()
        .ok_or("the table lists no bank holidays")?;
    // GOV.UK publishes whole years, so a year whose last holiday is Boxing
    // Day is still known to have no more after it.
    let covered_from =
        NaiveDate::from_ymd_opt(first.year(), 1, 1).ok_or("first year out of range")?;
    let covered_until =
        NaiveDate::from_ymd_opt(last.year(), 12, 31).ok_or("last year out of range")?;
    Ok(Calendar {
        closed_weekdays: ClosedDays::default().with(dates),
        covered_from,
        covered_until,
    })
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

// Day numbers counted so that 0001-01-01, a Monday, is 0: then
// `rem_euclid(7)` is the weekday (0 = Monday) and whole weeks are plain
// division, which is what makes the arithmetic O(log n) instead of a walk.
fn day_index(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 1
}

fn date_at(index: i64) -> Option<NaiveDate> {
    i32::try_from(index + 1)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

// Weekdays up to and including day `index`, from an arbitrary origin: only
// differences mean anything, and they hold for negative indices too.
fn weekdays_through(index: i64) -> i64 {
    5 * index.div_euclid(7) + (index.rem_euclid(7) + 1).min(5)
}

// The inverse of `weekdays_through`: the weekday whose count is `number`.
fn weekday_numbered(number: i64) -> i64 {
    let k = number - 1;
    7 * k.div_euclid(5) + k.rem_euclid(5)
}

#[cfg(test)]
mod tests;
