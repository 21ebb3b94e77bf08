//! Choosing in the linear mode: the families as a numbered list, then a
//! family's children and records, then a record to write in or a new one
//! (read from the store through its ordinary methods).

use super::io::Said;
use super::{Ending, Flow, Session, record};
use crate::form::Form;
use crate::record::prefilled;
use crate::safe_text::for_terminal;
use crate::store::{CaseStatus, FamilyFilter, FamilyId, RecordDraft, RecordStatus};

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
        let list = match s.store.list_families(&FamilyFilter::default()) {
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
                let d = &f.family.details;
                let status = match d.status {
                    CaseStatus::Active => "open".to_owned(),
                    CaseStatus::Closed(on) => format!("closed on {on}"),
                };
                s.io.say(&format!(
                    "{}. {} {}, {status}, {} draft(s).",
                    i + 1,
                    for_terminal(&d.reference),
                    for_terminal(&d.name),
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
            .map(|i| list[i].family.id)
            .or_else(|| {
                list.iter()
                    .find(|f| f.family.details.reference.eq_ignore_ascii_case(typed))
                    .map(|f| f.family.id)
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
        let (fam, children, records) = match (
            s.store.family(id),
            s.store.children(id),
            s.store.list_records(id),
        ) {
            (Ok(f), Ok(c), Ok(r)) => (f, c, r),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                s.io.say(&for_terminal(&e.to_string()));
                return Flow::Back;
            }
        };
        s.io.say(&format!(
            "{} {}.",
            for_terminal(&fam.details.reference),
            for_terminal(&fam.details.name)
        ));
        let names: Vec<String> = children
            .iter()
            .map(|c| match c.details.date_of_birth {
                Some(born) => format!("{} (born {born})", for_terminal(&c.details.name)),
                None => for_terminal(&c.details.name).into_owned(),
            })
            .collect();
        if names.is_empty() {
            s.io.say("No children recorded.");
        } else {
            s.io.say(&format!("Children: {}.", names.join(", ")));
        }
        s.io.say(&format!("Records, {}:", records.len()));
        for (i, r) in records.iter().enumerate() {
            let title = s
                .forms
                .get(&r.form_id)
                .map_or(r.form_id.as_str(), |f| f.title.as_str());
            let status = match r.status {
                RecordStatus::Draft => "draft",
                RecordStatus::Finalised => "final",
            };
            s.io.say(&format!(
                "{}. {} {}, {status}, by {}.",
                i + 1,
                r.event_date,
                for_terminal(title),
                for_terminal(r.author.as_str())
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
            if r.status == RecordStatus::Finalised {
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
fn new_record(s: &mut Session, family: FamilyId, children: Vec<crate::record::ChildId>) -> Flow {
    let forms: Vec<Form> = s.forms.iter().cloned().collect();
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
    let form = &forms[i];
    let draft = RecordDraft {
        event_date: s.today,
        significant: false,
        children,
        answers: prefilled(form, s.today, s.store.user().as_str()),
    };
    match s.store.create_record(family, form, &draft) {
        Ok(id) => {
            tracing::info!(record = id.0, "record created");
            record::edit(s, id)
        }
        Err(e) => {
            s.io.say(&for_terminal(&e.to_string()));
            Flow::Back
        }
    }
}
