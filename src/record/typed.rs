//! What people type into date and time boxes, turned into the stored
//! shape (`YYYY-MM-DD`, `HH:MM`) as soon as it reads as one. Anything that
//! does not read yet is kept exactly as typed, so a half-typed date is
//! never thrown away; completeness then reports it.

use crate::record::{parse_date, parse_time};
use chrono::NaiveDate;

/// A date typed in a dialog read as day/month/year or year-month-day
/// (the form's date boxes read more: `record/date_entry.rs`).
pub fn read_date(typed: &str) -> Option<NaiveDate> {
    let t = typed.trim();
    if let Some(d) = parse_date(t) {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The stored form of a typed time: `9:30`, `09.30` and `0930` become
/// `09:30`; anything else comes back as typed.
pub fn normalise_time(typed: &str) -> String {
    let t = typed.trim();
    if parse_time(t).is_some() {
        return t.to_owned();
    }
    let (h, m) = if let Some((h, m)) = t.split_once([':', '.']) {
        (h, m)
    } else if t.len() == 4 && t.is_char_boundary(2) {
        t.split_at(2)
    } else {
        return typed.to_owned();
    };
    let ok =
        |s: &str, lo: usize| (lo..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !(ok(h, 1) && ok(m, 2)) {
        return typed.to_owned();
    }
    let candidate = format!("{h:0>2}:{m}");
    if parse_time(&candidate).is_some() {
        candidate
    } else {
        typed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_padded_and_checked() {
        assert_eq!(normalise_time("9:30"), "09:30");
        assert_eq!(normalise_time("09.30"), "09:30");
        assert_eq!(normalise_time("0930"), "09:30");
        assert_eq!(normalise_time("14:05"), "14:05");
        assert_eq!(normalise_time("25:00"), "25:00");
        assert_eq!(normalise_time("9:3"), "9:3");
        assert_eq!(normalise_time("é:30"), "é:30");
    }
}
