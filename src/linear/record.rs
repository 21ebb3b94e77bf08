//! Writing one record in the linear mode: one field at a time, each answer
//! handed to the writer thread as soon as Enter is pressed, what is still
//! missing said after every answer, and commands (lines starting with a
//! slash) to move about, list what is missing and finalise.

use super::field::{Place, describe, places, read_answer, section_line};
use super::io::Said;
use super::{Ending, Flow, HELP, Session};
use crate::form::{FieldKind, Form};
use crate::record::{ChildId, Completeness, RecordId, check};
use crate::safe_text::for_terminal;
use crate::service::{RecordDraft, WriteJob, WriteOutcome};
use std::time::{Duration, Instant};

/// Said when someone tries to answer or clear an audit's evidence.
const FIXED_WORDS: &str = "This is the evidence gathered when the audit was started; it is kept as \
     it was and cannot be changed. Press Enter to go on to the answer about it.";

/// How long an answer waits to hear it is saved before going on (it is
/// saved all the same; only the words differ).
const SAVED_WITHIN: Duration = Duration::from_millis(500);

/// The draft being written.
struct Open {
    record: RecordId,
    revision: i64,
    draft: RecordDraft,
    generation: u64,
    form: Form,
}

/// Says every outcome from the writer that a person must hear: busy,
/// failed, moved to a new draft. Returns the newest saved generation.
pub(super) fn announce_outcomes(s: &mut Session) -> Option<u64> {
    let mut saved = None;
    while let Ok(o) = s.outcomes.try_recv() {
        saved = saved.max(note(s, None, o));
    }
    saved
}

/// Says one outcome, and keeps the open draft's id and revision in step.
fn note(s: &mut Session, open: Option<&mut Open>, o: WriteOutcome) -> Option<u64> {
    match o {
        WriteOutcome::Saved {
            record,
            revision,
            generation,
        } => {
            if let Some(open) = open
                && open.record == record
            {
                open.revision = revision;
            }
            Some(generation)
        }
        WriteOutcome::SavedAsNew {
            new,
            revision,
            generation,
            ..
        } => {
            s.io.say(
                "Someone else changed this draft meanwhile; your answers are kept as a new \
                 draft of your own beside it.",
            );
            if let Some(open) = open {
                open.record = new;
                open.revision = revision;
            }
            Some(generation)
        }
        WriteOutcome::Waiting { kept, .. } => {
            s.io.say(if kept.is_some() {
                "The case file is busy; your answer is kept safe in a recovery file and will be saved when it is free."
            } else {
                "The case file is busy; your answer will be saved when it is free."
            });
            None
        }
        WriteOutcome::Failed { error, kept, .. } => {
            s.io.say(&format!(
                "Saving failed: {}.{}",
                for_terminal(&error),
                if kept.is_some() {
                    " Your answer is kept in a recovery file."
                } else {
                    ""
                }
            ));
            None
        }
        WriteOutcome::Finalised(_) => {
            s.io.say("The record is finalised and signed with your login name.");
            None
        }
        WriteOutcome::FinaliseRefused(c) => {
            s.io.say(&format!(
                "The record could not be finalised: {} answer(s) still needed.",
                c.problems.len()
            ));
            None
        }
        WriteOutcome::AddendumDraftSaved { .. } => None,
    }
}

/// How many answers are still missing or not accepted, in words.
fn summary(c: &Completeness) -> String {
    let missing = c.problems.iter().filter(|p| p.is_missing()).count();
    let invalid = c.problems.len() - missing;
    match (missing, invalid) {
        (0, 0) => "Nothing is missing: the record can be finalised with /finalise.".into(),
        (m, 0) => format!("{m} answer(s) still missing in this record."),
        (m, i) => format!("{m} answer(s) still missing and {i} not accepted in this record."),
    }
}

