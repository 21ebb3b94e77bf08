//! The only code that touches the terminal: set-up and restore (on every
//! exit path, a panic included), the event loop, signals, the autosave
//! clock, noticing a terminal that has gone away, and carrying out effects
//! against the store through the `Executor`.
//!
//! Never lose a word (docs/safety.md): the open draft is handed to the
//! writer thread at most half a second after it changes, on every section
//! change and on leaving the form; SIGHUP, SIGTERM, SIGINT, a closed
//! terminal and a panic all save it before the program ends, and a final
//! save that fails puts the text in a recovery file, says where, and ends
//! with a non-zero status. Frames go out through `term_out`, so a terminal
//! that stops reading never stops saving or signal handling.

use super::app::{App, FormFactory, Msg};
use super::echo::EchoSpot;
use super::effects::{Executor, drive, drive_counting};
use super::form_adapter;
use super::input::{Input, RecvTimeoutError, TryRecvError};
use super::lean_backend::LeanBackend;
use super::resume::Markers;
use super::term_caps::TermCaps;
use super::term_out::{self, TermOut};
use super::theme::Theme;
use crate::config::Config;
use crate::service::forms::forms_in_use;
use crate::service::{CaseFile, StoreError};
use crate::service::{RecoveryDir, WriteOutcome};
use chrono::{Local, NaiveDate};
use ratatui::Terminal;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::crossterm::queue;
use std::io::Write;
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
/// Said once when the terminal sends text that is not UTF-8.
const NOT_UTF8_WORDS: &str = "Your terminal sent text that is not UTF-8; it was read as Latin-1. \
     Check the characters, and set a UTF-8 locale (LANG=en_GB.UTF-8).";
const LISTING_REST: &str = "Listing the other families…";
/// The loop's turn while a save is on its way, so that its outcome (and a
/// quit waiting for it) is acted on promptly, and while the due list is
/// being worked out.
const SAVING_TURN: Duration = Duration::from_millis(10);
/// The pause after a letter echoed ahead of its frame (see `echo_ahead`).
const ECHO_PAUSE: Duration = Duration::from_micros(1);
/// How long a signal or a vanished terminal may wait for the last save:
/// the promise is that the process is gone within a second.
const STOP_WAIT: Duration = Duration::from_millis(600);
/// How long quitting may wait for the last save (a colleague's write lock).
const QUIT_WAIT: Duration = Duration::from_secs(5);
/// How long the terminal gets to take back its own settings, and a last
/// message, before the program ends without them.
const TERMINAL_WAIT: Duration = Duration::from_millis(150);

/// What the terminal interface needs to start.
pub struct Options {
    /// The case file.
    pub db: PathBuf,
    /// An organisation's forms directory, if any.
    pub forms_dir: Option<PathBuf>,
    /// The config read at start, naming the duties and closures files due
    /// dates are counted with; `Err` is why it could not be read (the
    /// demonstration starts anyway, and its due list says why).
    pub due_config: Result<Config, String>,
    /// The guided tour to run over the screens (`casenotes demo --tour`);
    /// refused on any file but a demonstration's.
    pub tour: Option<crate::demo::tour::Tour>,
}

/// Why the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal asked us to stop.
    Signal(i32),
    /// The terminal went away (reads failed or it hung up); reported as the
    /// hang-up signal it amounts to.
    TerminalGone(i32),
    /// A fault inside the program (a panic).
    Fault,
}

/// The terminal vanished: as good as a hang-up.
const GONE: Ending = Ending::TerminalGone(signal_hook::consts::SIGHUP);

type Term = Terminal<LeanBackend<TermOut>>;

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
    /// What became of saves made on the writer thread.
    writes: mpsc::Receiver<WriteOutcome>,
    /// Where text goes that the case file could not take.
    recovery: Option<RecoveryDir>,
}

