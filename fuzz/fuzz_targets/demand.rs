//! Fuzz target `demand`: see docs/fuzzing.md and [`dormplan_fuzz::Target::Demand`].
#![no_main]

use dormplan_fuzz::{Target, fuzz};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fuzz(Target::Demand, data));
