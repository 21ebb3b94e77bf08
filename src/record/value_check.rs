//! Reads one answer's text against its kind: is this a real date, a time,
//! one of the options, a number in range? Shared by fields and table cells
//! so that a date in a table is checked exactly like a date on its own.

use crate::form::{CellKind, ScaleSpec};
use chrono::{NaiveDate, NaiveTime};
use std::fmt;

/// Why an answer that is present cannot be accepted.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueError {
    /// Not a date in the form YYYY-MM-DD (or not a day that exists).
    NotADate,
    /// Written as a date, but no such day exists (31 February, month 13).
    NoSuchDay {
        /// The day written.
        day: u32,
        /// The month written.
        month: u32,
        /// The year written.
        year: i32,
    },
    /// A date after today where the form forbids it.
    DateInFuture,
    /// Not a time in the form HH:MM.
    NotATime,
    /// Neither "yes" nor "no".
    NotYesNo,
    /// Not one of the form's options. (The answer itself is not kept here,
    /// so that no error, message or debug print can carry what was written.)
    NotAnOption,
    /// Not a number.
    NotANumber,
    /// Outside the allowed range.
    OutOfRange {
        /// Lowest allowed, if bounded below.
        min: Option<f64>,
        /// Highest allowed, if bounded above.
        max: Option<f64>,
    },
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::NotADate => f.write_str("is not a date (write it as YYYY-MM-DD)"),
            ValueError::NoSuchDay { day, month, year } => match month_name(*month) {
                Some(name) => write!(f, "there is no {day} {name} {year}"),
                None => write!(f, "there is no month {month} (months go from 1 to 12)"),
            },
            ValueError::DateInFuture => f.write_str("is after today; record the date it happened"),
            ValueError::NotATime => f.write_str("is not a time (write it as HH:MM)"),
            ValueError::NotYesNo => f.write_str("must be yes or no"),
            // The option text comes from the form, never from a person's answer.
            ValueError::NotAnOption => f.write_str("is not one of the choices"),
            ValueError::NotANumber => f.write_str("is not a number"),
            ValueError::OutOfRange { min, max } => match (min, max) {
                (Some(a), Some(b)) => write!(f, "must be between {a} and {b}"),
                (Some(a), None) => write!(f, "must be at least {a}"),
                (None, Some(b)) => write!(f, "must be at most {b}"),
                (None, None) => f.write_str("is out of range"),
            },
        }
    }
}

/// The month's name in English, 1 to 12.
fn month_name(month: u32) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = usize::try_from(month).ok()?.checked_sub(1)?;
    NAMES.get(i).copied()
}

/// Why text is not read as a date: a day that does not exist, said as
/// such, or simply not a date.
pub fn why_not_a_date(text: &str) -> ValueError {
    no_such_day(text.trim()).unwrap_or(ValueError::NotADate)
}

/// Text shaped like a date (`YYYY-MM-DD` or `DD/MM/YYYY`) whose day does
/// not exist: said as such, not as a wrong format.
fn no_such_day(t: &str) -> Option<ValueError> {
    let parts: Vec<&str> = if t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-' {
        let p: Vec<&str> = t.split('-').collect();
        vec![p.get(2)?, p.get(1)?, p.first()?]
    } else {
        let p: Vec<&str> = t.split('/').collect();
        if p.len() != 3 || p[2].len() != 4 {
            return None;
        }
        vec![p[0], p[1], p[2]]
    };
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let month: u32 = parts[1].parse().ok()?;
    let year: i32 = parts[2].parse().ok()?;
    let exists = NaiveDate::from_ymd_opt(year, month, day).is_some();
    (!exists && (1..=31).contains(&day)).then_some(ValueError::NoSuchDay { day, month, year })
}

/// Parses a stored date, exactly `YYYY-MM-DD` (chrono alone would accept
/// `2026-1-5`, and stored dates must sort and export the same everywhere).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

/// Parses a stored time, exactly `HH:MM`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    let shape = t.len() == 5
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b':'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    NaiveTime::parse_from_str(t, "%H:%M").ok()
}

