//! How dates and times are written in the file: dates as `YYYY-MM-DD`,
//! instants as UTC `YYYY-MM-DDTHH:MM:SS.mmmZ`. Both sort correctly as text,
//! so SQLite can order and index them without any date functions.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type};

/// A date as stored.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An instant as stored.
pub(crate) fn instant_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn bad(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

/// Reads a stored date.
pub(crate) fn get_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    // The stored form, read in place: a large file's due list reads
    // hundreds of thousands (issue 12). Anything else takes chrono's way,
    // with its errors.
    if let Ok(rusqlite::types::ValueRef::Text(b)) = row.get_ref(idx)
        && let Some(d) = plain_date(b)
    {
        return Ok(d);
    }
    let s: String = row.get(idx)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| bad(idx, e))
}

/// `YYYY-MM-DD` exactly, four, two and two ASCII digits, as a date;
/// `None` for anything else (left to chrono).
fn plain_date(b: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return None;
    };
    let num = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(&[y0, y1, y2, y3])?).ok()?;
    NaiveDate::from_ymd_opt(year, num(&[m0, m1])?, num(&[d0, d1])?)
}

/// Reads a stored date that may be missing.
pub(crate) fn get_opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| bad(idx, e)))
        .transpose()
}

/// Reads a stored instant.
pub(crate) fn get_instant(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let s: String = row.get(idx)?;
    parse_instant(&s).map_err(|e| bad(idx, e))
}

/// Reads a stored instant that may be missing.
pub(crate) fn get_opt_instant(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| parse_instant(&s).map_err(|e| bad(idx, e)))
        .transpose()
}

pub(crate) fn parse_instant(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc))
}

/// A stored value that is not one of the words a column allows.
pub(crate) fn unknown_word(idx: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(FromSqlError::InvalidType))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stored_text_sorts_like_time() {
        let a = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let b = a + chrono::Duration::milliseconds(1);
        assert!(instant_text(a) < instant_text(b));
        assert_eq!(instant_text(a), "2026-01-02T03:04:05.000Z");
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(date_text(d), "2026-03-09");
    }

    #[test]
    fn plain_dates_read_as_chrono_reads_them() {
        let texts = [
            "2026-03-09",
            "0001-01-01",
            "0000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "20260309",
            "+2026-03-09",
            " 2026-03-09",
            "2026-03-0a",
            "2026-03-09 ",
        ];
        for s in texts {
            let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            match plain_date(s.as_bytes()) {
                Some(d) => assert_eq!(Some(d), chrono, "{s}"),
                // Left to chrono, which then reads it (or refuses it).
                None => assert!(s.len() != 10 || chrono.is_none(), "{s}"),
            }
        }
    }
}
