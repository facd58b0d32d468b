//! The fuzz targets' bodies, shared with nothing but each other: each takes the fuzzer's bytes,
//! runs one part of kataster on them and asserts the invariants every input must keep (see
//! `core/tests/support/invariants.rs`, included here by path; the renderers are the core's,
//! which the CLI and the WebAssembly build use).

#![allow(clippy::missing_panics_doc)]

#[path = "../../core/tests/support/invariants.rs"]
pub mod invariants;

use kataster_core::naming::Convention;
use kataster_core::policy::{NamespaceConvention, PartSpec};
use kataster_core::report::JsonReport;
use kataster_core::yaml::ParseOptions;
use kataster_core::{CheckOptions, Checker, FileKind, NoFacts, SourceFile, input, load_policy};

/// YAML text to diagnostics: the full check of one file, as a catalog file, with merge keys,
/// and as a manifests file; invalid UTF-8 gets its message.
pub fn check(data: &[u8]) {
    let text = match input::decode("catalog-info.yaml", data.to_vec(), true) {
        Some(Ok(text)) => text,
        Some(Err(message)) => {
            assert!(
                message.contains("byte offset") || message.contains("UTF-16"),
                "{message}"
            );
            return;
        }
        None => panic!("an explicit file is never skipped"),
    };
    let plain = ParseOptions::default();
    invariants::check_invariants_with(&text, &plain, FileKind::Catalog);
    if text.contains("<<") {
        let merging = ParseOptions {
            merge_keys: true,
            ..ParseOptions::default()
        };
        invariants::check_invariants_with(&text, &merging, FileKind::Catalog);
    }
    if text.contains("kind") {
        invariants::check_invariants_with(&text, &plain, FileKind::Manifests);
    }
}

/// A policy file: loading it never panics, its problems lie on char boundaries inside it, and
/// a check under it (with the policy file reported) keeps the invariants.
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = load_policy(text);
    for (_, _, finding) in &loaded.problems {
        assert!(invariants::is_inside(text, &finding.span), "{finding:?}");
    }
    let _ = Convention::new(&loaded.policy.naming.namespace);
    let mut checker = Checker::new(CheckOptions {
        policy: loaded.policy.clone(),
        ..CheckOptions::default()
    });
    let policy_file = checker.add_policy("kataster.yaml", text, loaded);
    checker.add_file(SourceFile::new("catalog-info.yaml", CATALOG));
    let report = checker.check(&NoFacts);
    let files = checker.files();
    for diagnostic in &report.diagnostics {
        let text = &files[diagnostic.file].source.text;
        assert!(
            invariants::is_inside(text, &diagnostic.span),
            "{diagnostic:?}"
        );
    }
    let _ = policy_file;
    let _ = JsonReport::new(&report, files);
}

/// A small catalog that meets most rules under a fuzzed policy.
const CATALOG: &str = "apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cs-shop-prd
  namespace: default
  labels:
    stage: prd
  annotations:
    backstage.io/kubernetes-namespace: cs-shop-prd
spec:
  type: service
  lifecycle: production
  owner: group:team-a
  system: shop
  dependsOn: [resource:shop-db, component:cs-shop-dev]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cs-shop-dev
  annotations:
    backstage.io/kubernetes-namespace: cs-prd-shop
spec:
  type: website
  lifecycle: experimental
  owner: team-b
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
";

/// A namespace convention built from the input, and names checked against it.
///
/// The input's lines: the template, then `part=pattern` or `part:value,value` lines, then
/// `legacy template` lines starting with `~`, then names (each line after a blank line).
pub fn namespace(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (head, names) = text.split_once("\n\n").unwrap_or((text, ""));
    let mut lines = head.lines();
    let mut spec = NamespaceConvention::default();
    if let Some(template) = lines.next().filter(|line| !line.is_empty()) {
        template.clone_into(&mut spec.template);
    }
    let mut custom_parts = false;
    for line in lines {
        if let Some(legacy) = line.strip_prefix('~') {
            spec.legacy_templates.push(legacy.to_owned());
        } else if let Some((name, pattern)) = line.split_once('=') {
            if !custom_parts {
                spec.parts.clear();
                custom_parts = true;
            }
            spec.parts.insert(
                name.to_owned(),
                PartSpec {
                    values: Vec::new(),
                    pattern: Some(pattern.to_owned()),
                },
            );
        } else if let Some((name, values)) = line.split_once(':') {
            if !custom_parts {
                spec.parts.clear();
                custom_parts = true;
            }
            spec.parts.insert(
                name.to_owned(),
                PartSpec {
                    values: values.split(',').map(str::to_owned).collect(),
                    pattern: None,
                },
            );
        } else if let Some(app) = line.strip_prefix('@') {
            app.clone_into(&mut spec.app_part);
        }
    }
    let Ok(convention) = Convention::new(&spec) else {
        return;
    };
    let _ = convention.pattern();
    for name in names.lines() {
        let report = convention.check_name(name);
        match convention.parse(name) {
            Ok(parts) => {
                assert!(report.valid, "{name:?}");
                // A conventional name is rendered back from its parts.
                assert_eq!(
                    convention.render(&parts).as_deref(),
                    Some(name),
                    "{parts:?}"
                );
            }
            Err(problem) => {
                assert!(!report.valid, "{name:?}");
                let _ = problem.describe(convention.template());
                if let Some(suggestion) = problem.suggestion() {
                    // A suggestion is itself a name the convention accepts.
                    assert!(
                        convention.parse(suggestion).is_ok(),
                        "{name:?} -> {suggestion:?}"
                    );
                }
            }
        }
    }
}

