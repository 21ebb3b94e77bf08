//! Reads the duties and the calendar the config file names (or the
//! built-in ones), so the `due` command and the terminal interface count
//! due dates by exactly the same rules.

use super::{Calendar, Duties};
use crate::config::Config;

/// The duties and the working-day calendar in use: `duties_file` and
/// `closures_file` from the config when set, the built-in ones otherwise.
/// Errors are plain sentences naming the file.
pub fn load(config: &Config) -> Result<(Duties, Calendar), String> {
    let duties = match &config.duties_file {
        None => Duties::built_in().map_err(|e| e.to_string())?,
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read the duties file {}: {e}", p.display()))?;
            Duties::parse(&p.display().to_string(), &text).map_err(|e| e.to_string())?
        }
    };
    let cal = Calendar::england_and_wales();
    let cal = match &config.closures_file {
        None => cal,
        Some(p) => cal.with_closures_file(p).map_err(|e| e.to_string())?,
    };
    Ok((duties, cal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_config_gives_the_built_in_rules() {
        let (duties, _) = load(&Config::default()).expect("built-in rules load");
        assert!(duties.duties.iter().any(|d| d.id == "management_oversight"));
    }

    #[test]
    fn a_missing_duties_file_is_named() {
        let config = Config {
            duties_file: Some("/nonexistent/duties.toml".into()),
            ..Config::default()
        };
        let e = load(&config).err().unwrap_or_default();
        assert!(e.contains("/nonexistent/duties.toml"), "{e}");
    }
}
