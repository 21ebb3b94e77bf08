//! Dates as people type them into a date box, read into a day: `t` for
//! today, `y` for yesterday, `3/3/2026` (or with dots or dashes), a
//! two-digit year (`3/3/26`), a month by name (`3 mar`, `3 March 2026`,
//! `3rd Mar 26`), a day and month with no year (this year), and the
//! stored `2026-03-03`. Pure: today is passed in, never read here.
//!
//! A day that cannot exist is said as such ("there is no 31 February
//! 2026"), not as a wrong format, so the person knows what to fix.

use crate::record::ValueError;
use crate::record::parse_date;
use chrono::{Datelike, NaiveDate};

/// A two-digit year is read as the one nearest today that is at most
/// this many years ahead: `26` is 2026, and in 2026 `98` is 1998.
const YEARS_AHEAD: i32 = 10;

/// Reads a typed date, or says why it is not one. The answer to "31/02"
/// is `NoSuchDay`, to "soon" `NotADate`.
pub fn read_typed_date(typed: &str, today: NaiveDate) -> Result<NaiveDate, ValueError> {
    let t = typed.trim();
    let lower = t.to_lowercase();
    match lower.as_str() {
        "t" | "today" => return Ok(today),
        "y" | "yesterday" => return today.pred_opt().ok_or(ValueError::NotADate),
        _ => {}
    }
    if let Some(d) = parse_date(t) {
        return Ok(d);
    }
    let (day, month, year) = parts(&lower).ok_or(ValueError::NotADate)?;
    let year = match year {
        None => today.year(),
        Some(Year::Full(y)) => y,
        Some(Year::Short(yy)) => near_year(yy, today),
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(if (1..=12).contains(&month) {
        if (1..=31).contains(&day) {
            ValueError::NoSuchDay { day, month, year }
        } else {
            ValueError::NotADate
        }
    } else {
        ValueError::NoSuchDay { day, month, year }
    })
}

/// The stored form (`YYYY-MM-DD`) of a typed date once it reads as one;
/// anything else comes back exactly as typed, so a half-typed date is
/// never thrown away (completeness then says what is wrong).
pub fn normalise_typed_date(typed: &str, today: NaiveDate) -> String {
    match read_typed_date(typed, today) {
        Ok(d) => d.format("%Y-%m-%d").to_string(),
        Err(_) => typed.to_owned(),
    }
}

/// A date as people read it, with its weekday: "Tue 03/03/2026" (the one
/// format of `crate::dates`).
pub fn date_with_weekday(d: NaiveDate) -> String {
    crate::dates::for_people(d)
}

/// A date as people read it: "03/03/2026".
pub fn date_for_people(d: NaiveDate) -> String {
    crate::dates::short(d)
}

/// A year as written: four digits, or two to be placed near today.
enum Year {
    Full(i32),
    Short(i32),
}

/// Day, month and (perhaps) year of `d/m[/y]` with `/`, `.` or `-`
/// between, or `d month [y]` with spaces (commas and "st", "nd", "rd",
/// "th" after the day allowed).
fn parts(t: &str) -> Option<(u32, u32, Option<Year>)> {
    let words: Vec<&str> = if t.contains(['/', '.', '-']) {
        t.split(['/', '.', '-']).map(str::trim).collect()
    } else {
        t.split([' ', ','])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
    };
    let (d, m, y) = match words.as_slice() {
        // Year first (`2026-02-30`): the stored shape, or near it.
        [y, m, d] if number(y, 4, 4).is_some() => (*d, *m, Some(*y)),
        [d, m] => (*d, *m, None),
        [d, m, y] => (*d, *m, Some(*y)),
        _ => return None,
    };
    let day = number(strip_ordinal(d), 1, 2)?;
    let month = number(m, 1, 2).or_else(|| month_named(m))?;
    let year = match y {
        None => None,
        Some(y) if y.len() == 4 => Some(Year::Full(i32::try_from(number(y, 4, 4)?).ok()?)),
        Some(y) => Some(Year::Short(i32::try_from(number(y, 2, 2)?).ok()?)),
    };
    Some((day, month, year))
}

/// Digits only (ASCII: other scripts' digits are not read as a date),
/// between `lo` and `hi` of them.
fn number(s: &str, lo: usize, hi: usize) -> Option<u32> {
    ((lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn strip_ordinal(d: &str) -> &str {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| d.strip_suffix(s))
        .unwrap_or(d)
}

/// A month by its name or the start of it, three letters at least
/// ("mar", "march", "sept").
fn month_named(m: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if m.chars().count() < 3 {
        return None;
    }
    let i = NAMES.iter().position(|n| n.starts_with(m))?;
    u32::try_from(i + 1).ok()
}

/// The year ending in `yy` nearest today that is at most `YEARS_AHEAD`
/// after it: a visit next year and a birth last century both read right.
fn near_year(yy: i32, today: NaiveDate) -> i32 {
    let century = today.year() - today.year().rem_euclid(100);
    let year = century + yy;
    if year > today.year() + YEARS_AHEAD {
        year - 100
    } else {
        year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || day(2026, 3, 10);

    fn read(t: &str) -> Result<NaiveDate, ValueError> {
        read_typed_date(t, TODAY())
    }

    #[test]
    fn today_and_yesterday_by_one_letter() {
        assert_eq!(read("t"), Ok(TODAY()));
        assert_eq!(read(" T "), Ok(TODAY()));
        assert_eq!(read("today"), Ok(TODAY()));
        assert_eq!(read("y"), Ok(day(2026, 3, 9)));
        assert_eq!(read("Yesterday"), Ok(day(2026, 3, 9)));
        // Across a month and a year.
        assert_eq!(read_typed_date("y", day(2026, 1, 1)), Ok(day(2025, 12, 31)));
    }

    #[test]
    fn numbers_with_four_or_two_digit_years() {
        assert_eq!(read("3/3/2026"), Ok(day(2026, 3, 3)));
        assert_eq!(read("03/03/2026"), Ok(day(2026, 3, 3)));
        assert_eq!(read("3.3.2026"), Ok(day(2026, 3, 3)));
        assert_eq!(read("3-3-2026"), Ok(day(2026, 3, 3)));
        assert_eq!(read("3/3/26"), Ok(day(2026, 3, 3)));
        assert_eq!(read("3/3/36"), Ok(day(2036, 3, 3)));
        assert_eq!(read("3/3/37"), Ok(day(1937, 3, 3)));
        assert_eq!(read("5/6/98"), Ok(day(1998, 6, 5)));
        assert_eq!(read("2026-03-03"), Ok(day(2026, 3, 3)));
        assert_eq!(read("2026-3-3"), Ok(day(2026, 3, 3)));
        assert_eq!(
            read("2026-02-30").unwrap_err().to_string(),
            "there is no 30 February 2026"
        );
    }

    #[test]
    fn a_day_and_month_with_no_year_is_this_year() {
        assert_eq!(read("3/3"), Ok(day(2026, 3, 3)));
        assert_eq!(read("3 mar"), Ok(day(2026, 3, 3)));
        assert_eq!(read("25 dec"), Ok(day(2026, 12, 25)));
    }

    #[test]
    fn month_names_short_and_long_in_any_case() {
        assert_eq!(read("3 March 2026"), Ok(day(2026, 3, 3)));
        assert_eq!(read("3 MAR 26"), Ok(day(2026, 3, 3)));
        assert_eq!(read("3rd March, 2026"), Ok(day(2026, 3, 3)));
        assert_eq!(read("21st sept 2025"), Ok(day(2025, 9, 21)));
        assert_eq!(read("1 ju 2026"), Err(ValueError::NotADate));
        assert_eq!(read("1 jun 2026"), Ok(day(2026, 6, 1)));
        assert_eq!(read("1 jul 2026"), Ok(day(2026, 7, 1)));
    }

    #[test]
    fn a_day_that_cannot_exist_is_said_as_such() {
        let no_31_feb = read("31/02").unwrap_err();
        assert_eq!(no_31_feb.to_string(), "there is no 31 February 2026");
        assert_eq!(
            read("31 feb 2026").unwrap_err().to_string(),
            "there is no 31 February 2026"
        );
        assert_eq!(
            read("31/04/2026"),
            Err(ValueError::NoSuchDay {
                day: 31,
                month: 4,
                year: 2026
            })
        );
        assert_eq!(
            read("1/13/2026").unwrap_err().to_string(),
            "there is no month 13 (months go from 1 to 12)"
        );
        assert_eq!(read("32/01/2026"), Err(ValueError::NotADate));
        assert_eq!(read("0/01/2026"), Err(ValueError::NotADate));
    }

    #[test]
    fn the_29th_of_february_only_in_a_leap_year() {
        assert_eq!(read("29/02/2028"), Ok(day(2028, 2, 29)));
        assert_eq!(read("29/02/2000"), Ok(day(2000, 2, 29)));
        assert_eq!(
            read("29/02/2026").unwrap_err().to_string(),
            "there is no 29 February 2026"
        );
        assert_eq!(
            read("29/02/2100").unwrap_err().to_string(),
            "there is no 29 February 2100"
        );
        // No year: this year, which in 2026 has no 29 February.
        assert_eq!(
            read("29 feb").unwrap_err().to_string(),
            "there is no 29 February 2026"
        );
        assert_eq!(
            read_typed_date("29 feb", day(2028, 1, 5)),
            Ok(day(2028, 2, 29))
        );
    }

    #[test]
    fn half_typed_and_other_text_is_not_a_date_and_kept_as_typed() {
        for t in [
            "",
            "3",
            "3/",
            "3/3/2",
            "3/3/202",
            "x/y/zzzz",
            "soon",
            "٣/١/٢٠٢٦",
            "ty",
        ] {
            assert!(read(t).is_err(), "{t}");
            assert_eq!(normalise_typed_date(t, TODAY()), t);
        }
        assert_eq!(normalise_typed_date(" 3 mar ", TODAY()), "2026-03-03");
    }

    #[test]
    fn dates_for_people_are_day_first_with_the_weekday() {
        assert_eq!(date_with_weekday(day(2026, 3, 3)), "Tue 03/03/2026");
        assert_eq!(date_for_people(day(2026, 12, 25)), "25/12/2026");
    }
}
