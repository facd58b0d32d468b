//! What frontends need to find files as the CLI does: the catalog-file decision, decoding,
//! gitignore matching (the `ignore` crate the CLI walks with) and Location globs (`globset`,
//! as the CLI follows them).

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use wasm_bindgen::prelude::*;

/// Whether a file found while walking a directory is a catalog file (`catalog-info.yaml`, or
/// YAML with a Backstage `apiVersion`).
#[wasm_bindgen(js_name = isCatalogFile)]
pub fn is_catalog_file(path: &str, text: &str) -> bool {
    kataster_core::discover::is_catalog_file(path, text)
}

/// What a file holds, as the CLI decides it: `"catalog"`, `"manifests"` or `undefined` (not
/// checked: a file found while walking that holds neither, a policy file, a template).
/// `explicit`: the file was named, not found while walking.
#[wasm_bindgen]
pub fn classify(path: &str, text: &str, explicit: bool) -> Option<String> {
    use kataster_core::FileKind;
    match kataster_core::discover::classify(path, text, explicit)? {
        FileKind::Catalog => Some("catalog".to_owned()),
        FileKind::Manifests => Some("manifests".to_owned()),
        FileKind::Policy => Some("policy".to_owned()),
    }
}

/// The names of policy files, looked for upwards from the first checked path.
#[wasm_bindgen(js_name = policyFileNames)]
pub fn policy_file_names() -> Vec<String> {
    kataster_core::discover::POLICY_FILE_NAMES
        .iter()
        .map(|name| (*name).to_owned())
        .collect()
}

/// Whether a path ends in `.yaml` or `.yml`.
#[wasm_bindgen(js_name = isYamlPath)]
pub fn is_yaml_path(path: &str) -> bool {
    kataster_core::discover::is_yaml_path(path)
}

/// Whether a walk reads a path: `.yaml`, `.yml`, `.json`, or a template name (skipped and
/// counted).
#[wasm_bindgen(js_name = isCandidatePath)]
pub fn is_candidate_path(path: &str) -> bool {
    kataster_core::discover::is_candidate_path(path)
}

/// Why a glob of `--exclude`, `--extend-exclude` or the policy's `files` is invalid, or
/// `undefined` when it is valid (the CLI's message).
#[wasm_bindgen(js_name = pathPatternError)]
pub fn path_pattern_error(glob: &str) -> Option<String> {
    kataster_core::files::PathPattern::new(glob).err()
}

/// The `Chart.yaml` files whose existence makes a file a Helm chart template.
#[wasm_bindgen(js_name = chartFilesFor)]
pub fn chart_files_for(path: &str) -> Vec<String> {
    kataster_core::discover::chart_files_for(path)
}

/// The directories that, holding a scaffolder `Template` file, make a file a skeleton.
#[wasm_bindgen(js_name = skeletonParentsFor)]
pub fn skeleton_parents_for(path: &str) -> Vec<String> {
    kataster_core::discover::skeleton_parents_for(path)
}

/// Whether a text is a scaffolder `Template` entity.
#[wasm_bindgen(js_name = isScaffolderTemplate)]
pub fn is_scaffolder_template(text: &str) -> bool {
    kataster_core::discover::is_scaffolder_template(text)
}

/// A file's bytes as the CLI reads them: the text, `undefined` when a file found while
/// walking (`explicit` false) is skipped, or an exception with the `IO002` message.
#[wasm_bindgen(js_name = decodeFile)]
pub fn decode_file(path: &str, bytes: Vec<u8>, explicit: bool) -> Result<Option<String>, JsError> {
    match kataster_core::input::decode(path, bytes, explicit) {
        None => Ok(None),
        Some(Ok(text)) => Ok(Some(text)),
        Some(Err(message)) => Err(JsError::new(&message)),
    }
}

/// A Location target glob, compiled as the CLI compiles it (`globset`, default options: `*`
/// also matches `/`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct GlobMatcher {
    matcher: globset::GlobMatcher,
}

#[wasm_bindgen]
impl GlobMatcher {
    /// Throws when the pattern is not a valid glob (the CLI then skips the target). With
    /// `literalSeparator`, `*` and `?` do not match `/` (only `**` crosses directories).
    #[wasm_bindgen(constructor)]
    pub fn new(pattern: &str, literal_separator: Option<bool>) -> Result<GlobMatcher, JsError> {
        globset::GlobBuilder::new(pattern)
            .literal_separator(literal_separator.unwrap_or(false))
            .build()
            .map(|glob| Self {
                matcher: glob.compile_matcher(),
            })
            .map_err(|error| JsError::new(&error.to_string()))
    }

    /// Whether a path relative to the Location's directory matches.
    #[wasm_bindgen(js_name = isMatch)]
    pub fn is_match(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

/// The ignore files of one directory (`.gitignore`, `.ignore` or `.git/info/exclude`),
/// matched as the `ignore` crate matches them.
#[wasm_bindgen]
#[derive(Debug)]
pub struct GitignoreMatcher {
    builder: Option<GitignoreBuilder>,
    matcher: Gitignore,
}

#[wasm_bindgen]
impl GitignoreMatcher {
    /// A matcher whose patterns are relative to `root` (the directory holding the file).
    #[wasm_bindgen(constructor)]
    pub fn new(root: &str) -> GitignoreMatcher {
        Self {
            builder: Some(GitignoreBuilder::new(root)),
            matcher: Gitignore::empty(),
        }
    }

    /// Add the lines of an ignore file; returns how many lines were not valid globs (the CLI
    /// skips them too).
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, path: &str, text: &str) -> u32 {
        let Some(builder) = self.builder.as_mut() else {
            return 0;
        };
        let mut errors = 0;
        for (number, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line = if number == 0 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            if builder.add_line(Some(PathBuf::from(path)), line).is_err() {
                errors += 1;
            }
        }
        // `lines()` does not yield a last empty line; an empty line adds nothing anyway.
        errors
    }

    /// Compile the lines added so far.
    pub fn build(&mut self) {
        if let Some(builder) = self.builder.take() {
            self.matcher = builder.build().unwrap_or_else(|_| Gitignore::empty());
        }
    }

    /// `0`: no pattern matches; `1`: ignored; `2`: whitelisted (a `!pattern`).
    pub fn matched(&mut self, path: &str, is_dir: bool) -> u8 {
        self.build();
        let matched = self.matcher.matched(Path::new(path), is_dir);
        if matched.is_ignore() {
            1
        } else if matched.is_whitelist() {
            2
        } else {
            0
        }
    }
}
