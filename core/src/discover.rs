//! Which files are catalog files: pure decisions on names and texts, shared by every
//! frontend that walks directories.

use crate::input::{decode, nul_offset};
use crate::naming::sources::fleet::is_fleet_path;
use crate::rules::RuleMeta;
use crate::rules::parse::{binary_file, invalid_encoding};
use crate::source::{FileKind, LineIndex};

/// What a frontend does with the bytes of a file it read.
#[derive(Debug)]
pub enum Reading {
    /// Not a file kataster reads (found while walking: not UTF-8, or neither entities nor
    /// manifests): nothing to say.
    Ignore,
    /// Read but not checked: a template, or a named file that is no catalog file. The
    /// summary counts it and `--show-skipped` lists it with the reason.
    Skip { template: bool, reason: String },
    /// Not checkable: record the failure (`IO0xx`) with this message, which quotes nothing of
    /// the file's content.
    Fail(&'static RuleMeta, String),
    /// Check it: its text and what it holds.
    Check(String, FileKind),
}

/// Decode a file's bytes and decide what it is, as every frontend must (one behaviour for the
/// CLI, the Node CLI and the language server): not UTF-8 (`IO002`), a binary file with NUL
/// bytes (`IO003`, content never shown), a template or other file to skip (see [`decide`]),
/// or a catalog or manifest file.
pub fn read(path: &str, bytes: Vec<u8>, explicit: bool, placement: Placement) -> Reading {
    let text = match decode(path, bytes, explicit) {
        None => return Reading::Ignore,
        Some(Err(message)) => return Reading::Fail(&invalid_encoding::RULE, message),
        Some(Ok(text)) => text,
    };
    let decision = decide(path, &text, explicit, placement);
    let wanted = explicit || matches!(decision, Decision::Check(_));
    if let Some(offset) = nul_offset(&text).filter(|_| wanted) {
        let at = LineIndex::new(&text).line_column(&text, offset);
        return Reading::Fail(
            &binary_file::RULE,
            format!(
                "{path} holds a NUL byte at line {}, column {} (byte offset {offset}): it is not a text file; its content is not shown",
                at.line, at.column
            ),
        );
    }
    match decision {
        Decision::Check(kind) => Reading::Check(text, kind),
        Decision::Skip { template, reason } => Reading::Skip { template, reason },
        Decision::Ignore => Reading::Ignore,
    }
}

/// File names that always hold catalog entities (unless they are templates).
pub const CATALOG_FILE_NAMES: [&str; 3] =
    ["catalog-info.yaml", "catalog-info.yml", "catalog-info.json"];

/// Name parts that make a file a template: `_helpers.tpl`, `values.yaml.gotmpl`,
/// `deploy.j2.yaml`, `entity.ftl.yaml`.
pub const TEMPLATE_EXTENSIONS: [&str; 9] = [
    "tpl", "gotmpl", "tmpl", "j2", "jinja", "jinja2", "ftl", "hbs", "mustache",
];

/// Where a file lies, as only a frontend can tell (it knows the directories); see
/// [`chart_files_for`] and [`skeleton_parents_for`] for the questions to ask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    /// Under a `templates/` directory beside a `Chart.yaml`.
    pub in_chart_templates: bool,
    /// Under a `skeleton/` or `content/` directory beside a scaffolder `Template` file.
    pub in_template_skeleton: bool,
}

/// A file that is read but not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub file: String,
    /// A template (Helm, Go, Jinja, a Backstage skeleton), not YAML until rendered.
    pub template: bool,
    pub reason: String,
}

/// What to do with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Check it as this kind of file.
    Check(FileKind),
    /// Do not check it; say so in the summary and the list of skipped files.
    Skip { template: bool, reason: String },
    /// Not a file kataster reads (found while walking): nothing to say.
    Ignore,
}

/// Whether a file found while walking a directory should be checked as a catalog file:
/// `catalog-info.yaml`, or a YAML file with a document whose `apiVersion` is a Backstage one.
pub fn is_catalog_file(path: &str, text: &str) -> bool {
    classify(path, text, false) == Some(FileKind::Catalog)
}

/// What a file holds, decided by its name and text alone (no placement known).
pub fn classify(path: &str, text: &str, explicit: bool) -> Option<FileKind> {
    match decide(path, text, explicit, Placement::default()) {
        Decision::Check(kind) => Some(kind),
        Decision::Skip { .. } | Decision::Ignore => None,
    }
}

