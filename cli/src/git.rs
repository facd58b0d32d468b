//! Reading a git repository with gix (pure Rust: the static binary needs no git executable):
//! refs, tags, commits, history walks that notice a shallow clone's boundary, and files at a
//! commit.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use gix::ObjectId;
use kataster_core::versions::Commit;

/// An open repository.
pub struct Repo {
    git: gix::Repository,
    /// Commits whose parents are missing (a shallow clone's boundary).
    shallow: HashSet<ObjectId>,
    /// Each commit's parents as read once (`None`: missing): an audit walks the history once
    /// per release, and reading a commit object is what such a walk costs.
    parents: RefCell<HashMap<ObjectId, Option<Vec<ObjectId>>>>,
    /// The tags, read once.
    tags: RefCell<Option<Vec<(String, ObjectId)>>>,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo")
            .field("git_dir", &self.git.git_dir())
            .field("shallow", &self.shallow.len())
            .finish_non_exhaustive()
    }
}

/// The ancestors of a commit, and whether the walk hit a shallow boundary.
#[derive(Debug, Clone, Default)]
pub struct Ancestry {
    pub commits: HashSet<ObjectId>,
    pub truncated: bool,
}

impl Repo {
    /// Open the repository containing `path`.
    pub fn discover(path: &Path) -> Result<Self, String> {
        let repo = gix::discover(path)
            .map_err(|error| format!("{}: not a git repository ({error})", path.display()))?;
        let shallow = repo
            .shallow_commits()
            .map_err(|error| format!("cannot read the shallow file: {error}"))?
            .map(|commits| commits.iter().copied().collect())
            .unwrap_or_default();
        Ok(Self {
            git: repo,
            shallow,
            parents: RefCell::default(),
            tags: RefCell::default(),
        })
    }

    /// The working tree's root (the repository's directory for a bare one).
    pub fn workdir(&self) -> PathBuf {
        self.git
            .workdir()
            .map_or_else(|| self.git.git_dir().to_path_buf(), Path::to_path_buf)
    }

    pub fn is_shallow(&self) -> bool {
        !self.shallow.is_empty()
    }

    pub fn head(&self) -> Result<ObjectId, String> {
        self.git
            .head_id()
            .map(gix::Id::detach)
            .map_err(|error| format!("cannot read HEAD: {error}"))
    }

    /// A reference's commit, by full name.
    fn reference(&self, name: &str) -> Option<ObjectId> {
        let mut reference = self.git.try_find_reference(name).ok()??;
        reference.peel_to_id().ok().map(gix::Id::detach)
    }

    /// A branch's commit: the local branch, else `origin`'s, else any remote's.
    pub fn branch(&self, name: &str) -> Option<ObjectId> {
        if let Some(id) = self
            .reference(&format!("refs/heads/{name}"))
            .or_else(|| self.reference(&format!("refs/remotes/origin/{name}")))
        {
            return Some(id);
        }
        let references = self.git.references().ok()?;
        let remotes = references.remote_branches().ok()?;
        for mut reference in remotes.flatten() {
            let full = reference.name().as_bstr().to_string();
            if full
                .strip_prefix("refs/remotes/")
                .and_then(|rest| rest.split_once('/'))
                .is_some_and(|(_, branch)| branch == name)
            {
                return reference.peel_to_id().ok().map(gix::Id::detach);
            }
        }
        None
    }

    /// Local and remote-tracking branches with their commits (`origin/x` as `x` when there is
    /// no local `x`).
    pub fn branches(&self) -> Vec<(String, ObjectId)> {
        let mut found: Vec<(String, ObjectId)> = Vec::new();
        let Ok(references) = self.git.references() else {
            return found;
        };
        if let Ok(local) = references.local_branches() {
            for mut reference in local.flatten() {
                let name = reference.name().shorten().to_string();
                if let Ok(id) = reference.peel_to_id() {
                    found.push((name, id.detach()));
                }
            }
        }
        if let Ok(remote) = references.remote_branches() {
            for mut reference in remote.flatten() {
                let full = reference.name().as_bstr().to_string();
                let Some((_, name)) = full
                    .strip_prefix("refs/remotes/")
                    .and_then(|rest| rest.split_once('/'))
                else {
                    continue;
                };
                if name == "HEAD" || found.iter().any(|(known, _)| known == name) {
                    continue;
                }
                if let Ok(id) = reference.peel_to_id() {
                    found.push((name.to_owned(), id.detach()));
                }
            }
        }
        found
    }

