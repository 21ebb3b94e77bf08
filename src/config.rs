//! The optional config file (`config.toml` in the user's config directory):
//! where an organisation's forms live and which local closure days count.
//! Command-line options win over it.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Settings read from the config file; every key is optional.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A directory of organisation forms added to (or replacing) the built-ins.
    pub forms_dir: Option<PathBuf>,
    /// A file of local closure days, one `YYYY-MM-DD` a line.
    pub closures_file: Option<PathBuf>,
    /// A duties file replacing the built-in recurring duties.
    pub duties_file: Option<PathBuf>,
}

/// Why the config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("cannot read the config file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// Line from 1.
        line: usize,
        /// Column from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// Where the config file is looked for, unless `CASENOTES_CONFIG` says.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CASENOTES_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "casenotes").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the config file; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        Config::parse(&path.display().to_string(), &text)
    }

    /// Parses config text; `name` is used in messages.
    pub fn parse(name: &str, text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = crate::form::line_column(text, e.span().map_or(0, |s| s.start));
            ConfigError::Invalid {
                path: name.to_owned(),
                line,
                column,
                message: e.message().lines().next().unwrap_or("").to_owned(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_placed() {
        let e = Config::parse("c.toml", "forms_dir = \"x\"\nfrom_dir = 1\n").unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("c.toml:2:1: unknown field `from_dir`"), "{s}");
    }

    #[test]
    fn keys_are_read() {
        let c = Config::parse("c.toml", "forms_dir = \"/srv/forms\"\n").unwrap();
        assert_eq!(c.forms_dir, Some(PathBuf::from("/srv/forms")));
    }
}
