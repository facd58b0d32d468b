//! Finding and reading the policy file: `--config FILE`, else `kataster.yaml` or
//! `.kataster.yaml` upwards from the first checked path (stopping at a repository root).

use std::path::{Path, PathBuf};

use kataster_core::discover::POLICY_FILE_NAMES;
use kataster_core::{LoadedPolicy, load_policy};

/// A policy file and what was read from it.
#[derive(Debug)]
pub struct PolicyFile {
    pub path: PathBuf,
    pub text: String,
    pub loaded: LoadedPolicy,
}

impl PolicyFile {
    /// The directory the policy's relative paths start from.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }
}

/// The policy for a run; `Ok(None)` when there is none (the defaults apply).
pub fn find(config: Option<&Path>, first_path: &Path) -> Result<Option<PolicyFile>, String> {
    let path = match config {
        Some(path) => Some(path.to_path_buf()),
        None => search_upwards(first_path),
    };
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read the policy {}: {error}", path.display()))?;
    let loaded = load_policy(&text);
    Ok(Some(PolicyFile { path, text, loaded }))
}

fn search_upwards(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    let cwd = std::env::current_dir().ok();
    loop {
        for name in POLICY_FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(relative_to(&candidate, cwd.as_deref()));
            }
        }
        if dir.join(".git").exists() {
            return None;
        }
        dir = dir.parent()?;
    }
}

/// A path relative to the working directory when it is below it, for messages.
fn relative_to(path: &Path, cwd: Option<&Path>) -> PathBuf {
    cwd.and_then(|cwd| path.strip_prefix(cwd).ok())
        .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

/// The contributor of a file by the policy's `paths` globs, relative to the policy's directory.
pub fn contributor_by_path(policy: &PolicyFile, file: &Path) -> Option<String> {
    let absolute = std::fs::canonicalize(file).ok()?;
    let base = std::fs::canonicalize(policy.dir()).ok()?;
    let relative = absolute.strip_prefix(&base).ok()?;
    policy
        .loaded
        .policy
        .contributors
        .iter()
        .find_map(|contributor| {
            let matches = contributor.paths.iter().any(|glob| {
                globset::Glob::new(glob).is_ok_and(|glob| glob.compile_matcher().is_match(relative))
            });
            matches.then(|| contributor.name.clone())
        })
}

/// Read and compile the policy's custom schemas, relative to the policy file.
pub fn compile_schemas(policy: &mut PolicyFile) -> Vec<kataster_core::policy::CompiledSchema> {
    let dir = policy.dir().to_path_buf();
    policy.loaded.compile_schemas(|path| {
        std::fs::read_to_string(dir.join(path))
            .map_err(|error| format!("cannot read {}: {error}", dir.join(path).display()))
    })
}
