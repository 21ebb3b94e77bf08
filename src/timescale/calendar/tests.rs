//! Tests of `calendar`, kept beside it in a file of their own.

#![allow(clippy::cast_possible_wrap, clippy::cast_sign_loss)] // small test dates and counts
use super::*;
use chrono::Months;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cal() -> Calendar {
    Calendar::england_and_wales()
}

// --- The table itself -------------------------------------------------

#[test]
fn embedded_table_parses_and_covers_whole_years() {
    let calendar = parse_table(EMBEDDED_TABLE).unwrap();
    assert_eq!(calendar.covered_from(), d(2018, 1, 1));
    assert_eq!(calendar.covered_until(), d(2030, 12, 31));
    assert_eq!(calendar, cal());
}

#[test]
fn embedded_table_keeps_the_govuk_shape() {
    let value: serde_json::Value = serde_json::from_str(EMBEDDED_TABLE).unwrap();
    let division = &value["england-and-wales"];
    assert_eq!(division["division"], "england-and-wales");
    let events = division["events"].as_array().unwrap();
    let mut previous: Option<NaiveDate> = None;
    for event in events {
        assert!(event["title"].is_string(), "{event}");
        assert!(event["notes"].is_string(), "{event}");
        assert!(event["bunting"].is_boolean(), "{event}");
        let date: NaiveDate = event["date"].as_str().unwrap().parse().unwrap();
        assert!(is_weekday(date), "{date} falls at a weekend: {event}");
        if let Some(previous) = previous {
            assert!(previous < date, "{date} is out of order or repeated");
        }
        previous = Some(date);
    }
}

#[test]
fn parse_table_rejects_an_empty_table() {
    let empty = r#"{"england-and-wales": {"division": "england-and-wales", "events": []}}"#;
    assert!(parse_table(empty).is_err());
}

#[test]
fn bank_holiday_table_reaches_at_least_a_year_ahead() {
    let today = chrono::Local::now().date_naive();
    let needed = today.checked_add_months(Months::new(12)).unwrap();
    let until = cal().covered_until();
    assert!(
        until >= needed,
        "src/timescale/bank-holidays.json only covers England and Wales bank holidays \
         until {until}, less than a year after today ({today}); past that date due dates \
         ignore bank holidays. Extend bank-holidays.json with the next years' \
         \"england-and-wales\" events from https://www.gov.uk/bank-holidays.json (or, for \
         years GOV.UK has not yet published, from the rules in src/timescale/mod.rs), and \
         extend the one-offs in `table_follows_the_statutory_rules_every_year` if any."
    );
}

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let dd = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - dd - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    d(year, month as u32, day as u32)
}

fn nth_monday(year: i32, month: u32, from_end: bool) -> NaiveDate {
    let days: Vec<NaiveDate> = d(year, month, 1)
        .iter_days()
        .take_while(|day| day.month() == month)
        .filter(|day| day.weekday() == Weekday::Mon)
        .collect();
    if from_end {
        *days.last().unwrap()
    } else {
        days[0]
    }
}

fn next_weekday(date: NaiveDate) -> NaiveDate {
    date.iter_days().find(|day| is_weekday(*day)).unwrap()
}

fn rule_holidays(year: i32) -> BTreeSet<NaiveDate> {
    let mut days = BTreeSet::new();
    days.insert(next_weekday(d(year, 1, 1)));
    let easter = easter_sunday(year);
    days.insert(easter - chrono::Days::new(2));
    days.insert(easter + chrono::Days::new(1));
    days.insert(nth_monday(year, 5, false));
    days.insert(nth_monday(year, 5, true));
    days.insert(nth_monday(year, 8, true));
    // The first two weekdays from the 25th. Which of them is called the
    // substitute for which (Boxing Day may come before Christmas's
    // substitute) does not change the set of days.
    let christmas = next_weekday(d(year, 12, 25));
    days.insert(christmas);
    days.insert(next_weekday(christmas.succ_opt().unwrap()));
    days
}

