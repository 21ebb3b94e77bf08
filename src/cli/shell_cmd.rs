//! `casenotes completions SHELL` and `casenotes man`: the shell's tab
//! completion script and the manual page, both generated from the same
//! clap definitions as the parser, so they can never list an option the
//! program does not take.

use super::Cli;
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

/// The shells a completion script can be printed for.
pub use clap_complete::Shell;

/// Prints the completion script for `shell` to `out`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> std::io::Result<i32> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "casenotes", out);
    Ok(0)
}

/// Prints the main manual page (roff, section 1) to `out`, or with `dir`
/// writes it there together with a page for every subcommand
/// (`casenotes-forms.1` and so on, which the main page refers to) and
/// names each file written.
pub fn man(dir: Option<&Path>, out: &mut dyn Write) -> std::io::Result<i32> {
    let cmd = Cli::command();
    let Some(dir) = dir else {
        clap_mangen::Man::new(cmd).render(out)?;
        return Ok(0);
    };
    clap_mangen::generate_to(cmd, dir).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!(
                "could not write the manual pages into {}: {e}",
                dir.display()
            ),
        )
    })?;
    writeln!(out, "Manual pages written to {}.", dir.display())?;
    Ok(0)
}
