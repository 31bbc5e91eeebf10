//! Progress reporting as explicit steps, so a front end can show a bar per step.

use std::fmt;

/// A step of the pipeline, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading and extracting inputs; counted in files.
    Reading,
    /// Fetching web pages; counted in pages.
    Fetching,
    /// Finding duplicates and stories; counted in articles.
    Clustering,
    /// Comparing outlets within each story; counted in stories.
    Comparing,
    /// Saving the analysis.
    Storing,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Reading => "reading",
            Step::Fetching => "fetching",
            Step::Clustering => "clustering",
            Step::Comparing => "comparing",
            Step::Storing => "storing",
        })
    }
}

/// Receives progress; called from several threads at once.
pub trait Progress: Sync {
    /// A step begins, with its total when known.
    fn start(&self, step: Step, total: Option<u64>);
    /// `n` more units of the current step are done.
    fn advance(&self, n: u64);
    /// The current step is done.
    fn finish(&self);
}

/// Progress that goes nowhere, for tests and quiet runs.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _step: Step, _total: Option<u64>) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