/// Writes in record `id` until the person leaves it.
pub(super) fn edit(s: &mut Session, id: RecordId) -> Flow {
    let rec = match s.case.load_record(id) {
        Ok(r) => r,
        Err(e) => {
            s.io.say(&for_terminal(&e));
            return Flow::Back;
        }
    };
    if !rec.draft {
        s.io.say("That record is finalised and never changes.");
        return Flow::Back;
    }
    // A read-only user is told before typing, not after (the store would
    // refuse the save; an unreadable role is left to the store to judge).
    if s.case.my_role().is_ok_and(|r| !r.may_write()) {
        s.io.say(&crate::service::StoreError::ReadOnlyUser.to_string());
        return Flow::Back;
    }
    s.writer.submit(WriteJob::NoteOpened {
        family: rec.family,
        record: Some(id),
    });
    let children: Vec<(ChildId, String)> = rec.children;
    let mut open = Open {
        record: id,
        revision: rec.revision,
        draft: RecordDraft {
            event_date: rec.event_date,
            significant: rec.significant,
            children: children.iter().map(|(c, _)| *c).collect(),
            answers: rec.answers,
        },
        generation: 0,
        form: rec.form,
    };
    let form = open.form.clone();
    let all = places(&form, &children);
    if all.is_empty() {
        s.io.say("This form has no fields.");
        return Flow::Back;
    }
    let problems = check(&form, &open.draft.answers, &open.draft.children, s.today);
    s.io.say(&format!(
        "{}, event date {}, draft. {}",
        for_terminal(&form.title),
        crate::dates::for_people(open.draft.event_date),
        summary(&problems)
    ));
    // Start where the work is: the first answer still missing.
    let mut at = next_problem(&all, &problems, all.len() - 1).unwrap_or(0);
    let mut said_section = None;
    loop {
        for o in s.outcomes.try_iter().collect::<Vec<_>>() {
            note(s, Some(&mut open), o);
        }
        let problems = check(&form, &open.draft.answers, &open.draft.children, s.today);
        let place = &all[at];
        let section_key = (place.section.1, place.child);
        if said_section != Some(section_key) {
            s.io.say(&section_line(&form, place));
            said_section = Some(section_key);
        }
        for line in describe(&form, place, &open.draft.answers, &problems, at, all.len()) {
            s.io.say(&line);
        }
        let line = match s.io.ask("Answer:") {
            Said::Line(l) => l,
            Said::End => return Flow::Stop(Ending::Quit),
            Said::Signal(n) => return Flow::Stop(Ending::Signal(n)),
        };
        match command(&line) {
            Some(cmd) => match run_command(s, &mut open, &all, &mut at, cmd) {
                Step::Stay => {}
                Step::Again => said_section = None,
                Step::Leave(flow) => return flow,
            },
            None if line.trim().is_empty() => at = advance(s, at, all.len()),
            None if place.field.is_fixed() => s.io.say(FIXED_WORDS),
            None => {
                let typed = line
                    .strip_prefix("//")
                    .map_or(line.clone(), |l| format!("/{l}"));
                let typed = if place.field.kind == FieldKind::Multiline {
                    match more_lines(s, typed) {
                        Ok(t) => t,
                        Err(flow) => return flow,
                    }
                } else {
                    typed
                };
                match read_answer(&place.field.kind, &typed, s.today) {
                    Err(why) => s.io.say(&why),
                    Ok(value) => {
                        if value.is_blank() {
                            open.draft.answers.clear(&place.slot);
                        } else {
                            open.draft.answers.set(place.slot.clone(), value);
                        }
                        save(s, &mut open);
                        let after =
                            check(&form, &open.draft.answers, &open.draft.children, s.today);
                        let wrong: Vec<_> =
                            after.at(&place.slot).filter(|p| !p.is_missing()).collect();
                        if let Some(p) = wrong.first() {
                            s.io.say(&format!(
                                "Kept, but not accepted yet: {}.",
                                crate::record::problem_words::describe(&form, p)
                            ));
                        } else {
                            s.io.say(&summary(&after));
                            at = advance(s, at, all.len());
                        }
                    }
                }
            }
        }
    }
}

