//! What the file system tells the core.

use std::path::Path;

use kataster_core::Facts;

use crate::root::Root;

/// Answers the core's questions from the file system, below the root of the run.
#[derive(Debug, Clone)]
pub struct FileSystem {
    pub root: Root,
}

impl Facts for FileSystem {
    fn file_exists(&self, path: &str) -> Option<bool> {
        // Outside the root nothing is looked at, not even whether it exists.
        self.root
            .contains(Path::new(path))
            .then(|| Path::new(path).is_file())
    }

    fn is_outside_root(&self, path: &str) -> bool {
        !self.root.contains(Path::new(path))
    }
}
