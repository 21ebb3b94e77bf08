//! Each due rule against known dates: the recording timescales of seed
//! 001_e08e81dd70c4fa85.txt §4, visits by plan (§8), the case summary
//! review (seed 003_e0d5b8f8efac37da.txt §5h), the chronology (003
//! Appendix A), planning meetings and seeing the child after allocation
//! (seed 000_80c8a2bb2a6002b3.txt §1), and management oversight (000 §3).

use casenotes::form::FormSet;
use casenotes::store::{FamilyId, RecordId};
use casenotes::timescale::{
    Calendar, DueItem, Duties, FamilyFacts, PlanFlags, RecordFacts, Urgency, due_items,
};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn family(flags: PlanFlags, records: Vec<RecordFacts>) -> FamilyFacts {
    FamilyFacts {
        id: FamilyId(1),
        reference: "FX-0001".into(),
        name: "Example family".into(),
        active: true,
        opened: d("2026-09-01"),
        worker: Some("worker.a".into()),
        flags,
        records,
        chronology_updated: None,
    }
}

fn rec(id: i64, form: &str, event: &str, finalised: bool) -> RecordFacts {
    RecordFacts {
        id: RecordId(id),
        form_id: form.into(),
        event_date: Some(d(event)),
        created: d(event),
        finalised,
        significant: false,
        author: "worker.a".into(),
    }
}

fn items(f: &FamilyFacts, today: &str) -> Vec<DueItem> {
    let forms = FormSet::built_in().unwrap();
    let duties = Duties::built_in().unwrap();
    due_items(
        std::slice::from_ref(f),
        &forms,
        &duties,
        &Calendar::england_and_wales(),
        d(today),
        None,
    )
}

fn find<'a>(items: &'a [DueItem], what: &str) -> &'a DueItem {
    items
        .iter()
        .find(|i| i.what.starts_with(what))
        .unwrap_or_else(|| panic!("no item {what:?} in {items:#?}"))
}

#[test]
fn a_visit_draft_is_due_five_working_days_after_the_visit() {
    // Tuesday 22 December 2026: five working days skip Christmas Day, the
    // weekend and Boxing Day's substitute (Monday 28th).
    let f = family(
        PlanFlags::default(),
        vec![rec(7, "visit", "2026-12-22", false)],
    );
    let all = items(&f, "2026-12-23");
    let i = find(&all, "Finish Home visit of 22/12/2026");
    assert_eq!(i.due, d("2026-12-31"));
    assert_eq!(i.record_id, Some(RecordId(7)));
    assert_eq!(i.urgency, Urgency::Later);
    assert_eq!(i.owner.as_deref(), Some("worker.a"));
}

#[test]
fn a_child_protection_plan_or_significant_event_shortens_it_to_two() {
    let cp = PlanFlags {
        child_protection: true,
        ..PlanFlags::default()
    };
    let f = family(cp, vec![rec(7, "visit", "2026-11-19", false)]);
    let all = items(&f, "2026-11-24");
    let i = find(&all, "Finish Home visit");
    assert_eq!(i.due, d("2026-11-23"));
    assert_eq!(i.urgency, Urgency::Overdue);
    assert_eq!(i.working_days_overdue, 1);

    let mut r = rec(8, "visit", "2026-11-19", false);
    r.significant = true;
    let f = family(PlanFlags::default(), vec![r]);
    assert_eq!(
        find(&items(&f, "2026-11-20"), "Finish Home visit").due,
        d("2026-11-23")
    );
}

#[test]
fn a_finalised_record_is_not_due() {
    let f = family(
        PlanFlags::default(),
        vec![rec(7, "visit", "2026-11-19", true)],
    );
    assert!(
        !items(&f, "2026-11-20")
            .iter()
            .any(|i| i.record_id.is_some())
    );
}

#[test]
fn nothing_is_more_than_ten_working_days_out_of_date() {
    // A chronology entry form has no timescale of its own; the ceiling of
    // seed 001 §4 still applies to its draft.
    let f = family(
        PlanFlags::default(),
        vec![rec(3, "chronology_entry", "2026-11-02", false)],
    );
    assert_eq!(
        find(&items(&f, "2026-11-20"), "Finish Chronology entry").due,
        d("2026-11-16")
    );
}

#[test]
fn visits_by_plan() {
    let last = "2026-11-02";
    let cp = PlanFlags {
        child_protection: true,
        ..PlanFlags::default()
    };
    let all = items(&family(cp, vec![rec(1, "visit", last, true)]), "2026-11-10");
    assert_eq!(find(&all, "Child protection visit").due, d("2026-11-16"));
    assert!(!all.iter().any(|i| i.what == "Child in need visit"));

    let cin = PlanFlags {
        child_in_need: true,
        ..PlanFlags::default()
    };
    let all = items(
        &family(cin, vec![rec(1, "visit", last, true)]),
        "2026-11-10",
    );
    assert_eq!(find(&all, "Child in need visit").due, d("2026-11-30"));

    let lac = PlanFlags {
        looked_after: true,
        ..PlanFlags::default()
    };
    let all = items(
        &family(lac, vec![rec(1, "visit", last, true)]),
        "2026-11-10",
    );
    assert_eq!(find(&all, "Looked-after child visit").due, d("2026-12-14"));
}

