//! Form text shared by the tests of the action register: one section
//! holding a SMART actions table (what, who, by when).

/// The section with the SMART table, `what` and `by_when` required or
/// not. Without them it is the exact text the form checker's tests count
/// lines in (`forms_actions`), so it must not change shape.
pub fn actions_section(required: bool) -> String {
    let req = if required { "required = true\n" } else { "" };
    format!(
        r#"
[[section]]
id = "acts"
title = "Actions"

[[section.field]]
id = "smart"
label = "SMART actions"
kind = "table"
actions = {{ what = "what", who = "who", by_when = "by_when" }}

[[section.field.column]]
id = "what"
label = "What"
kind = "text"
{req}
[[section.field.column]]
id = "who"
label = "Who"
kind = "text"

[[section.field.column]]
id = "by_when"
label = "By when"
kind = "date"
{req}"#
    )
}
