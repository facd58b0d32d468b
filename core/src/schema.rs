//! The catalog's JSON Schema (draft-07) for editors (the YAML language server), generated
//! from the same kind shapes and field formats the rules use. It says what JSON Schema can:
//! types, required fields, enums, lengths and the field formats as patterns. What it cannot
//! (URL parsing, trimming, reference resolution, keys clashing by case) stays with the rules.

use serde_json::{Map, Value, json};

use crate::catalog::kinds::{BUILTIN_KINDS, Shape};
use crate::catalog::modules::{MODULE_KINDS, ModuleKind};
use crate::catalog::refs::RELATION_FIELDS;
use crate::naming::Convention;
use crate::policy::Policy;

/// `isValidObjectName`.
pub const NAME_PATTERN: &str = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";
/// `isValidDnsLabel`.
pub const NAMESPACE_PATTERN: &str = "^[a-z0-9]+(-+[a-z0-9]+)*$";
/// `isValidTag` (as `makeValidator` defines it).
pub const TAG_PATTERN: &str = "^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$";
/// `isValidKind`.
pub const KIND_PATTERN: &str = "^[a-zA-Z][a-z0-9A-Z]*$";
const DNS_SUBDOMAIN: &str = "[a-z0-9]+(-+[a-z0-9]+)*(\\.[a-z0-9]+(-+[a-z0-9]+)*)*";
/// Label and annotation keys: `[<dns subdomain>/]<name>`.
pub fn key_pattern() -> String {
    format!("^({DNS_SUBDOMAIN}/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
}
/// `isValidApiVersion`.
pub fn api_version_pattern() -> String {
    format!("^({DNS_SUBDOMAIN}/)?[a-zA-Z0-9]+$")
}
/// An entity reference without empty parts, with or without a kind.
pub const REF_PATTERN: &str = "^([^:/]+:[^/]+(/[\\s\\S]+)?|[^:/]+(/[\\s\\S]+)?)$";
/// An entity reference that names its kind (`dependsOn`, `dependencyOf`).
pub const KIND_REF_PATTERN: &str = "^[^:/]+:[^/]+(/[\\s\\S]+)?$";

/// The schema of catalog files. Without a policy it says exactly what Backstage accepts; with
/// one, its naming convention, allowed types and lifecycles and custom kinds are part of it.
pub fn catalog_schema(policy: Option<&Policy>) -> Value {
    let default_policy = Policy::default();
    let convention = policy.and_then(|policy| Convention::new(&policy.naming.namespace).ok());
    let policy = policy.unwrap_or(&default_policy);
    let mut definitions = Map::new();
    definitions.insert(
        "metadata".into(),
        metadata_schema(policy, convention.as_ref()),
    );
    let mut recognised = Vec::new();
    let mut dispatch = Vec::new();
    let modules: Vec<&ModuleKind> = MODULE_KINDS
        .iter()
        .filter(|declared| policy.modules.contains(&declared.module))
        .collect();
    let kinds_and_types = BUILTIN_KINDS.iter().map(|kind| (kind, None)).chain(
        modules
            .iter()
            .map(|declared| (&declared.schema, declared.spec_type)),
    );
    for (kind, spec_type) in kinds_and_types {
        let name = match spec_type {
            Some(spec_type) => format!("{}Spec-{spec_type}", kind.kind),
            None => format!("{}Spec", kind.kind),
        };
        if definitions.contains_key(&name) {
            continue;
        }
        let mut spec = shape_schema(&kind.spec);
        annotate_spec(&mut spec, kind.kind, policy);
        definitions.insert(name.clone(), spec);
        let pair = json!({
            "properties": {"apiVersion": {"enum": kind.api_versions}, "kind": {"const": kind.kind}},
            "required": ["apiVersion", "kind"]
        });
        // A module's spec type has its own schema; the kind's default type has the others.
        let condition = match spec_type {
            Some(spec_type) => {
                json!({"allOf": [pair, {"properties": {"spec": {"properties": {"type": {"const": spec_type}}, "required": ["type"]}}, "required": ["spec"]}]})
            }
            None => {
                let typed: Vec<&str> = modules
                    .iter()
                    .filter(|declared| declared.schema.kind == kind.kind)
                    .filter_map(|declared| declared.spec_type)
                    .collect();
                recognised.push(pair.clone());
                if typed.is_empty() {
                    pair
                } else {
                    json!({"allOf": [pair, {"not": {"properties": {"spec": {"properties": {"type": {"enum": typed}}, "required": ["type"]}}, "required": ["spec"]}}]})
                }
            }
        };
        dispatch.push(json!({
            "if": condition,
            "then": {"required": ["spec"], "properties": {"spec": {"$ref": format!("#/definitions/{name}")}}}
        }));
    }
    if !policy.kinds.is_empty() {
        recognised
            .push(json!({"properties": {"kind": {"enum": policy.kinds}}, "required": ["kind"]}));
    }
    let kinds: Vec<&str> = BUILTIN_KINDS.iter().map(|kind| kind.kind).collect();
    allow_placeholders_in_definitions(&mut definitions);
    definitions.insert(
        "textPlaceholder".into(),
        placeholder_schema(&TEXT_RESOLVERS),
    );
    definitions.insert(
        "dataPlaceholder".into(),
        placeholder_schema(&DATA_RESOLVERS),
    );
    let mut spec =
        json!({"title": "Spec", "description": "The kind-specific fields.", "type": "object"});
    allow_placeholders(&mut spec, true);
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://github.com/kataster/kataster/blob/main/schemas/catalog-info.schema.json",
        "title": "Backstage catalog entity",
        "description": "A Backstage catalog entity as a Backstage backend accepts it (generated by kataster; `kataster check` reports what JSON Schema cannot say).",
        "type": "object",
        "required": ["apiVersion", "kind", "metadata"],
        "additionalProperties": false,
        "properties": {
            "apiVersion": {
                "title": "API version",
                "description": "`backstage.io/v1alpha1` (or `v1beta1`) for the built-in kinds, `scaffolder.backstage.io/v1beta3` for Template.",
                "type": "string", "minLength": 1, "pattern": api_version_pattern(),
                "examples": ["backstage.io/v1alpha1", "scaffolder.backstage.io/v1beta3"]
            },
            "kind": {
                "title": "Kind",
                "description": "The entity's kind; case-sensitive.",
                "type": "string", "minLength": 1, "maxLength": 63, "pattern": KIND_PATTERN,
                "examples": kinds
            },
            "metadata": {"$ref": "#/definitions/metadata"},
            "spec": spec
        },
        "anyOf": recognised,
        "allOf": dispatch,
        "definitions": definitions
    })
}