/// Every renderer over the report of a fuzzed file (the first line is its path).
pub fn render_all(data: &[u8]) {
    use kataster_core::render::{self, Context, Format, Input};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (path, body) = text.split_once('\n').unwrap_or(("catalog-info.yaml", text));
    let path = if path.is_empty() {
        "catalog-info.yaml"
    } else {
        path
    };
    let mut checker = Checker::new(CheckOptions::default());
    checker.add_file(SourceFile::new(path, body));
    checker.add_failure(
        "unreadable.yaml",
        &kataster_core::rules::parse::unreadable_file::RULE,
        "cannot read unreadable.yaml: Permission denied",
    );
    let report = checker.check(&NoFacts);
    let json = JsonReport::new(&report, checker.files());
    let input = Input {
        report: &report,
        files: checker.files(),
        json: &json,
    };
    let contexts = [
        Context::default(),
        Context {
            color: true,
            project_dir: Some("/builds/acme".into()),
            current_dir: Some("/builds/acme/sub".into()),
            root: Some("/builds/acme".into()),
            fail_from: kataster_core::Severity::Warning,
            show_infos: true,
            show_skipped: true,
        },
    ];
    let count = report.diagnostics.len();
    for context in &contexts {
        for format in Format::ALL {
            let out = render::render(format, input, context);
            match format {
                Format::Json | Format::Gitlab | Format::Sarif => {
                    let parsed: Result<serde_json::Value, _> = serde_json::from_str(&out);
                    assert!(parsed.is_ok(), "{format:?}: {out}");
                }
                Format::Github => assert_lines(&out, "::", count),
                Format::Azure => assert_lines(&out, "##vso[", count),
                Format::Junit | Format::Checkstyle => assert_xml_chars(&out),
                Format::Human | Format::Concise => {}
            }
        }
    }
}

/// One line per diagnostic, each a workflow command: no message can start a line of its own.
fn assert_lines(out: &str, prefix: &str, count: usize) {
    assert_eq!(out.lines().count(), count, "{out}");
    for line in out.lines() {
        assert!(line.starts_with(prefix), "{line:?}");
    }
}

/// Only characters XML 1.0 allows; every `<` starts markup and every `&` an entity.
fn assert_xml_chars(out: &str) {
    for c in out.chars() {
        assert!(
            (c >= ' ' || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{fffe}' | '\u{ffff}'),
            "{c:?} in {out}"
        );
    }
    for (at, _) in out.match_indices('<') {
        let next = out[at + 1..].chars().next();
        assert!(
            next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '?' | '!')),
            "stray < at {at} in {out}"
        );
    }
    for (at, _) in out.match_indices('&') {
        let rest = &out[at + 1..];
        let entity = ["amp;", "lt;", "gt;", "quot;", "apos;"]
            .iter()
            .any(|name| rest.starts_with(name))
            || rest.strip_prefix('#').is_some_and(|digits| {
                let end = digits.find(';').unwrap_or(0);
                end > 0 && digits[..end].bytes().all(|b| b.is_ascii_digit())
            });
        assert!(entity, "stray & at {at} in {out}");
    }
}

/// Versions: a scenario (tags, commits, branches, charts, promotions; see
/// `core/src/check/versions/scenario.rs`) and the parsers under it, on the same text: commit
/// messages, tag names, branch names and `Chart.yaml` versions.
pub fn versions(data: &[u8]) {
    use kataster_core::check::versions::scenario;
    use kataster_core::policy::BranchPolicy;
    use kataster_core::versions::{self, Branches, charts, commits, files, tags};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let message = commits::parse(text);
    let inside = |span: &std::ops::Range<usize>| invariants::is_inside(text, span);
    assert!(inside(&message.header_span), "{message:?}");
    for footer in &message.breaking_footers {
        assert!(inside(footer), "{message:?}");
    }
    match &message.header {
        commits::Header::Conventional(header) => {
            assert!(inside(&header.kind_span), "{message:?}");
            assert_eq!(&text[header.kind_span.clone()], header.kind, "{message:?}");
            if let Some(bang) = &header.bang {
                assert!(inside(bang), "{message:?}");
            }
        }
        commits::Header::Invalid { span, .. } => assert!(inside(span), "{message:?}"),
        commits::Header::Autosquash | commits::Header::GitRevert => {}
    }
    if let Some((_, span)) = charts::chart_version(text) {
        assert!(inside(&span), "{span:?}");
    }
    for path in [
        "package.json",
        "Cargo.toml",
        "pyproject.toml",
        "galaxy.yml",
        "VERSION",
    ] {
        match files::read_version(path, text, None) {
            Ok(found) => assert!(inside(&found.span), "{path}: {found:?}"),
            Err(problem) => assert!(inside(&problem.span), "{path}: {problem:?}"),
        }
    }
    let branch_policy = BranchPolicy::default();
    let branches = Branches::new(&branch_policy);
    for line in text.lines().take(64) {
        let _ = tags::classify(line, "v", &["v", "api-v"]);
        let _ = tags::version_of(line, "", &[""]);
        let _ = branches.check(line);
        let _ = versions::branches::merged_branch(line);
    }
    if let Ok(outcome) = scenario::run(text) {
        let report = outcome.findings.report();
        let files = outcome.findings.parsed_files();
        for diagnostic in &report.diagnostics {
            let source = &files[diagnostic.file].source.text;
            assert!(
                invariants::is_inside(source, &diagnostic.span),
                "{diagnostic:?} in {source:?}"
            );
        }
        let json = outcome.to_json_pretty();
        assert!(
            serde_json::from_str::<serde_json::Value>(&json).is_ok(),
            "{json}"
        );
    }
}
