//! The `dormplan` command line: parses arguments, calls the library, maps errors to exit codes.
#![forbid(unsafe_code)]

use clap::{Parser, Subcommand};
use dormplan::catalogue::Lang;
use dormplan::commands::{
    self, AllocateOptions, CapacityOptions, CommandError, CompareOptions, Console, ExplainOptions,
    InitOptions, Mode, Outcome, PlanCommandOptions, PointsOptions, RankOptions, ReportOptions,
    ScenarioRef, SubsidyOptions, SweepOptions,
};
use dormplan::metrics::RankKey;
use dormplan::model::{Crs, Fen, Standard};
use dormplan::plan::{Backend, Method};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dormplan",
    version,
    about = "Planner for concentrated housing of migrant workers (新市民集中居住规划)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Write CSV files as plain UTF-8, without the byte-order mark that Excel and WPS need to
    /// read Chinese text (CSV 文件不带 BOM).
    #[arg(long, global = true)]
    plain_csv: bool,
    /// The language of the report, the CSV files' explanations and the warnings: zh or en
    /// (报告语言). Default: the scenario's `lang`, else en.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Print the whole result as one JSON document on stdout instead of the report (结果以
    /// JSON 输出; schema in docs/json.md).
    #[arg(long, global = true, conflicts_with = "quiet")]
    json: bool,
    /// Print no report: only warnings and errors on stderr, and the exit code (不输出报告).
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Validate every input of a scenario and its variants, and list every problem
    /// (检查情景及其变体的全部输入，列出所有问题).
    Check {
        /// The scenario TOML file.
        scenario: PathBuf,
    },
    /// Beds per site and town at the standard and the policy range; supply against demand
    /// (按标准及政策区间计算各点位、各镇街床位；供需对比).
    Capacity {
        /// The scenario TOML file.
        scenario: PathBuf,
        /// Plan at this many m² of residential floor area per person instead of the scenario's.
        #[arg(long, value_name = "M2", value_parser = parse_standard)]
        standard: Option<Standard>,
        /// Also write capacity_sites.csv, capacity_towns.csv, capacity.xlsx and run.json into
        /// this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print the per-site table too (it is always in capacity_sites.csv).
        #[arg(long)]
        sites: bool,
    },
    /// Allocate resident groups to sites exactly; summary by town, files with -o
    /// (精确安置各需求组；按镇街汇总).
    Allocate {
        /// The scenario TOML file.
        scenario: PathBuf,
        /// Write allocations.csv, sites.csv, towns.csv, unhoused.csv, flows.geojson,
        /// sites.geojson, groups.geojson, allocate.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// The datum of the map layers and unhoused.csv: wgs84, or gcj02 to overlay Amap and
        /// Tencent maps (输出坐标系).
        #[arg(long, value_name = "CRS", default_value = "wgs84", value_parser = parse_crs)]
        out_crs: Crs,
    },
    /// Each rental-housing project's subsidy: eligibility, amount, binding cap and reasons;
    /// totals by town, year and kind (各租赁住房项目的补助资格、金额、约束上限与原因).
    Subsidy {
        /// The scenario TOML file (it names the policy file under [data]).
        scenario: PathBuf,
        /// Only this programme of the policy (by id).
        #[arg(long, value_name = "ID")]
        programme: Option<String>,
        /// List every site, with KIND_NOT_COVERED for the kinds a programme does not pay for.
        #[arg(long)]
        all_kinds: bool,
        /// Also write the subsidy CSV files, subsidy.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Allocate the base and every variant in parallel and show them in one table
    /// (并行计算基准与各变体并列对比).
    Sweep {
        /// The scenario TOML file with [[variant]] blocks.
        scenario: PathBuf,
        /// Also write sweep.csv, sweep_towns.csv, sweep.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Run on this many threads (the output is the same for any number).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
    },
    /// Two scenarios side by side: totals and per-town differences B − A (两个情景对比).
    ///
    /// Each side is a scenario file (its base) or FILE#VARIANT for one of its variants, e.g.
    /// `dormplan compare sweep.toml#standard-8 sweep.toml#standard-10`. The text after the last
    /// `#` names the variant.
    Compare {
        /// Scenario A: FILE or FILE#VARIANT.
        a: String,
        /// Scenario B: FILE or FILE#VARIANT.
        b: String,
        /// Also write compare_totals.csv, compare_towns.csv, compare.xlsx and run.json into
        /// this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// The sites of each town ranked by net cost per bed, subsidy per bed, utilisation, mean
    /// commute of their residents or shadow price (各镇街点位排名).
    Rank {
        /// The scenario: FILE or FILE#VARIANT.
        scenario: String,
        /// Only this town: its code, Chinese name or pinyin name.
        #[arg(long, value_name = "CODE|NAME")]
        town: Option<String>,
        /// What to rank by: net_cost_per_bed, subsidy_per_bed, utilisation, mean_commute,
        /// shadow_price.
        #[arg(long, value_name = "KEY", default_value = "net_cost_per_bed", value_parser = parse_rank_key)]
        by: RankKey,
        /// Also write rank_sites.csv, rank.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Per town: the people unhoused, the beds short within the cutoff, and the one change of a
    /// fixed set that would house the most of them, each change solved again exactly
    /// (各镇街缺口解读：未安置、缺床位及最有效的调整).
    Explain {
        /// The scenario: FILE or FILE#VARIANT.
        scenario: String,
        /// Only this town: its code, Chinese name or pinyin name.
        #[arg(long, value_name = "CODE|NAME")]
        town: Option<String>,
        /// Also write explain.csv, explain.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Write the points of every demand group and site (id, lon, lat) for a routing engine
    /// that makes the cost matrix: OSRM, Valhalla, a map API (see docs/cost-matrix.md)
    /// (输出供路径引擎使用的需求组与点位坐标).
    Points {
        /// The scenario TOML file (its cost matrix, if it names one, is not read).
        scenario: PathBuf,
        /// The datum to write: wgs84 (OSRM, Valhalla) or gcj02 (Amap, Tencent).
        #[arg(long, value_name = "CRS", default_value = "wgs84", value_parser = parse_crs)]
        crs: Crs,
        /// Write points_demand.csv, points_sites.csv, points.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Write a starter scenario, policy and three template tables (CSV headed in Chinese) into
    /// a folder, for a new city; never over a file that is there (为新城市生成起步情景与模板表).
    Init {
        /// The folder (created when missing).
        dir: PathBuf,
    },
    /// The report a committee reads: one self-contained HTML page with the key figures, a map,
    /// charts (the budget curve of a plan) and sortable tables, beside every CSV and GeoJSON
    /// file and the workbook (一份可离线打开的完整报告：关键数字、地图、图表与明细表).
    Report {
        /// The scenario: FILE (its base, with its variants charted beside it) or FILE#VARIANT
        /// (that variant alone). Its plan and policy are shown too.
        scenario: String,
        /// Write report.html, the allocation's, plan's, subsidy's and variants' files,
        /// report.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: PathBuf,
        /// Also print the page to report.pdf (A4) with Chromium or Chrome: the browser named
        /// by DORMPLAN_CHROME, else chromium, chromium-browser, google-chrome or
        /// google-chrome-stable on the PATH.
        #[arg(long)]
        pdf: bool,
        /// Solver for the plan's mixed-integer program: microlp, or highs when built with it.
        #[arg(long, value_name = "NAME", value_parser = parse_backend)]
        solver: Option<Backend>,
    },
    /// Choose which candidate projects to build under the budget, then allocate with them
    /// (在预算内选择建设的候选项目并据此安置).
    Plan {
        /// The scenario TOML file (its [plan] gives the budget and towns' minimum beds).
        scenario: PathBuf,
        /// Write plan_projects.csv, plan_summary.csv, plan_towns.csv, the allocation's files,
        /// plan.xlsx and run.json into this folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Budget in yuan, net of subsidy, instead of the scenario's budget_yuan.
        #[arg(long, value_name = "YUAN", value_parser = parse_budget)]
        budget: Option<Fen>,
        /// Solver for the mixed-integer program: microlp, or highs when built with it.
        #[arg(long, value_name = "NAME", value_parser = parse_backend)]
        solver: Option<Backend>,
        /// How to choose: search (the program, then an exact search over candidate sets; up to
        /// 24 candidates), benders (Benders decomposition on the flow engine), or program (the
        /// program alone). Default: search up to 24 candidates, benders beyond.
        #[arg(long, value_name = "METHOD", value_parser = parse_method)]
        method: Option<Method>,
        /// The datum of the map layers and unhoused.csv: wgs84, or gcj02 to overlay Amap and
        /// Tencent maps (输出坐标系).
        #[arg(long, value_name = "CRS", default_value = "wgs84", value_parser = parse_crs)]
        out_crs: Crs,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("{s:?} is not a language: expected zh or en"))
}

fn parse_crs(s: &str) -> Result<Crs, String> {
    dormplan::io::parse_crs(s)
        .ok_or_else(|| format!("{s:?} is not a datum: expected wgs84 or gcj02"))
}

fn parse_method(s: &str) -> Result<Method, String> {
    Method::parse(s)
        .ok_or_else(|| format!("{s:?} is not a method: expected search, benders or program"))
}

fn parse_rank_key(s: &str) -> Result<RankKey, String> {
    RankKey::parse(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = RankKey::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "{s:?} is not a ranking: expected one of {}",
            names.join(", ")
        )
    })
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
    match dormplan::io::Limits::from_env() {
        Ok(limits) => {
            limits.install();
        }
        Err(e) => {
            eprintln!("dormplan: {e}");
            return ExitCode::from(2);
        }
    }
    quiet_caught_solver_panics();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Not locked for the whole run: the progress spinner draws on stderr from its own thread.
    let mut err = std::io::stderr();
    // Bad input is reported in `--lang`, else in the scenario's `lang` when its file says
    // (read only when there is bad input to report).
    let scenario_file = cli.command.scenario_file();
    let mut console = Console::new(&mut out, &mut err);
    console.lang = cli.lang;
    console.mode = if cli.json {
        Mode::Json
    } else if cli.quiet {
        Mode::Quiet
    } else {
        Mode::Report
    };
    console.progress = std::io::stderr().is_terminal();
    let outcome: Outcome = match cli.command {
        Command::Check { scenario } => commands::check(&scenario, &mut console),
        Command::Capacity {
            scenario,
            standard,
            out: dir,
            sites,
        } => {
            let opts = CapacityOptions {
                standard,
                out_dir: dir,
                plain_csv: cli.plain_csv,
                by_site: sites,
            };
            commands::capacity(&scenario, &opts, &mut console)
        }
        Command::Allocate {
            scenario,
            out: dir,
            out_crs,
        } => {
            let opts = AllocateOptions {
                out_dir: dir,
                out_crs,
                plain_csv: cli.plain_csv,
            };
            commands::allocate(&scenario, &opts, &mut console)
        }
        Command::Subsidy {
            scenario,
            programme,
            all_kinds,
            out: dir,
        } => {
            let opts = SubsidyOptions {
                programme,
                out_dir: dir,
                plain_csv: cli.plain_csv,
                all_kinds,
            };
            commands::subsidy(&scenario, &opts, &mut console)
        }
        Command::Sweep {
            scenario,
            out: dir,
            threads,
        } => {
            let opts = SweepOptions {
                out_dir: dir,
                plain_csv: cli.plain_csv,
                threads: threads.map(usize::from),
            };
            commands::sweep(&scenario, &opts, &mut console)
        }
        Command::Compare { a, b, out: dir } => {
            let opts = CompareOptions {
                out_dir: dir,
                plain_csv: cli.plain_csv,
            };
            let (a, b) = (ScenarioRef::parse(&a), ScenarioRef::parse(&b));
            commands::compare(&a, &b, &opts, &mut console)
        }
        Command::Rank {
            scenario,
            town,
            by,
            out: dir,
        } => {
            let opts = RankOptions {
                town,
                by,
                out_dir: dir,
                plain_csv: cli.plain_csv,
            };
            commands::rank(&ScenarioRef::parse(&scenario), &opts, &mut console)
        }
        Command::Explain {
            scenario,
            town,
            out: dir,
        } => {
            let opts = ExplainOptions {
                town,
                out_dir: dir,
                plain_csv: cli.plain_csv,
            };
            commands::explain(&ScenarioRef::parse(&scenario), &opts, &mut console)
        }
        Command::Points {
            scenario,
            crs,
            out: dir,
        } => {
            let opts = PointsOptions {
                crs,
                out_dir: dir,
                plain_csv: cli.plain_csv,
            };
            commands::points(&scenario, &opts, &mut console)
        }
        Command::Init { dir } => {
            let opts = InitOptions {
                plain_csv: cli.plain_csv,
            };
            commands::init(&dir, &opts, &mut console)
        }
        Command::Report {
            scenario,
            out: dir,
            pdf,
            solver,
        } => {
            let opts = ReportOptions {
                out_dir: dir,
                backend: solver,
                pdf,
                plain_csv: cli.plain_csv,
            };
            commands::report(&ScenarioRef::parse(&scenario), &opts, &mut console)
        }
        Command::Plan {
            scenario,
            out: dir,
            budget,
            solver,
            method,
            out_crs,
        } => {
            let opts = PlanCommandOptions {
                budget,
                backend: solver,
                method,
                out_dir: dir,
                out_crs,
                plain_csv: cli.plain_csv,
            };
            commands::plan(&scenario, &opts, &mut console)
        }
    };
    drop(console);
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
            let lang = || {
                cli.lang
                    .or_else(|| scenario_file.as_deref().and_then(scenario_lang))
            };
            match (&e, lang()) {
                _ if is_broken_pipe(&e) => {}
                // Bad input in the language asked for on the command line or in the scenario.
                (CommandError::Dormplan(dormplan::Error::Input(problems)), Some(lang)) => {
                    let n = problems.errors().count();
                    eprintln!(
                        "dormplan: {}",
                        dormplan::catalogue::words::INPUT_ERRORS.fill(lang, &[("n", &n)])
                    );
                    for p in &problems.0 {
                        eprintln!("{}", p.line(lang));
                    }
                }
                _ => eprintln!("dormplan: {:#}", anyhow::Error::from(e)),
            }
            ExitCode::from(code)
        }
    }
}

