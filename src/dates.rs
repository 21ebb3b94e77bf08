//! The one way dates and times are shown to people: day/month/year with the
//! weekday ("Tue 03/03/2026"), as British practitioners write them and as
//! the guidance's templates print them. Stored values and JSON stay ISO
//! (`YYYY-MM-DD`), so that files sort and scripts parse; only what a person
//! reads goes through here. A test in `tests/it/layers.rs` keeps other
//! display formats out of the screens and exports.

use chrono::{DateTime, Local, NaiveDate, Utc};

/// A date as a person reads it: "Tue 03/03/2026".
pub fn for_people(d: NaiveDate) -> String {
    d.format("%a %d/%m/%Y").to_string()
}

/// A date in a narrow column, without the weekday: "03/03/2026".
pub fn short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A moment from the store as a person reads it, in local time:
/// "Tue 03/03/2026 14:05".
pub fn moment(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .format("%a %d/%m/%Y %H:%M")
        .to_string()
}

/// A moment in a narrow column, without the weekday: "03/03/2026 14:05".
pub fn short_moment(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%d/%m/%Y %H:%M").to_string()
}

/// A stored `YYYY-MM-DD` text as a person reads it; text that is not a
/// stored date (a half-typed draft answer) is returned unchanged, because
/// it is the person's own words and must be shown as they typed them.
pub fn stored_for_people(text: &str) -> String {
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) if text.trim().len() == 10 => for_people(d),
        _ => text.to_owned(),
    }
}

/// A date as JSON and the store hold it: "2026-03-03".
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn people_read_day_month_year_with_the_weekday() {
        assert_eq!(for_people(d(2026, 3, 3)), "Tue 03/03/2026");
        assert_eq!(short(d(2026, 12, 25)), "25/12/2026");
        assert_eq!(iso(d(2026, 3, 3)), "2026-03-03");
    }

    #[test]
    fn stored_dates_are_shown_and_anything_else_kept_as_typed() {
        assert_eq!(stored_for_people("2026-11-20"), "Fri 20/11/2026");
        assert_eq!(stored_for_people("20/11"), "20/11");
        assert_eq!(stored_for_people("2026-02-31"), "2026-02-31");
        assert_eq!(stored_for_people("last week"), "last week");
    }
}
