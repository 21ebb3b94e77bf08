//! The only code that touches the terminal: set-up and restore (on every
//! exit path, a panic included), the event loop, signals, the autosave
//! clock, noticing a terminal that has gone away, and carrying out effects
//! against the store through the `Executor`.
//!
//! Never lose a word: the open draft is saved after a pause in typing, on
//! every section change and on leaving the form; SIGHUP, SIGTERM, SIGINT, a
//! closed terminal and a panic all save it before the program ends.

use super::app::{App, FormFactory, Msg};
use super::effects::{Executor, drive, drive_counting};
use super::form_adapter;
use super::home::FamilyRow;
use super::resume::Markers;
use super::theme::Theme;
use crate::cli::forms_cmd::forms_in_use;
use crate::store::{FamilyFilter, Store, StoreError};
use chrono::{Local, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{BufWriter, Stdout, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// The longest the loop waits for a key before looking at signals, the
/// terminal and the autosave clock again.
const TURN: Duration = Duration::from_millis(100);
/// At most this many queued events are handled before drawing, so a long
/// paste or a burst of keys over a slow link is drawn once, not per key.
const BATCH: usize = 256;
/// Families in the first frame: more rows than any terminal shows, and few
/// enough that reading them (with their counts) costs about a millisecond,
/// or a few with a cold disk cache. The whole list follows right after
/// that frame: at 10,000 families it takes tens of milliseconds warm and
/// several hundred with a cold disk cache, which would otherwise all come
/// before the person sees anything.
const FIRST_PAGE: u32 = 200;
/// Shown beside the first page's count until the whole list is in.
const LISTING_REST: &str = "Listing the other families…";

/// What the terminal interface needs to start.
pub struct Options {
    /// The case file.
    pub db: PathBuf,
    /// An organisation's forms directory, if any.
    pub forms_dir: Option<PathBuf>,
}

/// Why the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal asked us to stop.
    Signal(i32),
    /// The terminal went away (reads failed or it hung up).
    TerminalGone,
}

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

fn is_tty(fd: libc::c_int) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

/// Whether standard input has hung up or been closed: a zero-timeout poll
/// that reports POLLHUP, POLLERR or POLLNVAL. Crossterm alone can spin on
/// a closed input (crossterm issue 793), so the loop asks this each turn.
fn input_gone() -> bool {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Leaves raw mode and the alternate screen. Errors are ignored: this runs
/// when the terminal may already be gone, and must never fail twice.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

fn set_up_terminal() -> std::io::Result<Term> {
    enable_raw_mode()?;
    let mut out = std::io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableBracketedPaste) {
        restore_terminal();
        return Err(e);
    }
    // A big buffer: one frame goes out in as few writes as possible, which
    // matters over a slow SSH link.
    let backend = CrosstermBackend::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
    match Terminal::new(backend) {
        Ok(t) => Ok(t),
        Err(e) => {
            restore_terminal();
            Err(e)
        }
    }
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The state shared between the event loop and what runs after it.
struct Session {
    app: App,
    exec: Executor,
    theme: Theme,
    signal: Arc<AtomicUsize>,
    /// Due lists worked out on their own thread arrive here.
    due: mpsc::Receiver<Vec<Msg>>,
}

/// Runs the terminal interface until the person quits or something stops
/// it. Returns the exit status, or a plain sentence for stderr when it
/// could not start at all.
pub fn run(opts: Options) -> Result<u8, String> {
    if !is_tty(libc::STDIN_FILENO) || !is_tty(libc::STDOUT_FILENO) {
        return Err(
            "the terminal interface needs a terminal: run casenotes from a terminal window, \
             not with its input or output redirected"
                .into(),
        );
    }
    let user = crate::identity::login_name()
        .ok_or("your login name could not be found (set USER to your login name and try again)")?;
    let store = Store::open(&opts.db, &user).map_err(|e| e.to_string())?;
    let (forms, diags) = forms_in_use(opts.forms_dir.as_deref());
    let markers = Markers::in_state_dir(&opts.db);
    let first = first_page(&store).map_err(|e| e.to_string())?;
    let rest_to_list = first.len() >= FIRST_PAGE as usize;
    let mut exec = Executor::new(store, forms.clone(), markers);
    let (due_tx, due_rx) = mpsc::channel();
    exec.due_in_background(due_tx);
    let offer = exec.resume_offer();
    let file_label = file_label(&opts.db);
    let factory: FormFactory = Box::new(form_adapter::make_form);
    let mut app = App::new(&user, &file_label, forms, today(), Instant::now(), factory);
    let now = Instant::now();
    app.update(Msg::Families(first), now);
    if let Some(o) = offer {
        app.update(Msg::Offer(o), now);
    }
    if !diags.is_empty() {
        app.status = format!(
            "{} problem(s) in your forms directory; those forms are left out. \
             Run `casenotes forms check` to see them.",
            diags.len()
        );
    } else if rest_to_list {
        app.status = LISTING_REST.to_owned();
    }

    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ] {
        let as_usize = usize::try_from(sig).unwrap_or(1);
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), as_usize)
            .map_err(|e| format!("could not set up signal handling: {e}"))?;
    }

    let mut session = Session {
        app,
        exec,
        theme: Theme::from_env(),
        signal,
        due: due_rx,
    };
    let mut terminal =
        set_up_terminal().map_err(|e| format!("could not set up the terminal: {e}"))?;
    install_panic_hook();

    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if rest_to_list && let Some(ending) = first_frame_then_rest(&mut terminal, &mut session) {
            return ending;
        }
        event_loop(&mut terminal, &mut session)
    }));
    restore_terminal();
    // Not dropped: ratatui's drop shows the cursor and, if that fails
    // because the terminal is gone, prints with eprintln!, which panics
    // when stderr is gone too. restore_terminal has already shown it, and
    // every frame was flushed when drawn.
    std::mem::forget(terminal);
    match outcome {
        Ok(Ending::Quit) => Ok(0),
        Ok(Ending::Signal(_)) | Ok(Ending::TerminalGone) => {
            let saved = save_before_exit(&mut session);
            let mut err = std::io::stderr();
            // The terminal may be gone; a failed message must not become a
            // second failure.
            let _ = writeln!(
                err,
                "casenotes: stopped; {}",
                if saved {
                    "your draft was saved."
                } else {
                    "nothing was left unsaved."
                }
            );
            Ok(0)
        }
        Err(_) => {
            let saved = catch_unwind(AssertUnwindSafe(|| save_before_exit(&mut session)));
            let mut err = std::io::stderr();
            let _ = writeln!(
                err,
                "casenotes stopped because of an internal fault. {} Please report it; \
                 the next start offers the draft back.",
                match saved {
                    Ok(true) => "Your draft was saved.",
                    Ok(false) => "Nothing was left unsaved.",
                    Err(_) => "Saving the draft failed too; what was last autosaved is kept.",
                }
            );
            Ok(70)
        }
    }
}

