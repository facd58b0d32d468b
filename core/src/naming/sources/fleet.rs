//! Rancher Fleet's `fleet.yaml`: the bundle options of a directory, read as Fleet's
//! `FleetYAML` reads them (`pkg/apis/fleet.cattle.io/v1alpha1`). `namespace` (Go's
//! `TargetNamespace`) forces every resource of the bundle into it; `defaultNamespace` is the
//! namespace of resources that name none, and of the Helm release. Both stand at the top level
//! and in each entry of `targetCustomizations` and `targets` (Fleet appends the former to the
//! latter), where a non-empty value overrides the top level's for the clusters it matches.

use super::{NamespaceUse, Origin};
use crate::catalog::Entity;

/// The names Fleet reads a bundle's options from, in its order (`internal/fleetyaml`).
pub const FILE_NAMES: [&str; 2] = ["fleet.yaml", "fleet.yml"];

/// Whether a path names a Fleet bundle file (by its file name, as Fleet finds it).
pub fn is_fleet_path(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    FILE_NAMES.contains(&name)
}

/// The per-target lists of a `fleet.yaml`, whose entries carry the same options.
const TARGET_LISTS: [&str; 2] = ["targetCustomizations", "targets"];

/// The namespaces a `fleet.yaml` document names: `namespace` and `defaultNamespace` at the
/// top level and in each target entry. An empty value is Fleet's "not set" and names nothing;
/// a templated one (`${ .ClusterName }`) is kept, unchecked.
pub fn bundle_uses<'a>(document: &Entity<'a>) -> Vec<NamespaceUse<'a>> {
    let root = document.root;
    let mut found = options_uses(document, root, "");
    for list in TARGET_LISTS {
        let targets = root.get(list).and_then(|node| node.as_sequence());
        for (index, target) in targets.unwrap_or_default().iter().enumerate() {
            found.extend(options_uses(document, target, &format!("/{list}/{index}")));
        }
    }
    found
}

/// Whether Fleet deploys to the namespace of this use: not one of a target entry with
/// `doNotDeploy: true`.
pub fn deploys(usage: &NamespaceUse<'_>) -> bool {
    let mut tokens = usage.pointer.trim_start_matches('/').split('/');
    let (Some(list), Some(index)) = (tokens.next(), tokens.next()) else {
        return true;
    };
    let target = index
        .parse::<usize>()
        .ok()
        .and_then(|index| usage.entity.root.get(list)?.as_sequence()?.get(index));
    !target
        .and_then(|target| target.get("doNotDeploy"))
        .is_some_and(|flag| flag.value == crate::yaml::Value::Bool(true))
}

fn options_uses<'a>(
    document: &Entity<'a>,
    options: &'a crate::yaml::Node,
    prefix: &str,
) -> Vec<NamespaceUse<'a>> {
    [
        ("namespace", Origin::FleetNamespace),
        ("defaultNamespace", Origin::FleetDefaultNamespace),
    ]
    .into_iter()
    .filter_map(|(key, origin)| {
        let node = options.get(key).filter(|node| node.as_str() != Some(""))?;
        NamespaceUse::new(document, node, format!("{prefix}/{key}"), origin)
    })
    .collect()
}
