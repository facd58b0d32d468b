//! The built-in kinds Backstage's processors recognise, and the shape of their `spec`
//! (the kind JSON schemas of `@backstage/catalog-model` and `@backstage/plugin-scaffolder-common`).

/// The shape a value must have, a small subset of JSON Schema as those schemas use it.
#[derive(Debug)]
pub enum Shape {
    /// Any value.
    Any,
    /// A string of at least `min_length` characters.
    String { min_length: usize },
    /// `{"type": ["string", "boolean"]}`.
    StringOrBool,
    /// A string of `min_length` to `max_length` characters.
    BoundedString {
        min_length: usize,
        max_length: usize,
    },
    /// A string out of a list.
    Enum(&'static [&'static str]),
    /// An array whose items have a shape.
    Array(&'static Shape),
    /// An array of at least one item with a shape (`minItems: 1`).
    NonEmptyArray(&'static Shape),
    /// An object with typed properties, required keys, and a shape for other keys.
    Object {
        properties: &'static [(&'static str, Shape)],
        required: &'static [&'static str],
        additional: Option<&'static Shape>,
    },
    /// `oneOf` an object shape or an array shape (Template `parameters`).
    ObjectOrArray(&'static Shape, &'static Shape),
}

/// A kind a processor recognises: the apiVersions and the shape of `spec`.
#[derive(Debug)]
pub struct KindSchema {
    pub kind: &'static str,
    pub api_versions: &'static [&'static str],
    pub spec: Shape,
}

const STRING: Shape = Shape::String { min_length: 1 };
const ANY_STRING: Shape = Shape::String { min_length: 0 };
const STRINGS: Shape = Shape::Array(&STRING);
const ANY_STRINGS: Shape = Shape::Array(&ANY_STRING);
const OBJECT: Shape = Shape::Object {
    properties: &[],
    required: &[],
    additional: None,
};
const PROFILE: Shape = Shape::Object {
    properties: &[
        ("displayName", STRING),
        ("email", STRING),
        ("picture", STRING),
    ],
    required: &[],
    additional: None,
};
const PERMISSIONS: Shape = Shape::Object {
    properties: &[("tags", ANY_STRINGS)],
    required: &[],
    additional: None,
};
const BACKSTAGE_IO: &[&str] = &["backstage.io/v1alpha1", "backstage.io/v1beta1"];

const fn object(
    properties: &'static [(&'static str, Shape)],
    required: &'static [&'static str],
) -> Shape {
    Shape::Object {
        properties,
        required,
        additional: None,
    }
}

const fn kind(kind: &'static str, spec: Shape) -> KindSchema {
    KindSchema {
        kind,
        api_versions: BACKSTAGE_IO,
        spec,
    }
}

/// The kinds of a default Backstage backend, in the order its processors try them.
pub const BUILTIN_KINDS: &[KindSchema] = &[
    kind(
        "API",
        object(
            &[
                ("type", STRING),
                ("lifecycle", STRING),
                ("owner", STRING),
                ("system", STRING),
                ("definition", STRING),
            ],
            &["type", "lifecycle", "owner", "definition"],
        ),
    ),
    kind(
        "Component",
        object(
            &[
                ("type", STRING),
                ("lifecycle", STRING),
                ("owner", STRING),
                ("system", STRING),
                ("subcomponentOf", STRING),
                ("providesApis", STRINGS),
                ("consumesApis", STRINGS),
                ("dependsOn", STRINGS),
            ],
            &["type", "lifecycle", "owner"],
        ),
    ),
    kind(
        "Resource",
        object(
            &[
                ("type", STRING),
                ("owner", STRING),
                ("dependsOn", STRINGS),
                ("system", STRING),
            ],
            &["type", "owner"],
        ),
    ),
    kind(
        "Group",
        object(
            &[
                ("type", STRING),
                ("profile", PROFILE),
                ("parent", STRING),
                ("children", STRINGS),
                ("members", STRINGS),
            ],
            &["type", "children"],
        ),
    ),
    kind(
        "Location",
        object(
            &[
                ("type", STRING),
                ("target", STRING),
                ("targets", STRINGS),
                ("presence", Shape::Enum(&["required", "optional"])),
            ],
            &[],
        ),
    ),
    kind(
        "User",
        object(
            &[("profile", PROFILE), ("memberOf", STRINGS)],
            &["memberOf"],
        ),
    ),
    kind(
        "System",
        object(
            &[("owner", STRING), ("domain", STRING), ("type", STRING)],
            &["owner"],
        ),
    ),
    kind(
        "Domain",
        object(
            &[("owner", STRING), ("subdomainOf", STRING), ("type", STRING)],
            &["owner"],
        ),
    ),
    KindSchema {
        kind: "Template",
        api_versions: &["scaffolder.backstage.io/v1beta3"],
        spec: TEMPLATE_SPEC,
    },
];

