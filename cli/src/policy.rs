//! Finding and reading the policy file: `--config FILE`, else `kataster.yaml` or
//! `.kataster.yaml` upwards from the first checked path (stopping at a repository root).

use std::path::{Path, PathBuf};

use kataster_core::discover::POLICY_FILE_NAMES;
use kataster_core::{LoadedPolicy, load_policy};

use crate::root::Root;

/// A policy file and what was read from it.
#[derive(Debug)]
pub struct PolicyFile {
    pub path: PathBuf,
    pub text: String,
    pub loaded: LoadedPolicy,
    /// Named with `--config` (trusted: its schemas may lie beside it, outside the root).
    pub explicit: bool,
}

impl PolicyFile {
    /// The directory the policy's relative paths start from.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }
}

/// The policy for a run; `Ok(None)` when there is none (the defaults apply). Found upwards,
/// it is looked for no higher than the repository root (and the run's `root`, if given).
pub fn find(
    config: Option<&Path>,
    first_path: &Path,
    root: Option<&Root>,
) -> Result<Option<PolicyFile>, String> {
    let path = match config {
        Some(path) => Some(path.to_path_buf()),
        None => search_upwards(first_path, root),
    };
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read the policy {}: {error}", path.display()))?;
    let loaded = load_policy(&text);
    Ok(Some(PolicyFile {
        path,
        text,
        loaded,
        explicit: config.is_some(),
    }))
}

fn search_upwards(start: &Path, root: Option<&Root>) -> Option<PathBuf> {
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
        if dir.join(".git").exists() || root.is_some_and(|root| root.dir() == dir) {
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

/// Read and compile the policy's custom schemas, relative to the policy file: inside the root
/// of the run, or (for a policy named with `--config`) beside it.
pub fn compile_schemas(
    policy: &mut PolicyFile,
    root: &Root,
) -> Vec<kataster_core::policy::CompiledSchema> {
    compile_schemas_with(policy, root, |file| std::fs::read_to_string(file))
}

/// [`compile_schemas`] with the texts from `read` (an editor's open buffers over the disk);
/// `read` is asked only for files the root (or a `--config` policy's directory) holds.
pub fn compile_schemas_with(
    policy: &mut PolicyFile,
    root: &Root,
    read: impl Fn(&Path) -> std::io::Result<String>,
) -> Vec<kataster_core::policy::CompiledSchema> {
    let dir = policy.dir().to_path_buf();
    let trusted = policy.explicit.then(|| Root::at(&dir));
    policy.loaded.compile_schemas(|path| {
        let file = dir.join(path);
        if !root.contains(&file)
            && !trusted
                .as_ref()
                .is_some_and(|beside| beside.contains(&file))
        {
            return Err(format!(
                "the schema {path} is outside the repository: not read"
            ));
        }
        read(&file).map_err(|error| format!("cannot read {}: {error}", file.display()))
    })
}
