//! One test or more per computed standard, each on a fictional family
//! built here ("Example family"), against seed 002_66f790c2d2b6d6fc.txt.

use super::*;
use crate::record::{Row, Slot, Value};
use crate::writing::WritingLists;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn child(id: i64, name: &str, all_details: bool) -> ChildFacts {
    ChildFacts {
        id: ChildId(id),
        name: name.into(),
        details: [
            "gender",
            "nationality",
            "ethnicity",
            "languages",
            "religion",
            "disability",
        ]
        .into_iter()
        .map(|d| (d, all_details || d == "gender"))
        .collect(),
    }
}

fn record(id: i64, form: &str, event: NaiveDate, finalised: Option<NaiveDate>) -> RecordFacts {
    RecordFacts {
        id: RecordId(id),
        form_id: form.into(),
        event_date: event,
        finalised_on: finalised,
        significant: false,
        children: vec![ChildId(1)],
        answers: Answers::new(),
    }
}

fn family() -> FileFacts {
    FileFacts {
        opened_on: day(1, 5),
        closed_on: None,
        child_protection_plan: true,
        looked_after: false,
        child_in_need: false,
        children: vec![
            child(1, "Alex Example", true),
            child(2, "Sam Example", false),
        ],
        people: Vec::new(),
        records: Vec::new(),
        chronology: Vec::new(),
    }
}

fn evidence(file: &FileFacts) -> Evidence {
    let forms = FormSet::built_in().unwrap();
    let cal = Calendar::england_and_wales();
    let checker = Checker::new(WritingLists::built_in().unwrap());
    let rules = Rules {
        forms: &forms,
        calendar: &cal,
        writing: Some(&checker),
        today: day(12, 2),
    };
    gather(file, &rules)
}

fn proposal(file: &FileFacts, n: u8) -> Option<Proposal> {
    evidence(file).standard(n).unwrap().proposal
}

fn say(r: &mut RecordFacts, section: &str, child: Option<i64>, field: &str, text: &str) {
    let slot = match child {
        Some(c) => Slot::for_child(section, ChildId(c), field),
        None => Slot::once(section, field),
    };
    r.answers.set(slot, Value::Text(text.into()));
}

#[test]
fn every_standard_is_listed_and_only_the_judgement_ones_have_no_proposal() {
    let e = evidence(&family());
    assert_eq!(e.standards.len(), 20);
    for s in &e.standards {
        assert_eq!(
            s.proposal.is_some(),
            COMPUTED.contains(&s.number),
            "{}",
            s.number
        );
    }
    // The judgement standards carry the audit form's guidance.
    let s2 = e.standard(2).unwrap();
    assert!(s2.summary.starts_with("The manager's judgement."));
    assert!(s2.summary.contains("what work was done"), "{}", s2.summary);
    assert_eq!(s2.title, "Standard 2: Professional practice");
}

#[test]
fn standard_1_names_the_child_without_sections_of_their_own() {
    let mut f = family();
    let mut v = record(4, "visit", day(11, 2), Some(day(11, 3)));
    say(
        &mut v,
        "child_voice",
        Some(1),
        "child_views",
        "Alex said school is fine.",
    );
    f.records.push(v);
    let e = evidence(&f);
    let s = e.standard(1).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly));
    assert!(
        s.items[0]
            .text
            .starts_with("Alex Example has their own sections in 1 record")
    );
    assert_eq!(s.items[0].record, Some(RecordId(4)));
    assert_eq!(
        s.items[1].text,
        "Sam Example has no section of their own in any record."
    );
    f.children.truncate(1);
    assert_eq!(proposal(&f, 1), Some(Proposal::Yes));
    f.children.clear();
    assert_eq!(proposal(&f, 1), Some(Proposal::No));
}

#[test]
fn standard_3_lists_jargon_and_unexplained_abbreviations_by_record() {
    let mut f = family();
    let mut plain = record(3, "visit", day(11, 2), Some(day(11, 2)));
    say(
        &mut plain,
        "observations",
        None,
        "home_observations",
        "The home was warm and tidy.",
    );
    let mut jargon = record(5, "visit", day(11, 9), Some(day(11, 9)));
    say(
        &mut jargon,
        "observations",
        None,
        "home_observations",
        "Mum was hard to engage and the CP plan was discussed.",
    );
    f.records = vec![plain, jargon];
    let e = evidence(&f);
    let s = e.standard(3).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly), "{s:?}");
    assert_eq!(s.items.len(), 1, "{s:?}");
    assert_eq!(s.items[0].record, Some(RecordId(5)));
    assert!(s.items[0].text.contains("CP"), "{}", s.items[0].text);
    assert!(s.summary.starts_with("1 of 2 records"));
}

