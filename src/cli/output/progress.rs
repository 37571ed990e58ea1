//! A progress bar on stderr for long batches: postings done, their rate, and, when the number of
//! postings is known beforehand, a bar and the time left. It is for a person watching a terminal,
//! so by default it shows only when stderr is one and no CI variable is set; never in a pipe
//! unless asked for with `--progress always`.

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressWhen {
    /// When stderr is a terminal and neither `CI` nor `GITHUB_ACTIONS` is set.
    Auto,
    /// Also when stderr is not a terminal (a log file, a CI log).
    Always,
    Never,
}

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A progress bar for `total` postings, or for a count that is not known in advance.
    pub fn new(when: ProgressWhen, total: Option<u64>) -> Progress {
        let target = match when {
            ProgressWhen::Never => ProgressDrawTarget::hidden(),
            ProgressWhen::Auto if !show_by_default() => ProgressDrawTarget::hidden(),
            // `stderr()` itself hides the bar on anything but a terminal.
            ProgressWhen::Auto => ProgressDrawTarget::stderr(),
            ProgressWhen::Always => {
                ProgressDrawTarget::term_like_with_hz(Box::new(console::Term::stderr()), 10)
            }
        };
        let (bar, template) = match total {
            Some(n) => (
                ProgressBar::with_draw_target(Some(n), target),
                "{bar:30} {human_pos}/{human_len} postings  {rate}  ETA {eta}",
            ),
            None => (
                ProgressBar::with_draw_target(None, target),
                "{spinner} {human_pos} postings  {rate}  {elapsed}",
            ),
        };
        bar.set_style(
            ProgressStyle::with_template(template)
                .expect("the progress templates are valid")
                .with_key(
                    "rate",
                    |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}/s", state.per_sec());
                    },
                )
                .progress_chars("=> "),
        );
        if !bar.is_hidden() {
            // Keeps the rate and the spinner moving while a chunk is read and analyzed.
            bar.enable_steady_tick(Duration::from_millis(200));
        }
        Progress { bar }
    }

    /// One more input done; called from the worker threads.
    pub fn advance(&self) {
        self.bar.inc(1);
    }

    /// Runs `write` with the bar cleared from the terminal, so that output and error messages do
    /// not mix with it, and draws it again after.
    pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        self.bar.suspend(write)
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn show_by_default() -> bool {
    let in_ci = ["CI", "GITHUB_ACTIONS"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()));
    !in_ci && std::io::stderr().is_terminal()
}
