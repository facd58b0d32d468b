//! What the file system tells the core.

use std::path::Path;

use kataster_core::Facts;

/// Answers the core's questions from the file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileSystem;

impl Facts for FileSystem {
    fn file_exists(&self, path: &str) -> Option<bool> {
        Some(Path::new(path).is_file())
    }
}
