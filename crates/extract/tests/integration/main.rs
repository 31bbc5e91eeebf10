//! Integration tests of `extract`: golden fixtures, caller overrides and hostile input.
//!
//! One test binary for the crate; each area is a module (see STYLE.md, "Integration test binaries").

mod golden;
mod hostile;
mod overrides;
mod pages;
mod properties;
