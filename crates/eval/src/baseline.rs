//! The committed baseline (a JSON object, corpus name → F1) that a run is
//! compared with, so that a change which makes extraction worse on some
//! corpus is caught before it lands.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How far (in F1) a corpus may fall below its baseline before it counts as
/// a regression.
pub const TOLERANCE: f64 = 0.005;

/// Baseline F1 per corpus name, sorted by name.
pub type Baseline = BTreeMap<String, f64>;

/// Why a baseline file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The baseline file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a JSON object of numbers.
    #[error("{path}: not a baseline (a JSON object mapping corpus name to F1): {source}")]
    Format {
        /// The baseline file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
}

/// Reads a baseline file.
///
/// # Errors
/// When the file cannot be read or is not a JSON object of numbers.
pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
    let text = fs::read_to_string(path).map_err(|source| BaselineError::Io {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| BaselineError::Format {
        path: path.to_owned(),
        source,
    })
}

/// Writes `figures` to a baseline file, each F1 rounded to 4 decimals. Corpora
/// already in the file and absent from `figures` are kept, so a run on some
/// corpora updates only theirs.
///
/// # Errors
/// When an existing file is not a baseline, or the file cannot be written.
pub fn write(path: &Path, figures: &Baseline) -> Result<(), BaselineError> {
    let mut merged = if path.exists() {
        read(path)?
    } else {
        Baseline::new()
    };
    for (name, f1) in figures {
        merged.insert(name.clone(), (f1 * 10_000.0).round() / 10_000.0);
    }
    let mut text = serde_json::to_string_pretty(&merged).expect("a map of numbers serialises");
    text.push('\n');
    fs::write(path, text).map_err(|source| BaselineError::Io {
        path: path.to_owned(),
        source,
    })
}

/// A corpus whose F1 fell more than [`TOLERANCE`] below its baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regression {
    /// The corpus name.
    pub corpus: String,
    /// Its baseline F1.
    pub baseline: f64,
    /// Its F1 now.
    pub f1: f64,
}

/// The corpora of `figures` that regressed against `baseline`; corpora
/// missing from the baseline are not checked.
pub fn regressions(baseline: &Baseline, figures: &Baseline) -> Vec<Regression> {
    figures
        .iter()
        .filter_map(|(name, &f1)| {
            let &base = baseline.get(name)?;
            (base - f1 > TOLERANCE).then(|| Regression {
                corpus: name.clone(),
                baseline: base,
                f1,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(items: &[(&str, f64)]) -> Baseline {
        items.iter().map(|&(k, v)| (k.to_owned(), v)).collect()
    }

    #[test]
    fn only_drops_beyond_the_tolerance_regress() {
        let base = map(&[("a", 0.800), ("b", 0.800), ("c", 0.800)]);
        let now = map(&[("a", 0.796), ("b", 0.794), ("c", 0.900), ("new", 0.1)]);
        let r = regressions(&base, &now);
        assert_eq!(
            r,
            vec![Regression {
                corpus: "b".into(),
                baseline: 0.8,
                f1: 0.794
            }]
        );
    }

    #[test]
    fn write_merges_and_rounds() {
        let dir = std::env::temp_dir().join(format!("dechaff-eval-baseline-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("baseline.json");
        fs::write(&path, r#"{"old": 0.5, "a": 0.1}"#).unwrap();
        write(&path, &map(&[("a", 0.123456)])).unwrap();
        assert_eq!(read(&path).unwrap(), map(&[("a", 0.1235), ("old", 0.5)]));
        fs::write(&path, "[1]").unwrap();
        assert!(matches!(read(&path), Err(BaselineError::Format { .. })));
        fs::remove_dir_all(&dir).unwrap();
    }
}
