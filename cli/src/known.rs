//! Reading a catalog export for `--known-entities`.

use std::path::Path;

use kataster_core::KnownEntity;

/// Entities of a JSON export: an array (`GET /api/catalog/entities`) or `{ "items": [...] }`
/// (`/entities/by-query`).
pub fn read(path: &Path) -> Result<Vec<KnownEntity>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    kataster_core::known::parse_export(&path.display().to_string(), &text)
}