/// The first [`FIRST_PAGE`] families in the home screen's order (by name,
/// as `Executor::families` lists them all), for the first frame.
fn first_page(store: &Store) -> Result<Vec<FamilyRow>, StoreError> {
    let filter = FamilyFilter {
        limit: Some(FIRST_PAGE),
        ..FamilyFilter::default()
    };
    Ok(store
        .list_families(&filter)?
        .into_iter()
        .map(FamilyRow::from)
        .collect())
}

/// Draws the first frame from the first page, then lists every family
/// before any key is read: keys typed meanwhile wait in the terminal and
/// act on the whole list. `Some` if the terminal went away.
fn first_frame_then_rest(terminal: &mut Term, s: &mut Session) -> Option<Ending> {
    let theme = s.theme;
    if terminal.draw(|f| s.app.view(f, &theme)).is_err() {
        return Some(Ending::TerminalGone);
    }
    let now = Instant::now();
    match s.exec.families() {
        Ok(all) => {
            s.app.update(Msg::Families(all), now);
            if s.app.status == LISTING_REST {
                s.app.status.clear();
            }
        }
        Err(e) => {
            s.app.status = format!("Only the first {FIRST_PAGE} families could be listed: {e}");
        }
    }
    None
}

/// Saves the open draft if it has unsaved changes; returns whether a save
/// was made. The interrupted-draft marker stays, so the next start offers
/// the draft back.
fn save_before_exit(s: &mut Session) -> bool {
    let Some(effect) = s.app.emergency_save() else {
        return false;
    };
    let today = s.app.today;
    let msgs = s.exec.run(effect, today);
    let ok = msgs
        .iter()
        .any(|m| matches!(m, Msg::Saved { .. } | Msg::SavedAsNew { .. }));
    let now = Instant::now();
    for m in msgs {
        s.app.update(m, now);
    }
    ok
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The terminal first, so the message below is readable.
        restore_terminal();
        previous(info);
    }));
}

