//! The `dormplan` command line: parses arguments, calls the library, maps errors to exit codes.

use clap::{Parser, Subcommand};
use dormplan::commands::{
    self, AllocateOptions, CapacityOptions, CommandError, Outcome, SubsidyOptions,
};
use dormplan::model::Standard;
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
    /// Allocate resident groups to sites exactly; summary by town, files with -o.
    Allocate {
        /// The scenario TOML file.
        scenario: PathBuf,
        /// Write allocations.csv, sites.csv, towns.csv, unhoused.csv, flows.geojson and
        /// sites.geojson into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
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
        Command::Allocate { scenario, out: dir } => {
            let opts = AllocateOptions { out_dir: dir };
            commands::allocate(&scenario, &opts, &mut out)
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
