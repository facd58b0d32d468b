//! What is kept of a document once its own rules have run: the parts that the cross-file
//! rules (`CAT1xx`, `NS0xx`, stage isolation), the renderers (entity references) and the
//! frontends (Location targets) read. Everything else is dropped, so that memory stays
//! proportional to one document plus this index, however many documents a file holds.
//!
//! Kept: the root's `apiVersion`, `kind` and `namespace` (a Kustomization's), and
//! `defaultNamespace`, `targetCustomizations` and `targets` (a Fleet bundle's); a `List`'s
//! `items`, each pruned as a document; `metadata.name` and `metadata.namespace`; the
//! stage label and the namespace annotation the policy names, and the identity annotations
//! (`crate::consumers::identity`); under `spec` the relation
//! fields of the built-in kinds, a Location's `target`/`targets` and what the Argo CD rules
//! read (`destination`, `destinations`, `template.spec.destination`, `project`, `source`,
//! `sources`, `sourceRepos`, `roles`, an ApplicationSet's `generators`, `goTemplate` and
//! `template`'s name, project, sources and destination), a Flux resource's `targetNamespace`, a Resource's
//! `type`, a Rancher Project's `clusterName` and `displayName`; a Rancher binding's principals and
//! `projectName`; a Secret's `stringData.name`, `server` and `project` and its labels (an Argo
//! CD cluster's);
//! a ConfigMap's `policy.*.csv` and `accounts.*` data (Argo CD's RBAC and local accounts);
//! a Group's or User's `spec.profile.email`;
//! and every
//! placeholder (`$text: ./file`) with the path to it (other sequence items become nulls, so
//! that indices stay). Spans are unchanged, so every diagnostic and pointer stays the same; a
//! test compares checks with full and pruned documents over the corpus and the fuzz targets do
//! on every input.

use crate::catalog::refs::RELATION_FIELDS;
use crate::yaml::{Entry, Node, Value};

/// The keys that depend on the policy.
#[derive(Debug, Clone)]
pub(crate) struct Keep {
    /// The stage label.
    pub labels: Vec<String>,
    /// The namespace annotation and the identity annotations consumers are matched by.
    pub annotations: Vec<String>,
}

/// A document's root reduced to what the cross-file rules read.
pub(crate) fn prune(root: Node, keep: &Keep) -> Node {
    if root.placeholder().is_some() {
        let mut root = root;
        compact(&mut root);
        return root;
    }
    let kind = root.get("kind").and_then(Node::as_str);
    let config_map = kind == Some("ConfigMap");
    // An Argo CD cluster Secret's labels are what clusters generators select it by.
    let cluster_secret = kind == Some("Secret")
        && root
            .get("metadata")
            .and_then(|metadata| metadata.get("labels"))
            .and_then(|labels| labels.get(crate::consumers::clusters::SECRET_TYPE_LABEL))
            .and_then(Node::as_str)
            == Some("cluster");
    match root.value {
        Value::Mapping(entries) => {
            let entries = exact(entries.into_iter().filter_map(|entry| {
                if entry.key.key_matches("apiVersion") || entry.key.key_matches("kind") {
                    Some(entry)
                } else if entry.key.key_matches("metadata") {
                    Some(fields(entry, &|key: &Node| {
                        metadata_field(key, keep, cluster_secret)
                    }))
                } else if entry.key.key_matches("spec") {
                    Some(fields(entry, &spec_field))
                } else if RANCHER_BINDING_FIELDS
                    .iter()
                    .any(|field| entry.key.key_matches(field))
                {
                    Some(entry)
                } else if config_map && entry.key.key_matches("data") {
                    Some(fields(entry, &argocd_config_field))
                } else if entry.key.key_matches("stringData") {
                    // An Argo CD cluster Secret's name and server, never its credentials.
                    Some(fields(entry, &cluster_secret_field))
                } else if ROOT_NAMESPACE_FIELDS
                    .iter()
                    .any(|field| entry.key.key_matches(field))
                {
                    // A Kustomization's namespace, a Fleet bundle's namespaces and targets.
                    Some(apply(entry, Field::Whole))
                } else if entry.key.key_matches("items") {
                    // A `v1` `List`'s manifests, each pruned as a document.
                    Some(items_entry(entry, keep))
                } else {
                    placeholders_entry(entry)
                }
            }));
            Node {
                value: Value::Mapping(entries),
                span: root.span,
            }
        }
        value => Node {
            value: stub(value),
            span: root.span,
        },
    }
}