/// What to do with a file, by its name, its text and its placement. A named file
/// (`explicit`) is classified as a found one, except that a file found while walking that
/// kataster does not read is ignored silently, while a named one is skipped with a reason; a
/// named file that is not YAML at all is checked (its YAML errors are reported).
pub fn decide(path: &str, text: &str, explicit: bool, placement: Placement) -> Decision {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if POLICY_FILE_NAMES.contains(&name) {
        return Decision::Ignore;
    }
    if !explicit && !is_candidate_path(path) {
        return Decision::Ignore;
    }
    let template = |reason: String| Decision::Skip {
        template: true,
        reason,
    };
    if placement.in_chart_templates {
        return template("a Helm chart template (under `templates/` beside `Chart.yaml`)".into());
    }
    if let Some(extension) = template_extension(name) {
        return template(format!("a template (`.{extension}` in its name)"));
    }
    if placement.in_template_skeleton {
        return template(
            "a Backstage template skeleton (under a folder a scaffolder `Template` copies)".into(),
        );
    }
    if let Some((line, found)) = template_syntax_line(text) {
        return template(format!(
            "template syntax `{found}` at line {line} (not YAML until rendered)"
        ));
    }
    if !is_scaffolder_template(text) {
        if let Some(line) = skeleton_values_line(text) {
            return template(format!(
                "a Backstage template skeleton (`${{{{ values.* }}}}` at line {line})"
            ));
        }
    }
    if CATALOG_FILE_NAMES.contains(&name) || text.lines().any(is_backstage_api_version_line) {
        return Decision::Check(FileKind::Catalog);
    }
    if is_fleet_path(name) {
        // Rancher Fleet's bundle options: no `apiVersion`, known by the name alone.
        return Decision::Check(FileKind::Manifests);
    }
    if is_json_path(path) {
        return if explicit {
            Decision::Skip {
                template: false,
                reason: "a JSON file without a Backstage `apiVersion`".into(),
            }
        } else {
            Decision::Ignore
        };
    }
    if text.lines().any(is_manifest_api_version_line) {
        return Decision::Check(FileKind::Manifests);
    }
    if !explicit {
        return Decision::Ignore;
    }
    let kind = top_level_kind(text);
    if let Some(api_version) = text.lines().find_map(api_version_of_line) {
        let builtin = kind.is_some_and(|kind| {
            crate::catalog::kinds::BUILTIN_KINDS
                .iter()
                .any(|schema| schema.kind.eq_ignore_ascii_case(kind))
        });
        if builtin || !is_kubernetes_api_version(api_version) {
            // An entity with a wrong apiVersion or a custom kind: the rules say what is wrong.
            return Decision::Check(FileKind::Catalog);
        }
        let what = kind.map_or(String::new(), |kind| format!(" `{kind}`"));
        return Decision::Skip {
            template: false,
            reason: format!(
                "apiVersion `{api_version}`{what}: a Kubernetes resource, not a catalog entity nor a manifest kataster reads"
            ),
        };
    }
    if kind.is_some() || text.lines().any(|line| line.starts_with("metadata:")) {
        // An entity without its apiVersion: CAT001 says so.
        return Decision::Check(FileKind::Catalog);
    }
    let parsed = crate::yaml::parse(text, &crate::yaml::ParseOptions::default());
    let not_a_values_file = parsed.iter().any(|document| {
        !document.errors.is_empty()
            || document
                .root
                .as_ref()
                .is_some_and(|root| root.as_mapping().is_none() && !root.is_null())
    });
    if not_a_values_file {
        // Not YAML, or not a mapping: its errors are reported.
        return Decision::Check(FileKind::Catalog);
    }
    Decision::Skip {
        template: false,
        reason: "no `apiVersion`, `kind` or `metadata`: not a catalog entity nor a manifest (a Helm values file?)".into(),
    }
}

/// The value of the first top-level `kind:` line.
fn top_level_kind(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|line| line.strip_prefix("kind:"))
        .map(|kind| kind.trim().trim_matches(['"', '\'']))
        .filter(|kind| !kind.is_empty())
}

/// API groups of Kubernetes resources people keep beside their catalog: the core and
/// built-in groups (no dot: `v1`, `apps/v1`), `*.k8s.io`, and common operators' groups.
fn is_kubernetes_api_version(api_version: &str) -> bool {
    const GROUPS: [&str; 16] = [
        "k8s.io",
        "openshift.io",
        "cattle.io",
        "coreos.com",
        "cert-manager.io",
        "istio.io",
        "fluxcd.io",
        "helm.sh",
        "bitnami.com",
        "external-secrets.io",
        "kyverno.io",
        "keda.sh",
        "knative.dev",
        "tekton.dev",
        "crossplane.io",
        "gateway.networking.k8s.io",
    ];
    let Some((group, _)) = api_version.rsplit_once('/') else {
        return true;
    };
    !group.contains('.')
        || GROUPS
            .iter()
            .any(|known| group == *known || group.ends_with(&format!(".{known}")))
}

