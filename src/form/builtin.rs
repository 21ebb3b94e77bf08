//! The built-in forms, embedded so that an install needs no extra files.
//! A test checks that every file in `forms/` is listed here.

/// (file name, TOML text) of each built-in form, in the order they are
/// offered when starting a record.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("visit.toml", include_str!("../../forms/visit.toml")),
    (
        "case_summary.toml",
        include_str!("../../forms/case_summary.toml"),
    ),
    (
        "allocation.toml",
        include_str!("../../forms/allocation.toml"),
    ),
    (
        "management_oversight.toml",
        include_str!("../../forms/management_oversight.toml"),
    ),
    (
        "case_supervision.toml",
        include_str!("../../forms/case_supervision.toml"),
    ),
    (
        "chronology_entry.toml",
        include_str!("../../forms/chronology_entry.toml"),
    ),
    ("transfer.toml", include_str!("../../forms/transfer.toml")),
    ("closure.toml", include_str!("../../forms/closure.toml")),
    (
        "supervision_record.toml",
        include_str!("../../forms/supervision_record.toml"),
    ),
    ("audit.toml", include_str!("../../forms/audit.toml")),
    (
        "team_meeting.toml",
        include_str!("../../forms/team_meeting.toml"),
    ),
];
