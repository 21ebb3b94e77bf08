//! The command line: what each subcommand takes (clap) and the code that
//! runs the ones that print rather than open the terminal interface.

pub mod actions_cmd;
pub mod audit_cmd;
pub mod check_cmd;
pub mod diagnostics;
pub mod discard_cmd;
pub mod due_cmd;
pub mod due_json;
pub mod export_cmd;
pub mod forms_cmd;
pub mod log_cmd;
pub mod search_cmd;
pub mod shell_cmd;
pub mod trainer_cmd;
pub mod user_cmd;
pub mod writing_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// casenotes: structured case notes for children's social care.
#[derive(Debug, Parser)]
#[command(name = "casenotes", version, about, long_about = None, after_long_help = EXIT_STATUS)]
pub struct Cli {
    /// The SQLite file to use (or set CASENOTES_DB; default: the config's team_file, else your data directory).
    #[arg(long, global = true, env = "CASENOTES_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// A directory of organisation forms that add to or replace the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub forms: Option<PathBuf>,

    /// Write diagnostics for support to FILE (JSON lines: ids and timings, never what a record says).
    #[arg(long, global = true, value_name = "FILE")]
    pub log: Option<PathBuf>,

    /// Plain lines for screen readers and braille displays, one field at a time, instead of the full screen (or set linear = true in the config).
    #[arg(long)]
    pub linear: bool,

