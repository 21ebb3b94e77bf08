//! Times from the store as people read them.

use chrono::{DateTime, Local, Utc};

/// A time from the store as people read it, in local time.
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .format("%-d %b %Y %H:%M")
        .to_string()
}
