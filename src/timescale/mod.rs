//! Working days and due dates: England and Wales bank holidays, local
//! closure days, and the arithmetic the recording timescales need.
//!
//! The guidance counts recording deadlines in working days (seed
//! `001_e08e81dd70c4fa85.txt` §4, seed `003_e0d5b8f8efac37da.txt`
//! Appendix A), so a due date has to skip weekends, bank holidays and any
//! days the service itself is closed.
//!
//! `bank-holidays.json` uses the format, and the England and Wales division,
//! of the table GOV.UK publishes at <https://www.gov.uk/bank-holidays.json>
//! (Open Government Licence v3.0). It was written without network access:
//! every date was computed from the statutory rules (New Year's Day, Good
//! Friday, Easter Monday, the first and last Mondays in May, the last Monday
//! in August, Christmas and Boxing Day, with substitute days) plus the
//! proclaimed changes (VE Day 2020, the Platinum Jubilee 2022, the State
//! Funeral of Queen Elizabeth II 2022, the Coronation 2023), then
//! cross-checked against dates GOV.UK has published. When extending it, prefer
//! GOV.UK's own file for any year it covers, as it includes one-off changes
//! no rule can predict.

mod calendar;

pub use calendar::{Calendar, CalendarError, parse_closures};
mod due;
mod due_list;
mod duties;
mod load;

pub use due::{
    DueItem, FamilyFacts, Found, PlanFlags, RecordFacts, Urgency, What, add_period, counts,
    due_items, family_due, sort_items,
};
pub use due_list::{DueList, DueRef};
pub use duties::{AppliesTo, BUILT_IN_DUTIES, Duties, Duty, Period, Schedule};
pub use load::load;
