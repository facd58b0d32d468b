//! Entity references `[<kind>:][<namespace>/]<name>`, parsed exactly as Backstage's
//! `parseEntityRef` does, and the relation fields of the built-in kinds.

use std::fmt;

use crate::yaml::{Node, Value};

/// A parsed reference. Parts keep their case; compare with [`EntityRef::key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

impl EntityRef {
    /// The case-insensitive identity `kind:namespace/name`, as the catalog compares references.
    pub fn key(&self) -> String {
        entity_key(&self.kind, &self.namespace, &self.name)
    }
}

/// `kind:namespace/name` lowercased, in one allocation (`format!(...).to_lowercase()`).
pub fn entity_key(kind: &str, namespace: &str, name: &str) -> String {
    if !(kind.is_ascii() && namespace.is_ascii() && name.is_ascii()) {
        // Unicode lowercasing depends on the neighbours (a final sigma): the whole key at once.
        return format!("{kind}:{namespace}/{name}").to_lowercase();
    }
    let mut key = String::with_capacity(kind.len() + namespace.len() + name.len() + 2);
    key.push_str(kind);
    key.push(':');
    key.push_str(namespace);
    key.push('/');
    key.push_str(name);
    key.make_ascii_lowercase();
    key
}

impl fmt::Display for EntityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}/{}",
            self.kind.to_lowercase(),
            self.namespace,
            self.name
        )
    }
}

/// Why a reference is malformed, in Backstage's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    /// A falsy value (`""`, `0`, `false`, `null`).
    Empty,
    /// An empty part: `group:`, `:x`, `group:/x`, `/x`.
    Malformed,
    /// No kind in the reference and none by default for the field.
    MissingKind,
    MissingNamespace,
    MissingName,
}

impl RefError {
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Empty => "is empty",
            Self::Malformed => "is not of the form [<kind>:][<namespace>/]<name>",
            Self::MissingKind => "has no kind, and this field has no default kind",
            Self::MissingNamespace => "has an empty namespace",
            Self::MissingName => "has no name",
        }
    }
}

/// `parseRefString`: split a textual reference into its optional kind and namespace and its name.
pub fn split_ref(text: &str) -> Result<(Option<&str>, Option<&str>, &str), RefError> {
    let slash = text.find('/');
    let colon = text
        .find(':')
        .filter(|&colon| slash.is_none_or(|slash| slash > colon));
    let kind = colon.map(|colon| &text[..colon]);
    let after_colon = colon.map_or(0, |colon| colon + 1);
    let namespace = slash.map(|slash| &text[after_colon..slash]);
    let name = &text[after_colon.max(slash.map_or(0, |slash| slash + 1))..];
    if kind == Some("") || namespace == Some("") || name.is_empty() {
        return Err(RefError::Malformed);
    }
    Ok((kind, namespace, name))
}

/// `parseEntityRef(value, { defaultKind, defaultNamespace })` on a YAML value.
pub fn parse_ref(
    node: &Node,
    default_kind: Option<&str>,
    default_namespace: &str,
) -> Result<EntityRef, RefError> {
    if !is_truthy(node) {
        return Err(RefError::Empty);
    }
    let (kind, namespace, name) = match &node.value {
        Value::String(text) => {
            let (kind, namespace, name) = split_ref(text)?;
            (
                kind.or(default_kind).map(str::to_owned),
                Some(namespace.unwrap_or(default_namespace).to_owned()),
                Some(name.to_owned()),
            )
        }
        Value::Mapping(_) => {
            let part = |key: &str| node.get(key).filter(|value| !value.is_null());
            let text = |value: &Node| value.as_str().map_or_else(|| value.js_key(), str::to_owned);
            (
                part("kind").map_or(default_kind.map(str::to_owned), |v| truthy_text(v, text)),
                part("namespace")
                    .map_or(Some(default_namespace.to_owned()), |v| truthy_text(v, text)),
                part("name").and_then(|v| truthy_text(v, text)),
            )
        }
        _ => (
            default_kind.map(str::to_owned),
            Some(default_namespace.to_owned()),
            None,
        ),
    };
    let kind = kind.ok_or(RefError::MissingKind)?;
    let namespace = namespace.ok_or(RefError::MissingNamespace)?;
    let name = name.ok_or(RefError::MissingName)?;
    Ok(EntityRef {
        kind,
        namespace,
        name,
    })
}