#[test]
fn standard_3_and_15_say_not_checked_without_the_writing_help() {
    let forms = FormSet::built_in().unwrap();
    let cal = Calendar::england_and_wales();
    let rules = Rules {
        forms: &forms,
        calendar: &cal,
        writing: None,
        today: day(12, 2),
    };
    let e = gather(&family(), &rules);
    for n in [3, 15] {
        let s = e.standard(n).unwrap();
        assert_eq!(s.proposal, None);
        assert!(s.summary.starts_with("Not checked"), "{}", s.summary);
    }
}

#[test]
fn standard_9_counts_lateness_in_working_days_with_bank_holidays() {
    let mut f = family();
    // Event Friday 2026-08-21; the Monday after next is the August bank
    // holiday (31st), so ten working days end on Monday 7 September.
    f.records
        .push(record(1, "visit", day(8, 21), Some(day(9, 7))));
    f.records
        .push(record(2, "visit", day(8, 21), Some(day(9, 9))));
    // A draft from long ago is late too.
    f.records.push(record(3, "visit", day(10, 1), None));
    let e = evidence(&f);
    let s = e.standard(9).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly));
    assert_eq!(
        s.summary,
        "1 of 3 records were written up within 10 working days of their event."
    );
    assert_eq!(s.items[0].record, Some(RecordId(2)));
    assert!(
        s.items[0]
            .text
            .ends_with("12 working days after its event: 2 working days late."),
        "{}",
        s.items[0].text
    );
    assert!(
        s.items[1].text.contains("is still a draft"),
        "{}",
        s.items[1].text
    );
    f.records.truncate(1);
    assert_eq!(proposal(&f, 9), Some(Proposal::Yes));
}

#[test]
fn standard_10_wants_a_chronology_entry_in_the_period_and_a_case_summary() {
    let mut f = family();
    assert_eq!(proposal(&f, 10), Some(Proposal::No));
    f.chronology.push(day(6, 1));
    assert_eq!(proposal(&f, 10), Some(Proposal::Partly));
    f.records
        .push(record(7, "case_summary", day(9, 1), Some(day(9, 2))));
    let e = evidence(&f);
    let s = e.standard(10).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Yes));
    assert_eq!(s.items[1].record, Some(RecordId(7)));
    // After an audit on 1 July the June entry is out of the period.
    f.records
        .push(record(8, "audit", day(7, 1), Some(day(7, 1))));
    let e = evidence(&f);
    let s = e.standard(10).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly));
    assert!(
        s.items[0]
            .text
            .contains("since the last audit on Wed 01/07/2026")
    );
}

#[test]
fn standard_12_names_the_details_missing_for_each_child() {
    let f = family();
    let e = evidence(&f);
    let s = e.standard(12).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly));
    assert_eq!(s.items[0].text, "Alex Example: every detail is recorded.");
    assert_eq!(
        s.items[1].text,
        "Sam Example: not recorded: nationality, ethnicity, languages, religion, disability."
    );
}

#[test]
fn standard_14_wants_role_and_agency_for_each_professional() {
    let mut f = family();
    assert_eq!(proposal(&f, 14), Some(Proposal::Partly));
    f.people.push(PersonFacts {
        name: "Dr Example".into(),
        professional: true,
        role: Some("GP".into()),
        agency: Some("Example surgery".into()),
    });
    assert_eq!(proposal(&f, 14), Some(Proposal::Yes));
    let mut m = record(9, "planning_meeting", day(10, 1), Some(day(10, 1)));
    let row = |name: &str, role: &str| -> Row {
        [("name", name), ("role", role), ("agency", "")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    };
    // A child of the family has a role in the table but is no professional.
    m.answers.set(
        Slot::once("meeting", "attendees"),
        Value::Rows(vec![
            row("Alex Example", "Child"),
            row("Pat Example", "Teacher"),
        ]),
    );
    f.records.push(m);
    let e = evidence(&f);
    let s = e.standard(14).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly));
    assert_eq!(
        s.items[0].text,
        "Pat Example (record 9, Thu 01/10/2026) has no agency recorded."
    );
}

