//! Parsing and compiling an arbitrary guideline TOML never panics: it yields
//! a checker or a positioned error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_core::{Checker, Draft, Guideline};

fuzz_target!(|text: &str| {
    match Guideline::from_toml("fuzz.toml", text) {
        Ok(guideline) => {
            if let Ok(checker) = Checker::new(&guideline) {
                let _ = checker.check(&Draft::text("Hey guys, the chairman said #worldhealthday!!!"));
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