#[test]
fn table_follows_the_statutory_rules_every_year() {
    // Changes made by proclamation: (rule date, date actually observed).
    let moved = [
        (d(2020, 5, 4), d(2020, 5, 8)),  // Early May moved to VE Day
        (d(2022, 5, 30), d(2022, 6, 2)), // Spring moved for the Platinum Jubilee
    ];
    let added = [
        d(2022, 6, 3),  // Platinum Jubilee bank holiday
        d(2022, 9, 19), // State Funeral of Queen Elizabeth II
        d(2023, 5, 8),  // Coronation of King Charles III
    ];
    let calendar = cal();
    for year in calendar.covered_from().year()..=calendar.covered_until().year() {
        let mut expected = rule_holidays(year);
        for (rule, observed) in moved.iter().filter(|(rule, _)| rule.year() == year) {
            assert!(expected.remove(rule));
            expected.insert(*observed);
        }
        expected.extend(added.iter().filter(|day| day.year() == year));
        let listed: BTreeSet<NaiveDate> = calendar
            .closed_weekdays
            .0
            .iter()
            .filter(|day| day.year() == year)
            .copied()
            .collect();
        assert_eq!(
            listed, expected,
            "bank-holidays.json for {year} differs from the rules; a new one-off belongs in \
             `moved` or `added` here"
        );
    }
}

#[test]
fn known_published_dates_are_bank_holidays() {
    let calendar = cal();
    for date in [
        d(2019, 4, 22),  // Easter Monday
        d(2024, 4, 1),   // Easter Monday
        d(2025, 4, 21),  // Easter Monday
        d(2026, 4, 6),   // Easter Monday
        d(2020, 12, 28), // Boxing Day, substitute
        d(2022, 1, 3),   // New Year's Day, substitute
        d(2021, 12, 27), // Christmas Day, substitute
        d(2021, 12, 28), // Boxing Day, substitute
        d(2022, 12, 27), // Christmas Day, substitute
    ] {
        assert!(is_weekday(date), "{date}");
        assert!(
            !calendar.is_working_day(date),
            "{date} should be a bank holiday"
        );
    }
    // The days those substitutes stand in for are weekends.
    for date in [
        d(2020, 12, 26),
        d(2022, 1, 1),
        d(2021, 12, 25),
        d(2022, 12, 25),
    ] {
        assert!(!is_weekday(date), "{date}");
    }
}

// --- Arithmetic ---------------------------------------------------------
// Timescales count working days after the event (seed
// 001_e08e81dd70c4fa85.txt §4: home visits within 5 working days, 2 for a
// child on a plan; seed 003_e0d5b8f8efac37da.txt §4 and Appendix A: case
// notes within three working days, plans within 5, records within 15).

#[test]
fn weekends_are_not_working_days() {
    let calendar = cal();
    // Day 0 is the event itself, so a Friday visit is due the next Friday.
    assert_eq!(
        calendar.add_working_days(d(2026, 11, 20), 5),
        d(2026, 11, 27)
    );
    assert_eq!(
        calendar.add_working_days(d(2026, 11, 20), 1),
        d(2026, 11, 23)
    );
    assert_eq!(
        calendar.add_working_days(d(2026, 11, 20), 0),
        d(2026, 11, 20)
    );
    // An event at the weekend: Monday is the first working day after it.
    assert_eq!(
        calendar.add_working_days(d(2026, 11, 21), 1),
        d(2026, 11, 23)
    );
    assert_eq!(
        calendar.add_working_days(d(2026, 11, 22), 2),
        d(2026, 11, 24)
    );
    assert_eq!(
        calendar.add_working_days(d(2026, 11, 19), 2),
        d(2026, 11, 23)
    );
    assert!(!calendar.is_working_day(d(2026, 11, 21)));
    assert!(calendar.is_working_day(d(2026, 11, 23)));
}

#[test]
fn working_days_between_counts_after_a_through_b() {
    let calendar = cal();
    assert_eq!(
        calendar.working_days_between(d(2026, 11, 20), d(2026, 11, 20)),
        0
    );
    assert_eq!(
        calendar.working_days_between(d(2026, 11, 20), d(2026, 11, 21)),
        0
    );
    assert_eq!(
        calendar.working_days_between(d(2026, 11, 20), d(2026, 11, 23)),
        1
    );
    assert_eq!(
        calendar.working_days_between(d(2026, 11, 20), d(2026, 11, 27)),
        5
    );
    assert_eq!(
        calendar.working_days_between(d(2026, 11, 27), d(2026, 11, 20)),
        -5
    );
    // Christmas 2026: 25th and Boxing Day substitute 28th, New Year 1 Jan.
    assert_eq!(
        calendar.working_days_between(d(2026, 12, 23), d(2027, 1, 4)),
        5
    );
}

