//! Runs arbitrary bytes through a dechaff batch as one input file of a given
//! format, through the batch crate's public API only (its readers are
//! private): the bytes are written to a file in memory-backed `/dev/shm` (or
//! the temporary directory) and read back by `Batch::run` with one worker.
//!
//! Checked on every input: the run ends (no error for a readable file), the
//! records written are the ones counted, every record is one valid JSON line,
//! and no page made the extractor panic (the batch catches that as
//! `PageError::Panic`; here it aborts, as a crash to fix).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use dechaff::{Extractor, Options};
use dechaff_batch::output::Sink;
use dechaff_batch::{Batch, InputFormat, Inputs, PageError, Record, Settings};

/// Largest page read: small, so that the fuzzer spends its time in the
/// readers, not in the extractor (which has a target of its own).
const MAX_BYTES: usize = 64 * 1024;

/// Collects what the run wrote.
#[derive(Default)]
struct Collect {
    records: u64,
    failed: u64,
}

impl Sink for Collect {
    fn write(&mut self, record: &Record) -> std::io::Result<()> {
        if let Err(PageError::Panic(message)) = &record.outcome {
            panic!(
                "the extractor panicked on a page of {:?}: {message}",
                record.origin
            );
        }
        let mut line = Vec::new();
        record.write_json(&mut line, |e| e.to_string())?;
        assert_eq!(
            line.iter().filter(|&&b| b == b'\n').count(),
            1,
            "a record is one line"
        );
        let value: serde_json::Value = serde_json::from_slice(&line).expect("a record is valid JSON");
        assert!(
            value.get("text").is_some() != value.get("error").is_some(),
            "a record has text or an error: {value}"
        );
        self.records += 1;
        if record.outcome.is_err() {
            self.failed += 1;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The file the bytes go to, one per process and file name.
fn scratch(file_name: &str) -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    let dir = if shm.is_dir() { shm } else { std::env::temp_dir() };
    dir.join(format!("dechaff-fuzz-{}-{file_name}", std::process::id()))
}

/// Runs `data` as the file `file_name` read as `format`; returns the number
/// of records written.
pub fn run(data: &[u8], file_name: &str, format: InputFormat) -> u64 {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    let extractor = EXTRACTOR.get_or_init(|| {
        let mut options = Options::default();
        options.max_nodes = 2000;
        Extractor::new(options).expect("options")
    });
    let path = scratch(file_name);
    std::fs::write(&path, data).expect("write the scratch file");
    let mut inputs = Inputs::paths([&path]);
    inputs.format = format;
    inputs.max_bytes = MAX_BYTES;
    inputs.jsonl.id = Some("id".into());
    let mut settings = Settings::default();
    settings.jobs = 1;
    settings.window = 4;
    let batch = Batch::new(extractor.clone(), inputs, settings);
    let mut sink = Collect::default();
    let summary = batch
        .run(&mut sink, &|_: &Record| {}, &AtomicBool::new(false))
        .expect("a readable input file never stops the run");
    assert_eq!(summary.pages, sink.records, "records counted = records written");
    assert_eq!(summary.failed, sink.failed, "failed records counted = written");
    assert!(!summary.interrupted);
    sink.records
}