/// The lines of a multi-line answer after its first, up to a line holding
/// only a full stop (or the end of input, which keeps what was typed).
fn more_lines(s: &mut Session, first: String) -> Result<String, Flow> {
    if first.trim() == "." {
        return Ok(String::new());
    }
    let mut text = first;
    loop {
        match s.io.wait() {
            Said::Line(l) if l.trim() == "." => return Ok(text),
            Said::Line(l) => {
                text.push('\n');
                text.push_str(&l);
            }
            Said::End => return Ok(text),
            Said::Signal(n) => return Err(Flow::Stop(Ending::Signal(n))),
        }
    }
}

/// Hands the draft to the writer and says whether it was saved in time.
fn save(s: &mut Session, open: &mut Open) {
    open.generation += 1;
    s.writer.submit(WriteJob::Save {
        record: open.record,
        expected_revision: open.revision,
        draft: open.draft.clone(),
        generation: open.generation,
    });
    let end = Instant::now() + SAVED_WITHIN;
    while Instant::now() < end {
        let left = end.saturating_duration_since(Instant::now());
        match s.outcomes.recv_timeout(left) {
            Ok(o) => {
                if note(s, Some(open), o) == Some(open.generation) {
                    s.io.say("Saved.");
                    return;
                }
            }
            Err(_) => break,
        }
    }
    s.io.say("Not saved yet: it will be, or kept safe in a recovery file.");
}

/// The next field, or a word that this was the last one.
fn advance(s: &mut Session, at: usize, len: usize) -> usize {
    if at + 1 < len {
        at + 1
    } else {
        s.io.say("That was the last field. /list says what is still missing; /leave goes back to the family.");
        at
    }
}