    /// The remotes' names: configured ones and those under `refs/remotes/`.
    pub fn remote_names(&self) -> std::collections::BTreeSet<String> {
        let mut names: std::collections::BTreeSet<String> = self
            .git
            .remote_names()
            .iter()
            .map(ToString::to_string)
            .collect();
        if let Ok(references) = self.git.references() {
            if let Ok(remote) = references.remote_branches() {
                for reference in remote.flatten() {
                    let full = reference.name().as_bstr().to_string();
                    if let Some((remote, _)) = full
                        .strip_prefix("refs/remotes/")
                        .and_then(|rest| rest.split_once('/'))
                    {
                        names.insert(remote.to_owned());
                    }
                }
            }
        }
        names
    }

    /// Every tag, peeled to its commit.
    pub fn tags(&self) -> Result<Vec<(String, ObjectId)>, String> {
        if let Some(tags) = self.tags.borrow().as_ref() {
            return Ok(tags.clone());
        }
        let tags = self.read_tags()?;
        *self.tags.borrow_mut() = Some(tags.clone());
        Ok(tags)
    }

    fn read_tags(&self) -> Result<Vec<(String, ObjectId)>, String> {
        let references = self
            .git
            .references()
            .map_err(|error| format!("cannot read references: {error}"))?;
        let mut tags = Vec::new();
        for reference in references
            .tags()
            .map_err(|error| format!("cannot read tags: {error}"))?
        {
            let mut reference = reference.map_err(|error| format!("cannot read a tag: {error}"))?;
            let name = reference.name().shorten().to_string();
            if let Ok(id) = reference.peel_to_id() {
                tags.push((name, id.detach()));
            }
        }
        tags.sort();
        Ok(tags)
    }

    /// A tag's commit.
    pub fn tag(&self, name: &str) -> Option<ObjectId> {
        self.reference(&format!("refs/tags/{name}"))
    }

    /// A commit's message and parents; `None` when it is missing (beyond a shallow boundary).
    pub fn commit(&self, id: ObjectId) -> Option<(String, Vec<ObjectId>)> {
        let commit = self.git.find_commit(id).ok()?;
        let message = commit.message_raw_sloppy().to_string();
        let parents = if self.shallow.contains(&id) {
            Vec::new()
        } else {
            commit.parent_ids().map(gix::Id::detach).collect()
        };
        Some((message, parents))
    }

    /// A commit's parents (none beyond a shallow boundary); `None` when it is missing.
    fn parents(&self, id: ObjectId) -> Option<Vec<ObjectId>> {
        if let Some(parents) = self.parents.borrow().get(&id) {
            return parents.clone();
        }
        let parents = self.git.find_commit(id).ok().map(|commit| {
            if self.shallow.contains(&id) {
                Vec::new()
            } else {
                commit.parent_ids().map(gix::Id::detach).collect()
            }
        });
        self.parents.borrow_mut().insert(id, parents.clone());
        parents
    }

    /// The parents recorded in a commit (also for a boundary commit).
    fn recorded_parents(&self, id: ObjectId) -> usize {
        self.git
            .find_commit(id)
            .map_or(0, |commit| commit.parent_ids().count())
    }

    /// A commit as the core takes it.
    pub fn core_commit(&self, id: ObjectId) -> Commit {
        let message = self
            .commit(id)
            .map(|(message, _)| message)
            .unwrap_or_default();
        Commit {
            id: id.to_string(),
            message,
            parents: self.recorded_parents(id),
        }
    }

    /// Every commit reachable from `tip` (itself included).
    pub fn ancestors(&self, tip: ObjectId) -> Ancestry {
        let mut ancestry = Ancestry::default();
        let mut queue = VecDeque::from([tip]);
        while let Some(id) = queue.pop_front() {
            if !ancestry.commits.insert(id) {
                continue;
            }
            if self.shallow.contains(&id) {
                ancestry.truncated = true;
                continue;
            }
            match self.parents(id) {
                Some(parents) => queue.extend(parents),
                None => ancestry.truncated = true,
            }
        }
        ancestry
    }

