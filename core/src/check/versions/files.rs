//! Version files (`versions.files`): each must state the release (VER014), readably
//! (VER015).

use semver::Version;

use super::findings::Findings;
use crate::rules::versions::{invalid_version_file, version_file_mismatch};
use crate::versions::VersionFile;
use crate::versions::files::read_version;

/// Check version files against the release (the tag at hand without its prefix).
pub fn check_version_files(files: &[VersionFile], release: &Version, out: &mut Findings) {
    for file in files {
        let Some(text) = &file.text else {
            let index = out.file(&file.path, "");
            out.emit(
                &invalid_version_file::RULE,
                index,
                0..0,
                "",
                format!("no file matches `{}` of `versions.files`", file.path),
                Some(format!(
                    "add it, or remove it from `versions.files`; the release is {release}"
                )),
            );
            continue;
        };
        let index = out.file(&file.path, text);
        match read_version(&file.path, text, file.key.as_deref()) {
            Err(problem) => out.emit(
                &invalid_version_file::RULE,
                index,
                problem.span,
                "",
                format!("cannot read the version of {}: {}", file.path, problem.message),
                Some(format!(
                    "write the version as a string, or set the `key` of this file in `versions.files`; the release is {release}"
                )),
            ),
            Ok(found) if found.value != release.to_string() => {
                let what = if found.key.is_empty() {
                    file.path.clone()
                } else {
                    format!("{} `{}`", file.path, found.key)
                };
                out.emit(
                    &version_file_mismatch::RULE,
                    index,
                    found.span,
                    "",
                    format!("{what} is {}, not the release {release}", found.value),
                    Some(format!("set it to {release}: the version files follow the release tag")),
                );
            }
            Ok(_) => {}
        }
    }
}
