//! Which files are catalog files: pure decisions on names and texts, shared by every
//! frontend that walks directories.

use crate::input::{decode, nul_offset};
use crate::rules::RuleMeta;
use crate::rules::parse::{binary_file, invalid_encoding};
use crate::source::{FileKind, LineIndex};

/// What a frontend does with the bytes of a file it read.
#[derive(Debug)]
pub enum Reading {
    /// Not a file to check (found while walking: not UTF-8, or neither entities nor manifests).
    Skip,
    /// Not checkable: record the failure (`IO0xx`) with this message, which quotes nothing of
    /// the file's content.
    Fail(&'static RuleMeta, String),
    /// Check it: its text and what it holds.
    Check(String, FileKind),
}

/// Decode a file's bytes and decide what it is, as every frontend must (one behaviour for the
/// CLI, the Node CLI and the language server): not UTF-8 (`IO002`), a binary file with NUL
/// bytes (`IO003`, content never shown), or a catalog or manifest file.
pub fn read(path: &str, bytes: Vec<u8>, explicit: bool) -> Reading {
    let text = match decode(path, bytes, explicit) {
        None => return Reading::Skip,
        Some(Err(message)) => return Reading::Fail(&invalid_encoding::RULE, message),
        Some(Ok(text)) => text,
    };
    let kind = classify(path, &text, explicit);
    if let Some(offset) = nul_offset(&text).filter(|_| explicit || kind.is_some()) {
        let at = LineIndex::new(&text).line_column(&text, offset);
        return Reading::Fail(
            &binary_file::RULE,
            format!(
                "{path} holds a NUL byte at line {}, column {} (byte offset {offset}): it is not a text file; its content is not shown",
                at.line, at.column
            ),
        );
    }
    kind.map_or(Reading::Skip, |kind| Reading::Check(text, kind))
}

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
    fn binary_files_are_failures_that_quote_nothing() {
        let secret = b"SECRET=hunter2\0PATH=/bin\0".to_vec();
        let Reading::Fail(rule, message) = read("env.yaml", secret.clone(), true) else {
            panic!("a named binary file is a failure");
        };
        assert_eq!(rule.code, "IO003");
        assert!(!message.contains("hunter2"), "{message}");
        assert!(matches!(read("env.yaml", secret, false), Reading::Skip));
        assert!(matches!(
            read("c.yaml", b"apiVersion: v1\n".to_vec(), false),
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
}
