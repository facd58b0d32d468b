//! The root of a run: the folder nothing outside of which is read (docs/security.md).
//!
//! kataster runs on merge requests, on files anyone may have written: a Location target
//! `../../../../proc/self/environ`, a committed symbolic link to `/etc/passwd` or a policy
//! schema outside the repository must not make it open (and print) files of the machine.
//! Every path a run reads is asked [`Root::contains`] first.

use std::path::{Component, Path, PathBuf};

/// The canonical folder a run may read below (the language server has one per workspace
/// folder: then any of them).
#[derive(Debug, Clone)]
pub struct Root {
    dir: PathBuf,
    others: Vec<PathBuf>,
}

impl Root {
    /// The root for the checked paths: `explicit` (`--root DIR`) when given; else the git work
    /// tree that holds the paths' common folder, found by walking up the paths *as written*
    /// (a symbolic link among them cannot move the root); else that common folder.
    pub fn for_paths(paths: &[PathBuf], explicit: Option<&Path>) -> Result<Self, String> {
        if let Some(dir) = explicit {
            let canonical = std::fs::canonicalize(dir)
                .map_err(|error| format!("--root {}: {error}", dir.display()))?;
            if !canonical.is_dir() {
                return Err(format!("--root {}: not a directory", dir.display()));
            }
            return Ok(Self::of(canonical));
        }
        let current = std::env::current_dir()
            .map_err(|error| format!("cannot read the working directory: {error}"))?;
        let mut common: Option<PathBuf> = None;
        for path in paths {
            let absolute = lexical(&current.join(path));
            let folder = if std::fs::symlink_metadata(&absolute).is_ok_and(|m| m.is_dir()) {
                absolute
            } else {
                absolute
                    .parent()
                    .map_or(absolute.clone(), Path::to_path_buf)
            };
            common = Some(match common {
                None => folder,
                Some(common) => common_ancestor(&common, &folder),
            });
        }
        let common = common.unwrap_or(current);
        let top = common
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(&common);
        Ok(Self::of(
            std::fs::canonicalize(top).unwrap_or_else(|_| top.to_path_buf()),
        ))
    }

    fn of(dir: PathBuf) -> Self {
        Self {
            dir,
            others: Vec::new(),
        }
    }

    /// A root of its own folder.
    pub fn at(dir: &Path) -> Self {
        Self::of(std::fs::canonicalize(dir).unwrap_or_else(|_| lexical(dir)))
    }

    /// This root and another folder (a second workspace folder of an editor).
    #[must_use]
    pub fn and(mut self, other: &Root) -> Self {
        self.others.push(other.dir.clone());
        self.others.extend(other.others.iter().cloned());
        self
    }

    /// The (first) canonical folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether `path` (relative to the working directory, or absolute) lies inside the root
    /// once `..` and every symbolic link on the way are resolved. A path that does not exist
    /// is judged by its longest existing ancestor and the rest of it.
    pub fn contains(&self, path: &Path) -> bool {
        let path = resolved(path);
        path.starts_with(&self.dir) || self.others.iter().any(|dir| path.starts_with(dir))
    }
}

impl Root {
    /// [`Root::contains`] for a path `std::fs::canonicalize` returned (saves resolving it
    /// again for every walked file).
    pub fn contains_canonical(&self, path: &Path) -> bool {
        path.starts_with(&self.dir) || self.others.iter().any(|dir| path.starts_with(dir))
    }
}

/// The path with every existing part canonical (links resolved, in order, as the kernel
/// would) and the missing rest folded.
fn resolved(path: &Path) -> PathBuf {
    let absolute = match std::env::current_dir() {
        Ok(current) if path.is_relative() => current.join(path),
        _ => path.to_path_buf(),
    };
    if let Ok(canonical) = std::fs::canonicalize(&absolute) {
        return canonical;
    }
    let mut current = PathBuf::new();
    let mut missing = false;
    for component in absolute.components() {
        match component {
            Component::Normal(name) => {
                current.push(name);
                if !missing {
                    match std::fs::canonicalize(&current) {
                        Ok(canonical) => current = canonical,
                        Err(_) => missing = true,
                    }
                }
            }
            Component::ParentDir => {
                current.pop();
            }
            Component::CurDir => {}
            other => current.push(other),
        }
    }
    current
}

/// Fold `.` and `..` without touching the file system.
pub fn lexical(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            Component::ParentDir if matches!(parts.last(), Some(Component::RootDir)) => {}
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

fn common_ancestor(a: &Path, b: &Path) -> PathBuf {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_paths_lexically() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(lexical(Path::new("/../../etc")), PathBuf::from("/etc"));
        assert_eq!(lexical(Path::new("a/../../b")), PathBuf::from("../b"));
    }

    #[test]
    fn missing_paths_are_judged_by_what_exists() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = Root::at(dir.path());
        assert!(root.contains(&dir.path().join("missing/x.yaml")));
        assert!(!root.contains(&dir.path().join("missing/../../x.yaml")));
        assert!(!root.contains(Path::new("/etc/passwd")));
        assert!(root.contains(dir.path()));
    }
}
