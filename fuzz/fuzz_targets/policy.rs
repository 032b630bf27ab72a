//! Fuzz target `policy`: see docs/fuzzing.md and [`dormplan_fuzz::Target::Policy`].
#![no_main]

use dormplan_fuzz::{Target, fuzz};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fuzz(Target::Policy, data));
