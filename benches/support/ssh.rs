//! A private SSH link for the keystroke bench: an `sshd` of its own on a
//! free port of 127.0.0.1 (host key, client key and config in a temporary
//! folder; the system's sshd and its config are never touched), reached
//! through a counting TCP relay inside the bench so that the bytes on the
//! wire, both ways, can be read before and after each key.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Where sshd itself lives on Debian.
const SSHD: &str = "/usr/sbin/sshd";
/// sshd refuses to start without its privilege separation folder (the
/// service makes it when it starts; nothing else is in it).
const PRIVSEP: &str = "/run/sshd";

/// Bytes that crossed the relay so far: client to server, server to client.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wire {
    /// From ssh (the keys) to sshd.
    pub up: u64,
    /// From sshd (the program's answers) to ssh.
    pub down: u64,
}

impl Wire {
    /// Both directions together.
    pub fn total(self) -> u64 {
        self.up + self.down
    }

    /// What crossed between `before` and `self`.
    pub fn since(self, before: Wire) -> Wire {
        Wire {
            up: self.up - before.up,
            down: self.down - before.down,
        }
    }
}

/// A running private sshd and the relay in front of it.
pub struct Link {
    dir: tempfile::TempDir,
    sshd: Child,
    relay_port: u16,
    up: Arc<AtomicU64>,
    down: Arc<AtomicU64>,
    user: String,
}

impl Link {
    /// Starts sshd and the relay, or says in a sentence why it cannot.
    pub fn start(user: &str) -> Result<Link, String> {
        for tool in [SSHD, "/usr/bin/ssh", "/usr/bin/ssh-keygen"] {
            if !Path::new(tool).is_file() {
                return Err(format!(
                    "{tool} is not installed (Debian: openssh-server and openssh-client)"
                ));
            }
        }
        if !Path::new(PRIVSEP).is_dir() {
            std::fs::create_dir_all(PRIVSEP).map_err(|e| {
                format!("sshd needs its empty folder {PRIVSEP} and it could not be made ({e})")
            })?;
            eprintln!("made {PRIVSEP}, the empty folder sshd needs to start");
        }
        let dir = tempfile::tempdir().map_err(|e| format!("no temp dir: {e}"))?;
        let d = dir.path();
        for key in ["host_key", "client_key"] {
            let ok = Command::new("ssh-keygen")
                .args(["-q", "-N", "", "-t", "ed25519", "-f"])
                .arg(d.join(key))
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return Err(format!("ssh-keygen could not make {key}"));
            }
        }
        std::fs::copy(d.join("client_key.pub"), d.join("authorized_keys"))
            .map_err(|e| format!("authorized_keys: {e}"))?;
        let config = format!(
            "HostKey {d}/host_key\n\
             AuthorizedKeysFile {d}/authorized_keys\n\
             PidFile {d}/sshd.pid\n\
             ListenAddress 127.0.0.1\n\
             PermitRootLogin prohibit-password\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             UsePAM no\n\
             StrictModes no\n\
             PrintMotd no\n\
             PrintLastLog no\n\
             UseDNS no\n",
            d = d.display()
        );
        std::fs::write(d.join("sshd_config"), config).map_err(|e| format!("sshd_config: {e}"))?;
        let port = free_port()?;
        let log = std::fs::File::create(d.join("sshd.log")).map_err(|e| e.to_string())?;
        // sshd must be started by its full path to re-execute itself.
        let sshd = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(d.join("sshd_config"))
            .args(["-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("{SSHD} did not start: {e}"))?;
        let mut link = Link {
            dir,
            sshd,
            relay_port: 0,
            up: Arc::new(AtomicU64::new(0)),
            down: Arc::new(AtomicU64::new(0)),
            user: user.to_owned(),
        };
        let target = SocketAddr::from(([127, 0, 0, 1], port));
        let end = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(target).is_err() {
            if Instant::now() > end || matches!(link.sshd.try_wait(), Ok(Some(_))) {
                let log =
                    std::fs::read_to_string(link.dir.path().join("sshd.log")).unwrap_or_default();
                return Err(format!("sshd did not listen on port {port}:\n{log}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        link.relay_port = relay(target, Arc::clone(&link.up), Arc::clone(&link.down))?;
        Ok(link)
    }

    /// The bytes that have crossed the relay so far.
    pub fn wire(&self) -> Wire {
        Wire {
            up: self.up.load(Ordering::SeqCst),
            down: self.down.load(Ordering::SeqCst),
        }
    }

    /// The ssh client's arguments that run `remote` (a shell command line)
    /// on this machine through the relay, with a terminal (`-tt`).
    pub fn ssh_args(&self, remote: &str) -> Vec<String> {
        let key = self.dir.path().join("client_key");
        [
            "-tt",
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            "-i",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain([
            key.display().to_string(),
            "-p".to_owned(),
            self.relay_port.to_string(),
            "-l".to_owned(),
            self.user.clone(),
            "127.0.0.1".to_owned(),
            remote.to_owned(),
        ])
        .collect()
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = self.sshd.kill();
        let _ = self.sshd.wait();
    }
}

/// A shell command line that runs `program` with `args` in `cwd` with only
/// the environment `vars`, as the local runs get it.
pub fn remote_command(
    cwd: &Path,
    vars: &[(String, String)],
    program: &Path,
    args: &[&str],
) -> String {
    let mut line = format!("cd {} && exec env -i", quote(&cwd.display().to_string()));
    for (k, v) in vars {
        line.push(' ');
        line.push_str(&quote(&format!("{k}={v}")));
    }
    line.push(' ');
    line.push_str(&quote(&program.display().to_string()));
    for a in args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    line
}

/// Single quotes for the remote shell.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    l.local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// Listens on a free port and relays every connection to `target`,
/// counting the bytes each way. Returns the port.
fn relay(target: SocketAddr, up: Arc<AtomicU64>, down: Arc<AtomicU64>) -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("relay: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("relay: {e}"))?
        .port();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { return };
            let Ok(server) = TcpStream::connect(target) else {
                return;
            };
            // ssh turns Nagle off for an interactive session; so does the
            // relay, or it would hold back small packets and add delay.
            let _ = client.set_nodelay(true);
            let _ = server.set_nodelay(true);
            let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) else {
                return;
            };
            let (u, d) = (Arc::clone(&up), Arc::clone(&down));
            std::thread::spawn(move || pump(client, server, &u));
            std::thread::spawn(move || pump(s2, c2, &d));
        }
    });
    Ok(port)
}

fn pump(mut from: TcpStream, mut to: TcpStream, count: &AtomicU64) {
    let mut buf = [0u8; 65536];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        // Counted before it is passed on, so that by the time the other
        // side has it the count includes it.
        count.fetch_add(n as u64, Ordering::SeqCst);
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}
