//! # dechaff-eval: how well dechaff extracts, on the shared corpora
//!
//! The library half of the `dechaff-eval` command, split out so the scorer
//! can be unit-tested and reused: [`corpus`] reads the shared corpus format,
//! [`run`] extracts every page with the dechaff library and scores it,
//! [`metric`] is the scorer (the metric of `shared/tools/score.py`, with
//! [`pychars`] holding Python's notion of word and space characters), and
//! [`baseline`] keeps the committed figures that a run is checked against.

pub mod baseline;
pub mod corpus;
pub mod metric;
pub mod pychars;
pub mod run;
