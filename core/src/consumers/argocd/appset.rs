//! ApplicationSets: the Applications their `list` and `clusters` generators make. Each element's parameters
//! are put into the template as Argo CD's ApplicationSet controller does
//! (`applicationset/utils.Render`): `{{key}}` (fasttemplate, nested keys flattened with dots)
//! or, with `goTemplate: true`, `{{.key}}`; spaces inside the braces do not matter. A generated
//! Application is the template with its strings rendered and the template's spans, so that a
//! finding points at the template line that made it. A `clusters` generator is expanded
//! against the Argo CD cluster Secrets among the checked files. Other generators (git,
//! matrix, ...) and values the renderer cannot resolve (functions, pipelines, unknown keys) are not
//! expanded: those Applications stay "not checked".

use std::collections::BTreeMap;

use crate::catalog::Entity;
use crate::consumers::clusters::{ArgoCluster, argo_cluster_of};
use crate::yaml::{Entry, Node, Value, js_number_to_string};

/// One Application an ApplicationSet's list generator makes.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The ApplicationSet's file and document.
    pub file: usize,
    pub document: usize,
    /// The ApplicationSet's name.
    pub set: String,
    /// The generator's index, and what of it made this Application: `list element 2`,
    /// `cluster "prd-eu1"`.
    pub generator: usize,
    pub by: String,
    /// `apiVersion`, `kind: Application`, and the template's `metadata` and `spec`, rendered.
    pub root: Node,
}

impl Generated {
    /// The generated Application as a document of its ApplicationSet's file.
    pub fn entity<'a>(&'a self, contributor: Option<&'a str>) -> Entity<'a> {
        Entity {
            file: self.file,
            document: self.document,
            root: &self.root,
            contributor,
        }
    }
}

/// What a set's generators allow: every generator a list whose elements all rendered.
#[derive(Debug, Clone, Default)]
pub struct Expansion {
    pub applications: Vec<Generated>,
    /// The (file, document) of sets whose every Application was generated here: their
    /// template is judged through them, not as a template.
    pub complete: Vec<(usize, usize)>,
}

/// Expand the list and clusters generators of the ApplicationSets among `documents`. A
/// clusters generator is expanded against the Argo CD cluster Secrets among them, and only
/// when there is one: the repository may not hold every cluster, so its set is never complete.
pub fn expand<'a>(documents: impl IntoIterator<Item = Entity<'a>>) -> Expansion {
    let documents: Vec<Entity<'a>> = documents.into_iter().collect();
    let clusters: Vec<ArgoCluster<'a>> = documents
        .iter()
        .copied()
        .filter_map(argo_cluster_of)
        .collect();
    let mut expansion = Expansion::default();
    for document in documents {
        if !super::is_argo(&document, "ApplicationSet") {
            continue;
        }
        let Some(spec) = document.spec() else {
            continue;
        };
        let (Some(template), Some(generators)) = (
            spec.get("template"),
            spec.get("generators").and_then(Node::as_sequence),
        ) else {
            continue;
        };
        let go_template = matches!(
            spec.get("goTemplate").map(|node| &node.value),
            Some(Value::Bool(true))
        );
        let set = document.name().unwrap_or_default().to_owned();
        let mut complete = !generators.is_empty();
        for (generator_index, generator) in generators.iter().enumerate() {
            let made: Vec<(String, BTreeMap<String, String>)> = if let Some(elements) = generator
                .get("list")
                .and_then(|list| list.get("elements"))
                .and_then(Node::as_sequence)
            {
                elements
                    .iter()
                    .enumerate()
                    .map(|(index, element)| {
                        let mut parameters = BTreeMap::new();
                        flatten(element, "", &mut parameters);
                        (format!("list element {}", index + 1), parameters)
                    })
                    .collect()
            } else if let Some(generator) = generator
                .get("clusters")
                .filter(|generator| generator.as_mapping().is_some() && !clusters.is_empty())
            {
                complete = false;
                cluster_parameters(generator, &clusters, go_template)
            } else {
                complete = false;
                continue;
            };
            for (by, parameters) in made {
                let Some(root) = application_of(template, &parameters, go_template) else {
                    complete = false;
                    continue;
                };
                expansion.applications.push(Generated {
                    file: document.file,
                    document: document.document,
                    set: set.clone(),
                    generator: generator_index,
                    by,
                    root,
                });
            }
        }
        if complete {
            expansion.complete.push((document.file, document.document));
        }
    }
    expansion
}

