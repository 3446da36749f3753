//! The words people read. The libraries return typed errors; this module,
//! and only it, turns them into messages that say which page and what to do
//! (usually: which flag to change). The same wording goes to stderr and into
//! the `error` field of JSON records.

use std::io;

use dechaff_batch::{PageError, Record, Summary};

/// Why a page failed, with a hint where there is something to do.
pub fn describe(error: &PageError) -> String {
    match error {
        PageError::Read(e) => match e.kind() {
            io::ErrorKind::NotFound => "no such file: check the path".into(),
            io::ErrorKind::PermissionDenied => "permission denied: check the file's permissions".into(),
            _ => format!("cannot read: {e}"),
        },
        PageError::TooLarge { limit } => {
            format!("page is larger than the --max-bytes limit of {} (raise it with --max-bytes)", size(*limit))
        }
        PageError::LooksLikeWarc => {
            "this is a WARC archive, not a page: add --input warc to read its pages".into()
        }
        PageError::Extract(e) => describe_extract(e),
        PageError::Panic(message) => format!(
            "dechaff crashed on this page ({message}); this is a bug in dechaff: please report it with the page"
        ),
        other => other.to_string(),
    }
}

fn describe_extract(error: &dechaff::Error) -> String {
    match error {
        dechaff::Error::InputTooLarge { size: bytes, limit } => format!(
            "page is {}, over the --max-bytes limit of {} (raise it with --max-bytes)",
            size(*bytes),
            size(*limit)
        ),
        dechaff::Error::TooManyNodes { limit } => {
            format!("page has more than {limit} DOM nodes (raise the limit with --max-nodes)")
        }
        dechaff::Error::NotHtml { kind } => format!("not an HTML page: it looks like {kind}"),
        dechaff::Error::UnknownEncoding(label) => {
            format!("unknown encoding {label:?}: give --charset a WHATWG label such as utf-8 or windows-1251")
        }
        other => other.to_string(),
    }
}

/// The stderr line for a failed page: `dechaff: SOURCE[ record ID]: why`.
pub fn failure(record: &Record) -> Option<String> {
    let error = record.outcome.as_ref().err()?;
    Some(format!("dechaff: {}: {}", place(record), describe(error)))
}

/// The stderr line for a page `dechaff explain` could not show:
/// `dechaff explain: SOURCE: why`.
pub fn explain_failure(source: &str, error: &PageError) -> String {
    format!("dechaff explain: {source}: {}", describe(error))
}

/// Where a record came from, for messages.
pub fn place(record: &Record) -> String {
    let source = match record.origin.source.as_str() {
        "-" => "standard input",
        source => source,
    };
    match &record.origin.record_id {
        Some(id) => format!("{source} record {id}"),
        None => source.to_string(),
    }
}

/// Why a run stopped, and what to do about it.
pub fn run_error(error: &dechaff_batch::Error) -> String {
    match error {
        dechaff_batch::Error::Output(e) => {
            format!("cannot write the output: {e}; check the free space and the output path")
        }
        dechaff_batch::Error::FileList { path, cause } => format!(
            "cannot read the list of files {}: {cause}; check the path given to --files-from",
            path.display()
        ),
        dechaff_batch::Error::Threads(e) => {
            format!("cannot start the worker threads: {e}; try fewer with --jobs")
        }
        other => other.to_string(),
    }
}

/// The one-line summary of a batch.
pub fn summary(summary: &Summary) -> String {
    let mut line = format!(
        "dechaff: {} pages ({} ok, {} empty, {} failed), {} skipped, {:.1} s, {:.0} pages/s",
        summary.pages,
        summary.ok,
        summary.empty,
        summary.failed,
        summary.skipped,
        summary.elapsed.as_secs_f64(),
        summary.pages_per_second()
    );
    if summary.interrupted {
        line.push_str(" (interrupted)");
    }
    line
}

/// `67108864` → `64 MiB`; sizes that are not whole units stay in bytes.
fn size(bytes: usize) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_flag_to_change() {
        assert_eq!(
            describe(&PageError::TooLarge { limit: 64 << 20 }),
            "page is larger than the --max-bytes limit of 64 MiB (raise it with --max-bytes)"
        );
        let nodes = PageError::Extract(dechaff::Error::TooManyNodes { limit: 10 });
        assert!(describe(&nodes).contains("--max-nodes"));
        let missing = PageError::Read(io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(describe(&missing), "no such file: check the path");
        assert!(describe(&PageError::LooksLikeWarc).contains("--input warc"));
        assert_eq!(size(1500), "1500 bytes");
    }
}
