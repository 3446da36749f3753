//! Arbitrary bytes as one HTML file (gzip is seen through by its magic
//! bytes): exactly one record, whatever the bytes.

#![no_main]

mod common;

use dechaff_batch::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let records = common::run(data, "page.html.gz", InputFormat::Html);
    assert_eq!(records, 1, "one HTML file gives exactly one record");
});