#[test]
fn standard_15_finds_a_name_spelled_another_way() {
    let mut f = family();
    let mut v = record(6, "visit", day(11, 2), Some(day(11, 2)));
    say(
        &mut v,
        "observations",
        None,
        "home_observations",
        "Alexx was playing in the garden.",
    );
    f.records.push(v);
    let e = evidence(&f);
    let s = e.standard(15).unwrap();
    assert_eq!(s.proposal, Some(Proposal::No), "{s:?}");
    assert_eq!(
        s.items[0].text,
        "\"Alex\" is also written \"Alexx\" (record 6)."
    );
    assert_eq!(s.items[0].record, Some(RecordId(6)));
}

#[test]
fn standard_16_wants_each_childs_voice_and_the_parents_views_in_each_visit() {
    let mut f = family();
    assert_eq!(proposal(&f, 16), Some(Proposal::No));
    let mut v = record(2, "visit", day(11, 2), Some(day(11, 2)));
    v.children = vec![ChildId(1), ChildId(2)];
    say(
        &mut v,
        "child_voice",
        Some(1),
        "child_views",
        "Alex wants to stay at the same school.",
    );
    say(
        &mut v,
        "parents_carers",
        None,
        "parents_views",
        "Their mum agrees.",
    );
    f.records.push(v);
    let e = evidence(&f);
    let s = e.standard(16).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly));
    assert!(
        s.items[0]
            .text
            .ends_with("does not record Sam Example's views."),
        "{}",
        s.items[0].text
    );
}

#[test]
fn standard_17_shows_the_plan_and_looked_after_flags() {
    let s = evidence(&family()).standard(17).unwrap().clone();
    assert_eq!(s.proposal, Some(Proposal::Yes));
    assert_eq!(
        s.summary,
        "The family shows child protection plan: yes; looked after: no; child in need: no."
    );
}

#[test]
fn standard_18_is_partly_when_closed_without_a_closure_record() {
    let mut f = family();
    assert_eq!(proposal(&f, 18), Some(Proposal::Yes));
    f.closed_on = Some(day(11, 30));
    assert_eq!(proposal(&f, 18), Some(Proposal::Partly));
    f.records
        .push(record(12, "closure", day(11, 30), Some(day(11, 30))));
    assert_eq!(proposal(&f, 18), Some(Proposal::Yes));
}

#[test]
fn standard_19_finds_a_meeting_recorded_twice() {
    let mut f = family();
    assert_eq!(proposal(&f, 19), Some(Proposal::Yes));
    f.records
        .push(record(20, "planning_meeting", day(10, 6), Some(day(10, 6))));
    f.records
        .push(record(21, "planning_meeting", day(10, 6), None));
    f.records
        .push(record(22, "planning_meeting", day(11, 6), None));
    let e = evidence(&f);
    let s = e.standard(19).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Partly));
    assert_eq!(
        s.items[0].text,
        "The meeting on 2026-10-06 is recorded 2 times: records 20, 21."
    );
}

#[test]
fn standard_20_wants_oversight_within_the_month() {
    let mut f = family();
    assert_eq!(proposal(&f, 20), Some(Proposal::No));
    f.records.push(record(
        30,
        "management_oversight",
        day(9, 1),
        Some(day(9, 1)),
    ));
    assert_eq!(proposal(&f, 20), Some(Proposal::Partly));
    // A draft is not oversight given.
    f.records
        .push(record(31, "management_oversight", day(11, 20), None));
    assert_eq!(proposal(&f, 20), Some(Proposal::Partly));
    f.records.push(record(
        32,
        "case_supervision",
        day(11, 20),
        Some(day(11, 20)),
    ));
    let e = evidence(&f);
    let s = e.standard(20).unwrap();
    assert_eq!(s.proposal, Some(Proposal::Yes));
    assert_eq!(s.items[0].record, Some(RecordId(32)));
    assert!(
        s.items[0].text.ends_with("12 days ago."),
        "{}",
        s.items[0].text
    );
}

#[test]
fn the_evidence_text_keeps_the_date_the_proposal_and_each_item() {
    let mut f = family();
    f.records.push(record(
        30,
        "management_oversight",
        day(9, 1),
        Some(day(9, 1)),
    ));
    let e = evidence(&f);
    let t = field_text(e.standard(20).unwrap(), e.as_of);
    assert!(
        t.starts_with("Gathered Wed 02/12/2026, proposed: partly. "),
        "{t}"
    );
    assert!(t.contains("\n- The last is record 30"), "{t}");
    assert!(plain_text(&e).contains("Standard 20: Management monitoring (proposed: partly)"));
}
