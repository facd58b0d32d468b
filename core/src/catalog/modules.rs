//! Catalog model modules: kinds and spec types that a Backstage backend knows only when it
//! installs a module of the catalog (`@backstage/plugin-catalog-backend-module-ai-model`), with
//! the JSON schemas `@backstage/catalog-model/alpha` declares them with (1.10.3).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::kinds::{KindSchema, Shape, builtin_kind};

/// A catalog backend module that adds kinds or spec types to the catalog model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum CatalogModule {
    /// `@backstage/plugin-catalog-backend-module-ai-model`: the `AiResource` kind (types
    /// `skill`, `rule`, `plugin`, `marketplace` and others) and APIs of type `mcp-server`.
    #[serde(rename = "ai-model")]
    AiModel,
}

impl CatalogModule {
    /// The npm package that installs the module.
    pub fn package(self) -> &'static str {
        match self {
            Self::AiModel => "@backstage/plugin-catalog-backend-module-ai-model",
        }
    }

    /// The name the policy gives it.
    pub fn name(self) -> &'static str {
        match self {
            Self::AiModel => "ai-model",
        }
    }
}

/// A kind version a module declares: for one spec type, or for every type it does not name.
#[derive(Debug)]
pub struct ModuleKind {
    pub module: CatalogModule,
    /// `None`: the kind's default spec type.
    pub spec_type: Option<&'static str>,
    pub schema: KindSchema,
}

const STRING: Shape = Shape::String { min_length: 1 };
const STRINGS: Shape = Shape::Array(&STRING);
const AI_RESOURCE_API_VERSIONS: &[&str] = &["backstage.io/v1alpha1"];
const API_VERSIONS: &[&str] = &["backstage.io/v1alpha1", "backstage.io/v1beta1"];

const fn ai_resource(
    spec_type: Option<&'static str>,
    properties: &'static [(&'static str, Shape)],
    required: &'static [&'static str],
) -> ModuleKind {
    ModuleKind {
        module: CatalogModule::AiModel,
        spec_type,
        schema: KindSchema {
            kind: "AiResource",
            api_versions: AI_RESOURCE_API_VERSIONS,
            spec: Shape::Object {
                properties,
                required,
                additional: None,
            },
        },
    }
}

/// The properties every `AiResource` has.
macro_rules! ai_resource_base {
    ($($more:expr),* $(,)?) => {
        &[
            ("type", STRING),
            ("lifecycle", STRING),
            ("owner", STRING),
            ("system", STRING),
            $($more),*
        ]
    };
}

const BASE_REQUIRED: &[&str] = &["type", "lifecycle", "owner"];

/// The kinds and spec types of every module, most specific first.
pub const MODULE_KINDS: &[ModuleKind] = &[
    ai_resource(
        Some("skill"),
        ai_resource_base!(
            ("disciplines", STRINGS),
            ("categories", STRINGS),
            ("agents", STRINGS),
            ("dependsOn", STRINGS),
            ("allowedTools", STRING),
            ("license", STRING),
            (
                "compatibility",
                Shape::BoundedString {
                    min_length: 1,
                    max_length: 500
                }
            ),
        ),
        BASE_REQUIRED,
    ),
    ai_resource(
        Some("rule"),
        ai_resource_base!(
            ("disciplines", STRINGS),
            ("category", STRING),
            ("rationale", STRING),
        ),
        &["type", "lifecycle", "owner", "category", "rationale"],
    ),
    ai_resource(
        Some("plugin"),
        ai_resource_base!(("skills", STRINGS), ("version", STRING)),
        BASE_REQUIRED,
    ),
    ai_resource(
        Some("marketplace"),
        ai_resource_base!(("plugins", STRINGS), ("version", STRING)),
        BASE_REQUIRED,
    ),
    ai_resource(None, ai_resource_base!(), BASE_REQUIRED),
    ModuleKind {
        module: CatalogModule::AiModel,
        spec_type: Some("mcp-server"),
        schema: KindSchema {
            kind: "API",
            api_versions: API_VERSIONS,
            spec: Shape::Object {
                properties: &[
                    ("lifecycle", STRING),
                    ("owner", STRING),
                    ("system", STRING),
                    (
                        "remotes",
                        Shape::NonEmptyArray(&Shape::Object {
                            properties: &[("type", STRING), ("url", STRING)],
                            required: &["type", "url"],
                            additional: None,
                        }),
                    ),
                ],
                required: &["type", "lifecycle", "owner", "remotes"],
                additional: None,
            },
        },
    },
];