fn file_label(db: &Path) -> String {
    db.file_name().map_or_else(
        || db.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads terminal events on a thread of its own and hands them over. The
/// main loop then waits on the channel with a timeout, so it keeps its
/// rhythm (signals, a vanished terminal, autosave) whatever the reading
/// does: crossterm's reader spins for ever once its input reaches end of
/// file (crossterm issue 793), and that must never stall saving.
fn spawn_reader() -> mpsc::Receiver<Event> {
    super::input::spawn_reader()
}

fn event_loop(terminal: &mut Term, s: &mut Session) -> Ending {
    let events = spawn_reader();
    let mut dirty_screen = true;
    let mut shown_state = String::new();
    loop {
        let sig = s.signal.swap(0, Ordering::SeqCst);
        if sig != 0 {
            return Ending::Signal(i32::try_from(sig).unwrap_or(0));
        }
        if input_gone() {
            return Ending::TerminalGone;
        }
        // A due list finished on its own thread: hand it to the app.
        while let Ok(msgs) = s.due.try_recv() {
            let now = Instant::now();
            for m in msgs {
                if drive(&mut s.app, &mut s.exec, m, now) || s.app.is_quitting() {
                    return Ending::Quit;
                }
            }
            dirty_screen = true;
        }
        let state = s.app.save_state();
        if dirty_screen || state != shown_state {
            let theme = s.theme;
            if terminal.draw(|f| s.app.view(f, &theme)).is_err() {
                return Ending::TerminalGone;
            }
            shown_state = state;
            dirty_screen = false;
        }
        let mut handled = 0;
        let mut next = events.recv_timeout(TURN);
        loop {
            let ev = match next {
                Ok(ev) => ev,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ending::TerminalGone,
            };
            let msg = match ev {
                Event::Key(k) if k.kind == KeyEventKind::Press => Some(Msg::Key(k)),
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Resize(_, _) => {
                    dirty_screen = true;
                    None
                }
                _ => None,
            };
            if let Some(msg) = msg {
                s.app.today = today();
                dirty_screen = true;
                if drive(&mut s.app, &mut s.exec, msg, Instant::now()) || s.app.is_quitting() {
                    return Ending::Quit;
                }
            }
            handled += 1;
            if handled >= BATCH || s.signal.load(Ordering::SeqCst) != 0 {
                break;
            }
            // Anything already waiting is taken now; then draw once.
            next = events.try_recv().map_err(|e| match e {
                mpsc::TryRecvError::Empty => mpsc::RecvTimeoutError::Timeout,
                mpsc::TryRecvError::Disconnected => mpsc::RecvTimeoutError::Disconnected,
            });
        }
        let (quit, ran) = drive_counting(&mut s.app, &mut s.exec, Msg::Tick, Instant::now());
        if quit || s.app.is_quitting() {
            return Ending::Quit;
        }
        // A tick that ran effects (an autosave, the due list arriving)
        // changed what the screen should show.
        if ran > 0 {
            dirty_screen = true;
        }
    }
}
