//! The `dormplan` command line: parses arguments, calls the library, maps errors to exit codes.

use clap::{Parser, Subcommand};
use dormplan::commands::{
    self, CapacityOptions, CommandError, Outcome, PlanCommandOptions, SubsidyOptions,
};
use dormplan::model::{Fen, Standard};
use dormplan::plan::Backend;
use std::io::Write;
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
    /// Validate every input of a scenario and its variants, and list every problem.
    Check {
        /// The scenario TOML file.
        scenario: PathBuf,
    },
    /// Beds per site and town at the standard and the policy range; supply against demand.
    Capacity {
        /// The scenario TOML file.
        scenario: PathBuf,
        /// Plan at this many m² of residential floor area per person instead of the scenario's.
        #[arg(long, value_name = "M2", value_parser = parse_standard)]
        standard: Option<Standard>,
        /// Also write capacity_sites.csv and capacity_towns.csv into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print the per-site table too (it is always in capacity_sites.csv).
        #[arg(long)]
        sites: bool,
    },
    /// Each rental-housing project's subsidy: eligibility, amount, binding cap and reasons;
    /// totals by town, year and kind.
    Subsidy {
        /// The scenario TOML file (it names the policy file under [data]).
        scenario: PathBuf,
        /// Only this programme of the policy (by id).
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        /// Also write the subsidy CSV files into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Choose which candidate projects to build under the budget, then allocate with them.
    Plan {
        /// The scenario TOML file (its [plan] gives the budget and towns' minimum beds).
        scenario: PathBuf,
        /// Write plan_projects.csv, plan_summary.csv and plan_towns.csv into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Budget in yuan, net of subsidy, instead of the scenario's budget_yuan.
        #[arg(long, value_name = "YUAN", value_parser = parse_budget)]
        budget: Option<Fen>,
        /// Solver for the mixed-integer program: microlp, or highs when built with it.
        #[arg(long, value_name = "NAME", value_parser = parse_backend)]
        solver: Option<Backend>,
    },
}

fn parse_budget(s: &str) -> Result<Fen, String> {
    s.trim()
        .replace('_', "")
        .parse::<f64>()
        .ok()
        .filter(|y| *y >= 0.0)
        .and_then(Fen::from_yuan)
        .ok_or_else(|| format!("{s:?} is not a budget: expected yuan, a number of at least 0"))
}

fn parse_backend(s: &str) -> Result<Backend, String> {
    match Backend::parse(s) {
        Some(b) if b.is_available() => Ok(b),
        Some(b) => Err(format!(
            "this build of dormplan does not include {b}: build with --features {b}"
        )),
        None => Err(format!("{s:?} is not a solver: expected microlp or highs")),
    }
}

fn parse_standard(s: &str) -> Result<Standard, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .and_then(Standard::from_m2)
        .ok_or_else(|| format!("{s:?} is not a standard: expected m² per person from 0.01 to 1000"))
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
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome: Outcome = match cli.command {
        Command::Check { scenario } => commands::check(&scenario, &mut out),
        Command::Capacity {
            scenario,
            standard,
            out: dir,
            sites,
        } => {
            let opts = CapacityOptions {
                standard,
                out_dir: dir,
                by_site: sites,
            };
            commands::capacity(&scenario, &opts, &mut out)
        }
        Command::Subsidy {
            scenario,
            programme,
            out: dir,
        } => {
            let opts = SubsidyOptions {
                programme,
                out_dir: dir,
            };
            commands::subsidy(&scenario, &opts, &mut out)
        }
        Command::Plan {
            scenario,
            out: dir,
            budget,
            solver,
        } => {
            let opts = PlanCommandOptions {
                budget,
                backend: solver,
                out_dir: dir,
            };
            commands::plan(&scenario, &opts, &mut out)
        }
    };
    let outcome = outcome.and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    match outcome {
        Ok(status) => ExitCode::from(status.exit_code()),
        Err(e) => {
            // Whatever was printed before the failure still belongs before the message.
            let _ = out.flush();
            drop(out);
            let code = e.exit_code();
            if !is_broken_pipe(&e) {
                eprintln!("dormplan: {:#}", anyhow::Error::from(e));
            }
            ExitCode::from(code)
        }
    }
}

fn is_broken_pipe(e: &CommandError) -> bool {
    matches!(e, CommandError::Terminal(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
}