fn string_with(pattern: &str, max: usize, title: &str, description: &str) -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": max, "pattern": pattern, "title": title, "description": description})
}

/// `metadata`; with a convention (from a given policy), the namespace annotation must follow it.
fn metadata_schema(policy: &Policy, convention: Option<&Convention>) -> Value {
    let mut annotation_properties = Map::new();
    for overwritten in [
        "backstage.io/managed-by-location",
        "backstage.io/managed-by-origin-location",
    ] {
        annotation_properties.insert(
            overwritten.into(),
            json!({"description": "Set by the backend from the location it read the entity from."}),
        );
    }
    let namespace_annotation = &policy.naming.namespace.annotation;
    let mut namespace = json!({
        "type": "string",
        "title": "Kubernetes namespace",
        "description": format!("The namespace of the entity's workloads, by the convention {}.", policy.naming.namespace.template),
    });
    if let Some(convention) = convention {
        namespace["pattern"] = Value::String(convention.pattern());
        namespace["maxLength"] = json!(63);
    }
    annotation_properties.insert(namespace_annotation.clone(), namespace);
    json!({
        "title": "Metadata",
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": string_with(NAME_PATTERN, 63, "Name", "1-63 letters and digits separated by `-`, `_` or `.`; unique per kind and namespace."),
            "namespace": string_with(NAMESPACE_PATTERN, 63, "Namespace", "A DNS label: lowercase letters and digits separated by `-`. Default: `default`."),
            "title": {"type": "string", "minLength": 1, "title": "Title", "description": "A display name."},
            "description": {"type": "string", "title": "Description"},
            "uid": {"type": "string", "minLength": 1},
            "etag": {"type": "string", "minLength": 1},
            "labels": {
                "title": "Labels",
                "description": "Keys `[<dns subdomain>/]<name>`, values empty or names.",
                "type": "object",
                "propertyNames": {"pattern": key_pattern()},
                "additionalProperties": {"type": "string", "maxLength": 63, "pattern": "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"}
            },
            "annotations": {
                "title": "Annotations",
                "description": "Keys `[<dns subdomain>/]<name>`, string values. Empty or null is replaced by the backend.",
                "anyOf": [
                    {
                        "type": "object",
                        "propertyNames": {"pattern": key_pattern()},
                        "properties": annotation_properties,
                        "additionalProperties": {"type": "string"}
                    },
                    {"enum": [null, "", 0, false]}
                ]
            },
            "tags": {
                "title": "Tags",
                "type": "array",
                "items": string_with(TAG_PATTERN, 63, "Tag", "Lowercase letters, digits and `:+#`, separated by single `-`.")
            },
            "links": {
                "title": "Links",
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["url"],
                    "properties": {
                        "url": {"type": "string", "minLength": 1, "pattern": "^[A-Za-z][A-Za-z0-9+.-]*:", "description": "An absolute URL."},
                        "title": {"type": "string", "minLength": 1, "pattern": "\\S"},
                        "icon": {"type": "string", "minLength": 1, "pattern": "\\S"},
                        "type": {"type": "string", "minLength": 1}
                    }
                }
            }
        }
    })
}

