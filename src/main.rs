//! The `casenotes` binary: reads the command line and hands each command to
//! the library. Every failure ends as a plain sentence and an exit status.

use casenotes::cli::{Cli, Command, FormsCommand, forms_cmd};
use casenotes::config::{self, Config};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("casenotes: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    let config = match config::default_path() {
        Some(p) => Config::load(&p).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let forms_dir: Option<PathBuf> = cli.forms.clone().or(config.forms_dir.clone());
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let io = |e: std::io::Error| format!("could not write the output: {e}");
    let code = match cli.command {
        Some(Command::Forms(FormsCommand::List)) => {
            forms_cmd::list(forms_dir.as_deref(), &mut out, &mut err).map_err(io)?
        }
        Some(Command::Forms(FormsCommand::Check { dir })) => {
            forms_cmd::check(dir.as_deref(), &mut out, &mut err).map_err(io)?
        }
        Some(Command::Forms(FormsCommand::Show { id })) => {
            forms_cmd::show(forms_dir.as_deref(), &id, &mut out, &mut err).map_err(io)?
        }
        None => {
            return Err("the terminal interface is not built yet".into());
        }
    };
    Ok(u8::try_from(code).unwrap_or(1))
}