#[test]
fn christmas_and_new_year() {
    let calendar = cal();
    // 2026: Christmas Friday, Boxing Day substitute Monday 28th, New Year Friday.
    assert_eq!(calendar.add_working_days(d(2026, 12, 23), 5), d(2027, 1, 4));
    assert_eq!(
        calendar.add_working_days(d(2026, 12, 24), 1),
        d(2026, 12, 29)
    );
    // 2021-22: Christmas at the weekend, substitutes 27th and 28th; New
    // Year's Day Saturday, substitute Monday 3 January.
    assert_eq!(
        calendar.add_working_days(d(2021, 12, 24), 2),
        d(2021, 12, 30)
    );
    assert_eq!(calendar.add_working_days(d(2021, 12, 30), 3), d(2022, 1, 5));
    // 2022: Christmas Sunday, Boxing Day Monday, Christmas substitute Tuesday.
    assert_eq!(
        calendar.add_working_days(d(2022, 12, 23), 1),
        d(2022, 12, 28)
    );
    // 2020: Christmas Friday, Boxing Day substitute Monday 28th.
    assert_eq!(
        calendar.add_working_days(d(2020, 12, 24), 1),
        d(2020, 12, 29)
    );
    // 2023: Christmas and Boxing Day Monday and Tuesday, New Year's Day
    // substitute was Monday 2 January.
    assert_eq!(calendar.add_working_days(d(2022, 12, 30), 1), d(2023, 1, 3));
    assert_eq!(
        calendar.add_working_days(d(2023, 12, 22), 2),
        d(2023, 12, 28)
    );
}

#[test]
fn easter() {
    let calendar = cal();
    assert_eq!(calendar.add_working_days(d(2019, 4, 18), 1), d(2019, 4, 23));
    assert_eq!(
        calendar.add_working_days(d(2024, 3, 25), 10),
        d(2024, 4, 10)
    );
    assert_eq!(calendar.add_working_days(d(2025, 4, 16), 5), d(2025, 4, 25));
    assert_eq!(calendar.add_working_days(d(2026, 4, 2), 2), d(2026, 4, 8));
    assert_eq!(
        calendar.working_days_between(d(2026, 4, 2), d(2026, 4, 7)),
        1
    );
}

#[test]
fn ve_day_2020_moved_the_early_may_holiday() {
    let calendar = cal();
    assert!(calendar.is_working_day(d(2020, 5, 4)));
    assert!(!calendar.is_working_day(d(2020, 5, 8)));
    assert_eq!(calendar.add_working_days(d(2020, 5, 1), 1), d(2020, 5, 4));
    assert_eq!(calendar.add_working_days(d(2020, 5, 7), 1), d(2020, 5, 11));
}

#[test]
fn platinum_jubilee_2022() {
    let calendar = cal();
    assert!(calendar.is_working_day(d(2022, 5, 30)));
    assert!(!calendar.is_working_day(d(2022, 6, 2)));
    assert!(!calendar.is_working_day(d(2022, 6, 3)));
    assert_eq!(calendar.add_working_days(d(2022, 6, 1), 1), d(2022, 6, 6));
    assert_eq!(
        calendar.working_days_between(d(2022, 5, 27), d(2022, 6, 6)),
        4
    );
}

#[test]
fn state_funeral_2022() {
    let calendar = cal();
    assert!(!calendar.is_working_day(d(2022, 9, 19)));
    assert_eq!(calendar.add_working_days(d(2022, 9, 16), 1), d(2022, 9, 20));
}

#[test]
fn coronation_2023_alongside_early_may() {
    let calendar = cal();
    assert!(!calendar.is_working_day(d(2023, 5, 1)));
    assert!(!calendar.is_working_day(d(2023, 5, 8)));
    assert_eq!(calendar.add_working_days(d(2023, 4, 28), 5), d(2023, 5, 9));
}

