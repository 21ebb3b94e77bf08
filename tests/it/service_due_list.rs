//! The compact due list (`service::due::list_for`, issue 12) against the
//! owned computation it replaced (`due_items` over every family, one
//! stable `sort_items`): the same items in the same order, for the team
//! and for one's own list, with and without the week's horizon, on a file
//! whose references sort unlike their ids, whose families fall due on the
//! same days and whose drafts share a form and a date; and the JSON that
//! `casenotes due --json` writes for each item is the bytes serde_json and
//! `escape_json_controls` gave.

use crate::support::store::*;
use casenotes::cli::due_json::push_item;
use casenotes::form::FormSet;
use casenotes::safe_text::escape_json_controls;
use casenotes::service::due::list_for;
use casenotes::store::Store;
use casenotes::timescale::{Calendar, DueItem, Duties, due_items, sort_items};

/// Duties done by the test form (periods of seed 001_e08e81dd70c4fa85.txt
/// §8), two of them by the same form so one visit stands for both.
const DUTIES: &str = r#"
max_recording_working_days = 10

[[duty]]
id = "visit"
title = "Visit"
source = "seed 001_e08e81dd70c4fa85.txt §8"
applies_to = "all"
done_by = ["test_visit"]
finalised_only = true
every = { weeks = 4 }

[[duty]]
id = "cp_visit"
title = "Child protection visit"
source = "seed 001_e08e81dd70c4fa85.txt §8"
applies_to = "child_protection"
done_by = ["test_visit"]
every = { working_days = 10 }

[[duty]]
id = "oversight"
title = "Management oversight"
source = "seed 000_80c8a2bb2a6002b3.txt §3"
applies_to = "all"
done_by = ["oversight"]
every = { months = 1 }
"#;

/// Families made in an order their references do not sort in, every one
/// opened on the same day; drafts on shared dates.
fn fixture(s: &mut Store) {
    let refs = [
        "EX-9", "EX-10", "ex-3", "EX-1", "EX-20", "EX-2", "EX-11", "EX-05",
    ];
    for (n, reference) in refs.into_iter().enumerate() {
        let (f, c) = family_with_child(s, reference);
        let mut details = s.family(f).unwrap().details;
        details.allocated_worker = match n % 3 {
            0 => Some("worker.a".into()),
            1 => Some("example.worker02".into()),
            _ => None,
        };
        details.child_protection_plan = n % 2 == 0;
        if n == 4 {
            details.name = "Example\u{1b}[31m \"family\"\u{202e} \u{a7}\u{7f}".into();
        }
        s.update_family(f, &details).unwrap();
        // Two drafts of one form on one day give the same words: only the
        // order they were made in tells them apart. A Saturday's and a
        // Sunday's draft fall due on the same day, so their words decide
        // ("01/03/2026" before "28/02/2026"), not the order they were made.
        let dates = ["2026-03-02", "2026-03-02", "2026-02-28", "2026-03-01"];
        for date in dates.iter().take(n % 5) {
            let mut d = draft(c, complete_answers(c, "Fictional words"));
            d.event_date = day(date);
            s.create_record(f, &form(), &d).unwrap();
        }
    }
}

fn json(item: &DueItem) -> String {
    escape_json_controls(&serde_json::to_string(item).unwrap()).into_owned()
}

#[test]
fn the_compact_list_gives_the_owned_lists_items_order_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "worker.a");
    s.add_user("worker.a", casenotes::user::Role::Supervisor)
        .unwrap();
    fixture(&mut s);
    let forms = FormSet::from_forms(vec![form()]);
    let duties = Duties::parse("duties.toml", DUTIES).unwrap();
    let cal = Calendar::england_and_wales();
    let today = day("2026-03-20");
    let facts = s.due_facts().unwrap();
    for (team, all) in [(true, true), (true, false), (false, true), (false, false)] {
        let horizon = if all { None } else { Some(7) };
        let mut expected = due_items(&facts, &forms, &duties, &cal, today, horizon);
        if !team {
            expected.retain(|i| i.owner.as_deref() == Some("worker.a"));
        }
        sort_items(&mut expected);
        let list = list_for(&s, &forms, &duties, &cal, today, team, all).unwrap();
        assert!(!list.is_empty(), "team {team}, all {all}");
        assert_eq!(list.to_items(), expected, "team {team}, all {all}");
        for (item, want) in list.iter().zip(&expected) {
            let mut got = Vec::new();
            push_item(&mut got, &item);
            assert_eq!(String::from_utf8(got).unwrap(), json(want));
        }
    }
}