    /// What to do; with none, the terminal interface opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The exit statuses, shown by `--help` and in the manual page.
pub const EXIT_STATUS: &str = "Exit status: 0 success; 1 failure (the message says what); \
2 a mistake on the command line; 128+n stopped by signal n (129 hang-up, 130 Ctrl-C from \
outside, 143 SIGTERM), after saving the draft.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, check or show forms.
    #[command(subcommand)]
    Forms(FormsCommand),
    /// What is overdue, due today and due this week.
    Due {
        /// Count from this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
        at: Option<chrono::NaiveDate>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
        /// The whole team's items (supervisors only), not just your own.
        #[arg(long)]
        team: bool,
        /// Include items due later than this week.
        #[arg(long)]
        all: bool,
    },
    /// Add a user or change their name and role (practitioner, supervisor, manager, read-only).
    #[command(subcommand)]
    User(UserCommand),
    /// List the users with their names and roles.
    Users,
    /// Writing help: spelling, names, abbreviations, jargon, opinions, repeats.
    #[command(subcommand)]
    Writing(WritingCommand),
    /// List a family's records with their numbers (for `export`).
    Records {
        /// The family's case reference.
        reference: String,
    },
    /// Throw away a draft (yours, or any as a supervisor); the audit log keeps that it existed, never its text.
    Discard {
        /// The draft's number, as `casenotes records REF` lists it.
        record: i64,
        /// Discard without asking (needed when standard input is not a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// A family's action register: open actions first, overdue ones marked, each with its history.
    Actions {
        /// The family's case reference.
        reference: String,
        /// Count overdue as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
        at: Option<chrono::NaiveDate>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// The evidence for a case-file audit of a family: a proposed answer to each Tees standard the file can answer, with the records behind it (supervisors only).
    Audit {
        /// The family's case reference.
        reference: String,
        /// Gather as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
        at: Option<chrono::NaiveDate>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Find records holding every word, in your caseload (a supervisor: the team) or one family.
    Search {
        /// The words to find (each matches the start of a word; case and accents do not matter).
        #[arg(required = true)]
        words: Vec<String>,
        /// Search only this family's records (its case reference).
        #[arg(long, value_name = "REF")]
        family: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print a record, or a family's whole file, as Markdown, plain text or HTML, for everyone or for one child (noted in the audit log).
    Export {
        /// The record's number, as `casenotes records REF` lists it.
        #[arg(required_unless_present = "family", conflicts_with = "family")]
        record: Option<i64>,
        /// Instead of one record, the family with this case reference: its whole file, oldest first.
        #[arg(long, value_name = "REF")]
        family: Option<String>,
        /// Only this child's part: their name (or first name) or number; other children's own sections are left out.
        #[arg(long, value_name = "CHILD")]
        child: Option<String>,
        /// Markdown, plain text, or one self-contained HTML page.
        #[arg(long, value_enum, default_value = "md")]
        format: export_cmd::Format,
    },
    /// Check the case file: its format, its protections, and SQLite's integrity check.
    Check {
        /// A head hash printed by an earlier check: fail unless the chain still passes through it.
        #[arg(long, value_name = "HASH", value_parser = parse_hash_arg)]
        head: Option<crate::service::Hash>,
    },
    /// The audit log: who opened, saved, finalised or exported what, and when (your own entries; a supervisor sees everyone's).
    Log {
        /// Only this person's entries (supervisors only, for someone else).
        #[arg(long, value_name = "LOGIN")]
        user: Option<String>,
        /// Only entries about the family with this case reference.
        #[arg(long, value_name = "REF")]
        family: Option<String>,
        /// Only entries from this day (YYYY-MM-DD) on.
        #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
        since: Option<chrono::NaiveDate>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Copy the database safely, even while others have it open.
    Backup {
        /// Where to write the copy (must not exist yet).
        path: PathBuf,
    },
    /// Open a demonstration with a fictional family, in a file of its own (never a real one).
    Demo {
        /// Keep the demonstration in this new file (or reopen one an earlier demonstration made).
        #[arg(long, value_name = "PATH")]
        keep: Option<PathBuf>,
        /// Open with the guided tour over the screens; a trainer's own steps with --tour FILE.
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        tour: Option<Option<PathBuf>>,
    },
    /// Print the config's defaults (the key bindings) as TOML to paste into your config file.
    Config {
        /// Print the defaults.
        #[arg(long, required = true)]
        defaults: bool,
    },
    /// Print the tab-completion script for a shell (bash, zsh, fish, elvish or powershell).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: shell_cmd::Shell,
    },
    /// Print the manual page (roff), or write every page into a folder with --dir.
    Man {
        /// Write casenotes.1 and a page for each subcommand into this existing folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `casenotes writing ...`
#[derive(Debug, Subcommand)]
pub enum WritingCommand {
    /// Check text from FILE (or standard input, also for `-`); exit 1 if anything is found, 2 if it cannot be read.
    Check {
        /// The file to check; `-` or nothing for standard input.
        file: Option<PathBuf>,
        /// A name to treat as a family member's (may be given more than once).
        #[arg(long = "name", value_name = "NAME")]
        names: Vec<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
}

/// `casenotes user ...`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (or give a listed one this role and name).
    Add {
        /// Their operating-system login name.
        #[arg(value_name = "LOGIN")]
        login: String,
        /// The name shown on records instead of the login ("Dana Worker").
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// practitioner (the default), supervisor, manager or read-only.
        #[arg(long, value_name = "ROLE", conflicts_with = "supervisor")]
        role: Option<String>,
        /// The same as --role supervisor.
        #[arg(long)]
        supervisor: bool,
    },
    /// Change a listed user's name or role (only what is given).
    Set {
        /// Their operating-system login name.
        #[arg(value_name = "LOGIN")]
        login: String,
        /// The name shown on records instead of the login.
        #[arg(long, value_name = "NAME", conflicts_with = "no_name")]
        name: Option<String>,
        /// Remove the display name (the login is shown).
        #[arg(long)]
        no_name: bool,
        /// practitioner, supervisor, manager or read-only.
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
    },
    /// List the users with their names and roles (the same as `casenotes users`).
    List,
}

/// Reads a `YYYY-MM-DD` date argument.
fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::record::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

/// Reads a head hash as `check` prints it (64 hexadecimal digits).
fn parse_hash_arg(s: &str) -> Result<crate::service::Hash, String> {
    crate::service::parse_hex(s)
        .ok_or_else(|| "a head hash is the 64 hexadecimal digits `casenotes check` printed".into())
}

/// `casenotes forms ...`
#[derive(Debug, Subcommand)]
pub enum FormsCommand {
    /// List the forms in use (built-in and your organisation's).
    List,
    /// Check every form file in DIR (default: the built-ins and your forms directory).
    Check {
        /// The directory to check.
        dir: Option<PathBuf>,
    },
    /// Print a form's structure to hand out: a Markdown outline, or an HTML page citing the guidance.
    Show {
        /// The form's id, as `forms list` shows it.
        id: String,
        /// Markdown, or one self-contained HTML page.
        #[arg(long, value_enum, default_value = "md")]
        format: forms_cmd::Format,
    },
    /// Show a form as a person meets it, field by field, with nothing opened or saved.
    Preview {
        /// The form's id, as `forms list` shows it.
        id: String,
    },
    /// Print a built-in form's worked example: a good and a weak record side by side.
    Example {
        /// The form's id, as `forms list` shows it.
        id: String,
        /// One record after the other instead of side by side (screen readers, narrow windows).
        #[arg(long)]
        one_column: bool,
        /// The width to lay the two records out in.
        #[arg(long, default_value_t = 100, value_name = "COLUMNS")]
        width: usize,
    },
}