#[test]
fn working_days_before_a_meeting() {
    // Seed 003_e0d5b8f8efac37da.txt Appendix A: reports go to the chair
    // and family 1 (or 3) working days before the meeting.
    let calendar = cal();
    assert_eq!(
        calendar.sub_working_days(d(2026, 11, 23), 1),
        d(2026, 11, 20)
    );
    assert_eq!(
        calendar.sub_working_days(d(2026, 11, 24), 1),
        d(2026, 11, 23)
    );
    assert_eq!(
        calendar.sub_working_days(d(2026, 12, 29), 1),
        d(2026, 12, 24)
    );
    assert_eq!(calendar.sub_working_days(d(2019, 4, 23), 3), d(2019, 4, 16));
    assert_eq!(calendar.sub_working_days(d(2019, 4, 23), 0), d(2019, 4, 23));
}

#[test]
fn beyond_the_table_only_weekends_count() {
    let calendar = cal();
    let christmas_2031 = d(2031, 12, 25); // a Thursday
    assert!(!calendar.covers(christmas_2031));
    assert!(calendar.is_working_day(christmas_2031));
    assert!(!calendar.covers(d(2017, 12, 25)));
    assert!(calendar.covers(d(2018, 1, 1)));
    assert!(calendar.covers(d(2030, 12, 31)));
    assert_eq!(
        calendar.add_working_days(d(2031, 12, 24), 1),
        christmas_2031
    );
    // Crossing the edge still skips 2030's Christmas and Boxing Day.
    assert_eq!(calendar.add_working_days(d(2030, 12, 24), 5), d(2031, 1, 2));
}

#[test]
fn extreme_dates_saturate_instead_of_panicking() {
    let calendar = cal();
    assert_eq!(calendar.add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
    assert_eq!(
        calendar.add_working_days(d(2026, 1, 1), u32::MAX),
        NaiveDate::MAX
    );
    assert_eq!(calendar.sub_working_days(NaiveDate::MIN, 1), NaiveDate::MIN);
    assert!(calendar.working_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
}

#[test]
fn day_numbering_starts_on_a_monday() {
    assert_eq!(d(1, 1, 1).weekday(), Weekday::Mon);
    assert_eq!(day_index(d(1, 1, 1)), 0);
    assert_eq!(date_at(0), Some(d(1, 1, 1)));
}

// --- Local closures -----------------------------------------------------

const CLOSURES: &str = "\
# Office closed between Christmas and New Year
2026-12-24   # Christmas Eve

2026-12-29
2026-12-26   # a Saturday: harmless
2031-06-02   # beyond the bank holiday table, still honoured
";

#[test]
fn closures_parse_with_comments_and_blank_lines() {
    let dates = parse_closures(CLOSURES).unwrap();
    assert_eq!(
        dates,
        vec![
            d(2026, 12, 24),
            d(2026, 12, 29),
            d(2026, 12, 26),
            d(2031, 6, 2)
        ]
    );
    assert_eq!(parse_closures("").unwrap(), vec![]);
    assert_eq!(
        parse_closures("\u{feff}2026-12-24\r\n").unwrap(),
        vec![d(2026, 12, 24)]
    );
}

#[test]
fn closures_are_not_working_days() {
    let calendar = cal().with_closures(parse_closures(CLOSURES).unwrap());
    assert!(!calendar.is_working_day(d(2026, 12, 24)));
    assert!(!calendar.is_working_day(d(2031, 6, 2)));
    // 23rd (Wed) + 1: skip 24th closure, 25th, weekend, 28th, 29th closure.
    assert_eq!(
        calendar.add_working_days(d(2026, 12, 23), 1),
        d(2026, 12, 30)
    );
    assert_eq!(
        calendar.working_days_between(d(2026, 12, 23), d(2027, 1, 4)),
        3
    );
    assert_eq!(calendar.add_working_days(d(2031, 5, 30), 1), d(2031, 6, 3));
    // Local closures say nothing about bank holidays beyond the table.
    assert_eq!(calendar.covered_until(), cal().covered_until());
}

#[test]
fn closures_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("closures.txt");
    std::fs::write(&path, CLOSURES).unwrap();
    let calendar = cal().with_closures_file(&path).unwrap();
    assert!(!calendar.is_working_day(d(2026, 12, 29)));

    let missing = dir.path().join("absent.txt");
    let error = cal().with_closures_file(&missing).unwrap_err();
    assert!(matches!(error, CalendarError::ReadClosures { .. }));
    assert!(
        error.to_string().starts_with(&format!(
            "cannot read the closures file {}: ",
            missing.display()
        )),
        "{error}"
    );
}

#[test]
fn bad_closures_line_names_the_line_and_the_problem() {
    let text = "# closures\n2026-12-24\n\n2026-13-01\n";
    let error = parse_closures(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "closures list, line 4: there is no month 13 (the line reads \"2026-13-01\")"
    );
    let CalendarError::BadClosureLine { line, .. } = error else {
        panic!("wrong variant: {error:?}");
    };
    assert_eq!(line, 4);

    let problem = |text: &str| match parse_closures(text).unwrap_err() {
        CalendarError::BadClosureLine { problem, .. } => problem,
        other => panic!("wrong variant: {other:?}"),
    };
    assert_eq!(problem("2026-02-30"), "2026-02 has no day 30");
    assert_eq!(problem("24/12/2026"), "expected a date written YYYY-MM-DD");
    assert_eq!(problem("2026-1-05"), "expected a date written YYYY-MM-DD");
    assert_eq!(
        problem("Christmas Eve"),
        "expected a date written YYYY-MM-DD"
    );
    assert_eq!(
        problem("2026-12-24 2026-12-31"),
        "only one date per line (put any note after a #)"
    );
}

#[test]
fn bad_closures_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("closures.txt");
    std::fs::write(&path, "2026-12-24\n2026-12-32 # typo\n").unwrap();
    let error = cal().with_closures_file(&path).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}, line 2: 2026-12 has no day 32 (the line reads \"2026-12-32 # typo\")",
            path.display()
        )
    );
}