/// The parameters a clusters generator gives each cluster it selects, as Argo CD's
/// `ClusterGenerator` does: `name`, `nameNormalized`, `server`, `project`,
/// `metadata.labels.<key>` and the generator's `values` (rendered with those); and Argo CD's
/// own cluster when no selector is set and no Secret declares it. Annotations are not read.
fn cluster_parameters(
    generator: &Node,
    clusters: &[ArgoCluster<'_>],
    go_template: bool,
) -> Vec<(String, BTreeMap<String, String>)> {
    let selector = generator.get("selector");
    let has_selector = ["matchLabels", "matchExpressions"].iter().any(|key| {
        selector
            .and_then(|selector| selector.get(key))
            .is_some_and(|node| {
                !node.as_mapping().unwrap_or_default().is_empty()
                    || !node.as_sequence().unwrap_or_default().is_empty()
            })
    });
    let mut made = Vec::new();
    let mut add = |name: &str, server: &str, project: &str, labels: &[(&str, &str)]| {
        let mut parameters = BTreeMap::new();
        parameters.insert("name".to_owned(), name.to_owned());
        if let Some(normalized) = normalized_name(name) {
            parameters.insert("nameNormalized".to_owned(), normalized);
        }
        parameters.insert("server".to_owned(), server.to_owned());
        parameters.insert("project".to_owned(), project.to_owned());
        for (key, value) in labels {
            parameters.insert(format!("metadata.labels.{key}"), (*value).to_owned());
        }
        for entry in generator
            .get("values")
            .and_then(Node::as_mapping)
            .unwrap_or_default()
        {
            let (Some(key), Some(value)) = (entry.key.as_str(), entry.value.as_str()) else {
                continue;
            };
            if let Some(value) = render(value, &parameters, go_template) {
                parameters.insert(format!("values.{key}"), value);
            }
        }
        made.push((format!("cluster \"{name}\""), parameters));
    };
    for cluster in clusters {
        if selects(selector, &cluster.labels) {
            add(
                cluster.name,
                cluster.server,
                cluster.project,
                &cluster.labels,
            );
        }
    }
    let local_declared = clusters
        .iter()
        .any(|cluster| cluster.server == super::IN_CLUSTER.1);
    if !has_selector && !local_declared {
        add(super::IN_CLUSTER.0, super::IN_CLUSTER.1, "", &[]);
    }
    made
}

/// Argo CD's `utils.SanitizeName` where it is the identity: a name that is already a valid
/// DNS name. Other names are not guessed.
fn normalized_name(name: &str) -> Option<String> {
    let valid = !name.is_empty()
        && name.len() <= 253
        && name.bytes().all(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'.'
        })
        && name.starts_with(|first: char| first.is_ascii_alphanumeric())
        && name.ends_with(|last: char| last.is_ascii_alphanumeric());
    valid.then(|| name.to_owned())
}

/// Whether a Secret's labels match a Kubernetes label selector (`matchLabels` and
/// `matchExpressions` with `In`, `NotIn`, `Exists`, `DoesNotExist`). A selector that cannot be
/// read selects nothing.
fn selects(selector: Option<&Node>, labels: &[(&str, &str)]) -> bool {
    let Some(selector) = selector else {
        return true;
    };
    let label = |key: &str| {
        labels
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| *value)
    };
    let match_labels = selector
        .get("matchLabels")
        .and_then(Node::as_mapping)
        .unwrap_or_default()
        .iter()
        .all(|entry| match (entry.key.as_str(), entry.value.as_str()) {
            (Some(key), Some(value)) => label(key) == Some(value),
            _ => false,
        });
    let match_expressions = selector
        .get("matchExpressions")
        .and_then(Node::as_sequence)
        .unwrap_or_default()
        .iter()
        .all(|expression| {
            let Some(key) = expression.get("key").and_then(Node::as_str) else {
                return false;
            };
            let values: Vec<&str> = expression
                .get("values")
                .and_then(Node::as_sequence)
                .unwrap_or_default()
                .iter()
                .filter_map(Node::as_str)
                .collect();
            match expression.get("operator").and_then(Node::as_str) {
                Some("In") => label(key).is_some_and(|value| values.contains(&value)),
                Some("NotIn") => label(key).is_none_or(|value| !values.contains(&value)),
                Some("Exists") => label(key).is_some(),
                Some("DoesNotExist") => label(key).is_none(),
                _ => false,
            }
        });
    match_labels && match_expressions
}

