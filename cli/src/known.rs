//! Reading a catalog export for `--known-entities`.

use std::path::Path;

use kataster_core::KnownEntity;
use serde_json::Value;

/// Entities of a JSON export: an array (`GET /api/catalog/entities`) or `{ "items": [...] }`
/// (`/entities/by-query`).
pub fn read(path: &Path) -> Result<Vec<KnownEntity>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let json: Value = serde_json::from_str(&text)
        .map_err(|error| format!("{} is not JSON: {error}", path.display()))?;
    let items = match &json {
        Value::Array(items) => items,
        Value::Object(object) => match object.get("items") {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(format!(
                    "{}: expected an array of entities or {{\"items\": [...]}}",
                    path.display()
                ));
            }
        },
        _ => return Err(format!("{}: expected an array of entities", path.display())),
    };
    Ok(items
        .iter()
        .filter_map(|item| {
            let kind = item.get("kind")?.as_str()?;
            let metadata = item.get("metadata")?;
            let name = metadata.get("name")?.as_str()?;
            let namespace = metadata
                .get("namespace")
                .and_then(Value::as_str)
                .unwrap_or("default");
            Some(KnownEntity {
                kind: kind.to_owned(),
                namespace: namespace.to_owned(),
                name: name.to_owned(),
            })
        })
        .collect())
}