/// The first place after `at` (going round) with a problem.
fn next_problem(all: &[Place<'_>], c: &Completeness, at: usize) -> Option<usize> {
    let n = all.len();
    (1..=n)
        .map(|k| (at + k) % n)
        .find(|&i| c.at(&all[i].slot).next().is_some())
}

/// A command typed at a field.
enum Cmd {
    Next,
    Back,
    Missing,
    List,
    Sections,
    Section(usize),
    Field(usize),
    Clear,
    Again,
    Finalise,
    Leave,
    Quit,
    Help,
    Unknown,
}

/// The command a line is, if it is one (a line starting with one slash).
fn command(line: &str) -> Option<Cmd> {
    let t = line.trim();
    if !t.starts_with('/') || t.starts_with("//") {
        return None;
    }
    let mut words = t[1..].split_whitespace();
    let word = words.next().unwrap_or("").to_lowercase();
    let number = words.next().and_then(|n| n.parse::<usize>().ok());
    Some(match (word.as_str(), number) {
        ("next" | "n", _) => Cmd::Next,
        ("back" | "b" | "previous" | "p", _) => Cmd::Back,
        ("missing" | "m", _) => Cmd::Missing,
        ("list" | "l", _) => Cmd::List,
        ("sections", _) | ("section", None) => Cmd::Sections,
        ("section", Some(n)) => Cmd::Section(n),
        ("field" | "f", Some(n)) => Cmd::Field(n),
        ("clear", _) => Cmd::Clear,
        ("again" | "a", _) => Cmd::Again,
        ("finalise" | "finalize", _) => Cmd::Finalise,
        ("leave", _) => Cmd::Leave,
        ("quit" | "q", _) => Cmd::Quit,
        ("help" | "h" | "?", _) => Cmd::Help,
        _ => Cmd::Unknown,
    })
}

/// What a command leaves to do.
enum Step {
    /// Present the field at `at`.
    Stay,
    /// Present it with its section again.
    Again,
    /// Leave the record.
    Leave(Flow),
}

fn run_command(
    s: &mut Session,
    open: &mut Open,
    all: &[Place<'_>],
    at: &mut usize,
    cmd: Cmd,
) -> Step {
    let form = open.form.clone();
    let problems = check(&form, &open.draft.answers, &open.draft.children, s.today);
    match cmd {
        Cmd::Next => *at = advance(s, *at, all.len()),
        Cmd::Back => {
            if *at == 0 {
                s.io.say("This is the first field.");
            }
            *at = at.saturating_sub(1);
        }
        Cmd::Missing => match next_problem(all, &problems, *at) {
            Some(i) => *at = i,
            None => s.io.say("Nothing is missing."),
        },
        Cmd::List => {
            s.io.say(&summary(&problems));
            for (i, p) in all.iter().enumerate() {
                for prob in problems.at(&p.slot) {
                    let child = p
                        .child
                        .map(|c| format!(" for {}", for_terminal(c)))
                        .unwrap_or_default();
                    s.io.say(&format!(
                        "Field {}, {}{child}: {}: {}.",
                        i + 1,
                        for_terminal(&p.section.0.title),
                        for_terminal(&p.field.label),
                        crate::record::problem_words::describe(&form, prob)
                    ));
                }
            }
        }
        Cmd::Sections => {
            for (n, section) in form.sections.iter().enumerate() {
                let count = problems.count_in_section(&section.id);
                let state = if count == 0 {
                    "complete".to_owned()
                } else {
                    format!("{count} still needed")
                };
                s.io.say(&format!(
                    "Section {}: {}, {state}.",
                    n + 1,
                    for_terminal(&section.title)
                ));
            }
        }
        Cmd::Section(n) => match all.iter().position(|p| p.section.1 == n) {
            Some(i) => *at = i,
            None => s.io.say(&format!(
                "There is no section {n}; there are {}.",
                form.sections.len()
            )),
        },
        Cmd::Field(n) => match n.checked_sub(1).filter(|&i| i < all.len()) {
            Some(i) => *at = i,
            None => {
                s.io.say(&format!("There is no field {n}; there are {}.", all.len()))
            }
        },
        Cmd::Clear if all[*at].field.is_fixed() => s.io.say(FIXED_WORDS),
        Cmd::Clear => {
            open.draft.answers.clear(&all[*at].slot);
            save(s, open);
        }
        Cmd::Again => return Step::Again,
        Cmd::Finalise => return finalise(s, open, &problems),
        Cmd::Leave => return Step::Leave(Flow::Back),
        Cmd::Quit => return Step::Leave(Flow::Stop(Ending::Quit)),
        Cmd::Help => {
            for line in HELP {
                s.io.say(line);
            }
        }
        Cmd::Unknown => {
            s.io.say("That is not a command; /help lists them. To answer with a slash, type two.")
        }
    }
    Step::Stay
}

/// Finalises through the writer once nothing is missing.
fn finalise(s: &mut Session, open: &mut Open, problems: &Completeness) -> Step {
    if !problems.is_complete() {
        s.io.say(&format!("Not yet: {} /list names them.", summary(problems)));
        return Step::Stay;
    }
    let line = match s.io.ask(
        "Finalise this record? It can never be changed after, only added to. Type yes to finalise:",
    ) {
        Said::Line(l) => l,
        Said::End => return Step::Leave(Flow::Stop(Ending::Quit)),
        Said::Signal(n) => return Step::Leave(Flow::Stop(Ending::Signal(n))),
    };
    if !line.trim().eq_ignore_ascii_case("yes") {
        s.io.say("Not finalised.");
        return Step::Stay;
    }
    open.generation += 1;
    s.writer.submit(WriteJob::Finalise {
        record: open.record,
        expected_revision: open.revision,
        draft: open.draft.clone(),
        generation: open.generation,
        form: Box::new(open.form.clone()),
        today: s.today,
    });
    let end = Instant::now() + Duration::from_secs(5);
    while let Ok(o) = s
        .outcomes
        .recv_timeout(end.saturating_duration_since(Instant::now()))
    {
        let done = matches!(o, WriteOutcome::Finalised(_));
        let refused = matches!(
            o,
            WriteOutcome::FinaliseRefused(_) | WriteOutcome::Failed { .. }
        );
        note(s, Some(open), o);
        if done {
            return Step::Leave(Flow::Back);
        }
        if refused {
            return Step::Stay;
        }
    }
    s.io.say("Finalising has not finished yet; the family's list will show when it has.");
    Step::Leave(Flow::Back)
}
