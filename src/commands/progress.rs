//! What a long command is doing, on stderr: a spinner with the current stage and the time
//! spent, shown only when asked (the binary asks when stderr is a terminal), and cleared
//! before the report so that nothing of it reaches a pipe or a file.

use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// The stages of one command.
pub(crate) struct Stages {
    bar: ProgressBar,
}

impl Stages {
    /// A spinner named after `command`, or nothing when `shown` is false.
    pub fn new(command: &str, shown: bool) -> Stages {
        if !shown {
            return Stages {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::new_spinner();
        let template = format!("{command} {{spinner}} {{msg}} {{elapsed}}");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        Stages { bar }
    }

    /// Starts a stage, or says how far it has got: `reading the scenario`, `solving`…
    pub fn stage(&self, what: String) {
        self.bar.set_message(what);
    }
}

impl Drop for Stages {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