    /// The commits reachable from `tip` but not in `exclude`, oldest first (parents before
    /// children), and whether the walk hit a shallow boundary.
    pub fn range(&self, tip: ObjectId, exclude: &HashSet<ObjectId>) -> (Vec<ObjectId>, bool) {
        let mut seen = HashSet::new();
        let mut order = Vec::new();
        let mut truncated = false;
        let mut parents_of: HashMap<ObjectId, Vec<ObjectId>> = HashMap::new();
        let mut queue = VecDeque::from([tip]);
        while let Some(id) = queue.pop_front() {
            if exclude.contains(&id) || !seen.insert(id) {
                continue;
            }
            order.push(id);
            if self.shallow.contains(&id) {
                truncated = true;
                continue;
            }
            match self.parents(id) {
                Some(parents) => {
                    queue.extend(parents.iter().copied());
                    parents_of.insert(id, parents);
                }
                None => truncated = true,
            }
        }
        // Topological order, oldest first: a commit after all of its parents in the range.
        let mut placed = HashSet::new();
        let mut sorted = Vec::with_capacity(order.len());
        let mut stack: Vec<(ObjectId, bool)> = order.iter().rev().map(|id| (*id, false)).collect();
        while let Some((id, expanded)) = stack.pop() {
            if placed.contains(&id) {
                continue;
            }
            if expanded {
                placed.insert(id);
                sorted.push(id);
                continue;
            }
            stack.push((id, true));
            for parent in parents_of.get(&id).map_or(&[][..], Vec::as_slice) {
                if seen.contains(parent) && !placed.contains(parent) {
                    stack.push((*parent, false));
                }
            }
        }
        (sorted, truncated)
    }

    /// The first-parent line from `tip` back to the root, oldest first, and whether it ends at
    /// a shallow boundary.
    pub fn first_parent_line(&self, tip: ObjectId) -> (Vec<ObjectId>, bool) {
        self.line(tip, |_, _| false)
    }

    /// The line from `tip` back to the root through each commit's first parent, or its second
    /// where `second(commit, second parent)` says so; oldest first, and whether it ends at a
    /// shallow boundary.
    pub fn line(
        &self,
        tip: ObjectId,
        second: impl Fn(ObjectId, ObjectId) -> bool,
    ) -> (Vec<ObjectId>, bool) {
        let mut line = vec![tip];
        let mut truncated = false;
        let mut current = tip;
        loop {
            if self.shallow.contains(&current) {
                truncated = true;
                break;
            }
            let Some(parents) = self.parents(current) else {
                truncated = true;
                break;
            };
            let parent = match parents.as_slice() {
                [] => break,
                [_, other, ..] if second(current, *other) => *other,
                [first, ..] => *first,
            };
            current = parent;
            line.push(current);
        }
        line.reverse();
        (line, truncated)
    }

    /// A file's text at a commit.
    pub fn file_at(&self, commit: ObjectId, path: &str) -> Option<String> {
        let tree = self.git.find_commit(commit).ok()?.tree().ok()?;
        let entry = tree.lookup_entry_by_path(path).ok()??;
        let object = entry.object().ok()?;
        String::from_utf8(object.data.clone()).ok()
    }

    /// The id of the tree or blob at a path in a commit (to tell whether a folder changed).
    pub fn entry_id(&self, commit: ObjectId, path: &str) -> Option<ObjectId> {
        let tree = self.git.find_commit(commit).ok()?.tree().ok()?;
        if path.is_empty() || path == "." {
            return Some(tree.id);
        }
        let entry = tree.lookup_entry_by_path(path).ok()??;
        Some(entry.object_id())
    }

    /// Whether a commit changed anything below `path` (against its first parent).
    pub fn touches(&self, id: ObjectId, path: &str) -> bool {
        let parent = self
            .commit(id)
            .and_then(|(_, parents)| parents.first().copied());
        let now = self.entry_id(id, path);
        match parent {
            Some(parent) => now != self.entry_id(parent, path),
            None => now.is_some(),
        }
    }

    /// Every file path at a commit.
    pub fn files_at(&self, commit: ObjectId) -> Vec<String> {
        let Some(tree) = self
            .git
            .find_commit(commit)
            .ok()
            .and_then(|commit| commit.tree().ok())
        else {
            return Vec::new();
        };
        tree.traverse()
            .breadthfirst
            .files()
            .map(|entries| {
                entries
                    .into_iter()
                    .filter(|entry| entry.mode.is_blob())
                    .map(|entry| entry.filepath.to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}