/// Runs the terminal interface until the person quits or something stops
/// it. Returns the exit status, or a plain sentence for stderr when it
/// could not start at all.
pub fn run(opts: Options) -> Result<u8, String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(
            "the terminal interface needs a terminal: run casenotes from a terminal window, \
             not with its input or output redirected"
                .into(),
        );
    }
    refuse_dumb_terminal()?;
    // The key bindings in effect, checked before anything opens: an
    // unknown action or a key given twice is named at its line and column.
    if let Ok(c) = &opts.due_config {
        crate::keys::set_in_effect(crate::keys::Bindings::with(&c.keys)?);
    }
    let colours = opts.due_config.as_ref().ok().map(|c| c.colours.clone());
    let user = crate::identity::login_name()
        .ok_or("your login name could not be found (set USER to your login name and try again)")?;
    let (forms, diags) = forms_in_use(opts.forms_dir.as_deref());
    let case = CaseFile::open(&opts.db, &user, forms.clone()).map_err(|e| e.to_string())?;
    // The tour moves through a family's records by itself: never over a
    // real case file, only one the demonstration made and marked.
    if opts.tour.is_some() && !case.is_demo() {
        return Err(
            "the guided tour runs only over the demonstration's own file; nothing was opened"
                .into(),
        );
    }
    let markers = Markers::in_state_dir(&opts.db);
    let first = case.first_families(FIRST_PAGE).map_err(|e| e.to_string())?;
    let rest_to_list = first.len() >= FIRST_PAGE as usize;
    let recovery = RecoveryDir::in_state_dir(&opts.db);
    let mut exec = Executor::over(case, markers);
    exec.recovery = recovery.clone();
    // The config is read once, in main: the drawing setting from it here.
    let drawing = opts
        .due_config
        .as_ref()
        .ok()
        .and_then(|c| c.drawing)
        .map(crate::config::Drawing::as_str);
    let caps = TermCaps::from_env(drawing);
    // Off when a config says so, and when the config could not be read
    // (it may be the one that says so).
    let clipboard_allowed = opts
        .due_config
        .as_ref()
        .is_ok_and(|c| c.copy_to_clipboard != Some(false));
    exec.set_due_config(opts.due_config);
    let (due_tx, due_rx) = mpsc::channel();
    exec.due_in_background(due_tx);
    let (writes_tx, writes_rx) = mpsc::channel();
    // Without a writer thread saves are made in place: slower to type
    // through on a busy file, but just as safe.
    let _ = exec.save_in_background(recovery.clone(), writes_tx);
    let offer = exec.recovery_offer().or_else(|| exec.resume_offer());
    let file_label = file_label(&opts.db);
    // The dictionary (about 10 MB) is read when the first form opens, on a
    // thread of its own; the writing help checks without spelling until it
    // is there (issue 13). Not at start: someone who only looks at the
    // families or the due list never needs it (issue 12, memory).
    let (writing_lists, _) = crate::writing::WritingLists::in_use(opts.forms_dir.as_deref());
    exec.set_writing_lists(writing_lists.clone());
    let factory: FormFactory = Box::new(move |ctx| {
        crate::writing::Speller::warm_up();
        form_adapter::make_form_with(ctx, &writing_lists)
    });
    let mut app = App::new(&user, &file_label, forms, today(), Instant::now(), factory);
    app.clipboard_allowed = clipboard_allowed;
    app.demo = exec.case.is_demo();
    app.read_only = !exec.case.my_role().map_err(|e| e.to_string())?.may_write();
    app.set_people(exec.case.user_directory().unwrap_or_default());
    let now = Instant::now();
    app.update(Msg::Families(first), now);
    app.update(
        Msg::Comments(exec.case.unread_comments().unwrap_or_default()),
        now,
    );
    if let Some(o) = offer {
        app.update(Msg::Offer(o), now);
    }
    if let Some(tour) = opts.tour {
        crate::tui::effects::drive(&mut app, &mut exec, Msg::StartTour(Box::new(tour)), now);
    }
    let schema_intact = exec.case.schema_intact();
    if !schema_intact {
        app.status = StoreError::SchemaChanged.to_string();
    } else if !diags.is_empty() {
        app.status = forms_warning(diags.len());
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

    let theme = Theme::for_terminal(caps, Theme::no_color_asked());
    let theme = match &colours {
        Some(c) => super::theme_config::with_colours(theme, c)?,
        None => theme,
    };
    let mut session = Session {
        app,
        exec,
        theme,
        signal,
        due: due_rx,
        writes: writes_rx,
        recovery,
    };
    let mut terminal =
        set_up_terminal(caps).map_err(|e| format!("could not set up the terminal: {e}"))?;
    install_panic_hook();

    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if rest_to_list && let Some(ending) = first_frame_then_rest(&mut terminal, &mut session) {
            return ending;
        }
        event_loop(&mut terminal, &mut session)
    }));
    // The text first, the terminal after: saving never waits for a
    // terminal that may have stopped reading.
    let ending = outcome.unwrap_or(Ending::Fault);
    let saved = catch_unwind(AssertUnwindSafe(|| save_before_exit(&mut session, ending)))
        .unwrap_or(LastSave::Unknown);
    restore_terminal();
    // Not dropped: ratatui's drop shows the cursor and, if that fails
    // because the terminal is gone, prints with eprintln!, which panics
    // when stderr is gone too. restore_terminal has already shown it.
    std::mem::forget(terminal);
    let (code, message) = exit_report(ending, &saved);
    if let Some(m) = message {
        term_out::say_with_deadline(m, TERMINAL_WAIT);
    }
    Ok(code)
}

