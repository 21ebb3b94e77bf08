//! Times from the store as people read them.

use chrono::{DateTime, Utc};

/// A time from the store as people read it, in local time (the one format
/// of `crate::dates`).
pub fn local_time(t: DateTime<Utc>) -> String {
    crate::dates::moment(t)
}