// --- Properties ---------------------------------------------------------

fn walk_add(calendar: &Calendar, from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap();
        if calendar.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

fn walk_between(calendar: &Calendar, a: NaiveDate, b: NaiveDate) -> i64 {
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let count = lo
        .iter_days()
        .skip(1)
        .take_while(|day| *day <= hi)
        .filter(|day| calendar.is_working_day(*day))
        .count();
    sign * count as i64
}

// From mid-2017 to mid-2031 so both edges of the table are crossed.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let lo = d(2017, 6, 1).num_days_from_ce();
    let hi = d(2031, 6, 30).num_days_from_ce();
    (lo..=hi).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

fn any_calendar() -> impl Strategy<Value = Calendar> {
    prop_oneof![
        Just(cal()),
        Just(cal().with_closures(parse_closures(CLOSURES).unwrap())),
    ]
}

proptest! {
    #[test]
    fn between_undoes_add(calendar in any_calendar(), a in any_date(), n in 0u32..200) {
        let due = calendar.add_working_days(a, n);
        prop_assert_eq!(calendar.working_days_between(a, due), i64::from(n));
        prop_assert_eq!(calendar.working_days_between(due, a), -i64::from(n));
        if n > 0 {
            prop_assert!(calendar.is_working_day(due));
        }
    }

    #[test]
    fn add_matches_a_day_by_day_walk(calendar in any_calendar(), a in any_date(), n in 0u32..200) {
        prop_assert_eq!(calendar.add_working_days(a, n), walk_add(&calendar, a, n));
    }

    #[test]
    fn between_matches_a_day_by_day_walk(calendar in any_calendar(), a in any_date(), b in any_date()) {
        prop_assert_eq!(calendar.working_days_between(a, b), walk_between(&calendar, a, b));
    }

    #[test]
    fn sub_undoes_add_on_working_days(calendar in any_calendar(), b in any_date(), n in 0u32..200) {
        let start = calendar.sub_working_days(b, n);
        prop_assert!(start <= b);
        if calendar.is_working_day(b) {
            prop_assert_eq!(calendar.add_working_days(start, n), b);
        }
        if n > 0 {
            prop_assert!(calendar.is_working_day(start));
            let working_before = start
                .iter_days()
                .take_while(|day| *day < b)
                .filter(|day| calendar.is_working_day(*day))
                .count();
            prop_assert_eq!(working_before, n as usize);
        }
    }
}