/// The root fields that name namespaces: a Kustomization's `namespace`; a Fleet
/// `fleet.yaml`'s `namespace`, `defaultNamespace` and target entries
/// (`crate::naming::sources::fleet`).
const ROOT_NAMESPACE_FIELDS: [&str; 4] = [
    "namespace",
    "defaultNamespace",
    "targetCustomizations",
    "targets",
];

/// A Rancher role template binding's fields, at the root.
const RANCHER_BINDING_FIELDS: [&str; 3] =
    ["groupPrincipalName", "userPrincipalName", "projectName"];

/// How much of a field is kept.
#[derive(Clone, Copy)]
enum Field<'k> {
    Whole,
    /// Only the entries whose keys are these (a mapping), as a whole.
    Only(&'k [String]),
    /// The fields of a nested mapping.
    Fields(fn(&Node) -> Option<Field<'static>>),
}

fn metadata_field<'k>(key: &Node, keep: &'k Keep, all_labels: bool) -> Option<Field<'k>> {
    if key.key_matches("name")
        || key.key_matches("namespace")
        || (all_labels && key.key_matches("labels"))
    {
        Some(Field::Whole)
    } else if key.key_matches("labels") {
        Some(Field::Only(&keep.labels))
    } else if key.key_matches("annotations") {
        Some(Field::Only(&keep.annotations))
    } else {
        None
    }
}

fn spec_field(key: &Node) -> Option<Field<'static>> {
    const OTHERS: [&str; 15] = [
        "target",
        "displayName",
        "targets",
        "destination",
        "destinations",
        "project",
        "source",
        "sources",
        "sourceRepos",
        "roles",
        "targetNamespace",
        "type",
        "clusterName",
        "generators",
        "goTemplate",
    ];
    if RELATION_FIELDS
        .iter()
        .any(|relation| key.key_matches(relation.field))
        || OTHERS.iter().any(|field| key.key_matches(field))
    {
        Some(Field::Whole)
    } else if key.key_matches("template") {
        Some(Field::Fields(template_field))
    } else if key.key_matches("profile") {
        Some(Field::Fields(profile_field))
    } else {
        None
    }
}

/// A Group's or User's profile: its email is an identity.
fn profile_field(key: &Node) -> Option<Field<'static>> {
    key.key_matches("email").then_some(Field::Whole)
}

/// Argo CD's ConfigMaps: the RBAC policy (`policy.csv`, `policy.<name>.csv`) and the local
/// accounts (`accounts.<name>`).
fn argocd_config_field(key: &Node) -> Option<Field<'static>> {
    let name = key.as_str()?;
    (crate::consumers::argocd::rbac::is_policy_key(name) || name.starts_with("accounts."))
        .then_some(Field::Whole)
}

fn cluster_secret_field(key: &Node) -> Option<Field<'static>> {
    ["name", "server", "project"]
        .iter()
        .any(|field| key.key_matches(field))
        .then_some(Field::Whole)
}

/// An ApplicationSet's template: what a generated Application is judged by.
fn template_field(key: &Node) -> Option<Field<'static>> {
    if key.key_matches("spec") {
        Some(Field::Fields(template_spec_field))
    } else if key.key_matches("metadata") {
        Some(Field::Fields(template_metadata_field))
    } else {
        None
    }
}

fn template_metadata_field(key: &Node) -> Option<Field<'static>> {
    key.key_matches("name").then_some(Field::Whole)
}

fn template_spec_field(key: &Node) -> Option<Field<'static>> {
    ["destination", "project", "source", "sources"]
        .iter()
        .any(|field| key.key_matches(field))
        .then_some(Field::Whole)
}

