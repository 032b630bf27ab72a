//! The crate's layers, checked over its source: every `crate::…` and `super::…` path in
//! `src/` (comments left out) is an arrow from the module that writes it to the module it
//! names. The layers, lowest first:
//!
//! | layer | modules | may use |
//! |---|---|---|
//! | base | `diag`, `error`, `numbers`, `catalogue` | base |
//! | model | `model` | base, model |
//! | io | `io` (reading inputs, writing files) | base, model, io |
//! | core | `flow`, `capacity`, `subsidy`, `alloc`, `plan`, `figures`, `metrics`, `explain`, `synth` | base, model, core |
//! | presentation | `report` (terminal tables, CSV and GeoJSON rendered into io's outputs) | base, model, io, core, presentation |
//! | commands | `commands` | everything |
//!
//! Besides the layers, the arrows between top-level modules have no loop, and neither do the
//! arrows between the files of one module that name each other (a file's use of its own
//! module's re-exports in `mod.rs` is not such an arrow).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Base,
    Model,
    Readers,
    Core,
    Presentation,
    Commands,
}

fn layer(top: &str) -> Option<Layer> {
    Some(match top {
        "diag" | "error" | "numbers" | "catalogue" => Layer::Base,
        "model" => Layer::Model,
        "io" => Layer::Readers,
        "flow" | "capacity" | "subsidy" | "alloc" | "plan" | "figures" | "metrics" | "explain"
        | "synth" => Layer::Core,
        "report" => Layer::Presentation,
        "commands" => Layer::Commands,
        _ => return None,
    })
}

fn allowed(from: Layer, to: Layer) -> bool {
    use Layer::*;
    match from {
        Base => to == Base,
        Model => matches!(to, Base | Model),
        Readers => matches!(to, Base | Model | Readers),
        Core => matches!(to, Base | Model | Core),
        Presentation => matches!(to, Base | Model | Readers | Core | Presentation),
        Commands => true,
    }
}

/// A source file's module path: `src/alloc/reasons.rs` → ["alloc", "reasons"].
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments (line comments and doc comments; block comments are
/// not used in this crate).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal (a URL) is rare; a path after it is lost at worst.
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every module path a file's code names, resolved against the file's own module. A path
/// inside `crate::{a::X, b::{Y, Z}}` names `a` and `b`.
fn references(code: &str, me: &[String]) -> Vec<Vec<String>> {
    let mut refs = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(['c', 's']) {
        let here = &rest[i..];
        let boundary = i == 0 || {
            let prev = rest[..i].chars().next_back().unwrap();
            !(prev.is_ascii_alphanumeric() || prev == '_' || prev == ':')
        };
        if boundary && (here.starts_with("crate::") || here.starts_with("super::")) {
            let (mut base, mut tail) = if let Some(t) = here.strip_prefix("crate::") {
                (Vec::new(), t)
            } else {
                (me.to_vec(), here)
            };
            while let Some(t) = tail.strip_prefix("super::") {
                base.pop();
                tail = t;
            }
            if let Some(group) = tail.strip_prefix('{') {
                for item in top_level_items(group) {
                    let mut p = base.clone();
                    p.extend(path_of(item.trim()));
                    if p.len() > base.len() && p[base.len()] != "self" {
                        refs.push(p);
                    }
                }
            } else {
                let mut p = base;
                p.extend(path_of(tail));
                refs.push(p);
            }
        }
        rest = &rest[i + 1..];
    }
    refs
}

/// The identifiers of a path: `io::Outputs;` → ["io", "Outputs"].
fn path_of(mut t: &str) -> Vec<String> {
    let mut p = Vec::new();
    loop {
        let name = ident_at(t);
        if name.is_empty() {
            return p;
        }
        p.push(name.to_string());
        match t[name.len()..].strip_prefix("::") {
            Some(next) => t = next,
            None => return p,
        }
    }
}

/// The items of a `{…}` group (after its opening brace), split at its own commas only.
fn top_level_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

struct Crate {
    /// Every module of the crate (a file), by path.
    modules: BTreeSet<Vec<String>>,
    /// For every file: the module paths it names.
    refs: BTreeMap<Vec<String>, Vec<Vec<String>>>,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules = BTreeSet::new();
    let mut refs = BTreeMap::new();
    for f in files {
        let me = module_path(&src, &f);
        if me == ["lib"] || me == ["main"] {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        refs.insert(me.clone(), references(&code(&text), &me));
        modules.insert(me);
    }
    Crate { modules, refs }
}

/// The longest prefix of `path` that is a module of the crate.
fn resolve<'a>(modules: &'a BTreeSet<Vec<String>>, path: &[String]) -> Option<&'a Vec<String>> {
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n].to_vec()))
}

fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|s| s == m).unwrap();
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0
            && let Some(c) = visit(n, edges, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn every_module_has_a_layer() {
    let krate = read_crate();
    let unknown: BTreeSet<&str> = krate
        .modules
        .iter()
        .map(|m| m[0].as_str())
        .filter(|top| layer(top).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "modules without a layer (add them to tests/layering.rs): {unknown:?}"
    );
}

#[test]
fn no_arrow_points_down_the_layers_the_wrong_way() {
    let krate = read_crate();
    let mut wrong = Vec::new();
    for (from, refs) in &krate.refs {
        let Some(from_layer) = layer(&from[0]) else {
            continue;
        };
        for r in refs {
            let Some(to) = resolve(&krate.modules, r) else {
                continue;
            };
            let Some(to_layer) = layer(&to[0]) else {
                continue;
            };
            if !allowed(from_layer, to_layer) {
                wrong.push(format!(
                    "{} ({from_layer:?}) uses {} ({to_layer:?})",
                    from.join("::"),
                    r.join("::")
                ));
            }
        }
    }
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "arrows against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn top_level_modules_have_no_loop() {
    let krate = read_crate();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, refs) in &krate.refs {
        for r in refs {
            if let Some(to) = resolve(&krate.modules, r)
                && to[0] != from[0]
            {
                edges
                    .entry(from[0].clone())
                    .or_default()
                    .insert(to[0].clone());
            }
        }
    }
    if let Some(cycle) = find_cycle(&edges) {
        panic!("a loop between modules: {}", cycle.join(" → "));
    }
}

#[test]
fn files_of_a_module_have_no_loop() {
    let krate = read_crate();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, refs) in &krate.refs {
        for r in refs {
            let Some(to) = resolve(&krate.modules, r) else {
                continue;
            };
            // Siblings in one module that name each other's files; a use of the parent
            // module (its re-exports) is not counted.
            let siblings = from.len() >= 2
                && to.len() == from.len()
                && from[..from.len() - 1] == to[..to.len() - 1]
                && to != from;
            if siblings {
                edges
                    .entry(from.join("::"))
                    .or_default()
                    .insert(to.join("::"));
            }
        }
    }
    if let Some(cycle) = find_cycle(&edges) {
        panic!("a loop between files: {}", cycle.join(" → "));
    }
}

#[test]
fn the_checker_sees_arrows() {
    // The scanner itself: a use inside braces, a super path and a comment.
    let me: Vec<String> = vec!["alloc".into(), "solve".into()];
    let refs = references(
        &code("use crate::{io::Outputs, model};\nuse super::instance::Arc; // crate::plan\n"),
        &me,
    );
    assert_eq!(
        refs,
        vec![
            vec!["io".to_string(), "Outputs".to_string()],
            vec!["model".to_string()],
            vec![
                "alloc".to_string(),
                "instance".to_string(),
                "Arc".to_string()
            ],
        ]
    );
}

#[test]
fn public_items_have_one_meaning_each() {
    // A top-level `pub` type, function or constant names one concept: two modules may not
    // export different things under the same name (`Reason`, `Problem`, `check` …).
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for line in text.lines() {
            for kind in ["struct", "enum", "fn", "type", "trait", "const"] {
                if let Some(rest) = line.strip_prefix(&format!("pub {kind} ")) {
                    let name = ident_at(rest).to_string();
                    let rel = f.strip_prefix(&src).unwrap().display().to_string();
                    seen.entry(name).or_default().push(rel);
                }
            }
        }
    }
    let twice: Vec<String> = seen
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(name, files)| format!("{name}: {}", files.join(", ")))
        .collect();
    assert!(twice.is_empty(), "names used twice:\n{}", twice.join("\n"));
}

#[test]
fn every_module_is_declared_with_a_line_that_says_what_it_is() {
    // lib.rs and each mod.rs read as a table of contents: `/// what it is` above `mod x;`.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut bare = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let declared =
                (line.starts_with("mod ") || line.starts_with("pub mod ")) && line.ends_with(';');
            if declared && (i == 0 || !lines[i - 1].starts_with("///")) {
                bare.push(format!("{}:{}: {line}", f.display(), i + 1));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "modules without a doc line:\n{}",
        bare.join("\n")
    );
}
