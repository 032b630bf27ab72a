//! The `dormplan` binary on small scenarios in temporary folders.

mod common;

use common::{Fixture, csv_text, dormplan, show, text};

#[test]
fn check_passes_on_good_input() {
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["check", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    // The summary: beds at 9 m² by town and kind (S1 800 m² → 88, S2 500 × 0.8 = 400 m² →
    // 44; S3 is a candidate), people by town.
    assert_eq!(
        text(&o.stdout),
        "\
Checking scenario.toml
Scenario: Test
Standard: plan at 9 m² per person (policy range 8–10); usable ratio 0.8; counting existing, under_construction; kinds all
Data: 2 towns, 3 sites (2 counted as supply), 2 demand groups

Sites counted as supply, by town and kind
┌────────────────┬──────────────────────┬───────┬──────────┬────────────────┬────────────┐
│ town           ┆ kind                 ┆ sites ┆ gross m² ┆ residential m² ┆ beds @9 m² │
╞════════════════╪══════════════════════╪═══════╪══════════╪════════════════╪════════════╡
│ 330282001 甲镇 ┆ migrant_apartment    ┆     1 ┆    1,000 ┆            800 ┆         88 │
│ 330282002 乙镇 ┆ enterprise_dormitory ┆     1 ┆      500 ┆            400 ┆         44 │
│ total          ┆                      ┆     2 ┆    1,500 ┆          1,200 ┆        132 │
└────────────────┴──────────────────────┴───────┴──────────┴────────────────┴────────────┘

Demand by town
┌────────────────┬────────┬────────┐
│ town           ┆ groups ┆ people │
╞════════════════╪════════╪════════╡
│ 330282001 甲镇 ┆      1 ┆    120 │
│ 330282002 乙镇 ┆      1 ┆     30 │
│ total          ┆      2 ┆    150 │
└────────────────┴────────┴────────┘

check passed: 0 errors, 0 warning(s)
"
    );
}

#[test]
fn check_fails_with_every_error_listed() {
    let f = Fixture::new().edit("sites.csv", "S2,Beta", "S1,Beta").edit(
        "demand.csv",
        "D1,330282001,120",
        "D1,330282001,lots",
    );
    f.write();
    let o = dormplan(&["check", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    assert_eq!(
        text(&o.stdout),
        "\
Checking scenario.toml

Errors (2)
  error[NOT_A_NUMBER] demand.csv:2 field people: found \"lots\"; expected a number such as 1234.5 (no units or thousands separators)
  error[DUPLICATE_ID] sites.csv:3 field id: found \"S1\"; expected a unique id (first used at line 2)

check failed: 2 error(s), 0 warning(s)
"
    );
}

#[test]
fn check_of_a_missing_scenario_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = dormplan(&["check", "absent.toml"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(text(&o.stderr).contains("FILE_UNREADABLE"), "{}", show(&o));
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = dormplan(&["capacity", "s.toml", "--standard", "abc"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let o = dormplan(&["frobnicate"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
}

#[test]
fn a_gbk_file_is_named_with_the_fix() {
    let demand = common::DEMAND.replace("330282002", "乙镇");
    let (gbk, _, _) = encoding_rs::GBK.encode(&demand);
    let f = Fixture::new().set("demand.csv", gbk);
    f.write();
    let o = dormplan(&["check", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let out = text(&o.stdout);
    assert!(out.contains("error[NOT_UTF8] demand.csv:3"), "{out}");
    assert!(out.contains("looks like GBK"), "{out}");
    assert!(out.contains("'CSV UTF-8'"), "{out}");
}

#[test]
fn capacity_prints_towns_with_hand_computed_numbers() {
    // S1: 800 m² residential → 100 / 88 / 80 beds at 8 / 9 / 10 m². S2: 500 m² × 0.8 = 400 m²
    // → 50 / 44 / 40. S3 is a candidate and not counted. Demand 120 and 30.
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["capacity", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = text(&o.stdout);
    let row = |code: &str| {
        out.lines()
            .find(|l| l.contains(code))
            .unwrap_or_else(|| panic!("no row {code} in\n{out}"))
            .split(['│', '┆'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // code, town, sites, residential, @8, @9 (plan), @10, demand, shortfall, coverage
    assert_eq!(
        row("330282001"),
        [
            "330282001",
            "甲镇 Jiazhen",
            "1",
            "800",
            "100",
            "88",
            "80",
            "120",
            "32",
            "73.3%"
        ]
    );
    assert_eq!(
        row("330282002"),
        [
            "330282002",
            "乙镇 Yizhen",
            "1",
            "400",
            "50",
            "44",
            "40",
            "30",
            "0",
            "146.7%"
        ]
    );
    assert_eq!(
        row("total"),
        [
            "total", "2", "1,200", "150", "132", "120", "150", "32", "88.0%"
        ]
    );
    assert_eq!(
        out.lines().last(),
        Some("No over-occupied sites (declared beds within 8 m² per person)."),
        "{out}"
    );
}

#[test]
fn capacity_at_another_standard() {
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["capacity", "scenario.toml", "--standard", "10"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    // At 10 m²: S1 800 m² → 80 beds, S2 400 m² → 40; 甲镇 short of 120 by 40.
    assert_eq!(
        text(&o.stdout),
        "\
Capacity: Test
Plan at 10 m² per person; policy range 8–10 m²; usable ratio 0.8; counting existing, under_construction
1 site(s) not counted as supply (status, kind or year excluded by the scenario)

Supply and demand by town (m² of residential floor area per person)
┌───────────┬──────────────┬───────┬────────────────┬─────────┬─────────────────┬──────────┬────────┬───────────┬──────────┐
│ code      ┆ town         ┆ sites ┆ residential m² ┆ beds @8 ┆ beds @10 (plan) ┆ beds @10 ┆ demand ┆ shortfall ┆ coverage │
╞═══════════╪══════════════╪═══════╪════════════════╪═════════╪═════════════════╪══════════╪════════╪═══════════╪══════════╡
│ 330282001 ┆ 甲镇 Jiazhen ┆     1 ┆            800 ┆     100 ┆              80 ┆       80 ┆    120 ┆        40 ┆    66.7% │
│ 330282002 ┆ 乙镇 Yizhen  ┆     1 ┆            400 ┆      50 ┆              40 ┆       40 ┆     30 ┆         0 ┆   133.3% │
│ total     ┆              ┆     2 ┆          1,200 ┆     150 ┆             120 ┆      120 ┆    150 ┆        40 ┆    80.0% │
└───────────┴──────────────┴───────┴────────────────┴─────────┴─────────────────┴──────────┴────────┴───────────┴──────────┘

No over-occupied sites (declared beds within 8 m² per person).
"
    );
}

#[test]
fn capacity_shows_over_occupied_sites_and_warnings() {
    // 800 m² allow 100 beds at 8 m²; 120 are declared.
    let f = Fixture::new().edit("sites.csv", "1000,800,,", "1000,800,120,");
    f.write();
    let o = dormplan(&["capacity", "scenario.toml"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = text(&o.stdout);
    // 800 / 120 = 6.67 m² per person. The beds counted stay those of the standard (88).
    let tail = out
        .find("\nOver-occupied sites")
        .map(|at| &out[at..])
        .unwrap_or_else(|| panic!("no over-occupied sites in\n{out}"));
    assert_eq!(
        tail,
        "
Over-occupied sites (declared beds give less than 8 m² per person)
┌──────┬──────┬────────────────┬───────────────┬─────────┬───────────────┐
│ site ┆ town ┆ residential m² ┆ declared beds ┆ beds @8 ┆ m² per person │
╞══════╪══════╪════════════════╪═══════════════╪═════════╪═══════════════╡
│ S1   ┆ 甲镇 ┆            800 ┆           120 ┆     100 ┆          6.67 │
└──────┴──────┴────────────────┴───────────────┴─────────┴───────────────┘
"
    );
    // The warning goes to stderr, apart from the report.
    assert_eq!(
        text(&o.stderr),
        "
Warnings (1)
  warning[OVER_OCCUPIED] sites.csv:2 field beds: found 120 beds in 800.00 m² residential (6.67 m² per person), site S1; expected at most 100 beds at the floor of 8 m² per person
"
    );
}

#[test]
fn capacity_writes_csv_files() {
    let f = Fixture::new();
    f.write();
    let o = dormplan(&["capacity", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let towns = csv_text(&f.path().join("out/capacity_towns.csv"));
    assert_eq!(
        towns,
        "town_code,name_zh,name_en,sites,gross_m2,residential_m2,beds_floor,beds_plan,\
         beds_ceiling,demand,shortfall,coverage_pct\n\
         330282001,甲镇,Jiazhen,1,1000.00,800.00,100,88,80,120,32,73.3\n\
         330282002,乙镇,Yizhen,1,500.00,400.00,50,44,40,30,0,146.7\n"
    );
    // S2's residential area comes from the usable ratio; S3, a candidate, is listed but not
    // counted (1,600 m² → 200 / 177 / 160 beds).
    let sites = csv_text(&f.path().join("out/capacity_sites.csv"));
    assert_eq!(
        sites,
        "site_id,name,town_code,kind,status,counted,gross_m2,residential_m2,declared_beds,\
         beds_floor,beds_plan,beds_ceiling,over_occupied\n\
         S1,Alpha apartments,330282001,migrant_apartment,existing,true,1000.00,800.00,,100,88,80,false\n\
         S2,Beta dorm,330282002,enterprise_dormitory,existing,true,500.00,400.00,,50,44,40,false\n\
         S3,Gamma new build,330282002,rental_new_build,candidate,false,2000.00,1600.00,,200,177,160,false\n"
    );
}

#[test]
fn a_failing_run_writes_nothing() {
    let f = Fixture::new().edit("sites.csv", "1000,800,,", "1000,1200,,");
    f.write();
    let o = dormplan(&["capacity", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        text(&o.stderr).contains("RESIDENTIAL_ABOVE_GROSS"),
        "{}",
        show(&o)
    );
    assert!(!f.path().join("out").exists(), "an output folder was made");
    // An existing folder stays empty.
    std::fs::create_dir(f.path().join("out")).unwrap();
    let o = dormplan(&["capacity", "scenario.toml", "-o", "out"], f.path());
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert_eq!(std::fs::read_dir(f.path().join("out")).unwrap().count(), 0);
}

#[test]
fn two_runs_give_identical_bytes() {
    let f = Fixture::new().append(
        "scenario.toml",
        "\n[[variant]]\nname = \"ten\"\nstandard = { plan_m2_per_person = 10 }\n",
    );
    f.write();
    let run = || {
        let o = dormplan(
            &["capacity", "scenario.toml", "--sites", "-o", "out"],
            f.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        let sites = std::fs::read(f.path().join("out/capacity_sites.csv")).unwrap();
        let towns = std::fs::read(f.path().join("out/capacity_towns.csv")).unwrap();
        let check = dormplan(&["check", "scenario.toml"], f.path());
        (o.stdout, sites, towns, check.stdout)
    };
    let first = run();
    let second = run();
    assert!(first == second, "outputs differ between runs");
}

/// A data path that is a named pipe with no writer would block a read forever; dormplan refuses
/// it before reading, with a coded error naming the file, for `check` and `allocate`. The child
/// is killed after 60 s so that a regression fails the test instead of hanging the suite.
#[cfg(unix)]
#[test]
fn a_named_pipe_as_input_is_refused_not_waited_on() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let f = Fixture::new().remove("sites.csv");
    f.write();
    let made = Command::new("mkfifo")
        .arg(f.path().join("sites.csv"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    for command in ["check", "allocate"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dormplan"))
            .args([command, "scenario.toml"])
            .current_dir(f.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("running dormplan");
        let start = Instant::now();
        while child.try_wait().expect("waiting").is_none() {
            if start.elapsed() > Duration::from_secs(60) {
                child.kill().expect("killing");
                panic!("dormplan {command} waited on a named pipe");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let o = child.wait_with_output().expect("output");
        let all = format!("{}{}", text(&o.stdout), text(&o.stderr));
        assert!(
            all.contains(
                "error[FILE_UNREADABLE] sites.csv: found a named pipe (FIFO), not a regular file; \
                 expected a regular file (not a folder, a pipe, a socket or a device)"
            ),
            "{command}: {}",
            show(&o)
        );
        let code = if command == "check" { 1 } else { 2 };
        assert_eq!(o.status.code(), Some(code), "{command}: {}", show(&o));
    }
}

/// `allocate -o .` in the folder holding the scenario's `towns.csv` and `sites.csv` would write
/// outputs of the same names: refused, and the data is untouched.
#[test]
fn outputs_never_replace_the_inputs() {
    let fx = Fixture::new();
    let scenario = fx.write();
    let before: Vec<Vec<u8>> = ["towns.csv", "sites.csv", "demand.csv", "scenario.toml"]
        .iter()
        .map(|f| std::fs::read(fx.path().join(f)).unwrap())
        .collect();
    let o = dormplan(
        &["allocate", scenario.to_str().unwrap(), "-o", "."],
        fx.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("OUTPUT_IS_INPUT"), "{err}");
    assert!(
        err.contains("towns.csv") && err.contains("sites.csv"),
        "{err}"
    );
    let after: Vec<Vec<u8>> = ["towns.csv", "sites.csv", "demand.csv", "scenario.toml"]
        .iter()
        .map(|f| std::fs::read(fx.path().join(f)).unwrap())
        .collect();
    assert_eq!(before, after);
    assert!(
        !fx.path().join("allocations.csv").exists(),
        "nothing written"
    );
    // The next run still reads its data.
    let o = dormplan(&["check", scenario.to_str().unwrap()], fx.path());
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
}

/// A run killed at any moment, then run again, leaves exactly the files of one run and no
/// journal: the second run completes or discards what the first left.
#[test]
fn a_killed_run_is_cleaned_up_by_the_next() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("out");
    let args = |cmd: &'static str| {
        [cmd, "scenarios/cixi-2020.toml", "-o", dir.to_str().unwrap()].map(str::to_string)
    };
    let listing = |dir: &std::path::Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.map(|e| e.unwrap().file_name().into_string().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    for delay_ms in (0..150).step_by(10) {
        // Alternate the commands so that every kill lands on a folder of the other one's files.
        let cmd = if delay_ms % 20 == 0 {
            "allocate"
        } else {
            "capacity"
        };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dormplan"))
            .args(args(cmd))
            .current_dir(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let o = dormplan(&args("capacity").each_ref().map(String::as_str), root);
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        assert_eq!(
            listing(&dir),
            [
                ".dormplan-files",
                "capacity.xlsx",
                "capacity_sites.csv",
                "capacity_towns.csv",
                "run.json",
                "warnings.csv"
            ],
            "after a kill at {delay_ms} ms"
        );
    }
}

/// Runs `dormplan ARGS > /dev/null` on a pseudo-terminal and returns what the terminal showed;
/// panics when the command fails or does not finish in two minutes. `script` (util-linux, in
/// Debian's essential bsdutils) gives the command a pseudo-terminal and copies what it shows
/// to its stdout.
fn on_a_terminal(args: &str) -> String {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let bin = env!("CARGO_BIN_EXE_dormplan");
    let line = format!("{bin} {args} > /dev/null");
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("script (util-linux) to run the command on a terminal");
    // A hang is what these tests are about: give up after two minutes rather than never.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("the command's state") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().ok();
            panic!("`dormplan {args}` did not finish on a terminal");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut shown = Vec::new();
    child
        .stdout
        .take()
        .expect("the terminal's copy")
        .read_to_end(&mut shown)
        .expect("the terminal's copy");
    let shown = String::from_utf8_lossy(&shown).into_owned();
    assert!(status.success(), "`dormplan {args}`:\n{shown}");
    shown
}

/// On a terminal the spinner draws on stderr from its own thread while the command runs and
/// prints its warnings there too: the command must still finish.
#[test]
fn progress_on_a_terminal_shows_each_step_and_the_command_finishes() {
    let shown = on_a_terminal("plan scenarios/cixi-2022-expansion.toml --lang zh");
    for step in ["读取情景", "选择项目", "个流问题", "警告[OVER_OCCUPIED]"] {
        assert!(shown.contains(step), "{step:?} not shown:\n{shown}");
    }
}

/// Every stage that counts says its count: none shows a placeholder such as `{n}`.
#[test]
fn progress_of_explain_and_report_counts_what_is_solved() {
    let explain = on_a_terminal("explain scenarios/cixi-2020.toml --lang en");
    assert!(
        explain.contains("solving again with each change (") && explain.contains(" solved)"),
        "explain's count not shown:\n{explain}"
    );
    let dir = tempfile::tempdir().expect("a scratch folder");
    let report = on_a_terminal(&format!(
        "report scenarios/cixi-2022-expansion.toml --lang en -o {}",
        dir.path().display()
    ));
    assert!(
        report.contains("flow problems solved)"),
        "report's count not shown:\n{report}"
    );
    for shown in [&explain, &report] {
        assert!(!shown.contains("{n}"), "a placeholder shown:\n{shown}");
    }
}
