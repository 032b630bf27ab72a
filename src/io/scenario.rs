//! The scenario file: which data and policy, the settings, and named variants.
//!
//! A scenario is read in two steps. The TOML is walked into a [`Spec`] (settings and file
//! paths, each with its key path for messages); then the policy and data files are read and
//! cross-checked against it. Variants are the base document with a `[[variant]]` block
//! deep-merged over it, walked by the same code, so a variant is validated exactly like a
//! scenario and its own keys are reported as `variant[i].…`.

use super::allocation::{SpareNames, allocation, default_allocation};
use super::boundary::{read_boundary, warn_outside};
use super::cost_matrix::read_cost_matrix;
use super::crs::parse_crs;
use super::demand::read_demand;
use super::fields::{Sign, bounds};
use super::policy::{
    DEFAULT_STANDARD_MAX_M2, DEFAULT_STANDARD_MIN_M2, decimals_down, ratio, read_policy,
    standard_at,
};
use super::sites::read_sites;
use super::toml_walk::{self, Cx, Item, Node, Tbl, Value};
use super::towns::{Named, TownIndex, read_towns};
use crate::model::{Input, InputRole, Loaded};

use crate::catalogue::{Lang, Phrase, Said, problems as say};
use crate::diag::{Code, Location, Problem, Problems, Severity};
use crate::model::policy::Policy;
use crate::model::{
    AllocationSettings, Crs, Dataset, Fen, PlanSettings, Ratio, Scenario, Settings, SiteKind,
    SiteStatus, Standard, StandardSettings, SubsidySettings,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Defaults applied when a scenario leaves a setting out (documented in `docs/formats.md`).
pub mod defaults {
    /// Residential ÷ gross floor area where a site does not declare its residential area.
    pub const USABLE_RATIO: f64 = 0.8;
    /// Multiplier on every group's people.
    pub const DEMAND_GROWTH: f64 = 1.0;
}

/// Largest demand growth factor.
const MAX_GROWTH: f64 = 100.0;
/// Most minimum beds for one town.
const MAX_MIN_BEDS: u64 = 10_000_000;

/// Reads the scenario at `path` (its base, without variants) and everything it names.
///
/// Every problem in every file is returned together. On success the warnings (over-occupied
/// sites, unknown columns…) travel in [`Loaded::warnings`].
pub fn load_scenario(path: &Path) -> Result<Loaded, Problems> {
    let mut problems = Vec::new();
    let mut cache = Cache::default();
    let loaded = read_base(path, &mut problems)
        .and_then(|root| load_spec(path, &root, None, &mut cache, &mut problems));
    finish(loaded, problems)
}

/// Reads the scenario at `path` (its base, without variants) and everything it names but its
/// cost matrix, which is not read: for `dormplan points`, which writes the points a matrix is
/// made from, before the matrix exists.
pub fn load_without_matrix(path: &Path) -> Result<Loaded, Problems> {
    let mut problems = Vec::new();
    let mut cache = Cache {
        skip_matrix: true,
        ..Cache::default()
    };
    let loaded = read_base(path, &mut problems)
        .and_then(|root| load_spec(path, &root, None, &mut cache, &mut problems));
    finish(loaded, problems)
}

/// Reads the scenario at `path` for a command that runs its base alone (`allocate`,
/// `capacity`, `subsidy`, `plan`, `rank`): the base, as [`load_scenario`] reads it, with every
/// `[[variant]]` validated too, so that a broken variant stops the command as it stops
/// `dormplan check` instead of going unsaid. Only the variants' errors are kept (their
/// warnings belong to runs of the variants); data files they share with the base are read
/// once.
pub fn load_base(path: &Path) -> Result<Loaded, Problems> {
    let mut problems = Vec::new();
    let mut cache = Cache::default();
    let Some(root) = read_base(path, &mut problems) else {
        return Err(sorted(problems));
    };
    let loaded = load_spec(path, &root, None, &mut cache, &mut problems);
    let mut of_variants = Vec::new();
    variants_of(path, &root, &mut cache, &mut of_variants);
    problems.extend(
        of_variants
            .into_iter()
            .filter(|p| p.severity() == Severity::Error),
    );
    finish(loaded, problems)
}

/// Reads every `[[variant]]` of the scenario at `path`: one [`Loaded`] per variant, in file
/// order, each the base with the variant's overrides merged in and validated in full
/// ([`Scenario::variant`] holds its name). A scenario without variants gives an empty list.
pub fn load_variants(path: &Path) -> Result<Vec<Loaded>, Problems> {
    let mut problems = Vec::new();
    let mut cache = Cache::default();
    let Some(root) = read_base(path, &mut problems) else {
        return Err(sorted(problems));
    };
    let mut out = variants_of(path, &root, &mut cache, &mut problems);
    let all = sorted(problems);
    if all.has_errors() {
        return Err(all);
    }
    for l in &mut out {
        l.warnings.0.sort();
        l.warnings.0.dedup();
        l.warnings.sort();
    }
    Ok(out)
}

/// The variants of the document `root`, each loaded; problems are pushed.
fn variants_of(
    path: &Path,
    root: &Node,
    cache: &mut Cache,
    problems: &mut Vec<Problem>,
) -> Vec<Loaded> {
    let mut out = Vec::new();
    // The base without its variants, made once: cloning the whole document for each variant
    // would make reading N variants take time in N².
    let mut base = root.clone();
    if let Value::Table(t) = &mut base.value {
        t.remove("variant");
    }
    for (i, over) in variant_blocks(root).into_iter().enumerate() {
        let Some((name, merged)) = merged_variant(&base, over, i) else {
            continue;
        };
        if let Some(l) = load_spec(path, &merged, Some(name), cache, problems) {
            out.push(l);
        }
    }
    out
}

/// Walks a document and, when it is sound, reads what it names; when it is not, still reads
/// the data files it names, for their problems.
fn load_spec(
    path: &Path,
    root: &Node,
    variant: Option<String>,
    cache: &mut Cache,
    problems: &mut Vec<Problem>,
) -> Option<Loaded> {
    match spec(path, root, variant, problems) {
        Ok(spec) => build(path, spec, cache, problems),
        Err(Some(data)) => {
            cache.read(&data.files, data.policy.as_deref(), problems);
            None
        }
        Err(None) => None,
    }
}

/// Sorted, without repeats (the same data problem is found once per variant that reads it).
fn sorted(mut problems: Vec<Problem>) -> Problems {
    problems.sort();
    problems.dedup();
    let mut p = Problems(problems);
    p.sort();
    p
}

fn finish(loaded: Option<Loaded>, problems: Vec<Problem>) -> Result<Loaded, Problems> {
    let problems = sorted(problems);
    match loaded {
        Some(mut l) if !problems.has_errors() => {
            l.warnings = problems;
            Ok(l)
        }
        _ => Err(problems),
    }
}

fn read_base(path: &Path, problems: &mut Vec<Problem>) -> Option<Node> {
    let text = super::text::read_text(path, problems)?;
    toml_walk::parse(path, &text, problems)
}

/// The `[[variant]]` tables of the base document (already checked by [`spec`]).
fn variant_blocks(root: &Node) -> Vec<&Node> {
    let Value::Table(t) = &root.value else {
        return Vec::new();
    };
    match t.get("variant").map(|n| &n.value) {
        Some(Value::Array(a)) => a
            .iter()
            .filter(|n| matches!(n.value, Value::Table(_)))
            .collect(),
        _ => Vec::new(),
    }
}

/// `base` (the document without its variants) with variant `i` merged over it, and the
/// variant's name.
fn merged_variant(base: &Node, over: &Node, i: usize) -> Option<(String, Node)> {
    let mut base = base.clone();
    let mut over = over.clone();
    let Value::Table(t) = &mut over.value else {
        return None;
    };
    let name = match t.remove("name").map(|n| n.value) {
        Some(Value::Str(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => format!("variant[{i}]"),
    };
    toml_walk::tag_variant(&mut over, i);
    toml_walk::merge(&mut base, over);
    Some((name, base))
}

/// A data file and the CRS its coordinates are in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DataFile {
    path: PathBuf,
    crs: Crs,
}

impl DataFile {
    fn key(&self) -> (PathBuf, bool) {
        (self.path.clone(), self.crs == Crs::Gcj02)
    }
}

/// The data files of `[data]`: the three tables and the optional boundary layer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DataFiles {
    towns: DataFile,
    sites: DataFile,
    demand: DataFile,
    boundary: Option<DataFile>,
}

/// Which files in which CRS: data read once per key.
type DataKey = ([(PathBuf, bool); 3], Option<(PathBuf, bool)>);

impl DataFiles {
    fn key(&self) -> DataKey {
        (
            [self.towns.key(), self.sites.key(), self.demand.key()],
            self.boundary.as_ref().map(DataFile::key),
        )
    }
}

/// What a scenario's TOML says, before any data file is read.
struct Spec {
    name: String,
    variant: Option<String>,
    as_of_year: Option<i32>,
    demand_growth: f64,
    files: DataFiles,
    policy: Option<PathBuf>,
    plan: Option<(Standard, Location)>,
    usable_ratio: Ratio,
    include_status: Vec<SiteStatus>,
    include_kind: Vec<SiteKind>,
    allocation: AllocationSettings,
    /// The employers `share_spare_beds` names, and where.
    spare_names: SpareNames,
    budget: Option<Fen>,
    /// Town key as written, beds, where.
    min_beds: Vec<(String, u32, Location)>,
    subsidy: SubsidySettings,
    lang: Option<Lang>,
}

/// Walks a scenario document (the base, or a base with a variant merged in). When it has
/// errors (all of which are pushed) the data files it names, if it names them, so that they
/// are checked all the same.
fn spec(
    path: &Path,
    root: &Node,
    variant: Option<String>,
    problems: &mut Vec<Problem>,
) -> Result<Spec, Option<Box<DataSpec>>> {
    let before = problems.len();
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut cx = Cx {
        file: path,
        problems,
    };
    let mut top = Item::root(root).table(&mut cx).ok_or(None)?;
    let name = match top.get("name") {
        Some(i) => i.text(&mut cx).map(str::to_string),
        None => Some(
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
    };
    // Free text for people reading the file; checked for type only.
    let _ = top.get("description").and_then(|i| i.str(&mut cx));
    let as_of_year = top.get("as_of_year").and_then(|i| i.year(&mut cx));
    let lang = top
        .get("lang")
        .and_then(|i| i.word(&mut cx, Lang::parse, Code::UNKNOWN_VALUE, &["zh", "en"]));
    let demand_growth = match top.get("demand_growth") {
        Some(i) => i.number(&mut cx, Sign::Positive, MAX_GROWTH),
        None => Some(defaults::DEMAND_GROWTH),
    };
    let data = top
        .require(&mut cx, "data")
        .and_then(|i| i.table(&mut cx))
        .and_then(|t| data(&mut cx, t, dir));
    let std = match top.get("standard") {
        Some(i) => i.table(&mut cx).map(|t| standard(&mut cx, t)),
        None => Some(StandardSpec::default()),
    };
    let alloc = match top.get("allocation") {
        Some(i) => i
            .table(&mut cx)
            .map(|t| allocation(&mut cx, t, |p| resolve(dir, p))),
        None => Some(Some((default_allocation(), Vec::new()))),
    };
    let plan = match top.get("plan") {
        Some(i) => i.table(&mut cx).map(|t| plan(&mut cx, t)),
        None => Some(PlanSpec::default()),
    };
    let subsidy = match top.get("subsidy") {
        Some(i) => i.table(&mut cx).and_then(|t| subsidy(&mut cx, t)),
        None => Some(SubsidySettings::default()),
    };
    if let Some(item) = top.get("variant") {
        match &variant {
            None => check_variants(&mut cx, &item),
            Some(_) => item.report(
                &mut cx,
                Code::BAD_SETTING,
                say::VARIANT_IN_VARIANT,
                say::VARIANTS_AT_TOP,
            ),
        }
    }
    top.finish(&mut cx);
    let failed = problems[before..]
        .iter()
        .any(|p| p.severity() == Severity::Error);
    let (
        Some(DataSpec { files, policy }),
        Some(std),
        Some(alloc),
        Some(plan),
        Some(name),
        Some(subsidy),
        false,
    ) = (data.clone(), std, alloc, plan, name, subsidy, failed)
    else {
        return Err(data.map(Box::new));
    };
    let complete = || -> Option<Spec> {
        Some(Spec {
            name,
            variant,
            as_of_year,
            demand_growth: demand_growth?,
            files,
            policy,
            plan: std.plan,
            usable_ratio: std.usable_ratio?,
            include_status: std.include_status?,
            include_kind: std.include_kind?,
            allocation: alloc.as_ref()?.0.clone(),
            spare_names: alloc?.1,
            budget: plan.budget,
            min_beds: plan.min_beds,
            subsidy,
            lang,
        })
    };
    complete().ok_or(data.map(Box::new))
}

/// A path from the scenario resolved against its folder, with `dir/../x` folded to `x` so that
/// messages name files the way a planner would type them (`data/cixi/sites.geojson`, not
/// `scenarios/../data/cixi/sites.geojson`). Folding is lexical: it stops at a `..` it cannot
/// fold, so a path through a symbolic link keeps its meaning as long as it names the folder.
fn resolve(dir: &Path, relative: &str) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in dir.join(relative).components() {
        match part {
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// What `[data]` names.
#[derive(Clone)]
struct DataSpec {
    files: DataFiles,
    policy: Option<PathBuf>,
}

fn data(cx: &mut Cx<'_>, mut t: Tbl<'_>, dir: &Path) -> Option<DataSpec> {
    let file = |t: &mut Tbl<'_>, cx: &mut Cx<'_>, key: &'static str| {
        t.require(cx, key)
            .and_then(|i| i.text(cx))
            .map(|p| resolve(dir, p))
    };
    let towns = file(&mut t, cx, "towns");
    let sites = file(&mut t, cx, "sites");
    let demand = file(&mut t, cx, "demand");
    let optional = |t: &mut Tbl<'_>, cx: &mut Cx<'_>, key: &'static str| match t.get(key) {
        Some(i) => i.text(cx).map(|p| Some(resolve(dir, p))),
        None => Some(None),
    };
    let policy = optional(&mut t, cx, "policy");
    let boundary = optional(&mut t, cx, "boundary");
    let crs = |t: &mut Tbl<'_>, cx: &mut Cx<'_>, key: &'static str| {
        t.get(key)
            .map(|i| i.word(cx, parse_crs, Code::UNKNOWN_VALUE, &["wgs84", "gcj02"]))
    };
    let all = crs(&mut t, cx, "crs");
    let base = match all {
        Some(None) => None,
        Some(Some(c)) => Some(c),
        None => Some(Crs::Wgs84),
    };
    let mut each = |key| match crs(&mut t, cx, key) {
        Some(c) => c,
        None => base,
    };
    let (tc, sc, dc) = (each("towns_crs"), each("sites_crs"), each("demand_crs"));
    let bc = each("boundary_crs");
    // A datum for a layer the scenario does not name is a mistake to say, not to ignore.
    let stray_crs = t
        .get("boundary_crs")
        .filter(|_| matches!(boundary, Some(None)));
    if let Some(item) = stray_crs {
        item.report(
            cx,
            Code::BAD_SETTING,
            say::CRS_WITHOUT_BOUNDARY,
            say::BOUNDARY_FOR_CRS,
        );
    }
    t.finish(cx);
    let boundary = match boundary? {
        Some(path) => Some(DataFile { path, crs: bc? }),
        None => None,
    };
    Some(DataSpec {
        files: DataFiles {
            towns: DataFile {
                path: towns?,
                crs: tc?,
            },
            sites: DataFile {
                path: sites?,
                crs: sc?,
            },
            demand: DataFile {
                path: demand?,
                crs: dc?,
            },
            boundary,
        },
        policy: policy?,
    })
}

struct StandardSpec {
    plan: Option<(Standard, Location)>,
    usable_ratio: Option<Ratio>,
    include_status: Option<Vec<SiteStatus>>,
    include_kind: Option<Vec<SiteKind>>,
}

impl Default for StandardSpec {
    fn default() -> StandardSpec {
        StandardSpec {
            plan: None,
            usable_ratio: Ratio::from_fraction(defaults::USABLE_RATIO),
            include_status: Some(vec![SiteStatus::Existing, SiteStatus::UnderConstruction]),
            include_kind: Some(SiteKind::ALL.to_vec()),
        }
    }
}

fn standard(cx: &mut Cx<'_>, mut t: Tbl<'_>) -> StandardSpec {
    let d = StandardSpec::default();
    let plan = t
        .get("plan_m2_per_person")
        .and_then(|i| standard_at(cx, &i).map(|s| (s, i.location())));
    let usable_ratio = match t.get("usable_ratio") {
        Some(i) => ratio(cx, &i),
        None => d.usable_ratio,
    };
    let statuses = SiteStatus::ALL.map(SiteStatus::as_str);
    let include_status = match t.get("include_status") {
        Some(i) => words(cx, &i, SiteStatus::parse, Code::UNKNOWN_STATUS, &statuses),
        None => d.include_status,
    };
    let kinds = SiteKind::ALL.map(SiteKind::as_str);
    let include_kind = match t.get("include_kind") {
        Some(i) => words(cx, &i, SiteKind::parse, Code::UNKNOWN_KIND, &kinds),
        None => d.include_kind,
    };
    t.finish(cx);
    StandardSpec {
        plan,
        usable_ratio,
        include_status,
        include_kind,
    }
}

/// A non-empty list of words, each checked, without repeats, in the stable order of `T`.
fn words<T: Ord + Copy>(
    cx: &mut Cx<'_>,
    item: &Item<'_>,
    parse: impl Fn(&str) -> Option<T>,
    code: Code,
    valid: &[&str],
) -> Option<Vec<T>> {
    let list = item.array(cx)?;
    if list.is_empty() {
        item.report(
            cx,
            Code::BAD_SETTING,
            say::EMPTY_LIST,
            say::AT_LEAST_ONE_OF.with_said(vec![("words", Said::names(valid.iter().copied()))]),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for e in list {
        match e.word(cx, &parse, code, valid) {
            Some(w) => out.push(w),
            None => ok = false,
        }
    }
    out.sort();
    out.dedup();
    ok.then_some(out)
}

#[derive(Default)]
struct PlanSpec {
    budget: Option<Fen>,
    min_beds: Vec<(String, u32, Location)>,
}

fn plan(cx: &mut Cx<'_>, mut t: Tbl<'_>) -> PlanSpec {
    let budget = t
        .get("budget_yuan")
        .and_then(|i| i.number(cx, Sign::NonNegative, bounds::BUDGET_YUAN))
        .and_then(Fen::from_yuan);
    let mut min_beds = Vec::new();
    if let Some(mt) = t.get("min_beds").and_then(|i| i.table(cx)) {
        for (town, item) in mt.entries() {
            if let Some(n) = item.whole(cx, Sign::NonNegative, MAX_MIN_BEDS) {
                min_beds.push((town.to_string(), n as u32, item.location()));
            }
        }
    }
    t.finish(cx);
    PlanSpec { budget, min_beds }
}

/// Budget-estimate assumptions: `[subsidy] review_pass_rate`, `award_share`, each a share from
/// 0 to 1 kept to 1/10,000 (rounded down).
fn subsidy(cx: &mut Cx<'_>, mut t: Tbl<'_>) -> Option<SubsidySettings> {
    let default = SubsidySettings::default();
    let share = |cx: &mut Cx<'_>, item: Option<Item<'_>>, default: u16| match item {
        Some(i) => {
            let x = i.number(cx, Sign::NonNegative, 1.0)?;
            u16::try_from(decimals_down(cx, &i, x, 4)).ok()
        }
        None => Some(default),
    };
    let review_pass_rate = share(cx, t.get("review_pass_rate"), default.review_pass_rate);
    let award_share = share(cx, t.get("award_share"), default.award_share);
    t.finish(cx);
    Some(SubsidySettings {
        review_pass_rate: review_pass_rate?,
        award_share: award_share?,
    })
}

/// Checks the base document's `[[variant]]` list: tables, each with a unique non-empty name.
fn check_variants(cx: &mut Cx<'_>, item: &Item<'_>) {
    let Some(list) = item.array(cx) else {
        return;
    };
    let mut names: BTreeMap<String, u64> = BTreeMap::new();
    for v in list {
        let Some(mut t) = v.table(cx) else { continue };
        if let Some(name) = t.require(cx, "name").and_then(|i| i.text(cx)) {
            if let Some(first) = names.get(name) {
                v.report(
                    cx,
                    Code::DUPLICATE_ID,
                    format!("{name:?}"),
                    say::UNIQUE_VARIANT_NAME.with(&[("first", first)]),
                );
            } else {
                names.insert(name.to_string(), v.line());
            }
        }
        // The other keys are overrides, checked when the variant is loaded.
    }
}

/// Data files already read, so variants that share them read them once.
#[derive(Default)]
struct Cache {
    data: BTreeMap<DataKey, ReadData>,
    policies: BTreeMap<PathBuf, Option<Policy>>,
    /// Cost matrices are not read ([`load_without_matrix`]).
    skip_matrix: bool,
}

impl Cache {
    /// The policy (`Some(None)` when it has errors) and the data, read once per file set.
    fn read(
        &mut self,
        files: &DataFiles,
        policy: Option<&Path>,
        problems: &mut Vec<Problem>,
    ) -> (Option<Option<Policy>>, ReadData) {
        let policy = policy.map(|p| {
            self.policies
                .entry(p.to_path_buf())
                .or_insert_with(|| read_policy(p, problems))
                .clone()
        });
        let data = self
            .data
            .entry(files.key())
            .or_insert_with(|| read_data(files, problems))
            .clone();
        (policy, data)
    }
}

#[derive(Clone)]
struct ReadData {
    dataset: std::sync::Arc<Dataset>,
    site_locations: Vec<Location>,
    towns_ok: bool,
    ok: bool,
}

/// Reads the policy and data a spec names and assembles the scenario.
fn build(
    path: &Path,
    spec: Spec,
    cache: &mut Cache,
    problems: &mut Vec<Problem>,
) -> Option<Loaded> {
    let before = problems.len();
    let files = spec.files.clone();
    let input = |role, path: &Path| Input {
        role,
        path: path.to_path_buf(),
    };
    let mut inputs = vec![
        input(InputRole::Scenario, path),
        input(InputRole::Towns, &files.towns.path),
        input(InputRole::Sites, &files.sites.path),
        input(InputRole::Demand, &files.demand.path),
    ];
    inputs.extend(
        files
            .boundary
            .as_ref()
            .map(|b| input(InputRole::Boundary, &b.path)),
    );
    inputs.extend(spec.policy.as_deref().map(|p| input(InputRole::Policy, p)));
    // A matrix that is not read is no input (a file of the user's that an output would
    // replace is refused all the same: no earlier run wrote it).
    let matrix = spec
        .allocation
        .cost_matrix
        .as_deref()
        .filter(|_| !cache.skip_matrix);
    inputs.extend(matrix.map(|p| input(InputRole::CostMatrix, p)));
    let (policy, data) = cache.read(&files, spec.policy.as_deref(), problems);
    let (floor, ceiling) = match &policy {
        Some(Some(p)) => (p.standard_min, p.standard_max),
        _ => (
            Standard::from_m2(DEFAULT_STANDARD_MIN_M2)?,
            Standard::from_m2(DEFAULT_STANDARD_MAX_M2)?,
        ),
    };
    let plan = match &spec.plan {
        Some((s, loc)) => {
            if *s < floor || *s > ceiling {
                problems.push(
                    Problem::new(Code::STANDARD_OUTSIDE_POLICY, path, loc.clone())
                        .field("plan_m2_per_person")
                        .found(say::M2_PER_PERSON.with(&[("m2", s)]))
                        .expected(
                            say::STANDARD_FROM_TO.with(&[("floor", &floor), ("ceiling", &ceiling)]),
                        ),
                );
            }
            *s
        }
        None => floor,
    };
    let index = TownIndex::new(&data.dataset.towns, &spec.files.towns.path);
    let mut min_beds = BTreeMap::new();
    // Where each town's minimum was first set, so that a second key naming it is an error.
    let mut set_at: BTreeMap<usize, &str> = BTreeMap::new();
    for (town, beds, loc) in &spec.min_beds {
        let problem = |code, found: Said, expected: Said| {
            Problem::new(code, path, loc.clone())
                .field(town.clone())
                .found(found)
                .expected(expected)
        };
        match index.lookup(town) {
            Named::One(t) => {
                if let Some(first) = set_at.insert(t, town) {
                    problems.push(problem(
                        Code::DUPLICATE_ID,
                        say::BOTH_NAME.with_said(vec![
                            ("a", format!("{town:?}").into()),
                            ("b", format!("{first:?}").into()),
                            ("town", index.describe(&[t])),
                        ]),
                        say::ONE_MINIMUM_PER_TOWN.into(),
                    ));
                    continue;
                }
                min_beds.insert(data.dataset.towns[t].code.clone(), *beds);
            }
            Named::Many(towns) if data.towns_ok => {
                let (found, expected) = index.ambiguous(town, &towns);
                problems.push(problem(Code::AMBIGUOUS_TOWN, found, expected));
            }
            Named::None if data.towns_ok => problems.push(problem(
                Code::UNKNOWN_TOWN,
                format!("{town:?}").into(),
                index.expected(),
            )),
            _ => {}
        }
    }
    if data.ok {
        problems.extend(unknown_spare_employers(
            path,
            &spec.spare_names,
            &data.dataset,
        ));
    }
    let cost_matrix = match (&spec.allocation.cost_matrix, data.ok) {
        (Some(p), true) if !cache.skip_matrix => read_cost_matrix(p, &data.dataset, problems),
        _ => None,
    };
    let settings = Settings {
        as_of_year: spec.as_of_year,
        standard: StandardSettings {
            plan,
            floor,
            ceiling,
            usable_ratio: spec.usable_ratio,
            include_status: spec.include_status,
            include_kind: spec.include_kind,
        },
        allocation: spec.allocation,
        plan: PlanSettings {
            budget: spec.budget,
            min_beds,
        },
        demand_growth: spec.demand_growth,
        lang: spec.lang,
        subsidy: spec.subsidy,
    };
    warn_over_occupied(&spec.files.sites.path, &data, &settings, problems);
    let failed = !data.ok
        || matches!(policy, Some(None))
        || problems[before..]
            .iter()
            .any(|p| p.severity() == Severity::Error);
    if failed {
        return None;
    }
    Some(Loaded {
        scenario: Scenario {
            name: spec.name,
            variant: spec.variant,
            path: path.to_path_buf(),
            settings,
            dataset: data.dataset,
            policy: policy.flatten(),
        },
        warnings: Problems::default(),
        cost_matrix,
        inputs,
    })
}

fn read_data(files: &DataFiles, problems: &mut Vec<Problem>) -> ReadData {
    let DataFiles {
        towns: towns_file,
        sites: sites_file,
        demand: demand_file,
        boundary: boundary_file,
    } = files;
    let before = problems.len();
    let towns = read_towns(&towns_file.path, towns_file.crs, problems);
    let index = TownIndex::new(&towns, &towns_file.path);
    let towns_ok = no_errors(&problems[before..]);
    let after_towns = problems.len();
    let sites = read_sites(&sites_file.path, sites_file.crs, &towns, &index, problems);
    let demand = read_demand(&demand_file.path, demand_file.crs, &towns, &index, problems);
    if !towns_ok {
        // Rows naming a town that was itself rejected would all be "unknown town": the towns
        // file's own errors say it once.
        let tail = problems.split_off(after_towns);
        problems.extend(tail.into_iter().filter(|p| p.code != Code::UNKNOWN_TOWN));
    }
    let boundary = boundary_file
        .as_ref()
        .and_then(|b| read_boundary(&b.path, b.crs, problems));
    if let (Some(area), Some(b)) = (&boundary, boundary_file) {
        let sites_at = sites.iter().map(|(s, loc)| {
            let at = (sites_file.path.as_path(), loc);
            (at, (say::WHAT_SITE, s.id.as_str()), s.location)
        });
        let groups_at = demand.iter().map(|(g, loc)| {
            let at = (demand_file.path.as_path(), loc);
            (at, (say::WHAT_GROUP, g.id.as_str()), g.location)
        });
        for (at, who, point) in sites_at.chain(groups_at) {
            problems.extend(warn_outside((area, &b.path), at, who, point));
        }
    }
    let (sites, site_locations): (Vec<_>, Vec<_>) = sites.into_iter().unzip();
    let demand: Vec<_> = demand.into_iter().map(|(g, _)| g).collect();
    check_totals(
        &sites_file.path,
        &demand_file.path,
        &sites,
        &demand,
        problems,
    );
    let ok = towns_ok && no_errors(&problems[before..]);
    ReadData {
        dataset: std::sync::Arc::new(Dataset {
            towns,
            sites,
            demand,
            boundary,
        }),
        site_locations,
        towns_ok,
        ok,
    }
}

/// Totals of one scenario's data, as far as dormplan's exact integers reach with room to
/// spare: every sum dormplan forms (by town, by kind, of a plan, of subsidies at any rate up
/// to the largest allowed) is a part of these, so none can overflow once they hold.
pub(crate) mod totals {
    /// Floor area of all sites, m² (10,000 km²: more than any province's housing stock; at
    /// the highest rate, the subsidy on it stays within `i64` fen).
    pub const AREA_M2: i128 = 10_000_000_000;
    /// Construction cost of all sites, yuan.
    pub const COST_YUAN: i128 = 1_000_000_000_000_000;
    /// People in all groups, before growth (at the largest growth, still far within `i64`).
    pub const PEOPLE: i128 = 10_000_000_000;
}

/// `TOO_LARGE` when the data's totals pass [`totals`]: each value is bounded, but enough rows
/// of large values would overflow the sums.
fn check_totals(
    sites_file: &Path,
    demand_file: &Path,
    sites: &[crate::model::Site],
    demand: &[crate::model::DemandGroup],
    problems: &mut Vec<Problem>,
) {
    let area: i128 = sites.iter().map(|s| i128::from(s.gross.units())).sum();
    let cost: i128 = sites
        .iter()
        .filter_map(|s| s.cost)
        .map(|c| i128::from(c.0))
        .sum();
    let people: i128 = demand.iter().map(|g| i128::from(g.people)).sum();
    let mut report = |file: &Path, (total, most): (Phrase, Phrase), found: i128, max: i128| {
        if found > max {
            problems.push(
                Problem::new(Code::TOO_LARGE, file, Location::File)
                    .found(total.with(&[("n", &found)]))
                    .expected(most.with(&[("max", &max)])),
            );
        }
    };
    let units = i128::from(crate::model::Area::UNITS_PER_M2);
    report(
        sites_file,
        (say::TOTAL_AREA, say::MOST_AREA),
        area / units,
        totals::AREA_M2,
    );
    report(
        sites_file,
        (say::TOTAL_COST, say::MOST_COST),
        cost / 100,
        totals::COST_YUAN,
    );
    report(
        demand_file,
        (say::TOTAL_PEOPLE, say::MOST_PEOPLE),
        people,
        totals::PEOPLE,
    );
}

fn no_errors(problems: &[Problem]) -> bool {
    !problems.iter().any(|p| p.severity() == Severity::Error)
}

/// `OVER_OCCUPIED` for every site whose declared beds give less than the floor per person.
fn warn_over_occupied(
    sites_file: &Path,
    data: &ReadData,
    settings: &Settings,
    problems: &mut Vec<Problem>,
) {
    let floor = settings.standard.floor;
    for (site, loc) in data.dataset.sites.iter().zip(&data.site_locations) {
        if !site.is_over_occupied(&settings.standard) {
            continue;
        }
        let area = site.residential_area(&settings.standard);
        let beds = site.beds.unwrap_or(0);
        let per = area.per_person(u64::from(beds)).unwrap_or(0.0);
        problems.push(
            Problem::new(Code::OVER_OCCUPIED, sites_file, loc.clone())
                .field("beds")
                .found(say::BEDS_OVER_FLOOR.with(&[
                    ("beds", &beds),
                    ("area", &area),
                    ("per", &format!("{per:.2}")),
                    ("site", &site.id),
                ]))
                .expected(
                    say::BEDS_AT_FLOOR.with(&[("n", &area.persons_at(floor)), ("floor", &floor)]),
                ),
        );
    }
}

/// The employers `share_spare_beds` names that have no enterprise dormitory among the sites.
fn unknown_spare_employers(path: &Path, names: &SpareNames, data: &Dataset) -> Vec<Problem> {
    let employers: std::collections::BTreeSet<&str> = data
        .sites
        .iter()
        .filter(|s| s.kind == SiteKind::EnterpriseDormitory)
        .filter_map(|s| s.employer.as_deref())
        .collect();
    names
        .iter()
        .filter(|(name, _)| !employers.contains(name.as_str()))
        .map(|(name, loc)| {
            Problem::new(Code::UNKNOWN_VALUE, path, loc.clone())
                .field("share_spare_beds")
                .found(format!("{name:?}"))
                .expected(if employers.is_empty() {
                    say::NO_DORMITORY_EMPLOYER.into()
                } else {
                    say::DORMITORY_EMPLOYER.with_said(vec![(
                        "names",
                        super::fields::one_of(employers.iter().copied()),
                    )])
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::resolve;
    use std::path::{Path, PathBuf};

    #[test]
    fn data_paths_are_folded() {
        let folded = |dir: &str, rel: &str| resolve(Path::new(dir), rel);
        assert_eq!(
            folded("scenarios", "../data/x.csv"),
            PathBuf::from("data/x.csv")
        );
        assert_eq!(folded("", "../x.csv"), PathBuf::from("../x.csv"));
        assert_eq!(folded("/a/b", "./c/../d.csv"), PathBuf::from("/a/b/d.csv"));
        assert_eq!(folded("a", ".."), PathBuf::from("."));
    }
}
