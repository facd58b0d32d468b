//! Which files are catalog files: pure decisions on names and texts, shared by every
//! frontend that walks directories.

use crate::source::FileKind;

/// File names that always hold catalog entities.
pub const CATALOG_FILE_NAMES: [&str; 2] = ["catalog-info.yaml", "catalog-info.yml"];

/// Whether a file found while walking a directory should be checked as a catalog file:
/// `catalog-info.yaml`, or a YAML file with a document whose `apiVersion` is a Backstage one.
pub fn is_catalog_file(path: &str, text: &str) -> bool {
    classify(path, text, false) == Some(FileKind::Catalog)
}

/// What a file holds, decided by its name and text. Named files (`explicit`) that hold
/// neither Backstage entities nor known manifests are catalog files; found files are skipped.
pub fn classify(path: &str, text: &str, explicit: bool) -> Option<FileKind> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if CATALOG_FILE_NAMES.contains(&name) {
        return Some(FileKind::Catalog);
    }
    if POLICY_FILE_NAMES.contains(&name) {
        return None;
    }
    if !explicit && !is_yaml_path(path) {
        return None;
    }
    if text.lines().any(is_backstage_api_version_line) {
        Some(FileKind::Catalog)
    } else if !explicit && text.lines().any(|line| line.trim_start().starts_with("{{")) {
        // A Helm or Go template (control lines such as `{{- if ...}}`): not YAML until rendered.
        None
    } else if text.lines().any(is_manifest_api_version_line) {
        Some(FileKind::Manifests)
    } else if explicit {
        Some(FileKind::Catalog)
    } else {
        None
    }
}

/// The names of policy files, found upwards from the checked paths.
pub const POLICY_FILE_NAMES: [&str; 2] = ["kataster.yaml", ".kataster.yaml"];

fn is_manifest_api_version_line(line: &str) -> bool {
    let Some(rest) = line
        .trim_start_matches(['-', ' ', '\t'])
        .strip_prefix("apiVersion:")
    else {
        return false;
    };
    let value = rest.trim().trim_matches(['"', '\'']);
    value.starts_with("argoproj.io/") || value.starts_with("management.cattle.io/") || value == "v1"
}

/// `.yaml` or `.yml`.
pub fn is_yaml_path(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("yaml") || extension.eq_ignore_ascii_case("yml")
        })
}

fn is_backstage_api_version_line(line: &str) -> bool {
    let Some(rest) = line
        .trim_start_matches(['-', ' ', '\t'])
        .strip_prefix("apiVersion:")
    else {
        return false;
    };
    let value = rest.trim().trim_matches(['"', '\'']);
    value.starts_with("backstage.io/") || value.starts_with("scaffolder.backstage.io/")
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