/// An element's parameters: scalars by their dotted path.
fn flatten(node: &Node, prefix: &str, into: &mut BTreeMap<String, String>) {
    let text = match &node.value {
        Value::Mapping(entries) => {
            for Entry { key, value } in entries {
                let key = key.js_key();
                let path = if prefix.is_empty() {
                    key
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(value, &path, into);
            }
            return;
        }
        Value::String(text) => text.clone(),
        Value::Number(number) => js_number_to_string(*number),
        Value::Bool(value) => value.to_string(),
        Value::Null | Value::Sequence(_) => return,
    };
    into.insert(prefix.to_owned(), text);
}

/// The template as an Application, or `None` when a string it needs does not render.
fn application_of(
    template: &Node,
    parameters: &BTreeMap<String, String>,
    go_template: bool,
) -> Option<Node> {
    let rendered = render_node(template, parameters, go_template)?;
    let string = |text: &str| Node {
        value: Value::String(text.to_owned()),
        span: template.span.clone(),
    };
    let mut entries = vec![
        Entry {
            key: string("apiVersion"),
            value: string("argoproj.io/v1alpha1"),
        },
        Entry {
            key: string("kind"),
            value: string("Application"),
        },
    ];
    if let Value::Mapping(fields) = rendered.value {
        entries.extend(
            fields
                .into_iter()
                .filter(|entry| entry.key.key_matches("metadata") || entry.key.key_matches("spec")),
        );
    }
    Some(Node {
        value: Value::Mapping(entries),
        span: template.span.clone(),
    })
}

/// The node with every string rendered; `None` if one does not render.
fn render_node(
    node: &Node,
    parameters: &BTreeMap<String, String>,
    go_template: bool,
) -> Option<Node> {
    let value = match &node.value {
        Value::String(text) => Value::String(render(text, parameters, go_template)?),
        Value::Sequence(items) => Value::Sequence(
            items
                .iter()
                .map(|item| render_node(item, parameters, go_template))
                .collect::<Option<_>>()?,
        ),
        Value::Mapping(entries) => Value::Mapping(
            entries
                .iter()
                .map(|entry| {
                    Some(Entry {
                        key: entry.key.clone(),
                        value: render_node(&entry.value, parameters, go_template)?,
                    })
                })
                .collect::<Option<_>>()?,
        ),
        other => other.clone(),
    };
    Some(Node {
        value,
        span: node.span.clone(),
    })
}

/// One string rendered: each `{{ key }}` (or `{{ .key }}`) replaced by its parameter.
pub fn render(
    text: &str,
    parameters: &BTreeMap<String, String>,
    go_template: bool,
) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}")?;
        let tag = after[..end].trim();
        let key = if go_template {
            tag.strip_prefix('.')?
        } else {
            tag
        };
        out.push_str(parameters.get(key)?);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, ParseOptions};

    fn parameters(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn renders_as_the_applicationset_controller() {
        let values = parameters(&[("cluster", "prd"), ("values.stage", "prd")]);
        let fast = |text| render(text, &values, false);
        let go = |text| render(text, &values, true);
        assert_eq!(
            fast("ps-goldie-{{cluster}}").as_deref(),
            Some("ps-goldie-prd")
        );
        assert_eq!(
            fast("{{ cluster }}-{{values.stage}}").as_deref(),
            Some("prd-prd")
        );
        assert_eq!(go("{{ .cluster }}").as_deref(), Some("prd"));
        assert_eq!(go("{{.values.stage}}").as_deref(), Some("prd"));
        assert_eq!(fast("{{unknown}}"), None, "an unknown key is not guessed");
        assert_eq!(
            go("{{ .cluster | upper }}"),
            None,
            "functions are not evaluated"
        );
        assert_eq!(go("{{cluster}}"), None, "Go templates need the dot");
        assert_eq!(fast("{{cluster"), None);
        assert_eq!(fast("plain").as_deref(), Some("plain"));
    }

    #[test]
    fn expands_list_generators_and_says_which_sets_are_complete() {
        let text = "apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: goldie}
spec:
  generators:
    - list:
        elements:
          - {cluster: dev, url: 'https://dev.acme.com'}
          - {cluster: prd, url: 'https://prd.acme.com', replicas: 3}
  template:
    metadata: {name: 'goldie-{{cluster}}'}
    spec:
      project: goldie
      source: {repoURL: 'https://gitlab.acme.com/goldie.git', path: '{{cluster}}'}
      destination: {server: '{{url}}', namespace: 'ps-goldie-{{cluster}}'}
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: platform}
spec:
  generators:
    - list: {elements: [{cluster: dev}]}
    - clusters: {}
  template:
    metadata: {name: 'platform-{{cluster}}'}
    spec:
      destination: {server: '{{server}}', namespace: platform}
";
        let documents = yaml::parse(text, &ParseOptions::default());
        let entities = documents.iter().filter_map(|document| {
            Some(Entity {
                file: 0,
                document: document.index,
                root: document.root.as_ref()?,
                contributor: None,
            })
        });
        let expansion = expand(entities);
        assert_eq!(expansion.complete, [(0, 0)]);
        let names: Vec<_> = expansion
            .applications
            .iter()
            .map(|generated| {
                let root = &generated.root;
                let at = |pointer| root.pointer(pointer).and_then(Node::as_str).unwrap_or("-");
                format!(
                    "{} {} {} {}",
                    generated.set,
                    at("/metadata/name"),
                    at("/spec/destination/server"),
                    at("/spec/destination/namespace")
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                "goldie goldie-dev https://dev.acme.com ps-goldie-dev",
                "goldie goldie-prd https://prd.acme.com ps-goldie-prd",
            ],
            "the platform set's template needs `server`, which its list does not give"
        );
        let namespace = expansion.applications[1]
            .root
            .pointer("/spec/destination/namespace")
            .unwrap();
        assert_eq!(&text[namespace.span.clone()], "'ps-goldie-{{cluster}}'");
    }
}
