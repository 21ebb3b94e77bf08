//! `casenotes due --json` items written straight into a byte buffer: the
//! same bytes as serde_json's compact form of a [`DueItem`] passed through
//! [`escape_json_controls`], without building a string per item and
//! scanning it twice. A team's list on a large file is 235,517 items, and
//! the two escaping passes were a third of the command's time (issue 12,
//! docs/performance.md). `tests` below check the bytes against serde_json.
//!
//! [`DueItem`]: crate::timescale::DueItem
//! [`escape_json_controls`]: crate::safe_text::escape_json_controls

use crate::safe_text::is_hidden_control;
use crate::timescale::{DueRef, Urgency, What};
use chrono::{Datelike, NaiveDate};
use std::io::Write;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Bytes that may start a character to escape: C0 controls, `"`, `\`,
/// DEL, and the lead bytes of the C1 controls (0xC2) and of the direction
/// marks (0xE2). Any other byte is copied as it is.
const MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t
};

/// Appends `s`'s JSON string contents: `"`, `\` and C0 controls escaped as
/// serde_json escapes them, and every other hidden control (DEL, C1,
/// direction marks) as `\uXXXX`, as `escape_json_controls` does. One pass
/// over the bytes, copying runs that need nothing.
pub fn push_str_contents(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !MAY_ESCAPE[usize::from(b)] {
            i += 1;
            continue;
        }
        // Every byte in the table is ASCII or a lead byte (0xC2 and 0xE2
        // are never continuation bytes), so `i` is a character boundary.
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        let escape: &[u8] = match c {
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\u{8}' => b"\\b",
            '\u{c}' => b"\\f",
            '\n' => b"\\n",
            '\r' => b"\\r",
            '\t' => b"\\t",
            c if is_hidden_control(c) => b"",
            _ => {
                i = next;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..i]);
        if escape.is_empty() {
            // Every hidden control is in the Basic Multilingual Plane, so
            // four hex digits always hold it (as in safe_text).
            let n = c as u32;
            out.extend_from_slice(b"\\u");
            for shift in [12, 8, 4, 0] {
                out.push(hex_digit((n >> shift) & 0xf));
            }
        } else {
            out.extend_from_slice(escape);
        }
        copied = next;
        i = next;
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// The digit for a value below 16 (a higher one gives `?`, never a panic).
fn hex_digit(n: u32) -> u8 {
    usize::try_from(n)
        .ok()
        .and_then(|i| HEX.get(i))
        .copied()
        .unwrap_or(b'?')
}

/// Appends `s` as a JSON string, quotes included.
fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    push_str_contents(out, s);
    out.push(b'"');
}

/// Appends a number's decimal digits.
fn push_int(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    let mut v = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // The remainder is below 10, so the conversion cannot fail.
        digits[at] = b'0' + u8::try_from(v % 10).unwrap_or(0);
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Appends `n` (0..=9999) as `width` digits with leading zeros.
fn push_padded(out: &mut Vec<u8>, n: u32, width: usize) {
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    for d in &digits[4 - width..] {
        out.push(hex_digit(*d));
    }
}

/// The year when chrono writes it as four plain digits.
fn plain_year(d: NaiveDate) -> Option<u32> {
    u32::try_from(d.year()).ok().filter(|y| *y <= 9999)
}

/// Appends a date as serde writes a `NaiveDate`: `2026-03-03`.
fn push_iso_date(out: &mut Vec<u8>, d: NaiveDate) {
    match plain_year(d) {
        Some(y) => {
            push_padded(out, y, 4);
            out.push(b'-');
            push_padded(out, d.month(), 2);
            out.push(b'-');
            push_padded(out, d.day(), 2);
        }
        // Signed years (NaiveDate::MAX stands for "never"): chrono's own.
        None => {
            let _ = write!(out, "{d:?}");
        }
    }
}

/// Appends a date as `crate::dates::short` writes it: `03/03/2026`.
fn push_short_date(out: &mut Vec<u8>, d: NaiveDate) {
    match plain_year(d) {
        Some(y) => {
            push_padded(out, d.day(), 2);
            out.push(b'/');
            push_padded(out, d.month(), 2);
            out.push(b'/');
            push_padded(out, y, 4);
        }
        None => push_str_contents(out, &crate::dates::short(d)),
    }
}

fn urgency_name(u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => "overdue",
        Urgency::DueToday => "due_today",
        Urgency::DueThisWeek => "due_this_week",
        Urgency::Later => "later",
    }
}

