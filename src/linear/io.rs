//! The linear mode's conversation: plain lines out, whole lines in. Input
//! is read on a thread of its own so that a hang-up or SIGTERM is noticed
//! within a tenth of a second even while a person is thinking, and the
//! draft saved before the program ends (docs/safety.md, rule 3).

use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// What came back from a prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum Said {
    /// A line, without its line ending.
    Line(String),
    /// The input ended (Ctrl-D, a closed pipe): leave as after quitting.
    End,
    /// Signal n arrived: save and stop.
    Signal(i32),
}

/// Lines to and from the person.
pub struct Io {
    lines: Receiver<Option<String>>,
    out: Box<dyn Write>,
    signal: Arc<AtomicUsize>,
}

impl Io {
    /// Reads standard input on its own thread, writes standard output, and
    /// notes SIGHUP, SIGTERM and SIGINT instead of dying of them.
    pub fn start() -> Result<Io, String> {
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
        let (tx, lines) = channel();
        std::thread::Builder::new()
            .name("casenotes-linear-input".into())
            .spawn(move || {
                let stdin = std::io::stdin();
                for line in stdin.lock().lines() {
                    // Unreadable input (not UTF-8, a read error) ends the
                    // conversation like end of input: never a panic.
                    let Ok(line) = line else { break };
                    if tx.send(Some(line)).is_err() {
                        return;
                    }
                }
                let _ = tx.send(None);
            })
            .map_err(|e| format!("could not start reading the keyboard: {e}"))?;
        Ok(Io::from_parts(lines, Box::new(std::io::stdout()), signal))
    }

    /// An `Io` over given parts (tests).
    pub fn from_parts(
        lines: Receiver<Option<String>>,
        out: Box<dyn Write>,
        signal: Arc<AtomicUsize>,
    ) -> Io {
        Io { lines, out, signal }
    }

    /// Prints one or more lines. Text from the case file must already be
    /// made safe ([`crate::safe_text::for_terminal`]). A closed output is
    /// ignored here: the next prompt then finds the input ended too.
    pub fn say(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}");
        let _ = self.out.flush();
    }

    /// The signal that arrived, if one did.
    pub fn signalled(&self) -> Option<i32> {
        match self.signal.load(Ordering::Relaxed) {
            0 => None,
            n => Some(i32::try_from(n).unwrap_or(signal_hook::consts::SIGTERM)),
        }
    }

    /// Prints `prompt` on a line of its own and waits for a line.
    pub fn ask(&mut self, prompt: &str) -> Said {
        self.say(prompt);
        self.wait()
    }

    /// Waits for the next line, checking for signals ten times a second.
    pub fn wait(&mut self) -> Said {
        loop {
            if let Some(n) = self.signalled() {
                return Said::Signal(n);
            }
            match self.lines.recv_timeout(Duration::from_millis(100)) {
                Ok(Some(line)) => {
                    return Said::Line(line.strip_suffix('\r').unwrap_or(&line).to_owned());
                }
                Ok(None) | Err(RecvTimeoutError::Disconnected) => return Said::End,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_then_the_end_and_a_signal_wins() {
        let (tx, rx) = channel();
        let signal = Arc::new(AtomicUsize::new(0));
        let mut io = Io::from_parts(rx, Box::new(std::io::sink()), Arc::clone(&signal));
        tx.send(Some("yes\r".to_owned())).unwrap();
        tx.send(None).unwrap();
        assert_eq!(io.wait(), Said::Line("yes".into()));
        assert_eq!(io.wait(), Said::End);
        signal.store(15, Ordering::Relaxed);
        assert_eq!(io.wait(), Said::Signal(15));
    }
}
