//! The progress bar on stderr; indicatif hides it when stderr is not a terminal.

use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pipeline::{Progress, Step};

/// A bar per pipeline step.
pub(crate) struct Bar {
    quiet: bool,
    current: Mutex<Option<ProgressBar>>,
}

impl Bar {
    pub(crate) fn new(quiet: bool) -> Bar {
        Bar { quiet, current: Mutex::new(None) }
    }

    fn with_current(&self, f: impl FnOnce(&ProgressBar)) {
        if let Ok(guard) = self.current.lock() {
            if let Some(bar) = guard.as_ref() {
                f(bar);
            }
        }
    }
}

impl Progress for Bar {
    fn start(&self, step: Step, total: Option<u64>) {
        if self.quiet {
            return;
        }
        let bar = match total {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        bar.set_prefix(step.to_string());
        if let Ok(mut guard) = self.current.lock() {
            *guard = Some(bar);
        }
    }

    fn advance(&self, n: u64) {
        self.with_current(|bar| bar.inc(n));
    }

    fn finish(&self) {
        if let Ok(mut guard) = self.current.lock() {
            if let Some(bar) = guard.take() {
                bar.finish_and_clear();
            }
        }
    }
}
