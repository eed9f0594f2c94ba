//! Any bytes given as a scenario file either load or are refused with an error; none panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sifsim::scenario::Scenario;

fuzz_target!(|data: &[u8]| {
    if let Err(error) = Scenario::from_bytes("fuzz.toml".as_ref(), data) {
        // Rendering the report (spans, snippets) must not panic either.
        let _ = error.to_string();
    }
});