/// The JSON Schema of a shape.
fn shape_schema(shape: &Shape) -> Value {
    match shape {
        Shape::Any => json!({}),
        Shape::String { min_length } => json!({"type": "string", "minLength": min_length}),
        Shape::StringOrBool => json!({"type": ["string", "boolean"]}),
        Shape::BoundedString {
            min_length,
            max_length,
        } => json!({"type": "string", "minLength": min_length, "maxLength": max_length}),
        Shape::Enum(values) => json!({"type": "string", "enum": values}),
        Shape::Array(items) => json!({"type": "array", "items": shape_schema(items)}),
        Shape::NonEmptyArray(items) => {
            json!({"type": "array", "minItems": 1, "items": shape_schema(items)})
        }
        Shape::Object {
            properties,
            required,
            additional,
        } => {
            let mut schema = json!({
                "type": "object",
                "properties": properties.iter().map(|(key, shape)| ((*key).to_owned(), shape_schema(shape))).collect::<Map<_, _>>(),
            });
            if !required.is_empty() {
                schema["required"] = json!(required);
            }
            if let Some(additional) = additional {
                schema["additionalProperties"] = shape_schema(additional);
            }
            schema
        }
        Shape::ObjectOrArray(object, array) => {
            json!({"oneOf": [shape_schema(object), shape_schema(array)]})
        }
    }
}

/// Reference patterns, titles, and the policy's allowed types and lifecycles.
fn annotate_spec(spec: &mut Value, kind: &str, policy: &Policy) {
    let Some(properties) = spec.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for relation in RELATION_FIELDS
        .iter()
        .filter(|relation| relation.kind == kind)
    {
        let Some(field) = properties.get_mut(relation.field) else {
            continue;
        };
        let pattern = if relation.default_kind.is_some() {
            REF_PATTERN
        } else {
            KIND_REF_PATTERN
        };
        let description = match relation.default_kind {
            Some(default) => format!(
                "An entity reference `[<kind>:][<namespace>/]<name>` to a {} (default kind {default}).",
                relation.target_kinds.join(" or ")
            ),
            None => format!(
                "An entity reference `<kind>:[<namespace>/]<name>` to a {}.",
                relation.target_kinds.join(" or ")
            ),
        };
        let target = if field.get("type") == Some(&json!("array")) {
            &mut field["items"]
        } else {
            field
        };
        target["pattern"] = json!(pattern);
        target["description"] = json!(description);
    }
    if let Some(types) = policy
        .model
        .types
        .iter()
        .find(|(listed, _)| listed.eq_ignore_ascii_case(kind))
        .map(|(_, types)| types)
    {
        if let Some(field) = properties.get_mut("type") {
            field["enum"] = json!(types);
        }
    }
    if !policy.model.lifecycles.is_empty() {
        if let Some(field) = properties.get_mut("lifecycle") {
            field["enum"] = json!(policy.model.lifecycles);
        }
    }
    for (key, description) in [
        ("type", "The kind's type, e.g. service, website, library."),
        ("lifecycle", "experimental, production or deprecated."),
        ("owner", "The owning Group (or User)."),
    ] {
        if let Some(field) = properties.get_mut(key) {
            if field.get("description").is_none() {
                field["description"] = json!(description);
            }
        }
    }
}

