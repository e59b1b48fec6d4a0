//! The progress bar: on stderr, drawn only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Classes done out of classes to do.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar on stderr; hidden when `hidden` or when stderr is not a terminal.
    pub fn new(hidden: bool) -> Progress {
        let target = if hidden {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {msg} [{bar:30}] {pos}/{len} classes ({elapsed}, eta {eta})",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("planning");
        Progress { bar }
    }

    /// Sets the number of classes.
    pub fn start(&self, classes: u64) {
        self.bar.set_length(classes);
    }

    /// Marks classes done.
    pub fn advance(&self, classes: u64) {
        self.bar.inc(classes);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
