//! `dechaff explain [FILE|-] [--url URL] [--charset LABEL] [--focus F] [-o FILE]`:
//! why each text block of one page was kept or dropped, written as the HTML
//! view of [`dechaff::Explanation::to_html`].
//!
//! The subcommand is recognised by its name as the first argument, before
//! clap sees the command line, so that `dechaff FILE…` keeps taking any path
//! (a file named `explain` is read as `dechaff ./explain`).

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use dechaff_batch::PageError;

use crate::flags::{Destination, ExplainConfig, ExplainFlags};
use crate::messages;

/// The subcommand's name.
const NAME: &str = "explain";

/// True when the command line asks for `dechaff explain`.
pub fn requested() -> bool {
    std::env::args_os().nth(1).is_some_and(|a| a == NAME)
}

/// Runs `dechaff explain` with the process's arguments.
pub fn main() -> ExitCode {
    // `dechaff explain ARGS…` parses as a command named `explain` with ARGS.
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let config = match ExplainFlags::parse_from(args).into_config() {
        Ok(config) => config,
        Err(usage) => usage.exit(),
    };
    match run(&config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if let Some(message) = failure.message {
                eprintln!("{message}");
            }
            ExitCode::from(failure.code)
        }
    }
}

/// Why the command stopped: the exit code and what to say (nothing for a
/// closed pipe).
struct Failure {
    code: u8,
    message: Option<String>,
}

/// Reads the page, explains it and writes the view.
fn run(config: &ExplainConfig) -> Result<(), Failure> {
    let source = config
        .path
        .as_deref()
        .map_or_else(|| "standard input".to_owned(), |p| p.display().to_string());
    let page = read(config.path.as_deref()).map_err(|e| Failure {
        code: 2,
        message: Some(messages::explain_failure(&source, &PageError::Read(e))),
    })?;
    let extractor = dechaff::Extractor::new(config.options.clone()).map_err(|e| Failure {
        code: 2,
        message: Some(messages::explain_failure(&source, &PageError::Extract(e))),
    })?;
    let mut input = dechaff::Input::new(&page);
    if let Some(url) = &config.url {
        input = input.url(url);
    }
    if let Some(charset) = &config.charset {
        input = input.charset(charset);
    }
    let explanation = extractor.explain(input).map_err(|e| Failure {
        code: 1,
        message: Some(messages::explain_failure(&source, &PageError::Extract(e))),
    })?;
    write(&config.output, explanation.to_html().as_bytes()).map_err(|e| Failure {
        code: if e.kind() == io::ErrorKind::BrokenPipe {
            0
        } else {
            2
        },
        message: (e.kind() != io::ErrorKind::BrokenPipe).then(|| {
            format!(
                "dechaff explain: {}",
                messages::run_error(&dechaff_batch::Error::Output(e))
            )
        }),
    })
}

/// The page's bytes from its file or standard input.
fn read(path: Option<&Path>) -> io::Result<Vec<u8>> {
    match path {
        Some(path) => fs::read(path),
        None => {
            let mut page = Vec::new();
            io::stdin().lock().read_to_end(&mut page)?;
            Ok(page)
        }
    }
}

/// Writes the view to standard output or to a new file.
fn write(destination: &Destination, view: &[u8]) -> io::Result<()> {
    match destination {
        Destination::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(view)?;
            out.flush()
        }
        Destination::File(path) => fs::write(path, view),
    }
}