/// The placeholders that resolve to a file's text (`$openapi` and `$asyncapi` to the bundled
/// document as text): they stand wherever a string is allowed.
const TEXT_RESOLVERS: [&str; 3] = ["$text", "$openapi", "$asyncapi"];
/// The placeholders that resolve to a file's data: wherever an object or an array is allowed.
const DATA_RESOLVERS: [&str; 2] = ["$json", "$yaml"];

/// A one-key mapping `{$resolver: "path or URL"}`, as Backstage's placeholder processor
/// recognises it.
fn placeholder_schema(resolvers: &[&str]) -> Value {
    json!({
        "title": "Placeholder",
        "description": format!(
            "Backstage replaces `{{{}: <path or URL>}}` with the file's {} before it validates the entity.",
            resolvers.join("|"),
            if resolvers == DATA_RESOLVERS { "data" } else { "text" }
        ),
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "propertyNames": {"enum": resolvers},
        "additionalProperties": {"type": "string"}
    })
}

/// Placeholders in the definitions: everywhere in a kind's spec (and the spec itself), and in
/// `metadata` except `name` and `namespace`, which Backstage reads (the envelope) before it
/// resolves placeholders; `metadata` itself must be a mapping with a name.
fn allow_placeholders_in_definitions(definitions: &mut Map<String, Value>) {
    for (name, definition) in definitions.iter_mut() {
        if name != "metadata" {
            allow_placeholders(definition, true);
            continue;
        }
        if let Some(properties) = definition
            .get_mut("properties")
            .and_then(Value::as_object_mut)
        {
            for (key, property) in properties.iter_mut() {
                let wrap = key != "name" && key != "namespace";
                allow_placeholders(property, wrap);
            }
        }
    }
}

/// Let placeholders stand in `schema` and below it, as Backstage resolves them: a text
/// placeholder where a string is allowed, a data placeholder where an object or an array is.
/// `wrap`: whether `schema` itself may be a placeholder (not for the branches of an `anyOf`
/// or `oneOf`, whose holder is wrapped once instead).
fn allow_placeholders(schema: &mut Value, wrap: bool) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        for property in properties.values_mut() {
            allow_placeholders(property, true);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(child) = object.get_mut(key).filter(|child| child.is_object()) {
            allow_placeholders(child, true);
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = object.get_mut(key).and_then(Value::as_array_mut) {
            for branch in branches {
                allow_placeholders(branch, false);
            }
        }
    }
    if !wrap {
        return;
    }
    let types = types_of(schema);
    let mut placeholders = Vec::new();
    if types.contains(&"string") {
        placeholders.push(json!({"$ref": "#/definitions/textPlaceholder"}));
    }
    if types.contains(&"object") || types.contains(&"array") {
        placeholders.push(json!({"$ref": "#/definitions/dataPlaceholder"}));
    }
    if placeholders.is_empty() {
        return;
    }
    let Some(inner) = schema.as_object_mut() else {
        return;
    };
    // What an editor shows on hover stays on the outer schema.
    let mut outer = Map::new();
    for key in ["title", "description", "examples"] {
        if let Some(value) = inner.remove(key) {
            outer.insert(key.to_owned(), value);
        }
    }
    let mut any_of = vec![Value::Object(std::mem::take(inner))];
    any_of.extend(placeholders);
    outer.insert("anyOf".into(), Value::Array(any_of));
    *schema = Value::Object(outer);
}

/// The JSON types a schema allows values of (its `type`, or its branches' types).
fn types_of(schema: &Value) -> Vec<&str> {
    let mut types = Vec::new();
    match schema.get("type") {
        Some(Value::String(name)) => types.push(name.as_str()),
        Some(Value::Array(names)) => types.extend(names.iter().filter_map(Value::as_str)),
        _ => {
            for key in ["anyOf", "oneOf"] {
                for branch in schema
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    types.extend(types_of(branch));
                }
            }
        }
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_modules_add_their_kinds_and_spec_types() {
        let plain = catalog_schema(None);
        assert!(plain["definitions"].get("AiResourceSpec").is_none());
        let policy = Policy {
            modules: vec![crate::catalog::modules::CatalogModule::AiModel],
            ..Policy::default()
        };
        let schema = catalog_schema(Some(&policy));
        for name in [
            "AiResourceSpec",
            "AiResourceSpec-skill",
            "APISpec-mcp-server",
        ] {
            assert!(schema["definitions"].get(name).is_some(), "{name}");
        }
        let mcp = schema["definitions"]["APISpec-mcp-server"].to_string();
        assert!(mcp.contains(r#""minItems":1"#), "{mcp}");
    }
}
