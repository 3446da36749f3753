//! Arbitrary bytes as a WARC archive (plain or gzip): the reader must turn
//! whatever it cannot read into failed records, never panic or hang.

#![no_main]

mod common;

use dechaff_batch::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::run(data, "archive.warc", InputFormat::Warc);
});