/// Checks the text of a one-value answer that is not blank.
pub fn check_cell(kind: &CellKind, text: &str, today: NaiveDate) -> Result<(), ValueError> {
    let t = text.trim();
    match kind {
        CellKind::Text => Ok(()),
        CellKind::Date { not_future } => {
            // Why a date as typed is not one is said as the date box reads
            // it ("31 Feb": there is no 31 February); a stored date that
            // reads but is not YYYY-MM-DD is the wrong shape.
            let d = parse_date(t).ok_or_else(|| {
                crate::record::read_typed_date(t, today)
                    .err()
                    .unwrap_or(ValueError::NotADate)
            })?;
            if *not_future && d > today {
                Err(ValueError::DateInFuture)
            } else {
                Ok(())
            }
        }
        CellKind::Time => parse_time(t).map(|_| ()).ok_or(ValueError::NotATime),
        CellKind::YesNo => match t {
            "yes" | "no" => Ok(()),
            _ => Err(ValueError::NotYesNo),
        },
        CellKind::Choice { options } => {
            if options.iter().any(|o| o == t) {
                Ok(())
            } else {
                Err(ValueError::NotAnOption)
            }
        }
        CellKind::Number { min, max } => {
            let n: f64 = t.parse().map_err(|_| ValueError::NotANumber)?;
            if !n.is_finite() {
                return Err(ValueError::NotANumber);
            }
            let low = min.is_some_and(|m| n < m);
            let high = max.is_some_and(|m| n > m);
            if low || high {
                Err(ValueError::OutOfRange {
                    min: *min,
                    max: *max,
                })
            } else {
                Ok(())
            }
        }
    }
}

/// Checks a scale answer.
pub fn check_scale(spec: &ScaleSpec, text: &str) -> Result<(), ValueError> {
    let n: i64 = text.trim().parse().map_err(|_| ValueError::NotANumber)?;
    if n < spec.min || n > spec.max {
        Err(ValueError::OutOfRange {
            min: Some(spec.min as f64),
            max: Some(spec.max as f64),
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn dates_are_checked_for_shape_existence_and_future() {
        let today = day("2026-11-22");
        let k = CellKind::Date { not_future: true };
        assert_eq!(check_cell(&k, "2026-11-22", today), Ok(()));
        assert_eq!(
            check_cell(&k, "2026-02-30", today),
            Err(ValueError::NoSuchDay {
                day: 30,
                month: 2,
                year: 2026
            })
        );
        let no_31st = check_cell(&k, "31/02/2026", today).unwrap_err();
        assert_eq!(no_31st.to_string(), "there is no 31 February 2026");
        let month_13 = check_cell(&k, "01/13/2026", today).unwrap_err();
        assert_eq!(
            month_13.to_string(),
            "there is no month 13 (months go from 1 to 12)"
        );
        assert_eq!(
            check_cell(&k, "31 Feb", today).unwrap_err().to_string(),
            "there is no 31 February 2026"
        );
        assert_eq!(check_cell(&k, "soon", today), Err(ValueError::NotADate));
        assert_eq!(
            check_cell(&k, "22/11/2026", today),
            Err(ValueError::NotADate)
        );
        assert_eq!(
            check_cell(&k, "2026-11-23", today),
            Err(ValueError::DateInFuture)
        );
        let k = CellKind::Date { not_future: false };
        assert_eq!(check_cell(&k, "2027-01-01", today), Ok(()));
    }

    #[test]
    fn numbers_respect_their_range_and_reject_nan() {
        let today = day("2026-11-22");
        let k = CellKind::Number {
            min: Some(0.0),
            max: Some(24.0),
        };
        assert_eq!(check_cell(&k, "1.5", today), Ok(()));
        assert!(matches!(
            check_cell(&k, "25", today),
            Err(ValueError::OutOfRange { .. })
        ));
        assert_eq!(check_cell(&k, "NaN", today), Err(ValueError::NotANumber));
        assert_eq!(check_cell(&k, "two", today), Err(ValueError::NotANumber));
    }

    #[test]
    fn times_yes_no_and_choices() {
        let today = day("2026-11-22");
        assert_eq!(check_cell(&CellKind::Time, "09:30", today), Ok(()));
        assert_eq!(
            check_cell(&CellKind::Time, "25:00", today),
            Err(ValueError::NotATime)
        );
        assert_eq!(
            check_cell(&CellKind::YesNo, "maybe", today),
            Err(ValueError::NotYesNo)
        );
        let k = CellKind::Choice {
            options: vec!["Announced".into(), "Unannounced".into()],
        };
        assert_eq!(check_cell(&k, "Announced", today), Ok(()));
        assert!(check_cell(&k, "Other", today).is_err());
    }

    #[test]
    fn scale_bounds_are_inclusive() {
        let s = ScaleSpec {
            min: 0,
            max: 10,
            min_label: "No safety".into(),
            max_label: "Ready to close".into(),
        };
        assert_eq!(check_scale(&s, "0"), Ok(()));
        assert_eq!(check_scale(&s, "10"), Ok(()));
        assert!(check_scale(&s, "11").is_err());
        assert!(check_scale(&s, "5.5").is_err());
    }
}
