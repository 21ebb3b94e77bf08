//! The linear mode for screen readers and braille displays (`casenotes
//! --linear`, or `linear = true` in the config file). Everything is plain
//! lines in reading order: one field at a time, with its label, help and
//! the answer now, what is missing said in words, and no boxes, panes,
//! colours or cursor movement, so a screen reader reads it as it comes.
//!
//! Built on the service layer (`CaseFile`, the same use cases as the
//! screens, so a record started here carries the family's open actions
//! forward as one started there does) and the form/record core, not on
//! the terminal interface or the store. Answers are saved through the same writer thread
//! as the screens (`service/writer.rs`), handed over when Enter is pressed,
//! so the promises of docs/safety.md hold: a busy file puts the text in a
//! recovery file, a failed last save is never reported as success, and
//! SIGHUP, SIGTERM or SIGINT save before the program ends with 128+n.

mod choose;
mod field;
mod io;
mod preview;
mod record;

pub use preview::preview;

use crate::service::forms::forms_in_use;
use crate::service::{CaseFile, RecoveryDir, StoreError, Unsaved, WriteOutcome, Writer};
use chrono::NaiveDate;
use io::Io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// What the linear mode needs from the command line and config.
#[derive(Debug)]
pub struct Options {
    /// The case file.
    pub db: PathBuf,
    /// The organisation's forms directory, if any.
    pub forms_dir: Option<PathBuf>,
    /// The settings read at start: the working-day calendar an audit's
    /// evidence is gathered with comes from them, as for the screens.
    pub config: crate::config::Config,
}

/// How the conversation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// The person quit, or the input ended.
    Quit,
    /// Signal n arrived.
    Signal(i32),
}

/// Where a screen-like step goes next.
enum Flow {
    /// Back to the list it came from.
    Back,
    /// End the program.
    Stop(Ending),
}

/// Everything one conversation shares.
struct Session {
    case: CaseFile,
    writer: Writer,
    outcomes: Receiver<WriteOutcome>,
    io: Io,
    today: NaiveDate,
    /// For gathering an audit's evidence (`choose::new_record`).
    config: crate::config::Config,
    forms_dir: Option<PathBuf>,
}

/// How long the last saves may take at the end before the program says
/// they did not finish.
const FINISH_WITHIN: Duration = Duration::from_secs(5);

/// Runs the linear mode until the person quits, the input ends or a signal
/// arrives. The exit status as the screens give it: 0 when everything
/// typed is in the case file, 1 when it is not, 128+n after signal n.
pub fn run(opts: Options) -> Result<u8, String> {
    let user = crate::identity::login_name()
        .ok_or("your login name could not be found (set USER to your login name and try again)")?;
    let (forms, diags) = forms_in_use(opts.forms_dir.as_deref());
    let case = CaseFile::open(&opts.db, &user, forms).map_err(|e| e.to_string())?;
    let (tx, outcomes) = channel();
    let writer_store = case.open_another().map_err(|e| e.to_string())?;
    let writer = Writer::start(writer_store, RecoveryDir::in_state_dir(&opts.db), tx);
    let io = Io::start()?;
    let mut s = Session {
        case,
        writer,
        outcomes,
        io,
        today: chrono::Local::now().date_naive(),
        config: opts.config,
        forms_dir: opts.forms_dir,
    };
    s.io.say(
        "casenotes, linear mode. Each question waits for a line: type it and press Enter. \
         Type /help at any question for the commands.",
    );
    if !s.case.schema_intact() {
        s.io.say(&StoreError::SchemaChanged.to_string());
    }
    if !diags.is_empty() {
        s.io.say(&format!(
            "{} problem(s) in the forms directory; casenotes forms check names them.",
            diags.len()
        ));
    }
    tracing::info!("linear mode started");
    let ending = choose::families(&mut s);
    let unsaved = s.writer.finish(Instant::now() + FINISH_WITHIN);
    record::announce_outcomes(&mut s);
    let failed = match unsaved {
        None => Some("casenotes: the last save did not finish in time; what was saved before is kept.".to_owned()),
        Some(map) if map.is_empty() => None,
        Some(map) => Some(match map.values().next() {
            Some(Unsaved::Kept(path)) => format!(
                "casenotes: your last answers could not be saved in the case file. They are kept in {} and offered back the next time you start casenotes.",
                crate::safe_text::for_terminal(&path.display().to_string())
            ),
            _ => "casenotes: your last answers could not be saved, in the case file or in a recovery file.".to_owned(),
        }),
    };
    if let Some(words) = &failed {
        s.io.say(words);
    }
    Ok(match ending {
        Ending::Quit => u8::from(failed.is_some()),
        Ending::Signal(n) => {
            if failed.is_none() {
                s.io.say("casenotes: stopped; your answers were saved.");
            }
            u8::try_from(128 + n).unwrap_or(1)
        }
    })
}

/// The commands, said once on request.
const HELP: &[&str] = &[
    "Commands start with a slash; anything else is an answer.",
    "Enter on its own keeps the answer and goes to the next field.",
    "/next or /n: the next field. /back or /b: the field before.",
    "/missing or /m: the next answer still missing. /list: everything still missing.",
    "/sections: the sections and what each lacks. /section N: go to section N. /field N: go to field N.",
    "/clear: remove this answer. /again: say this field again.",
    "/finalise: sign the record off once nothing is missing.",
    "/leave: back to the family. /quit: save and leave casenotes.",
    "To start an answer with a slash, type two slashes.",
];
