//! The command line's progress bar, and how it answers Ctrl-C and SIGTERM.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sifsim::export::Lang;
use sifsim::{Interrupted, Monitor, Phase};

/// Set by Ctrl-C (or SIGTERM) once the job watches for it.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Whether the job watches [`INTERRUPTED`]: from its first simulation, phase or check of it
/// (and in the server, which stops itself). Before that nothing is written, and an interrupt
/// ends the process at once.
static WATCHED: AtomicBool = AtomicBool::new(false);

/// The job from here on stops by itself when interrupted.
pub fn watched() {
    WATCHED.store(true, Ordering::Relaxed);
}

/// Results are written atomically anyway, but a job that watches stops cleanly and removes its
/// staging folder; one that does not yet (reading, validating) ends at once with exit code 130.
pub fn handle_interrupts() {
    let _ = ctrlc::set_handler(|| {
        if WATCHED.load(Ordering::Relaxed) {
            INTERRUPTED.store(true, Ordering::Relaxed);
        } else {
            let _ = writeln!(std::io::stderr(), "error: {Interrupted}");
            std::process::exit(130);
        }
    });
}

/// A progress bar on stderr, drawn once a job has lasted a second, and only on a terminal.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    /// Drawn on a terminal; status lines otherwise, unless quiet.
    visible: bool,
    quiet: bool,
    lang: Lang,
}

impl Progress {
    pub fn new(quiet: bool, lang: Lang) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(lang.progress_template()) {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: Instant::now(),
            visible: !quiet && std::io::stderr().is_terminal(),
            quiet,
            lang,
        }
    }

    /// Clears the bar, before the job's answer is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Monitor for Progress {
    fn started(&self, paths: u64) {
        watched();
        self.bar.reset();
        self.bar.set_length(paths);
    }

    fn paths_done(&self, paths: u64) {
        self.bar.inc(paths);
        if self.visible && self.bar.is_hidden() && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn cancelled(&self) -> bool {
        watched();
        INTERRUPTED.load(Ordering::Relaxed)
    }

    fn phase(&self, phase: Phase) {
        watched();
        if self.visible {
            self.bar.set_message(self.lang.phase(phase));
        } else if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{}…", self.lang.phase(phase));
        }
    }
}