/// Draws the first frame from the first page, then lists every family
/// before any key is read: keys typed meanwhile wait in the terminal and
/// act on the whole list. `Some` if the terminal went away.
fn first_frame_then_rest(terminal: &mut Term, s: &mut Session) -> Option<Ending> {
    let theme = s.theme;
    if terminal.draw(|f| s.app.view(f, &theme)).is_err() {
        return Some(GONE);
    }
    // The first tick now, not after the list: it asks for the due list,
    // which is worked out on a thread of its own while the rest of the
    // families are listed here (issue 12: 50,000 families settle sooner
    // on two cores).
    if drive(&mut s.app, &mut s.exec, Msg::Tick, Instant::now()) || s.app.is_quitting() {
        return Some(Ending::Quit);
    }
    let now = Instant::now();
    match s.exec.families() {
        Ok(all) => {
            s.app.update(Msg::Families(all), now);
            // The rows are kept once; what reading them took is given back.
            crate::sys::give_back_free_memory();
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

/// Which case file is open, for the title bar: the whole path (home as
/// `~`), so that a private file is never taken for the team's; the start
/// is cut when it is long, since the end says the most.
fn file_label(db: &Path) -> String {
    // Room beside the screen's name at 80 columns, with the user's name.
    const MOST: usize = 30;
    let full = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let shown = match home.as_deref().and_then(|h| full.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => full.display().to_string(),
    };
    let chars: Vec<char> = shown.chars().collect();
    if chars.len() <= MOST {
        shown
    } else {
        let tail: String = chars[chars.len() - (MOST - 1)..].iter().collect();
        format!("…{tail}")
    }
}

/// The status line when forms were left out: what to run comes first, so
/// that 80 columns (beside the save state) show it whole.
fn forms_warning(problems: usize) -> String {
    let what = if problems == 1 { "problem" } else { "problems" };
    format!("Forms left out ({problems} {what}): run casenotes forms check")
}

/// Before stopping, the keys and pastes already read are put into the
/// draft, so that a hang-up loses nothing that arrived. Bounded in time:
/// the process must still be gone within a second.
fn take_what_arrived(events: &mut Input, s: &mut Session) {
    let until = Instant::now() + Duration::from_millis(200);
    while Instant::now() < until {
        let Ok(ev) = events.try_recv() else {
            return;
        };
        let msg = match ev {
            Event::Key(k) if k.kind == KeyEventKind::Press => Msg::Key(k),
            Event::Paste(text) => Msg::Paste(text),
            _ => continue,
        };
        if drive(&mut s.app, &mut s.exec, msg, Instant::now()) || s.app.is_quitting() {
            return;
        }
    }
}

fn event_loop(terminal: &mut Term, s: &mut Session) -> Ending {
    // Our own reader (docs/input.md says why not crossterm's), read on this
    // thread with a timeout, so the loop keeps its rhythm (signals, a
    // vanished terminal, autosave) whatever the terminal sends.
    let mut events = super::input::open();
    let mut dirty_screen = true;
    let mut shown_state = String::new();
    let mut shown_title = String::new();
    // Where the last frame lets a typed letter be shown ahead of the next.
    let mut echo_spot: Option<EchoSpot> = None;
    loop {
        let sig = s.signal.swap(0, Ordering::SeqCst);
        if sig != 0 {
            take_what_arrived(&mut events, s);
            return Ending::Signal(i32::try_from(sig).unwrap_or(0));
        }
        if input_gone() {
            take_what_arrived(&mut events, s);
            return GONE;
        }
        if term_out::handle().is_some_and(term_out::OutHandle::gone) {
            return GONE;
        }
        // Saves finished on the writer thread: tell the app (a quit may be
        // waiting for one).
        while let Ok(outcome) = s.writes.try_recv() {
            let now = Instant::now();
            for m in s.exec.on_write(outcome) {
                if drive(&mut s.app, &mut s.exec, m, now) || s.app.is_quitting() {
                    return Ending::Quit;
                }
            }
            dirty_screen = true;
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
        if super::input::took_non_utf8() {
            s.app.status = NOT_UTF8_WORDS.to_owned();
            dirty_screen = true;
        }
        let state = s.app.save_state();
        // A terminal that has stopped reading gets no new frames until it
        // catches up; the loop goes on saving and watching for signals.
        if (dirty_screen || state != shown_state)
            && !term_out::handle().is_some_and(term_out::OutHandle::backlogged)
        {
            let theme = s.theme;
            let drawn = terminal.draw(|f| {
                s.app.view(f, &theme);
                echo_spot = s
                    .app
                    .text_cursor
                    .and_then(|cursor| EchoSpot::find(f.buffer_mut(), cursor));
            });
            if drawn.is_err() {
                return GONE;
            }
            let title = s.app.terminal_title();
            if title != shown_title {
                // OSC 2: the window's title; the one before is put back at
                // exit (the title stack, pushed when the screen was set up).
                let w = terminal.backend_mut().writer_mut();
                if write!(w, "\x1b]2;{title}\x07")
                    .and_then(|()| w.flush())
                    .is_err()
                {
                    return GONE;
                }
                shown_title = title;
            }
            if let Some(text) = s.app.clipboard.take() {
                // OSC 52: the terminal (also over SSH and in tmux) puts the
                // text on the clipboard of the machine the person sits at.
                let w = terminal.backend_mut().writer_mut();
                let copy = ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(
                    text.into_bytes(),
                );
                if queue!(w, copy).and_then(|()| w.flush()).is_err() {
                    return GONE;
                }
            }
            shown_state = state;
            dirty_screen = false;
        }
        let mut handled = 0;
        // Short turns too while the due list is being worked out, so its
        // counts are drawn as soon as they arrive, not up to a turn later
        // (issue 12: the home screen settled).
        let due_pending = matches!(s.app.home.due(), super::due_view::DueSummary::Pending);
        let turn = if s.exec.writes_idle() && !due_pending {
            TURN
        } else {
            SAVING_TURN
        };
        let mut next = events.recv_timeout(turn);
        // An event read past the end of a run of typed characters.
        let mut carry: Option<Event> = None;
        loop {
            let ev = match carry.take() {
                Some(ev) => ev,
                None => match std::mem::replace(&mut next, Err(RecvTimeoutError::Timeout)) {
                    Ok(ev) => ev,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return GONE,
                },
            };
            // Only the first event after a frame finds the screen as that
            // frame left it.
            let spot = echo_spot.take();
            let msg = match ev {
                // Ctrl-Z (Alt-Z in a text field) suspends, saving first.
                Event::Key(k)
                    if k.kind == KeyEventKind::Press && suspend::asks_to_suspend(&k, &s.app) =>
                {
                    if suspend::suspend(terminal, s) {
                        // The shell may have set its own title meanwhile.
                        shown_title.clear();
                    }
                    dirty_screen = true;
                    None
                }
                // Ctrl-L repaints a damaged screen (the terminal
                // convention), wherever you are.
                Event::Key(k) if k.kind == KeyEventKind::Press && is_ctrl_l(&k) => {
                    let _ = terminal.clear();
                    dirty_screen = true;
                    None
                }
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    let msg = typed_run(k, &mut events, &mut carry, &s.app);
                    if let Some(spot) = spot {
                        echo_ahead(terminal, &s.app, &msg, &spot);
                    }
                    Some(msg)
                }
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Resize(cols, _) => {
                    terminal.backend_mut().set_width(cols);
                    // A full repaint, size changed or not: re-attaching
                    // to dtach or screen signals a resize of the same size
                    // to a terminal that shows nothing of ours yet.
                    let _ = terminal.clear();
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
            if carry.is_some() {
                continue;
            }
            // Anything already waiting is taken now; then draw once.
            next = events.try_recv().map_err(|e| match e {
                TryRecvError::Empty => RecvTimeoutError::Timeout,
                TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
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
        // A turn with nothing typed: the form does what it left for a
        // pause (a long answer's window fitted to its box), off the path
        // of the next key.
        if handled == 0 && s.app.settle() {
            dirty_screen = true;
        }
    }
}

/// Shows a typed letter before the app has handled it, where the last
/// frame left room for it (tui/echo.rs); the frame that follows confirms or
/// undoes it. Never while the terminal is behind with what it was sent.
fn echo_ahead(terminal: &mut Term, app: &App, msg: &Msg, spot: &EchoSpot) {
    let Msg::Key(k) = msg else { return };
    let Some(guess) = typing::plain_char(k).and_then(|c| spot.guess(c)) else {
        return;
    };
    if app.takes_text() && !term_out::handle().is_some_and(term_out::OutHandle::backlogged) {
        // A failed write shows up on the frame's own write, which ends
        // the loop: nothing to do here.
        if terminal
            .backend_mut()
            .echo(spot.at, &guess.cells, guess.next)
            .is_ok_and(|written| written)
        {
            // The kernel hands the bytes to the terminal's side on a worker
            // it wakes on this thread's core, which the frame would then
            // hold for a millisecond or more. A moment's sleep (tens of
            // microseconds, the timer's slack) lets the worker run first.
            // Yielding was not enough: a scheduler trace showed the worker
            // still waiting behind the frame on a few keys a hundred
            // (docs/performance.md, "Keystrokes, session 7").
            std::thread::sleep(ECHO_PAUSE);
        }
    }
}

mod ending;
mod suspend;
mod terminal;
mod typing;

use ending::{LastSave, exit_report, save_before_exit};
use terminal::{input_gone, install_panic_hook, set_up_terminal};
pub use terminal::{refuse_dumb_terminal, restore_terminal};
use typing::{is_ctrl_l, typed_run};

#[cfg(test)]
mod tests;
