//! The standards about the people around the child: professionals named
//! with role and agency (seed 002_66f790c2d2b6d6fc.txt standard 14), the
//! plan or looked-after status on the family (standard 17), and one record
//! per multi-agency meeting (standard 19).

use super::{FileFacts, Found, Item, Proposal, RecordFacts};
use crate::record::Value;
use std::collections::BTreeMap;

/// The forms that record a multi-agency meeting (seed 000 §1's planning
/// meeting, which the family and other agencies attend).
const MEETING_FORMS: [&str; 1] = ["planning_meeting"];

/// Standard 14: the family's professionals, and the people named in the
/// records' tables (attendees, people present) with a role and agency.
pub(super) fn professionals(file: &FileFacts) -> Found {
    let (mut good, mut all) = (0, 0);
    let mut items = Vec::new();
    for p in file.people.iter().filter(|p| p.professional) {
        all += 1;
        let missing = missing_parts(p.role.as_deref(), p.agency.as_deref());
        if missing.is_empty() {
            good += 1;
        } else {
            items.push(Item::plain(format!(
                "{} (on the family) has no {} recorded.",
                p.name, missing
            )));
        }
    }
    // The children and family members in a people-present table have a
    // relationship, not an agency: only the others are professionals.
    let family: Vec<String> = file
        .children
        .iter()
        .map(|c| c.name.trim().to_lowercase())
        .chain(
            file.people
                .iter()
                .filter(|p| !p.professional)
                .map(|p| p.name.trim().to_lowercase()),
        )
        .collect();
    let mut records: Vec<&RecordFacts> = file.records.iter().collect();
    records.sort_by_key(|r| (r.event_date, r.id));
    for r in records {
        for (_, v) in r.answers.iter() {
            let Value::Rows(rows) = v else { continue };
            for row in rows {
                let Some(name) = row.get("name").filter(|n| !n.trim().is_empty()) else {
                    continue;
                };
                if !row.contains_key("role") && !row.contains_key("agency")
                    || family.contains(&name.trim().to_lowercase())
                {
                    continue;
                }
                // A family member in a people-present table has no agency:
                // only rows with some professional detail count.
                let role = row.get("role").map(String::as_str);
                let agency = row.get("agency").map(String::as_str);
                if blank(role) && blank(agency) {
                    continue;
                }
                all += 1;
                let missing = missing_parts(role, agency);
                if missing.is_empty() {
                    good += 1;
                } else {
                    items.push(Item {
                        text: format!(
                            "{} (record {}, {}) has no {missing} recorded.",
                            name.trim(),
                            r.id,
                            crate::dates::for_people(r.event_date)
                        ),
                        record: Some(r.id),
                        date: Some(r.event_date),
                    });
                }
            }
        }
    }
    if all == 0 {
        return (
            Proposal::Partly,
            "No professional is named on the family or in the records' tables; check that none is involved.".into(),
            items,
        );
    }
    let summary =
        format!("{good} of {all} professionals named are recorded with their role and agency.");
    (Proposal::of(good, all), summary, items)
}

fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

fn missing_parts(role: Option<&str>, agency: Option<&str>) -> String {
    match (blank(role), blank(agency)) {
        (true, true) => "role or agency".into(),
        (true, false) => "role".into(),
        (false, true) => "agency".into(),
        (false, false) => String::new(),
    }
}

/// Standard 17: the family's child protection and looked-after flags,
/// which the family screen shows on every record.
pub(super) fn plan_status(file: &FileFacts) -> Found {
    let yn = |b: bool| if b { "yes" } else { "no" };
    (
        Proposal::Yes,
        format!(
            "The family shows child protection plan: {}; looked after: {}; child in need: {}.",
            yn(file.child_protection_plan),
            yn(file.looked_after),
            yn(file.child_in_need)
        ),
        Vec::new(),
    )
}

/// Standard 19: no two meeting records for the same meeting (the same
/// form on the same day).
pub(super) fn one_meeting_record(file: &FileFacts) -> Found {
    let mut by_day: BTreeMap<_, Vec<&RecordFacts>> = BTreeMap::new();
    for r in file
        .records
        .iter()
        .filter(|r| MEETING_FORMS.contains(&r.form_id.as_str()))
    {
        by_day
            .entry((r.event_date, &r.form_id))
            .or_default()
            .push(r);
    }
    if by_day.is_empty() {
        return (
            Proposal::Yes,
            "No multi-agency meeting is recorded, so none is recorded twice.".into(),
            Vec::new(),
        );
    }
    let mut items = Vec::new();
    let mut single = 0;
    for ((day, _), mut rs) in by_day.clone() {
        rs.sort_by_key(|r| r.id);
        if rs.len() == 1 {
            single += 1;
            continue;
        }
        let numbers: Vec<String> = rs.iter().map(|r| r.id.to_string()).collect();
        items.push(Item {
            text: format!(
                "The meeting on {day} is recorded {} times: records {}.",
                rs.len(),
                numbers.join(", ")
            ),
            record: Some(rs[0].id),
            date: Some(day),
        });
    }
    let summary = format!(
        "{single} of {} meetings have one record each.",
        by_day.len()
    );
    (Proposal::of(single, by_day.len()), summary, items)
}