/// The names of policy files, found upwards from the checked paths.
pub const POLICY_FILE_NAMES: [&str; 2] = ["kataster.yaml", ".kataster.yaml"];

/// The template extension in a file's name, if any (`_helpers.tpl`: `tpl`).
pub fn template_extension(name: &str) -> Option<&str> {
    name.split('.').skip(1).find(|part| {
        TEMPLATE_EXTENSIONS
            .iter()
            .any(|extension| part.eq_ignore_ascii_case(extension))
    })
}

/// The `Chart.yaml` files whose existence makes a file a chart template: one beside each
/// `templates` directory the path goes through.
pub fn chart_files_for(path: &str) -> Vec<String> {
    ancestors_named(path, &["templates"])
        .into_iter()
        .map(|parent| join(&parent, "Chart.yaml"))
        .collect()
}

/// The directories that, holding a scaffolder `Template` file (see
/// [`is_scaffolder_template`]), make a file a template skeleton: the parent of each
/// `skeleton` or `content` directory the path goes through.
pub fn skeleton_parents_for(path: &str) -> Vec<String> {
    ancestors_named(path, &["skeleton", "content"])
        .into_iter()
        .map(|parent| {
            if parent.is_empty() {
                ".".to_owned()
            } else {
                parent
            }
        })
        .collect()
}

/// Whether a text is a scaffolder `Template` entity (a scaffolder apiVersion and `kind:
/// Template`).
pub fn is_scaffolder_template(text: &str) -> bool {
    text.lines().any(|line| {
        api_version_of_line(line).is_some_and(|value| value.starts_with("scaffolder.backstage.io/"))
    }) && text.lines().any(|line| {
        line.strip_prefix("kind:")
            .is_some_and(|kind| kind.trim().trim_matches(['"', '\'']) == "Template")
    })
}

/// The parents of the directories named so on the path (not its last component).
fn ancestors_named(path: &str, names: &[&str]) -> Vec<String> {
    let normalized = path.replace('\\', "/");
    let parts: Vec<&str> = normalized.split('/').collect();
    let mut found = Vec::new();
    for (index, part) in parts.iter().enumerate().take(parts.len().saturating_sub(1)) {
        if names.contains(part) {
            let parent = parts[..index].join("/");
            found.push(if parent.is_empty() && index > 0 {
                "/".to_owned()
            } else {
                parent
            });
        }
    }
    found
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// The first line (1-based) with template syntax outside quoted and block scalars and
/// comments, and what was found: `{{` or `{%` where a token starts (not `${{`, a Backstage or
/// GitHub expression, nor `{{` inside a plain scalar: YAML reads both as text).
pub fn template_syntax_line(text: &str) -> Option<(usize, &'static str)> {
    let mut block: Option<usize> = None;
    for (number, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(opener) = block {
            if line.trim().is_empty() || indent > opener {
                continue;
            }
            block = None;
        }
        let (found, code) = scan_line(line);
        if let Some(found) = found {
            return Some((number + 1, found));
        }
        let code = code.trim_end();
        let opens_block = code.rsplit([' ', '\t']).next().is_some_and(|last| {
            let mut chars = last.chars();
            matches!(chars.next(), Some('|' | '>'))
                && chars.all(|c| matches!(c, '-' | '+' | '0'..='9'))
        }) && (code.contains(':') || code.trim_start().starts_with('-'));
        if opens_block {
            block = Some(indent);
        }
    }
    None
}

/// Template syntax found outside quotes and comments in one line, and the line without its
/// comment.
fn scan_line(line: &str) -> (Option<&'static str>, &str) {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let previous = index.checked_sub(1).map(|i| bytes[i]);
        match quote {
            Some(b'"') => {
                if byte == b'\\' {
                    index += 1;
                } else if byte == b'"' {
                    quote = None;
                }
            }
            Some(_) => {
                if byte == b'\'' {
                    if bytes.get(index + 1) == Some(&b'\'') {
                        index += 1;
                    } else {
                        quote = None;
                    }
                }
            }
            None => {
                let at_token_start = previous
                    .is_none_or(|p| matches!(p, b' ' | b'\t' | b':' | b'-' | b'[' | b',' | b'?'));
                if (byte == b'"' || byte == b'\'') && at_token_start {
                    quote = Some(byte);
                } else if byte == b'#' && previous.is_none_or(|p| p == b' ' || p == b'\t') {
                    return (None, &line[..index]);
                } else if byte == b'{' && at_token_start {
                    // Only where YAML would start a flow mapping (or a Helm idiom glues it to
                    // `-` or `:`): inside a plain scalar (`path: overlays/{{cluster}}`, an
                    // ApplicationSet's or a scaffolder's text) `{{` is text, and the file is
                    // YAML as it is.
                    match bytes.get(index + 1) {
                        Some(b'{') => return (Some("{{"), line),
                        Some(b'%') => return (Some("{%"), line),
                        _ => {}
                    }
                }
            }
        }
        index += 1;
    }
    (None, line)
}