const IF: (&str, Shape) = ("if", Shape::StringOrBool);

const TEMPLATE_SPEC: Shape = object(
    &[
        ("type", STRING),
        ("owner", STRING),
        ("lifecycle", STRING),
        (
            "parameters",
            Shape::ObjectOrArray(
                &object(&[("backstage:permissions", PERMISSIONS)], &[]),
                &Shape::Array(&object(
                    &[
                        ("when", Shape::StringOrBool),
                        ("backstage:permissions", PERMISSIONS),
                    ],
                    &[],
                )),
            ),
        ),
        ("secrets", object(&[("schema", OBJECT)], &[])),
        (
            "presentation",
            object(
                &[(
                    "buttonLabels",
                    object(
                        &[
                            ("backButtonText", ANY_STRING),
                            ("createButtonText", ANY_STRING),
                            ("reviewButtonText", ANY_STRING),
                        ],
                        &[],
                    ),
                )],
                &[],
            ),
        ),
        (
            "EXPERIMENTAL_recovery",
            object(&[("EXPERIMENTAL_strategy", ANY_STRING)], &[]),
        ),
        (
            "formDecorators",
            Shape::Array(&object(&[("id", ANY_STRING), ("input", OBJECT)], &[])),
        ),
        (
            "EXPERIMENTAL_formDecorators",
            Shape::Array(&object(&[("id", ANY_STRING), ("input", OBJECT)], &[])),
        ),
        (
            "steps",
            Shape::Array(&object(
                &[
                    ("id", ANY_STRING),
                    ("name", ANY_STRING),
                    ("action", ANY_STRING),
                    ("input", OBJECT),
                    IF,
                    ("backstage:permissions", PERMISSIONS),
                ],
                &["action"],
            )),
        ),
        (
            "output",
            Shape::Object {
                properties: &[
                    (
                        "links",
                        Shape::Array(&object(
                            &[
                                IF,
                                ("url", STRING),
                                ("entityRef", STRING),
                                ("title", STRING),
                                ("icon", STRING),
                            ],
                            &[],
                        )),
                    ),
                    (
                        "text",
                        Shape::Array(&object(
                            &[
                                IF,
                                ("title", STRING),
                                ("icon", STRING),
                                ("content", ANY_STRING),
                            ],
                            &[],
                        )),
                    ),
                ],
                required: &[],
                additional: Some(&ANY_STRING),
            },
        ),
    ],
    &["type", "steps"],
);

/// The schema of a recognised `apiVersion`/`kind` pair (exact case, as Backstage compares).
pub fn builtin_kind(api_version: &str, kind: &str) -> Option<&'static KindSchema> {
    BUILTIN_KINDS
        .iter()
        .find(|schema| schema.kind == kind && schema.api_versions.contains(&api_version))
}

/// The built-in kind closest to `kind` (case-insensitive, at most two edits), for suggestions.
pub fn closest_kind(kind: &str) -> Option<&'static str> {
    let lower = kind.to_lowercase();
    BUILTIN_KINDS
        .iter()
        .map(|schema| {
            (
                schema.kind,
                edit_distance(&lower, &schema.kind.to_lowercase()),
            )
        })
        .filter(|(_, distance)| *distance <= 2)
        .min_by_key(|(_, distance)| *distance)
        .map(|(kind, _)| kind)
}

/// Levenshtein distance by chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_exact_pairs() {
        assert!(builtin_kind("backstage.io/v1beta1", "Component").is_some());
        assert!(builtin_kind("backstage.io/v1alpha1", "component").is_none());
        assert!(builtin_kind("backstage.io/v1beta3", "Template").is_none());
        assert!(builtin_kind("scaffolder.backstage.io/v1beta3", "Template").is_some());
    }

    #[test]
    fn suggests_close_kinds() {
        assert_eq!(closest_kind("Compontent"), Some("Component"));
        assert_eq!(closest_kind("component"), Some("Component"));
        assert_eq!(closest_kind("Pipeline"), None);
    }
}
