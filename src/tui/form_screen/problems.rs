//! Problems said in people's words, for the form and review screens; the
//! wording lives in the core (`record/problem_words.rs`) so that the linear
//! mode says exactly the same.

pub(crate) use crate::record::problem_words::describe;
