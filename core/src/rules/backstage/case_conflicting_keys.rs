//! CAT016 `case-conflicting-keys`.

use std::collections::HashMap;

use crate::catalog::Entity;
use crate::diagnostic::Severity;
use crate::rules::{Context, EntityOut, Family, RuleMeta, Status};
use crate::yaml::{Node, Value, escape_pointer_token};

pub static RULE: RuleMeta = RuleMeta {
    code: "CAT016",
    name: "case-conflicting-keys",
    family: Family::Backstage,
    severity: Severity::Error,
    status: Status::Stable,
    since: "0.1.0",
    summary: "Two fields have paths that differ only in letter case",
    docs: r#"## What it does
Flattens the entity into dotted paths the way Backstage's search index does
(`metadata.labels.foo`, `spec.owner`) and reports paths that differ only in letter case:
labels `Foo` and `foo`, `spec.owner` and `spec.Owner`, `metadata.Name` beside `metadata.name`.

## Why is this bad?
Backstage accepts the entity during processing, then fails to store it ("Entity has duplicate
keys that vary only in casing"): the entity never appears in the catalog, and the error shows
only in the backend's logs.

## Example
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  labels:
    Tier: frontend
    tier: web
spec: {type: website, lifecycle: production, owner: team-a}
```

## Use instead
```yaml
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: phippy
  labels:
    tier: web
spec: {type: website, lifecycle: production, owner: team-a}
```
"#,
};

/// Paths the index skips (it adds name, namespace and uid itself).
const SKIPPED: [&str; 7] = [
    "attachments",
    "relations",
    "status",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "metadata.etag",
];

/// A flattened path and where it came from.
struct Leaf<'a> {
    path: String,
    node: &'a Node,
    pointer: String,
}

pub(crate) fn check(entity: &Entity<'_>, _context: &Context<'_>, out: &mut EntityOut<'_, '_>) {
    if !out.enabled(&RULE) || !may_conflict(entity.root) {
        return;
    }
    // The index adds these itself; a differently cased twin in the file conflicts with them.
    let mut leaves: Vec<Leaf<'_>> = ["metadata.name", "metadata.namespace", "metadata.uid"]
        .into_iter()
        .map(|path| Leaf {
            path: path.to_owned(),
            node: entity.root,
            pointer: String::new(),
        })
        .collect();
    visit(entity.root, String::new(), String::new(), &mut leaves);
    let mut first: HashMap<String, &str> = HashMap::new();
    for leaf in &leaves {
        let lower = leaf.path.to_lowercase();
        match first.get(&lower) {
            None => {
                first.insert(lower, &leaf.path);
            }
            Some(&seen) if seen != leaf.path => {
                out.report(
                    &RULE,
                    leaf.node,
                    &leaf.pointer,
                    format!("`{}` and `{seen}` differ only in letter case", leaf.path),
                    Some(
                        "Backstage cannot store an entity with such keys; keep one spelling"
                            .to_owned(),
                    ),
                );
            }
            Some(_) => {}
        }
    }
}

/// A cheap, allocation-free pre-check: hashes every flattened path exactly and lowercased
/// (FNV-1a, extended segment by segment); only differing counts of distinct hashes can mean a
/// conflict, which the full walk then locates.
fn may_conflict(root: &Node) -> bool {
    let mut exact = Vec::with_capacity(64);
    let mut lower = Vec::with_capacity(64);
    for special in ["metadata.name", "metadata.namespace", "metadata.uid"] {
        let hash = Fnv::default().text(special);
        exact.push(hash.0);
        lower.push(hash.0);
    }
    hash_leaves(
        root,
        Fnv::default(),
        Fnv::default(),
        Level::Root,
        &mut exact,
        &mut lower,
    );
    if exact == lower {
        // Lowercasing changed no path.
        return false;
    }
    exact.sort_unstable();
    exact.dedup();
    lower.sort_unstable();
    lower.dedup();
    exact.len() != lower.len()
}

/// The running FNV-1a hash of a path.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(mut self, bytes: &[u8]) -> Self {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    fn text(self, text: &str) -> Self {
        self.bytes(text.as_bytes())
    }

    fn lowercase(mut self, text: &str) -> Self {
        if text.is_ascii() {
            for byte in text.bytes() {
                self.0 =
                    (self.0 ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
            }
            self
        } else {
            self.text(&text.to_lowercase())
        }
    }
}

/// Where a mapping is, for the paths Backstage's index skips (`status`, `metadata.uid`, ...).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Root,
    Metadata,
    Below,
}

fn hash_leaves(
    node: &Node,
    exact: Fnv,
    lower: Fnv,
    level: Level,
    exact_out: &mut Vec<u64>,
    lower_out: &mut Vec<u64>,
) {
    if node.placeholder().is_some() {
        return;
    }
    match &node.value {
        Value::Mapping(entries) => {
            for entry in entries {
                let key = match &entry.key.value {
                    Value::String(text) => std::borrow::Cow::Borrowed(text.as_str()),
                    _ => std::borrow::Cow::Owned(entry.key.js_key()),
                };
                let skipped = match level {
                    Level::Root => ["attachments", "relations", "status"].contains(&&*key),
                    Level::Metadata => ["name", "namespace", "uid", "etag"].contains(&&*key),
                    Level::Below => false,
                };
                if skipped {
                    continue;
                }
                let (exact, lower) = if level == Level::Root {
                    (exact.text(&key), lower.lowercase(&key))
                } else {
                    (exact.text(".").text(&key), lower.text(".").lowercase(&key))
                };
                let next = if level == Level::Root && key == "metadata" {
                    Level::Metadata
                } else {
                    Level::Below
                };
                hash_leaves(&entry.value, exact, lower, next, exact_out, lower_out);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                hash_leaves(item, exact, lower, level, exact_out, lower_out);
                if let Some(text) = item.as_str() {
                    // `path.item` keys (deduplicated by case in Backstage; a false alarm here
                    // only costs the full walk).
                    exact_out.push(exact.text(".").text(text).0);
                    lower_out.push(lower.text(".").lowercase(text).0);
                }
            }
        }
        _ => {
            exact_out.push(exact.0);
            lower_out.push(lower.0);
        }
    }
}

/// Backstage's `traverse`: leaves are scalars and nulls; arrays add `path.item` for strings.
fn visit<'a>(node: &'a Node, path: String, pointer: String, leaves: &mut Vec<Leaf<'a>>) {
    if SKIPPED.contains(&path.as_str()) || node.placeholder().is_some() {
        return;
    }
    match &node.value {
        Value::Mapping(entries) => {
            for entry in entries {
                let key = entry.key.js_key();
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                visit(
                    &entry.value,
                    child,
                    format!("{pointer}/{}", escape_pointer_token(&key)),
                    leaves,
                );
            }
        }
        Value::Sequence(items) => {
            let mut seen: Vec<String> = Vec::new();
            for (index, item) in items.iter().enumerate() {
                let item_pointer = format!("{pointer}/{index}");
                visit(item, path.clone(), item_pointer.clone(), leaves);
                if let Some(text) = item.as_str() {
                    let key = format!("{path}.{text}");
                    if !seen.contains(&key.to_lowercase()) {
                        seen.push(key.to_lowercase());
                        leaves.push(Leaf {
                            path: key,
                            node: item,
                            pointer: item_pointer,
                        });
                    }
                }
            }
        }
        _ => leaves.push(Leaf {
            path,
            node,
            pointer,
        }),
    }
}
