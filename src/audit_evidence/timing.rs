//! The standards about time: records written up within 10 working days
//! (seed 002_66f790c2d2b6d6fc.txt standard 9, counted with the due list's
//! calendar), a chronology and a case summary (standard 10), active or
//! closed (standard 18) and management oversight (standard 20).

use super::{FileFacts, Found, Item, Proposal, RecordFacts, Rules};
use chrono::{Months, NaiveDate};

/// Seed 002 standard 9: no entry more than ten working days behind.
pub const WRITE_UP_WORKING_DAYS: i64 = 10;

/// The forms that are management oversight (the due list's
/// `management_oversight` duty, src/timescale/duties.toml) and the audit
/// itself (seed 002 standard 20: audits are monitoring too).
const OVERSIGHT_FORMS: [&str; 3] = ["management_oversight", "case_supervision", "audit"];

/// How recent oversight must be: the built-in duty's month (seed
/// 000_80c8a2bb2a6002b3.txt §3).
const OVERSIGHT_MONTHS: u32 = 1;

fn sorted(file: &FileFacts) -> Vec<&RecordFacts> {
    let mut v: Vec<_> = file.records.iter().collect();
    v.sort_by_key(|r| (r.event_date, r.id));
    v
}

fn plural(n: i64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// Standard 9: each record's write-up against its event, in working days.
pub(super) fn up_to_date(file: &FileFacts, rules: &Rules<'_>) -> Found {
    let cal = rules.calendar;
    let mut items = Vec::new();
    let (mut on_time, mut all) = (0, 0);
    for r in sorted(file) {
        if r.event_date > rules.today {
            continue;
        }
        all += 1;
        let (written, draft) = match r.finalised_on {
            Some(d) => (d, false),
            None => (rules.today, true),
        };
        let days = cal.working_days_between(r.event_date, written);
        if days <= WRITE_UP_WORKING_DAYS {
            on_time += 1;
            continue;
        }
        let late = plural(days - WRITE_UP_WORKING_DAYS, "working day");
        items.push(Item::about(
            r,
            if draft {
                format!(
                    "{} is still a draft {} after its event: {late} late.",
                    rules.label(r),
                    plural(days, "working day")
                )
            } else {
                format!(
                    "{} was finalised on {}, {} after its event: {late} late.",
                    rules.label(r),
                    crate::dates::for_people(written),
                    plural(days, "working day")
                )
            },
        ));
    }
    if all == 0 {
        return (
            Proposal::No,
            "There are no records to judge.".into(),
            Vec::new(),
        );
    }
    let summary = format!(
        "{on_time} of {all} records were written up within {WRITE_UP_WORKING_DAYS} working days of their event."
    );
    (Proposal::of(on_time, all), summary, items)
}

/// Standard 10: a chronology entry or significant event since the last
/// audit (or since the case opened), and the date of the last finalised
/// case summary.
pub(super) fn chronology_and_summary(file: &FileFacts, rules: &Rules<'_>) -> Found {
    let records = sorted(file);
    let last_audit = records
        .iter()
        .filter(|r| r.form_id == "audit" && r.finalised_on.is_some())
        .map(|r| r.event_date)
        .max();
    let since = last_audit.unwrap_or(file.opened_on);
    let period = match last_audit {
        Some(d) => format!("since the last audit on {}", crate::dates::for_people(d)),
        None => format!(
            "since the case opened on {}",
            crate::dates::for_people(file.opened_on)
        ),
    };
    let entries: Vec<NaiveDate> = file
        .chronology
        .iter()
        .copied()
        .filter(|d| *d >= since)
        .collect();
    let events: Vec<&&RecordFacts> = records
        .iter()
        .filter(|r| r.significant && r.finalised_on.is_some() && r.event_date >= since)
        .collect();
    let mut items = Vec::new();
    let chronology = !entries.is_empty() || !events.is_empty();
    if chronology {
        let latest = entries
            .iter()
            .copied()
            .chain(events.iter().map(|r| r.event_date))
            .max();
        items.push(Item {
            text: format!(
                "The chronology has {} and {} {period}{}.",
                plural(i64::try_from(entries.len()).unwrap_or(i64::MAX), "entry")
                    .replace("entrys", "entries"),
                plural(
                    i64::try_from(events.len()).unwrap_or(i64::MAX),
                    "significant event"
                ),
                latest.map_or(String::new(), |d| {
                    format!(", the latest on {}", crate::dates::for_people(d))
                })
            ),
            record: None,
            date: latest,
        });
    } else {
        items.push(Item::plain(format!(
            "The chronology has no entry and no significant event {period}."
        )));
    }
    let summary_record = records
        .iter()
        .filter(|r| r.form_id == "case_summary" && r.finalised_on.is_some())
        .max_by_key(|r| (r.event_date, r.id));
    match summary_record {
        Some(r) => items.push(Item::about(
            r,
            format!("The last case summary is {}.", rules.label(r)),
        )),
        None => items.push(Item::plain("There is no finalised case summary.".into())),
    }
    let good = usize::from(chronology) + usize::from(summary_record.is_some());
    let summary = match good {
        2 => "The chronology is kept up and there is a case summary.",
        1 if chronology => "The chronology is kept up, but there is no case summary.",
        1 => "There is a case summary, but nothing new in the chronology.",
        _ => "Neither the chronology nor a case summary shows the period.",
    };
    (Proposal::of(good, 2), summary.into(), items)
}

/// Standard 18: active, or closed with its date and a closure record.
pub(super) fn active_or_closed(file: &FileFacts, rules: &Rules<'_>) -> Found {
    match file.closed_on {
        None => (
            Proposal::Yes,
            format!(
                "The case is recorded as active, open since {}.",
                crate::dates::for_people(file.opened_on)
            ),
            Vec::new(),
        ),
        Some(closed) => {
            let closure = sorted(file)
                .into_iter()
                .rfind(|r| r.form_id == "closure" && r.finalised_on.is_some());
            match closure {
                Some(r) => (
                    Proposal::Yes,
                    format!(
                        "The case is recorded as closed on {}.",
                        crate::dates::for_people(closed)
                    ),
                    vec![Item::about(
                        r,
                        format!("The closure is recorded in {}.", rules.label(r)),
                    )],
                ),
                None => (
                    Proposal::Partly,
                    format!(
                        "The case is recorded as closed on {}, but no closure record is finalised.",
                        crate::dates::for_people(closed)
                    ),
                    Vec::new(),
                ),
            }
        }
    }
}

/// Standard 20: finalised oversight records, and how long since the last.
pub(super) fn oversight(file: &FileFacts, rules: &Rules<'_>) -> Found {
    let done: Vec<&RecordFacts> = sorted(file)
        .into_iter()
        .filter(|r| OVERSIGHT_FORMS.contains(&r.form_id.as_str()) && r.finalised_on.is_some())
        .collect();
    let Some(last) = done.last() else {
        return (
            Proposal::No,
            "There is no finalised management oversight, supervision or audit on the file.".into(),
            Vec::new(),
        );
    };
    let days = (rules.today - last.event_date).num_days();
    let recent = last
        .event_date
        .checked_add_months(Months::new(OVERSIGHT_MONTHS))
        .is_none_or(|d| d >= rules.today);
    let items = vec![Item::about(
        last,
        format!(
            "The last is {}, {} ago.",
            rules.label(last),
            plural(days, "day")
        ),
    )];
    let summary = format!(
        "{} of oversight on the file; the last {}.",
        plural(i64::try_from(done.len()).unwrap_or(i64::MAX), "record"),
        if recent {
            "is within the month"
        } else {
            "is more than a month old"
        }
    );
    (
        if recent {
            Proposal::Yes
        } else {
            Proposal::Partly
        },
        summary,
        items,
    )
}