fn truthy_text(value: &Node, text: impl Fn(&Node) -> String) -> Option<String> {
    is_truthy(value).then(|| text(value))
}

/// JavaScript truthiness.
pub fn is_truthy(node: &Node) -> bool {
    match &node.value {
        Value::Null => false,
        Value::Bool(value) => *value,
        Value::Number(number) => *number != 0.0 && !number.is_nan(),
        Value::String(text) => !text.is_empty(),
        Value::Sequence(_) | Value::Mapping(_) => true,
    }
}

/// A spec field of a kind that holds references, and what they may point at.
#[derive(Debug, Clone, Copy)]
pub struct RelationField {
    /// The entity kind that has the field.
    pub kind: &'static str,
    /// The field under `spec`.
    pub field: &'static str,
    /// The kind a reference without one gets (`None`: the reference must name its kind).
    pub default_kind: Option<&'static str>,
    /// The kinds a target may have.
    pub target_kinds: &'static [&'static str],
    /// The relation it creates.
    pub relation: &'static str,
    /// The spec type the field belongs to (`None`: every type).
    pub spec_type: Option<&'static str>,
}

const OWNERS: &[&str] = &["Group", "User"];
const DEPENDENCIES: &[&str] = &["Component", "Resource"];

const fn field(
    kind: &'static str,
    field: &'static str,
    default_kind: Option<&'static str>,
    target_kinds: &'static [&'static str],
    relation: &'static str,
) -> RelationField {
    RelationField {
        kind,
        field,
        default_kind,
        target_kinds,
        relation,
        spec_type: None,
    }
}

/// A field of one spec type of a module kind (`AiResource` of type `skill`: `dependsOn`).
const fn typed_field(
    spec_type: &'static str,
    field: &'static str,
    relation: &'static str,
) -> RelationField {
    RelationField {
        kind: "AiResource",
        field,
        default_kind: Some("AiResource"),
        target_kinds: &["AiResource"],
        relation,
        spec_type: Some(spec_type),
    }
}

/// The reference fields Backstage's `BuiltinKindsEntityProcessor` (and the scaffolder's
/// processor, for Template) parse, in the order they parse them.
pub const RELATION_FIELDS: &[RelationField] = &[
    field("Component", "owner", Some("Group"), OWNERS, "ownedBy"),
    field(
        "Component",
        "subcomponentOf",
        Some("Component"),
        &["Component"],
        "partOf",
    ),
    field(
        "Component",
        "providesApis",
        Some("API"),
        &["API"],
        "providesApi",
    ),
    field(
        "Component",
        "consumesApis",
        Some("API"),
        &["API"],
        "consumesApi",
    ),
    field("Component", "dependsOn", None, DEPENDENCIES, "dependsOn"),
    field(
        "Component",
        "dependencyOf",
        None,
        DEPENDENCIES,
        "dependencyOf",
    ),
    field("Component", "system", Some("System"), &["System"], "partOf"),
    field("API", "owner", Some("Group"), OWNERS, "ownedBy"),
    field("API", "system", Some("System"), &["System"], "partOf"),
    field("Resource", "owner", Some("Group"), OWNERS, "ownedBy"),
    field("Resource", "dependsOn", None, DEPENDENCIES, "dependsOn"),
    field(
        "Resource",
        "dependencyOf",
        None,
        DEPENDENCIES,
        "dependencyOf",
    ),
    field("Resource", "system", Some("System"), &["System"], "partOf"),
    field("User", "memberOf", Some("Group"), &["Group"], "memberOf"),
    field("Group", "parent", Some("Group"), &["Group"], "childOf"),
    field("Group", "children", Some("Group"), &["Group"], "parentOf"),
    field("Group", "members", Some("User"), &["User"], "hasMember"),
    field("System", "owner", Some("Group"), OWNERS, "ownedBy"),
    field("System", "domain", Some("Domain"), &["Domain"], "partOf"),
    field("Domain", "owner", Some("Group"), OWNERS, "ownedBy"),
    field(
        "Domain",
        "subdomainOf",
        Some("Domain"),
        &["Domain"],
        "partOf",
    ),
    field("Template", "owner", Some("Group"), OWNERS, "ownedBy"),
    // `@backstage/catalog-model/alpha` `aiResourceEntityModel` (the `ai-model` module).
    field("AiResource", "owner", Some("Group"), OWNERS, "ownedBy"),
    field(
        "AiResource",
        "system",
        Some("System"),
        &["System"],
        "partOf",
    ),
    typed_field("skill", "dependsOn", "dependsOn"),
    typed_field("plugin", "skills", "hasPart"),
    typed_field("marketplace", "plugins", "hasPart"),
];

