//! Turns the paths a user gave (files, directories, a list of files,
//! standard input) into the sequence of inputs to read, in a stable order:
//! arguments first, in the order given, then the list; a directory's files in
//! file-name order (walkdir, following symbolic links). Paths are visited one
//! at a time, never collected, so memory does not grow with the number of
//! files.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::input::Inputs;

/// Extensions read by default when walking a directory (and their `.gz`).
pub const DEFAULT_EXTENSIONS: [&str; 5] = ["html", "htm", "xhtml", "shtml", "warc"];

/// One input to read.
#[derive(Debug)]
pub(crate) enum Entry {
    /// Standard input.
    Stdin,
    /// A file to open (it may still fail to open).
    File(PathBuf),
    /// A path that could not be walked (a directory that cannot be listed).
    Failed(PathBuf, io::Error),
}

/// Visits every input; `visit` returns `false` to stop.
///
/// # Errors
/// When the list of files cannot be opened or read.
pub(crate) fn each(inputs: &Inputs, mut visit: impl FnMut(Entry) -> bool) -> Result<(), Error> {
    if inputs.paths.is_empty() && inputs.files_from.is_none() {
        visit(Entry::Stdin);
        return Ok(());
    }
    for path in &inputs.paths {
        if !expand(path, &inputs.extensions, &mut visit) {
            return Ok(());
        }
    }
    let Some(list) = &inputs.files_from else {
        return Ok(());
    };
    let list_error = |cause| Error::FileList {
        path: list.clone(),
        cause,
    };
    let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(File::open(list).map_err(list_error)?))
    };
    for line in reader.split(b'\n') {
        let line = line.map_err(list_error)?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !expand(&path_from_bytes(line), &inputs.extensions, &mut visit) {
            return Ok(());
        }
    }
    Ok(())
}

/// Visits one path: standard input, a file, or every matching file under a
/// directory.
fn expand(path: &Path, extensions: &[String], visit: &mut impl FnMut(Entry) -> bool) -> bool {
    if path.as_os_str() == "-" {
        return visit(Entry::Stdin);
    }
    if !fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return visit(Entry::File(path.to_path_buf()));
    }
    let walker = walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name();
    for entry in walker {
        let keep_going = match entry {
            Ok(entry) if entry.file_type().is_file() && matches(entry.path(), extensions) => {
                visit(Entry::File(entry.into_path()))
            }
            Ok(_) => true,
            Err(error) => {
                let at = error.path().unwrap_or(path).to_path_buf();
                let error = error
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("symbolic link loop"));
                visit(Entry::Failed(at, error))
            }
        };
        if !keep_going {
            return false;
        }
    }
    true
}

/// Whether a file found in a directory is taken: its extension, or the one
/// before `.gz`, is listed (`gz` itself takes every gzip file).
pub(crate) fn matches(path: &Path, extensions: &[String]) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let listed = |ext: &str| {
        extensions
            .iter()
            .any(|e| e.trim_start_matches('.').eq_ignore_ascii_case(ext))
    };
    let last = |name: &str| name.rsplit_once('.').map(|(_, ext)| ext.to_string());
    match last(&name) {
        Some(ext) if ext == "gz" => {
            listed("gz")
                || name
                    .strip_suffix(".gz")
                    .and_then(last)
                    .is_some_and(|inner| listed(&inner))
        }
        Some(ext) => listed(&ext),
        None => false,
    }
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exts(list: &[&str]) -> Vec<String> {
        list.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn extension_filter_sees_through_gz() {
        let html = exts(&["html", "htm", "warc"]);
        assert!(matches(Path::new("a/b.html"), &html));
        assert!(matches(Path::new("a/b.HTM"), &html));
        assert!(matches(Path::new("a/b.html.gz"), &html));
        assert!(matches(Path::new("a/CC.warc.gz"), &html));
        assert!(!matches(Path::new("a/b.tar.gz"), &html));
        assert!(!matches(Path::new("a/README"), &html));
        assert!(matches(Path::new("a/b.tar.gz"), &exts(&["gz"])));
        assert!(matches(Path::new("a/b.html"), &exts(&[".html"])));
    }

    #[test]
    fn walks_directories_in_name_order_and_lists_after_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["d/b.html", "d/a.html", "d/skip.css", "d/sub/c.htm.gz", "x.html"] {
            let path = root.join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let list = root.join("list.txt");
        fs::write(
            &list,
            format!(
                "{}\r\n\n{}\n",
                root.join("x.html").display(),
                root.join("d/a.html").display()
            ),
        )
        .unwrap();
        let inputs = Inputs {
            paths: vec![root.join("d"), root.join("missing.html")],
            files_from: Some(list),
            ..Inputs::default()
        };
        let mut seen = Vec::new();
        each(&inputs, |entry| {
            match entry {
                Entry::File(p) => seen.push(p.strip_prefix(root).unwrap().display().to_string()),
                other => panic!("unexpected {other:?}"),
            }
            true
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                "d/a.html",
                "d/b.html",
                "d/sub/c.htm.gz",
                "missing.html",
                "x.html",
                "d/a.html"
            ]
        );
    }

    #[test]
    fn a_missing_list_is_an_error_of_the_run() {
        let inputs = Inputs {
            files_from: Some("/nonexistent/list".into()),
            ..Inputs::default()
        };
        assert!(matches!(each(&inputs, |_| true), Err(Error::FileList { .. })));
    }
}