/// Keep an entry whose value is a mapping of interest: the fields `select` names.
fn fields<'k>(entry: Entry, select: &dyn Fn(&Node) -> Option<Field<'k>>) -> Entry {
    let Entry { key, value } = entry;
    if value.placeholder().is_some() {
        return Entry { key, value };
    }
    let span = value.span;
    let value =
        match value.value {
            Value::Mapping(entries) => Value::Mapping(exact(entries.into_iter().filter_map(
                |entry| match select(&entry.key) {
                    Some(field) => Some(apply(entry, field)),
                    None => placeholders_entry(entry),
                },
            ))),
            Value::Sequence(items) => placeholders_in(items),
            scalar => stub(scalar),
        };
    Entry {
        key,
        value: Node { value, span },
    }
}

fn apply(entry: Entry, field: Field<'_>) -> Entry {
    match field {
        Field::Whole => {
            let Entry { key, mut value } = entry;
            compact(&mut value);
            Entry { key, value }
        }
        Field::Only(wanted) => {
            let Entry { key, value } = entry;
            if value.placeholder().is_some() {
                return Entry { key, value };
            }
            let span = value.span;
            let value = match value.value {
                Value::Mapping(entries) => {
                    Value::Mapping(exact(entries.into_iter().filter_map(|entry| {
                        if wanted.iter().any(|wanted| entry.key.key_matches(wanted)) {
                            Some(entry)
                        } else {
                            placeholders_entry(entry)
                        }
                    })))
                }
                Value::Sequence(items) => placeholders_in(items),
                scalar => stub(scalar),
            };
            Entry {
                key,
                value: Node { value, span },
            }
        }
        Field::Fields(select) => fields(entry, &select),
    }
}

/// An entry kept only for the placeholders under it.
/// A `List`'s `items`, each item pruned as a document of its own (indices stay).
fn items_entry(entry: Entry, keep: &Keep) -> Entry {
    let value = match entry.value.value {
        Value::Sequence(items) => Node {
            value: Value::Sequence(items.into_iter().map(|item| prune(item, keep)).collect()),
            span: entry.value.span,
        },
        value => Node {
            value: stub(value),
            span: entry.value.span,
        },
    };
    Entry {
        key: entry.key,
        value,
    }
}

fn placeholders_entry(entry: Entry) -> Option<Entry> {
    let value = placeholders(entry.value)?;
    Some(Entry {
        key: entry.key,
        value,
    })
}

/// The placeholders in a node, with the mappings and sequences that lead to them.
fn placeholders(node: Node) -> Option<Node> {
    if node.placeholder().is_some() {
        return Some(node);
    }
    let span = node.span;
    match node.value {
        Value::Mapping(entries) => {
            let entries = exact(entries.into_iter().filter_map(placeholders_entry));
            (!entries.is_empty()).then_some(Node {
                value: Value::Mapping(entries),
                span,
            })
        }
        Value::Sequence(items) => match placeholders_in(items) {
            Value::Sequence(items) if items.iter().any(|item| !item.is_null()) => Some(Node {
                value: Value::Sequence(items),
                span,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// A sequence's items reduced to their placeholders; the others become nulls (indices stay),
/// and a sequence without placeholders becomes empty.
fn placeholders_in(items: Vec<Node>) -> Value {
    if !items.iter().any(Node::has_placeholder) {
        return Value::Sequence(Vec::new());
    }
    Value::Sequence(
        items
            .into_iter()
            .map(|item| {
                let span = item.span.clone();
                placeholders(item).unwrap_or(Node {
                    value: Value::Null,
                    span,
                })
            })
            .collect(),
    )
}

/// Vectors of a kept subtree shrunk to their lengths.
fn compact(node: &mut Node) {
    match &mut node.value {
        Value::Mapping(entries) => {
            entries.shrink_to_fit();
            for entry in entries {
                compact(&mut entry.value);
            }
        }
        Value::Sequence(items) => {
            items.shrink_to_fit();
            items.iter_mut().for_each(compact);
        }
        _ => {}
    }
}

/// The items in a vector of exactly their number (collecting in place would keep the
/// original capacity).
fn exact<T>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut items: Vec<T> = items.collect();
    items.shrink_to_fit();
    items
}

/// A value of the same type without its contents (nobody reads them; the type still decides
/// whether a document is an entity).
fn stub(value: Value) -> Value {
    match value {
        Value::String(_) => Value::String(String::new()),
        Value::Sequence(_) => Value::Sequence(Vec::new()),
        Value::Mapping(_) => Value::Mapping(Vec::new()),
        scalar => scalar,
    }
}
