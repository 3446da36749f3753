//! Arbitrary bytes as JSON lines: every line that is not blank gives one
//! record (a failed one when it is not a JSON object with an HTML string).

#![no_main]

mod common;

use dechaff_batch::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let records = common::run(data, "pages.jsonl", InputFormat::Jsonl);
    // At most one record per line; a line is cut by `\n` (the last one
    // may lack it).
    let lines = data.split(|&b| b == b'\n').count() as u64;
    assert!(records <= lines, "{records} records from {lines} lines");
});
