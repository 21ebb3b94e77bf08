//! The built-in forms, embedded so that an install needs no extra files.
//! A test checks that every file in `forms/` is listed here.

macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$((concat!($name, ".toml"), include_str!(concat!("../../forms/", $name, ".toml")))),*]
    };
}

/// (file name, TOML text) of each built-in form, in the order they are
/// offered when starting a record: the everyday ones first.
pub const BUILT_IN: &[(&str, &str)] = built_in![
    "visit",
    "case_summary",
    "allocation",
    "planning_meeting",
    "management_oversight",
    "case_supervision",
    "chronology_entry",
    "transfer",
    "closure",
    "supervision_record",
    "audit",
    "team_meeting",
];

#[cfg(test)]
mod tests {
    use super::BUILT_IN;

    #[test]
    fn every_file_in_forms_is_built_in() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/forms");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }
}
