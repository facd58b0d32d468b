//! What is known outside the checked files: the facts only a frontend can tell ([`Facts`]:
//! whether a file exists, whether a path leaves the root) and entities known to exist, from a
//! JSON export of a running catalog (`--known-entities`), read the same way by every frontend.

use serde_json::Value;

/// An entity known to exist outside the checked files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownEntity {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

impl KnownEntity {
    pub fn key(&self) -> String {
        crate::catalog::refs::entity_key(&self.kind, &self.namespace, &self.name)
    }
}

/// Facts about the world that only a frontend can know. Answer `None` for "cannot tell".
pub trait Facts {
    /// Whether a file exists, by a path joined from a checked file's directory.
    fn file_exists(&self, path: &str) -> Option<bool>;

    /// Whether a path (as [`Facts::file_exists`] gets it) leads outside the root of the run,
    /// after `..` and symbolic links: such a path is reported (`CAT109`) and never read.
    fn is_outside_root(&self, _path: &str) -> bool {
        false
    }
}

/// A frontend that knows nothing about the world.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFacts;

impl Facts for NoFacts {
    fn file_exists(&self, _path: &str) -> Option<bool> {
        None
    }
}

/// Parse an export's text; `path` names it in messages.
pub fn parse_export(path: &str, text: &str) -> Result<Vec<KnownEntity>, String> {
    let json: Value =
        serde_json::from_str(text).map_err(|error| format!("{path} is not JSON: {error}"))?;
    from_export(&json).map_err(|error| format!("{path}: {error}"))
}

/// The entities of an export: an array (`GET /api/catalog/entities`) or `{ "items": [...] }`
/// (`/entities/by-query`). Items without a kind or a name are skipped.
pub fn from_export(json: &Value) -> Result<Vec<KnownEntity>, String> {
    let items = match json {
        Value::Array(items) => items,
        Value::Object(object) => match object.get("items") {
            Some(Value::Array(items)) => items,
            _ => return Err("expected an array of entities or {\"items\": [...]}".to_owned()),
        },
        _ => return Err("expected an array of entities".to_owned()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_export_shapes() {
        let array = r#"[{"kind":"Group","metadata":{"name":"a"}},{"kind":"User"}]"#;
        let entities = parse_export("x.json", array).unwrap_or_default();
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].key(), "group:default/a");
        let items = r#"{"items":[{"kind":"User","metadata":{"name":"b","namespace":"n"}}]}"#;
        assert_eq!(
            parse_export("x.json", items).unwrap_or_default()[0].key(),
            "user:n/b"
        );
        assert_eq!(
            parse_export("x.json", "{}"),
            Err("x.json: expected an array of entities or {\"items\": [...]}".to_owned())
        );
        assert!(
            parse_export("x.json", "nope").is_err_and(|e| e.starts_with("x.json is not JSON: "))
        );
    }
}
