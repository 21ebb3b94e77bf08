//! The command line: what each subcommand takes (clap) and the code that
//! runs the ones that print rather than open the terminal interface.

pub mod forms_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// casenotes: structured case notes for children's social care.
#[derive(Debug, Parser)]
#[command(name = "casenotes", version, about, long_about = None)]
pub struct Cli {
    /// The SQLite file to use (default: your data directory; or set CASENOTES_DB).
    #[arg(long, global = true, env = "CASENOTES_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// A directory of organisation forms that add to or replace the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub forms: Option<PathBuf>,

    /// What to do; with none, the terminal interface opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, check or show forms.
    #[command(subcommand)]
    Forms(FormsCommand),
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
    /// Print a form's structure as a Markdown outline to hand out.
    Show {
        /// The form's id, as `forms list` shows it.
        id: String,
    },
}
