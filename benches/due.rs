//! `casenotes due --json --all --team` against plain `sqlite3 -json` scans
//! in the same run (issue 12: at most twice the scan): of what the due
//! list had to read before schema step 12 (every record's family, form,
//! dates, status and author, with its family's row), and of what it reads
//! now (the families, `due_latest` and the drafts). The program takes its
//! user from the operating system's account, which is made a supervisor
//! of the file for the team's list. Run by hand:
//! `cargo bench --bench due -- --file 50k` (or `10k`; `--runs N`, default 5;
//! `--before PATH` also times another build of the program, such as the
//! one before a change, in the same run).

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The rows the due list is worked out from, every record with its family.
const SCAN: &str = "SELECT f.id, f.reference, f.name, f.status, f.opened_on,
        f.child_protection_plan, f.child_in_need, f.looked_after, f.allocated_worker,
        r.id, r.form_id, r.event_date, r.created_at, r.status, r.significant, r.author
    FROM family f JOIN record r ON r.family_id = f.id ORDER BY f.id";

/// The rows the due list reads since schema step 12, the same columns.
const SUMMARY_SCAN: &str = "SELECT id, reference, name, status, opened_on,
        child_protection_plan, child_in_need, looked_after, allocated_worker
    FROM family ORDER BY id;
    SELECT family_id, record_id, form_id, event_date, created_at, significant, author
    FROM due_latest ORDER BY family_id, form_id;
    SELECT family_id, id, form_id, event_date, created_at, significant, author
    FROM record WHERE status = 'draft' ORDER BY family_id";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(5usize);
    let before = args
        .iter()
        .position(|a| a == "--before")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let which =
        support::Fictional::from_args(&args, "--file").unwrap_or(support::Fictional::Budget10k);
    let path = support::fictional_file(which);
    // The program takes its user from the operating system's account (not
    // from USER), so that account is made a supervisor here, for the team.
    let me = casenotes::identity::login_name().expect("a login name");
    {
        let mut s = casenotes::store::Store::open(&path, &me).expect("the file opens");
        if !s.is_supervisor(&me).unwrap_or(false) {
            s.add_user(&me, casenotes::user::Role::Supervisor)
                .expect("the account is made a supervisor");
        }
    }
    println!(
        "due bench on {} ({} MB), {runs} runs each, load {}",
        path.display(),
        std::fs::metadata(&path).map_or(0, |m| m.len() / 1_000_000),
        support::load_average()
    );
    // Once each, unmeasured, so the file is in the OS cache for all three.
    let _ = casenotes(&path, &me, true);
    if let Some(b) = &before {
        let _ = casenotes_at(b, &path, &me, true);
    }
    let _ = sqlite3(&path, SCAN);
    let _ = sqlite3(&path, SUMMARY_SCAN);
    let mut team = Vec::new();
    let mut scan = Vec::new();
    let mut summary = Vec::new();
    let mut old = Vec::new();
    let mut old_bytes = 0;
    let (mut team_bytes, mut scan_bytes, mut summary_bytes) = (0, 0, 0);
    for _ in 0..runs {
        let (t, b) = casenotes(&path, &me, true);
        team.push(t);
        team_bytes = b;
        let (t, b) = sqlite3(&path, SCAN);
        scan.push(t);
        scan_bytes = b;
        let (t, b) = sqlite3(&path, SUMMARY_SCAN);
        summary.push(t);
        summary_bytes = b;
        if let Some(b) = &before {
            let (t, n) = casenotes_at(b, &path, &me, true);
            old.push(t);
            old_bytes = n;
        }
    }
    let team_ms = median(&mut team);
    let scan_ms = median(&mut scan);
    let summary_ms = median(&mut summary);
    println!(
        "casenotes due --json --all --team (a supervisor): median {team_ms:.1} ms, {team_bytes} bytes"
    );
    println!(
        "sqlite3 -json, every record with its family: median {scan_ms:.1} ms, {scan_bytes} bytes"
    );
    println!(
        "sqlite3 -json, the rows the due list reads now (families, due_latest, drafts): \
         median {summary_ms:.1} ms, {summary_bytes} bytes"
    );
    if let Some(b) = &before {
        let old_ms = median(&mut old);
        println!(
            "{} (--before): median {old_ms:.1} ms, {old_bytes} bytes, {:.2}x the scan of the rows read now",
            b.display(),
            old_ms / summary_ms
        );
    }
    println!(
        "ratio: {:.2}x the scan of every record, {:.2}x the scan of the rows read now",
        team_ms / scan_ms,
        team_ms / summary_ms
    );
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort_unstable();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// Runs a command to the end, counting what it prints; its time from
/// spawn to exit. The output is read in fixed chunks and dropped, not
/// gathered: gathering 66 MB into a growing buffer cost this side more
/// than the program's own writing, and more for the larger output, so the
/// program and sqlite3 were not timed alike.
fn timed(cmd: &mut Command) -> (Duration, usize) {
    use std::io::Read;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the command runs");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut chunk = vec![0u8; 1 << 20];
    let mut bytes = 0;
    loop {
        match stdout.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => panic!("reading {cmd:?}: {e}"),
        }
    }
    let status = child.wait().expect("the command ends");
    let t = start.elapsed();
    assert!(status.success(), "{cmd:?} failed");
    (t, bytes)
}

fn casenotes(db: &Path, user: &str, team: bool) -> (Duration, usize) {
    casenotes_at(Path::new(env!("CARGO_BIN_EXE_casenotes")), db, user, team)
}

/// As [`casenotes`], with the program at `bin`.
fn casenotes_at(bin: &Path, db: &Path, user: &str, team: bool) -> (Duration, usize) {
    let home = tempfile::tempdir().expect("a temp dir");
    let root = home.path();
    let mut cmd = Command::new(bin);
    cmd.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", root.join("home"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_STATE_HOME", root.join("state"))
        .env("CASENOTES_CONFIG", root.join("config/none.toml"))
        .env("CASENOTES_DB", db)
        .env("USER", user)
        .env("LOGNAME", user)
        .args(["due", "--json", "--all", "--at", "2026-11-22"]);
    if team {
        cmd.arg("--team");
    }
    timed(&mut cmd)
}

fn sqlite3(db: &Path, sql: &str) -> (Duration, usize) {
    timed(
        Command::new("sqlite3")
            .arg("-readonly")
            .arg("-json")
            .arg(db)
            .arg(sql),
    )
}
