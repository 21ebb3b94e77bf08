//! Choosing in the linear mode: the families as a numbered list, then a
//! family's children and records, then a record to write in or a new one
//! (read through the service layer, as the screens read them).

use super::io::Said;
use super::{Ending, Flow, Session, record};
use crate::form::Form;
use crate::record::{ChildId, FamilyId};
use crate::safe_text::for_terminal;

/// A line typed at a list: a number (from 1), or a word.
fn pick(line: &str, len: usize) -> Option<usize> {
    line.trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .filter(|&i| i < len)
}

/// The families, until the person quits.
pub(super) fn families(s: &mut Session) -> Ending {
    loop {
        let list = match s.case.families() {
            Ok(l) => l,
            Err(e) => {
                s.io.say(&for_terminal(&e.to_string()));
                return Ending::Quit;
            }
        };
        if list.is_empty() {
            s.io.say(
                "There are no families in this case file yet. Add one in the full screen \
                 (casenotes without --linear), then come back.",
            );
        } else {
            s.io.say(&format!("Families, {}:", list.len()));
            for (i, f) in list.iter().enumerate() {
                let status = match (f.closed, f.closed_on) {
                    (true, Some(on)) => format!("closed on {}", crate::dates::for_people(on)),
                    (true, None) => "closed".to_owned(),
                    (false, _) => "open".to_owned(),
                };
                s.io.say(&format!(
                    "{}. {} {}, {status}, {} draft(s).",
                    i + 1,
                    for_terminal(f.reference),
                    for_terminal(f.name),
                    f.drafts
                ));
            }
        }
        let line = match s.io.ask("Family number, or q to quit:") {
            Said::Line(l) => l,
            Said::End => return Ending::Quit,
            Said::Signal(n) => return Ending::Signal(n),
        };
        let typed = line.trim();
        if typed.eq_ignore_ascii_case("q") || typed == "/quit" {
            return Ending::Quit;
        }
        if typed == "/help" {
            s.io.say("Type the number before a family to open it, or q to quit.");
            continue;
        }
        let found = pick(typed, list.len())
            .and_then(|i| list.id(i))
            .or_else(|| {
                list.iter()
                    .find(|f| f.reference.eq_ignore_ascii_case(typed))
                    .map(|f| f.id)
            });
        match found {
            Some(id) => {
                if let Flow::Stop(e) = family(s, id) {
                    return e;
                }
            }
            None => s.io.say("There is no family with that number."),
        }
    }
}

/// One family: its children and records, until the person goes back.
fn family(s: &mut Session, id: FamilyId) -> Flow {
    loop {
        // No due rules: the linear mode lists, it does not draw due marks.
        let view = match s.case.family_view(id, None, s.today) {
            Ok(v) => v,
            Err(e) => {
                s.io.say(&for_terminal(&e.to_string()));
                return Flow::Back;
            }
        };
        let (children, records) = (&view.children, &view.records);
        s.io.say(&format!(
            "{} {}.",
            for_terminal(&view.family.reference),
            for_terminal(&view.family.name)
        ));
        let names: Vec<String> = children
            .iter()
            .map(|c| match c.date_of_birth {
                Some(born) => format!(
                    "{} (born {})",
                    for_terminal(&c.name),
                    crate::dates::for_people(born)
                ),
                None => for_terminal(&c.name).into_owned(),
            })
            .collect();
        if names.is_empty() {
            s.io.say("No children recorded.");
        } else {
            s.io.say(&format!("Children: {}.", names.join(", ")));
        }
        s.io.say(&format!("Records, {}:", records.len()));
        for (i, r) in records.iter().enumerate() {
            let status = if r.draft { "draft" } else { "final" };
            s.io.say(&format!(
                "{}. {} {}, {status}, by {}.",
                i + 1,
                crate::dates::for_people(r.event_date),
                for_terminal(&r.form_title),
                for_terminal(&r.author)
            ));
        }
        let line = match s
            .io
            .ask("Record number to write in it, n for a new record, b for the families, q to quit:")
        {
            Said::Line(l) => l,
            Said::End => return Flow::Stop(Ending::Quit),
            Said::Signal(n) => return Flow::Stop(Ending::Signal(n)),
        };
        let typed = line.trim();
        let flow = if typed.eq_ignore_ascii_case("b") || typed == "/leave" {
            return Flow::Back;
        } else if typed.eq_ignore_ascii_case("q") || typed == "/quit" {
            return Flow::Stop(Ending::Quit);
        } else if typed.eq_ignore_ascii_case("n") {
            let ids: Vec<_> = children.iter().map(|c| c.id).collect();
            new_record(s, id, ids)
        } else if let Some(i) = pick(typed, records.len()) {
            let r = &records[i];
            if !r.draft {
                s.io.say(&format!(
                    "That record is finalised and never changes; casenotes export {} prints it, \
                     and an addendum is added in the full screen.",
                    r.id.0
                ));
                Flow::Back
            } else {
                record::edit(s, r.id)
            }
        } else {
            s.io.say("There is no record with that number.");
            Flow::Back
        };
        if let Flow::Stop(e) = flow {
            return Flow::Stop(e);
        }
    }
}

/// A new draft of a chosen form about all the family's children, dated
/// today (the event date is a field of the form), then written in.
fn new_record(s: &mut Session, family: FamilyId, children: Vec<ChildId>) -> Flow {
    let forms: Vec<Form> = s.case.forms().iter().cloned().collect();
    s.io.say(&format!("Forms, {}:", forms.len()));
    for (i, f) in forms.iter().enumerate() {
        s.io.say(&format!(
            "{}. {}: {}",
            i + 1,
            for_terminal(&f.title),
            for_terminal(&f.purpose)
        ));
    }
    let line = match s.io.ask("Form number, or b to go back:") {
        Said::Line(l) => l,
        Said::End => return Flow::Stop(Ending::Quit),
        Said::Signal(n) => return Flow::Stop(Ending::Signal(n)),
    };
    let Some(i) = pick(&line, forms.len()) else {
        return Flow::Back;
    };
    let today = s.today;
    let started = if crate::service::audit_evidence::wants_evidence(&forms[i]) {
        // A case-file audit starts from the family's evidence, gathered
        // with the due list's calendar and the writing lists in use, as in
        // the screens (issue 16).
        match crate::timescale::load(&s.config) {
            Err(e) => Err(e),
            Ok((_, calendar)) => {
                let (lists, _) = crate::writing::WritingLists::in_use(s.forms_dir.as_deref());
                let rules = crate::service::audit_evidence::EvidenceRules {
                    calendar: &calendar,
                    lists: Some(&lists),
                };
                s.case
                    .start_record_with(family, &forms[i].id, children, today, Some(&rules))
            }
        }
    } else {
        s.case.start_record(family, &forms[i].id, children, today)
    };
    match started {
        Ok(id) => {
            tracing::info!(record = id.0, "record created");
            record::edit(s, id)
        }
        Err(e) => {
            s.io.say(&for_terminal(&e));
            Flow::Back
        }
    }
}