/// A child on a plan and in need is visited once, at the closer rhythm:
/// the team list never shows the same visit twice (issue 10).
#[test]
fn one_visit_is_listed_when_several_visiting_duties_apply() {
    let both = PlanFlags {
        child_protection: true,
        child_in_need: true,
        looked_after: true,
    };
    let all = items(
        &family(both, vec![rec(1, "visit", "2026-11-02", true)]),
        "2026-11-10",
    );
    let visits: Vec<&DueItem> = all
        .iter()
        .filter(|i| i.what.ends_with(" visit") && i.record_id.is_none())
        .collect();
    assert_eq!(visits.len(), 1, "{visits:#?}");
    assert_eq!(visits[0].what, "Child protection visit");
    assert_eq!(visits[0].due, d("2026-11-16"));
}

#[test]
fn case_summary_chronology_planning_and_oversight_recur() {
    let mut f = family(
        PlanFlags::default(),
        vec![
            rec(1, "case_summary", "2026-08-31", true),
            rec(2, "planning_meeting", "2026-10-15", true),
            rec(3, "case_supervision", "2026-10-20", true),
        ],
    );
    f.chronology_updated = Some(d("2026-09-30"));
    let all = items(&f, "2026-11-22");
    assert_eq!(find(&all, "Case summary reviewed").due, d("2026-11-30"));
    assert_eq!(find(&all, "Chronology updated").due, d("2026-11-30"));
    assert_eq!(find(&all, "Planning meeting").due, d("2027-01-15"));
    let o = find(&all, "Management oversight");
    assert_eq!(o.due, d("2026-11-20"));
    assert_eq!(o.urgency, Urgency::Overdue);
    assert_eq!(o.owner.as_deref(), Some("worker.a"));
}

#[test]
fn with_nothing_recorded_the_first_duty_counts_from_opening() {
    let f = family(PlanFlags::default(), vec![]);
    let all = items(&f, "2026-09-02");
    // Opened 1 September: oversight within a month.
    assert_eq!(find(&all, "Management oversight").due, d("2026-10-01"));
}

#[test]
fn child_seen_within_five_working_days_of_allocation() {
    let f = family(
        PlanFlags::default(),
        vec![rec(1, "allocation", "2026-11-16", true)],
    );
    let all = items(&f, "2026-11-20");
    let i = find(&all, "Child seen after allocation");
    assert_eq!(i.due, d("2026-11-23"));
    assert_eq!(i.urgency, Urgency::DueThisWeek);
    let f = family(
        PlanFlags::default(),
        vec![
            rec(1, "allocation", "2026-11-16", true),
            rec(2, "visit", "2026-11-18", false),
        ],
    );
    assert!(
        !items(&f, "2026-11-20")
            .iter()
            .any(|i| i.what == "Child seen after allocation")
    );
}

#[test]
fn a_closed_case_has_no_recurring_duties_but_its_drafts_stay_due() {
    let mut f = family(
        PlanFlags::default(),
        vec![rec(1, "closure", "2026-11-16", false)],
    );
    f.active = false;
    let all = items(&f, "2026-11-20");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].record_id, Some(RecordId(1)));
}

#[test]
fn the_list_is_most_urgent_first_and_respects_the_horizon() {
    let f = family(
        PlanFlags::default(),
        vec![rec(1, "visit", "2026-11-02", false)],
    );
    let all = items(&f, "2026-11-22");
    let dates: Vec<NaiveDate> = all.iter().map(|i| i.due).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(all[0].urgency, Urgency::Overdue);
    let forms = FormSet::built_in().unwrap();
    let week = due_items(
        &[f],
        &forms,
        &Duties::built_in().unwrap(),
        &Calendar::england_and_wales(),
        d("2026-11-22"),
        Some(7),
    );
    assert!(week.iter().all(|i| i.due <= d("2026-11-29")));
    assert!(week.len() < all.len());
}

#[test]
fn a_draft_oversight_note_is_not_yet_oversight_but_a_draft_visit_is_a_visit() {
    // The visit happened even while its write-up is a draft; an oversight
    // note is the oversight itself, so only a finalised one counts.
    let cp = PlanFlags {
        child_protection: true,
        ..PlanFlags::default()
    };
    let f = family(
        cp,
        vec![
            rec(1, "visit", "2026-11-16", false),
            rec(2, "management_oversight", "2026-11-16", false),
        ],
    );
    let all = items(&f, "2026-11-17");
    assert_eq!(find(&all, "Child protection visit").due, d("2026-11-30"));
    assert_eq!(find(&all, "Management oversight").due, d("2026-10-01"));
}
