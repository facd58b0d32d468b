//! Which files are catalog files: pure decisions on names and texts, shared by every
//! frontend that walks directories.

/// File names that always hold catalog entities.
pub const CATALOG_FILE_NAMES: [&str; 2] = ["catalog-info.yaml", "catalog-info.yml"];

/// Whether a file found while walking a directory should be checked: `catalog-info.yaml`,
/// or a YAML file with a document whose `apiVersion` is a Backstage one.
pub fn is_catalog_file(path: &str, text: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if CATALOG_FILE_NAMES.contains(&name) {
        return true;
    }
    is_yaml_path(path) && text.lines().any(is_backstage_api_version_line)
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
