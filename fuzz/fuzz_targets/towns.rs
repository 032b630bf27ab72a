//! Fuzz target `towns`: see docs/fuzzing.md and [`dormplan_fuzz::Target::Towns`].
#![no_main]

use dormplan_fuzz::{Target, fuzz};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fuzz(Target::Towns, data));
