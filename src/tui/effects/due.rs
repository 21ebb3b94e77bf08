//! The due list for the interface: the rules it is counted with, worked
//! out beside the interface on a connection of its own.

use super::{Background, Executor};
use crate::config::Config;
use crate::timescale::{Calendar, Duties};
use crate::tui::app::Msg;
use crate::tui::due_tally::Counter;
use chrono::NaiveDate;

impl Executor {
    /// From now on, work the due list out on a thread of its own and send
    /// the resulting messages here.
    pub fn due_in_background(&mut self, tx: std::sync::mpsc::Sender<Vec<Msg>>) {
        // Before any thread starts (the runtime calls this before it
        // starts the writer): a supervisor's team list, worked out on a
        // thread, is given back when the due screen is left (issue 12).
        crate::sys::one_heap_for_all_threads();
        self.background = Some(Background {
            tx,
            latest: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0)),
        });
    }

    /// Counts due dates with these duties and this calendar (tests, and a
    /// caller that has read the rules already).
    pub fn set_due_rules(&mut self, duties: Duties, cal: Calendar) {
        self.due_rules = Some((duties, cal));
    }

    /// Counts due dates with the duties and closures files this config
    /// (read once, at start) names; `Err` is why it could not be read, which
    /// the due list then reports.
    pub fn set_due_config(&mut self, config: Result<Config, String>) {
        self.due_config = config;
    }

    /// Reads the duties and calendar the config names when they are first
    /// needed, never before the first frame. A file that fails is read
    /// again next time, so a fix is picked up without a restart.
    pub(super) fn ensure_due_rules(&mut self) -> Result<(), String> {
        if self.due_rules.is_some() {
            return Ok(());
        }
        let config = self.due_config.as_ref().map_err(Clone::clone)?;
        self.due_rules = Some(crate::timescale::load(config)?);
        Ok(())
    }

    /// The due list as the due view shows it: the team's for a supervisor,
    /// one's own otherwise (`service::due`, as `casenotes due`). A
    /// supervisor's is only counted unless `full` (the due screen is open):
    /// the home screen needs the counts, and the team's items on a large
    /// file are over 100 MB (issue 12).
    pub(super) fn compute_due(&mut self, today: NaiveDate, full: bool) -> Vec<Msg> {
        let supervisor = match self.is_supervisor() {
            Ok(s) => s,
            Err(e) => return vec![Msg::DueFailed(e.to_string())],
        };
        let mut out = vec![Msg::Role { supervisor }];
        let count_only = supervisor && !full;
        if let Err(e) = self.ensure_due_rules() {
            out.push(Msg::DueFailed(e));
            return out;
        }
        let Some((duties, cal)) = &self.due_rules else {
            return out;
        };
        // Opened here through SQLite: this process already has the file
        // open, so its path is never looked at again (see
        // `Store::open_another`).
        let another = self.case.open_another();
        let (forms, duties, cal) = (self.case.forms().clone(), duties.clone(), cal.clone());
        // One way to work it out, on the thread or (without one: tests)
        // here.
        let work = move || match another {
            Ok(store) if count_only => {
                // Counted as found: no list is made.
                let mut counter = Counter::new(store.user().as_str());
                match crate::service::due::visit(
                    &store,
                    &forms,
                    &duties,
                    &cal,
                    today,
                    true,
                    false,
                    &mut counter,
                ) {
                    Ok(()) => Msg::DueCounted {
                        tally: counter.into_tally(),
                        supervisor,
                    },
                    Err(e) => Msg::DueFailed(e),
                }
            }
            Ok(store) => match crate::service::due::list_for(
                &store, &forms, &duties, &cal, today, supervisor, false,
            ) {
                Ok(list) => Msg::Due { list, supervisor },
                Err(e) => Msg::DueFailed(e),
            },
            Err(e) => Msg::DueFailed(e.to_string()),
        };
        let Some(bg) = &self.background else {
            out.push(work());
            return out;
        };
        use std::sync::atomic::Ordering;
        let generation = bg.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let latest = std::sync::Arc::clone(&bg.latest);
        let tx = bg.tx.clone();
        std::thread::spawn(move || {
            let msg = work();
            if latest.load(Ordering::SeqCst) == generation {
                // The loop may have ended meanwhile; nothing to do then.
                let _ = tx.send(vec![msg]);
            }
            // This thread's facts are freed; its arena would keep them.
            crate::sys::give_back_free_memory();
        });
        out
    }
}
