//! Marsad's end-to-end tests, one binary: each module runs the real `marsad` executable.
//!
//! - `cli`: commands on the team's own examples and small texts written here.
//! - `bad_input`: inputs that must be rejected with a path and a reason while the rest is stored.
//! - `corpora`: runs on ../shared/data; skipped with a notice when it is absent, required when
//!   MARSAD_REQUIRE_SHARED=1.

#[macro_use]
mod util;

mod bad_input;
mod cli;
mod corpora;