/// The first line (1-based) holding a Backstage skeleton placeholder, `${{ values.`.
fn skeleton_values_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.match_indices("${{")
                .any(|(at, _)| line[at + 3..].trim_start().starts_with("values."))
        })
        .map(|index| index + 1)
}

fn api_version_of_line(line: &str) -> Option<&str> {
    let rest = line
        .trim_start_matches(['-', ' ', '\t', '{', '"'])
        .strip_prefix("apiVersion")?;
    let rest = rest
        .strip_prefix('"')
        .unwrap_or(rest)
        .trim_start()
        .strip_prefix(':')?;
    let value = rest
        .trim()
        .trim_end_matches(',')
        .trim_end_matches('}')
        .trim()
        .trim_matches(['"', '\'']);
    (!value.is_empty()).then_some(value)
}

fn is_manifest_api_version_line(line: &str) -> bool {
    api_version_of_line(line).is_some_and(|value| {
        value.starts_with("argoproj.io/")
            || value.starts_with("management.cattle.io/")
            || value.starts_with("kustomize.config.k8s.io/")
            || value.starts_with("kustomize.toolkit.fluxcd.io/")
            || value.starts_with("helm.toolkit.fluxcd.io/")
            || value.starts_with("project.openshift.io/")
            || value == "v1"
    })
}

/// The paths a walk reads: `.yaml`, `.yml`, `.json`, and templates (skipped and counted).
pub fn is_candidate_path(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    is_yaml_path(path) || is_json_path(path) || template_extension(name).is_some()
}

/// `.yaml` or `.yml`.
pub fn is_yaml_path(path: &str) -> bool {
    has_extension(path, &["yaml", "yml"])
}

/// `.json`.
pub fn is_json_path(path: &str) -> bool {
    has_extension(path, &["json"])
}

fn has_extension(path: &str, extensions: &[&str]) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|extension| {
            extensions
                .iter()
                .any(|wanted| extension.eq_ignore_ascii_case(wanted))
        })
}

fn is_backstage_api_version_line(line: &str) -> bool {
    api_version_of_line(line).is_some_and(|value| {
        value.starts_with("backstage.io/") || value.starts_with("scaffolder.backstage.io/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_failures_that_quote_nothing() {
        let secret = b"SECRET=hunter2\0PATH=/bin\0".to_vec();
        let Reading::Fail(rule, message) =
            read("env.yaml", secret.clone(), true, Placement::default())
        else {
            panic!("a named binary file is a failure");
        };
        assert_eq!(rule.code, "IO003");
        assert!(!message.contains("hunter2"), "{message}");
        assert!(matches!(
            read("env.yaml", secret, false, Placement::default()),
            Reading::Ignore
        ));
        assert!(matches!(
            read(
                "c.yaml",
                b"apiVersion: v1\n".to_vec(),
                false,
                Placement::default()
            ),
            Reading::Check(_, FileKind::Manifests)
        ));
    }

    #[test]
    fn recognises_catalog_files() {
        assert!(is_catalog_file("a/catalog-info.yaml", ""));
        assert!(is_catalog_file(
            "org.yaml",
            "---\napiVersion: backstage.io/v1alpha1\n"
        ));
        assert!(is_catalog_file(
            "t.yml",
            "apiVersion: \"scaffolder.backstage.io/v1beta3\"\n"
        ));
        assert!(!is_catalog_file("deploy.yaml", "apiVersion: apps/v1\n"));
        assert!(!is_catalog_file(
            "notes.md",
            "apiVersion: backstage.io/v1alpha1\n"
        ));
    }

    #[test]
    fn fleet_bundles_are_manifests_by_name() {
        let text = "namespace: ap-shop-prd\nhelm: {releaseName: shop}\n";
        for path in ["apps/shop/fleet.yaml", "fleet.yml"] {
            assert_eq!(
                classify(path, text, false),
                Some(FileKind::Manifests),
                "{path}"
            );
        }
        assert_eq!(classify("apps/shop/values.yaml", text, false), None);
        assert!(matches!(
            decide(
                "fleet.yaml",
                "namespace: {{ .Values.ns }}\n",
                false,
                Placement::default()
            ),
            Decision::Skip { template: true, .. }
        ));
    }
}
