//! The `dormplan` command line: parses arguments, calls the library, maps errors to exit codes.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dormplan",
    version,
    about = "Planner for concentrated housing of migrant workers"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate every input of a scenario and list every problem.
    Check {
        /// The scenario TOML file.
        scenario: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check { scenario } => {
            eprintln!("check {}: not built yet", scenario.display());
            ExitCode::from(2)
        }
    }
}
