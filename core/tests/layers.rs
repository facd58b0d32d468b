//! The core's layers (docs/architecture.md): each module uses only the modules of its own
//! layer and the layers below it. This test reads every `crate::...` path in the core's
//! sources (outside `#[cfg(test)]` code) and fails on one that reaches up, printing the line.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bottom to top. A module may use the modules of its own layer and of the layers before it.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "text, input, diagnostics and YAML",
        &[
            "source",
            "input",
            "diagnostic",
            "yaml",
            "glob",
            "parallel",
            "redact",
        ],
    ),
    ("the catalog model", &["catalog", "known"]),
    ("the policy", &["policy"]),
    (
        "the domains",
        &["consumers", "files", "naming", "versions", "schema"],
    ),
    ("the rules", &["rules"]),
    ("the check pipeline", &["discover", "check"]),
    ("the report and its renderers", &["report", "render"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

/// The top-level module a file belongs to (`rules` for `src/rules/git/mod.rs`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_owned()
}

/// lib.rs's re-exports: item name -> the module it comes from (`Checker` -> `check`).
fn reexports() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(source_dir().join("lib.rs")).unwrap();
    let mut names = BTreeMap::new();
    for statement in text.split(';') {
        let Some(rest) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = rest.split_once("::") else {
            continue;
        };
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let name = item.rsplit("::").next().unwrap().trim();
            let name = name.rsplit(" as ").next().unwrap().trim();
            if !name.is_empty() {
                names.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    names
}

/// The top-level modules that a text's `crate::` paths name, with the offset of each;
/// `use crate::{a::b, c}` groups (over several lines too) name each of theirs.
fn used_modules(text: &str) -> Vec<(usize, String)> {
    let mut modules = Vec::new();
    let mut offset = 0;
    while let Some(found) = text[offset..].find("crate::") {
        let at = offset + found;
        offset = at + "crate::".len();
        let preceded_by_ident = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        if preceded_by_ident {
            continue;
        }
        let rest = &text[offset..];
        let Some(group) = rest.strip_prefix('{') else {
            modules.push((at, first_segment(rest)));
            continue;
        };
        let mut depth = 0;
        let mut start = 0;
        for (index, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    modules.push((at, first_segment(&group[start..index])));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    modules.push((at, first_segment(&group[start..index])));
                    start = index + 1;
                }
                _ => {}
            }
        }
    }
    modules.retain(|(_, module)| !module.is_empty() && module != "self");
    modules
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The source without comments and `#[cfg(test)]` items, lines kept (blank where removed).
fn code_of(text: &str) -> String {
    let mut code = String::new();
    let mut skip_depth: Option<usize> = None;
    let mut depth: usize = 0;
    let mut pending_test = false;
    for line in text.lines() {
        let line_code = line.split("//").next().unwrap_or_default();
        let trimmed = line_code.trim();
        let opens = line_code.matches('{').count();
        let closes = line_code.matches('}').count();
        let mut keep = skip_depth.is_none();
        if trimmed.starts_with("#[cfg(test)]") {
            pending_test = true;
            keep = false;
        } else if pending_test && skip_depth.is_none() && !trimmed.is_empty() {
            pending_test = false;
            keep = false;
            if opens > closes {
                skip_depth = Some(depth);
            }
        }
        depth = (depth + opens).saturating_sub(closes);
        if let Some(start) = skip_depth {
            keep = false;
            if depth <= start {
                skip_depth = None;
            }
        }
        if keep {
            code.push_str(line_code);
        }
        code.push('\n');
    }
    code
}

#[test]
fn no_module_of_the_core_uses_a_module_above_its_layer() {
    let root = source_dir();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let reexports = reexports();
    let mut violations = Vec::new();
    let mut unlayered = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap();
        if relative == Path::new("lib.rs") {
            continue;
        }
        let module = module_of(relative);
        let Some(own) = layer_of(&module) else {
            unlayered.push(module);
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let lines: Vec<&str> = code.lines().collect();
        for (at, used) in used_modules(&code) {
            let number = code[..at].matches('\n').count();
            let line = lines[number];
            let number = number + 1;
            {
                let used = reexports.get(&used).cloned().unwrap_or(used);
                let Some(layer) = layer_of(&used) else {
                    unlayered.push(used);
                    continue;
                };
                if layer > own {
                    violations.push(format!(
                        "core/src/{}:{number}: `{module}` ({}) uses `{used}` ({}): {}",
                        relative.display(),
                        LAYERS[own].0,
                        LAYERS[layer].0,
                        line.trim()
                    ));
                }
            }
        }
    }
    unlayered.sort();
    unlayered.dedup();
    assert!(
        unlayered.is_empty(),
        "modules without a layer (add them to LAYERS and docs/architecture.md): {unlayered:?}"
    );
    assert!(
        violations.is_empty(),
        "{} imports reach up a layer:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
fn grouped_and_inline_paths_are_read() {
    let names = |text: &str| -> Vec<String> {
        used_modules(text)
            .into_iter()
            .map(|(_, module)| module)
            .collect()
    };
    assert_eq!(
        names("use crate::{\n    rules::{Finding, RuleMeta},\n    yaml::Node,\n};"),
        ["rules", "yaml"]
    );
    assert_eq!(
        names("if crate::files::PathPattern::new(x).is_ok() {"),
        ["files"]
    );
    assert!(names("use kataster_core::check;").is_empty());
    let code = code_of(
        "use crate::a; // crate::z\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\nuse crate::c;\n",
    );
    assert_eq!(names(&code), ["a", "c"]);
    assert_eq!(code.lines().count(), 6);
}