impl Command {
    /// The scenario file the command reads (the first, for `compare`), without a `#VARIANT`.
    fn scenario_file(&self) -> Option<PathBuf> {
        let file = |s: &str| PathBuf::from(s.split_once('#').map_or(s, |(file, _)| file));
        match self {
            Command::Check { scenario }
            | Command::Capacity { scenario, .. }
            | Command::Allocate { scenario, .. }
            | Command::Subsidy { scenario, .. }
            | Command::Sweep { scenario, .. }
            | Command::Points { scenario, .. }
            | Command::Plan { scenario, .. } => Some(scenario.clone()),
            Command::Compare { a, .. } => Some(file(a)),
            Command::Rank { scenario, .. }
            | Command::Explain { scenario, .. }
            | Command::Report { scenario, .. } => Some(file(scenario)),
            Command::Init { .. } => None,
        }
    }
}

/// The `lang` setting of the scenario in `file`, when it is a regular file of a sensible size
/// (never a pipe, which would wait for a writer), reads as TOML and sets a language dormplan
/// speaks.
fn scenario_lang(file: &std::path::Path) -> Option<Lang> {
    let meta = std::fs::metadata(file).ok()?;
    if !meta.is_file() || meta.len() > 1 << 20 {
        return None;
    }
    let table: toml::Table = std::fs::read_to_string(file).ok()?.parse().ok()?;
    Lang::parse(table.get("lang")?.as_str()?)
}

/// The default panic hook prints a panic's message before anything can catch it. microlp can
/// panic on an internal numerical check; the library catches that panic and reports a solver
/// error instead, so this hook (the only process-wide state dormplan installs, and only in the
/// binary) stays quiet for the panics the library catches and passes every other panic on.
fn quiet_caught_solver_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !dormplan::plan::solver_panic_is_caught() {
            previous(info);
        }
    }));
}

fn is_broken_pipe(e: &CommandError) -> bool {
    matches!(e, CommandError::Terminal(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
}
