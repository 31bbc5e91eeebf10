//! What the CLI's test binaries share: running `parallax` as a user would.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary in `dir`, with no store path or sentence model from the environment.
pub(crate) fn parallax(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(dir)
        .env_remove("PARALLAX_DB")
        .env_remove("PARALLAX_MODEL")
        .output()
        .expect("the parallax binary runs")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