/// One reference found in an entity.
#[derive(Debug, Clone)]
pub struct FoundRef<'a> {
    pub field: &'static RelationField,
    pub node: &'a Node,
    /// The index of `node` in the field's array, when the field is an array.
    pub index: Option<usize>,
    pub parsed: Result<EntityRef, RefError>,
}

impl FoundRef<'_> {
    /// The JSON pointer of `node` in its document (built when a rule reports).
    pub fn pointer(&self) -> String {
        match self.index {
            Some(index) => format!("/spec/{}/{index}", self.field.field),
            None => format!("/spec/{}", self.field.field),
        }
    }
}

/// Every reference of a spec, as `doEmit` walks them: a falsy field is skipped, and arrays
/// are flattened one level.
pub fn spec_refs<'a>(kind: &str, spec: &'a Node, namespace: &str) -> Vec<FoundRef<'a>> {
    let mut found = Vec::new();
    visit_spec_refs(kind, spec, |field, node, index| {
        found.push(FoundRef {
            field,
            node,
            index,
            parsed: parse_ref(node, field.default_kind, namespace),
        });
    });
    found
}

/// Walk the references of a spec as [`spec_refs`] does, without parsing them: each field,
/// node and index in the field's array.
pub fn visit_spec_refs<'a>(
    kind: &str,
    spec: &'a Node,
    mut visit: impl FnMut(&'static RelationField, &'a Node, Option<usize>),
) {
    let spec_type = spec.get("type").and_then(Node::as_str);
    for relation in RELATION_FIELDS.iter().filter(|relation| {
        relation.kind == kind
            && relation
                .spec_type
                .is_none_or(|wanted| spec_type == Some(wanted))
    }) {
        let Some(value) = spec.get(relation.field) else {
            continue;
        };
        if !is_truthy(value) || value.placeholder().is_some() {
            continue;
        }
        match value.as_sequence() {
            Some(items) => {
                for (index, item) in items.iter().enumerate() {
                    if item.placeholder().is_none() {
                        visit(relation, item, Some(index));
                    }
                }
            }
            None => visit(relation, value, None),
        }
    }
}

/// Why [`parse_ref`] would fail, without building the reference when it would not.
pub fn ref_error(node: &Node, default_kind: Option<&str>) -> Option<RefError> {
    match &node.value {
        Value::String(text) if !text.is_empty() => match split_ref(text) {
            Err(error) => Some(error),
            Ok((kind, _, _)) => kind
                .or(default_kind)
                .is_none()
                .then_some(RefError::MissingKind),
        },
        _ => parse_ref(node, default_kind, "default").err(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> Node {
        Node {
            value: Value::String(text.to_owned()),
            span: 0..0,
        }
    }

    fn parse(text: &str, default_kind: Option<&str>) -> Result<EntityRef, RefError> {
        parse_ref(&string(text), default_kind, "default")
    }

    #[test]
    fn splits_like_backstage() {
        let r = parse("a/b/c", Some("Group")).unwrap();
        assert_eq!((r.namespace.as_str(), r.name.as_str()), ("a", "b/c"));
        let r = parse("user:a:b", None).unwrap();
        assert_eq!((r.kind.as_str(), r.name.as_str()), ("user", "a:b"));
        let r = parse("a/b:c", None);
        assert_eq!(r, Err(RefError::MissingKind));
        let r = parse("component:ns/x", None).unwrap();
        assert_eq!(r.to_string(), "component:ns/x");
    }

    #[test]
    fn empty_parts_are_malformed() {
        for text in ["group:", ":x", "group:/x", "/x", "x/"] {
            assert_eq!(
                parse(text, Some("Group")),
                Err(RefError::Malformed),
                "{text}"
            );
        }
        assert_eq!(parse("", Some("Group")), Err(RefError::Empty));
        assert_eq!(parse("my-db", None), Err(RefError::MissingKind));
    }
}