/// The schema Backstage validates an entity's `spec` with, given the modules installed: a
/// module's version for the entity's spec type, else the module kind's default type, else the
/// built-in kind (`CatalogModel.getKind` over the default model and the modules' layers).
pub fn kind_schema(
    api_version: &str,
    kind: &str,
    spec_type: Option<&str>,
    modules: &[CatalogModule],
) -> Option<&'static KindSchema> {
    let declared = |wanted: Option<&str>| {
        MODULE_KINDS.iter().find(|declared| {
            modules.contains(&declared.module)
                && declared.schema.kind == kind
                && declared.schema.api_versions.contains(&api_version)
                && declared.spec_type == wanted
        })
    };
    spec_type
        .and_then(|spec_type| declared(Some(spec_type)))
        .or_else(|| declared(None))
        .map(|declared| &declared.schema)
        .or_else(|| builtin_kind(api_version, kind))
}

/// The apiVersions a module kind has, when `kind` is one the installed modules add.
pub fn module_kind_versions(
    kind: &str,
    modules: &[CatalogModule],
) -> Option<&'static [&'static str]> {
    MODULE_KINDS
        .iter()
        .find(|declared| {
            modules.contains(&declared.module)
                && declared.spec_type.is_none()
                && declared.schema.kind == kind
        })
        .map(|declared| declared.schema.api_versions)
}

/// The module that adds `kind`, whether installed or not (for help texts).
pub fn module_of_kind(kind: &str) -> Option<CatalogModule> {
    MODULE_KINDS
        .iter()
        .find(|declared| declared.spec_type.is_none() && declared.schema.kind == kind)
        .map(|declared| declared.module)
}

/// The module that adds a spec type to a built-in kind (`API` of type `mcp-server`).
pub fn module_of_spec_type(kind: &str, spec_type: &str) -> Option<CatalogModule> {
    MODULE_KINDS
        .iter()
        .find(|declared| declared.schema.kind == kind && declared.spec_type == Some(spec_type))
        .map(|declared| declared.module)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AI: &[CatalogModule] = &[CatalogModule::AiModel];

    #[test]
    fn modules_add_kinds_only_when_installed() {
        assert!(kind_schema("backstage.io/v1alpha1", "AiResource", None, &[]).is_none());
        let skill = kind_schema("backstage.io/v1alpha1", "AiResource", Some("skill"), AI);
        assert!(skill.is_some_and(|schema| matches!(&schema.spec, Shape::Object { properties, .. } if properties.iter().any(|(name, _)| *name == "agents"))));
        assert!(kind_schema("backstage.io/v1beta1", "AiResource", None, AI).is_none());
        assert_eq!(
            module_kind_versions("AiResource", AI),
            Some(AI_RESOURCE_API_VERSIONS)
        );
    }

    #[test]
    fn unknown_spec_types_fall_back_to_the_default_type() {
        let other = kind_schema("backstage.io/v1alpha1", "AiResource", Some("agent"), AI);
        let base = kind_schema("backstage.io/v1alpha1", "AiResource", None, AI);
        assert!(std::ptr::eq(other.unwrap(), base.unwrap()));
        let openapi = kind_schema("backstage.io/v1alpha1", "API", Some("openapi"), AI);
        assert!(std::ptr::eq(
            openapi.unwrap(),
            builtin_kind("backstage.io/v1alpha1", "API").unwrap()
        ));
        let mcp = kind_schema("backstage.io/v1alpha1", "API", Some("mcp-server"), AI);
        assert!(!std::ptr::eq(mcp.unwrap(), openapi.unwrap()));
        let without = kind_schema("backstage.io/v1alpha1", "API", Some("mcp-server"), &[]);
        assert!(std::ptr::eq(without.unwrap(), openapi.unwrap()));
    }
}