/// Appends one item as compact JSON, fields in `DueItem`'s order.
pub fn push_item(out: &mut Vec<u8>, i: &DueRef<'_>) {
    out.extend_from_slice(b"{\"urgency\":\"");
    out.extend_from_slice(urgency_name(i.urgency).as_bytes());
    out.extend_from_slice(b"\",\"due\":\"");
    push_iso_date(out, i.due);
    out.extend_from_slice(b"\",\"working_days_overdue\":");
    push_int(out, i.working_days_overdue);
    out.extend_from_slice(b",\"family_id\":");
    push_int(out, i.family_id.0);
    out.extend_from_slice(b",\"family_reference\":");
    push_str(out, i.family_reference);
    out.extend_from_slice(b",\"family_name\":");
    push_str(out, i.family_name);
    out.extend_from_slice(b",\"record_id\":");
    match i.record_id {
        Some(r) => push_int(out, r.0),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"what\":\"");
    match i.what {
        What::Finish { title, event_date } => {
            out.extend_from_slice(b"Finish ");
            push_str_contents(out, title);
            match event_date {
                Some(d) => {
                    out.extend_from_slice(b" of ");
                    push_short_date(out, d);
                }
                None => out.extend_from_slice(b" (no event date yet)"),
            }
        }
        What::Text(t) => push_str_contents(out, t),
    }
    out.extend_from_slice(b"\",\"owner\":");
    match i.owner {
        Some(o) => push_str(out, o),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"source\":");
    push_str(out, i.source);
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{FamilyId, RecordId};
    use crate::safe_text::escape_json_controls;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// Every kind of awkward text and value, against serde_json and the
    /// terminal escaping the command used before.
    #[test]
    fn writes_what_serde_and_the_escaping_wrote() {
        let nasty = "Ex\"am\\ple\u{1b}[31m\n\t\r\u{8}\u{c}\u{0}\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{200f} fam\u{e9}ly \u{1F600}";
        let dates = [
            date(2026, 3, 3),
            date(1, 1, 9),
            NaiveDate::MAX,
            NaiveDate::MIN,
        ];
        let whats = [
            What::Text(nasty),
            What::Text("Visit"),
            What::Finish {
                title: nasty,
                event_date: Some(date(2026, 1, 2)),
            },
            What::Finish {
                title: "Home visit",
                event_date: None,
            },
            What::Finish {
                title: "Home visit",
                event_date: Some(NaiveDate::MAX),
            },
        ];
        let urgencies = [
            Urgency::Overdue,
            Urgency::DueToday,
            Urgency::DueThisWeek,
            Urgency::Later,
        ];
        let mut n = 0;
        for (k, what) in whats.into_iter().enumerate() {
            for (j, due) in dates.into_iter().enumerate() {
                let item = DueRef {
                    urgency: urgencies[(k + j) % 4],
                    due,
                    working_days_overdue: [0, 982, -3, i64::MAX, i64::MIN][(k + j) % 5],
                    family_id: FamilyId([1, -7, i64::MAX][j % 3]),
                    family_reference: if j % 2 == 0 { "EX-00979" } else { nasty },
                    family_name: if k % 2 == 0 {
                        nasty
                    } else {
                        "Family Example-00979"
                    },
                    record_id: [None, Some(RecordId(19580))][k % 2],
                    what,
                    // Plain ASCII but for one character each, besides
                    // the text with everything.
                    owner: [
                        None,
                        Some("example.worker19"),
                        Some(nasty),
                        Some("example\u{7f}worker"),
                        Some("example \"worker\""),
                        Some("example\\worker\u{1f}"),
                        // Lead bytes 0xC2 and 0xE2 of characters that stay.
                        Some("example \u{a3}5 \u{2019}quoted\u{2019} \u{2014} \u{20ac}\u{a7}"),
                    ][(k + j) % 7],
                    source: if j == 1 {
                        nasty
                    } else {
                        "seed 001_e08e81dd70c4fa85.txt §4"
                    },
                };
                let owned = serde_json::to_string(&item.to_item()).unwrap_or_default();
                let expected = escape_json_controls(&owned);
                let mut got = Vec::new();
                push_item(&mut got, &item);
                assert_eq!(String::from_utf8_lossy(&got), expected, "{item:?}");
                n += 1;
            }
        }
        assert_eq!(n, 20);
    }
}
