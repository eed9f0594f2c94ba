//! Any bytes given as a run's `summary.json`, `fund.csv` and `units.csv` (in that order,
//! separated by NUL bytes) are either refused with an error or drawn as SVG; none panic, and
//! results that pass the checks always draw. (The PNGs rasterize these SVGs; leaving them out
//! makes a drawn input over a hundred times faster to fuzz.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use sifsim::export::{Lang, charts, readback};

fuzz_target!(|data: &[u8]| {
    let mut files = data.splitn(3, |&b| b == 0);
    let mut next = || files.next().unwrap_or_default();
    let (summary, fund, units) = (next(), next(), next());
    match readback::from_bytes(summary, fund, units) {
        Ok(results) => {
            charts::render_svgs(&results, Lang::Sv).expect("checked results draw");
        }
        // Rendering the message must not panic either.
        Err(error) => drop(error.to_string()),
    }
});
