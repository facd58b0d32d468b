//! The policy file (`kataster.yaml`): every convention kataster checks, as settings whose
//! defaults are the source document's choices. The Backstage plugin reads the same structure
//! from app-config under `kataster:`.

mod model;
mod naming;
mod read;
mod schemas;
mod versions;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::modules::CatalogModule;

pub use model::{Contributor, CustomSchema, EntityMatch, ModelPolicy, RequiredMetadata};
pub use naming::{DEFAULT_EXEMPT, NamespaceConvention, NamingPolicy, PartSpec};
pub use read::LoadedPolicy;
pub(crate) use read::{from_node, locate};
pub(crate) use schemas::compile as compile_schema;
pub use schemas::{CompiledSchema, Validator};
pub use versions::{
    BranchPolicy, Bump, CommitPolicy, ComponentPolicy, HelmMode, HelmPolicy, PromotionPolicy,
    VersionFilePolicy, VersionPolicy, roles,
};

/// The whole policy.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[schemars(
    title = "kataster policy",
    description = "kataster.yaml: conventions and rule settings"
)]
pub struct Policy {
    /// Rule severities by code or code prefix: `error`, `warning`, `info` or `off`
    /// (e.g. `{CAT101: error, ORG: warning}`). The longest matching prefix wins.
    pub rules: BTreeMap<String, RuleLevel>,
    /// YAML parsing.
    pub yaml: YamlPolicy,
    /// Cross-file references.
    pub references: ReferencePolicy,
    /// How the consumers' names for groups and users (Argo CD roles, Rancher principals) are
    /// matched with the catalog's Groups and Users.
    pub identities: IdentityPolicy,
    /// How clusters are known across consumers.
    pub clusters: ClusterPolicy,
    /// Rancher's own names.
    pub rancher: RancherPolicy,
    /// Custom kinds that the organisation's Backstage backend accepts (with a processor of its
    /// own): `CAT012` does not report them.
    pub kinds: Vec<String>,
    /// Catalog model modules the Backstage backend installs (`ai-model`: the `AiResource` kind
    /// and `mcp-server` APIs): their kinds and spec types are judged with Backstage's schemas.
    pub modules: Vec<CatalogModule>,
    /// Naming conventions.
    pub naming: NamingPolicy,
    /// Stages and how an entity's stage is found.
    pub stages: StagePolicy,
    /// The organisation's inventory model: allowed values, required metadata, owners.
    pub model: ModelPolicy,
    /// Who may contribute which entities.
    pub contributors: Vec<Contributor>,
    /// The contributor of every checked file (overridden by `--contributor`).
    pub contributor: Option<String>,
    /// JSON Schemas that matching entities must also satisfy.
    pub schemas: Vec<CustomSchema>,
    /// Versions: tags, branches, merges, commits, stage promotion, Helm charts.
    pub versions: VersionPolicy,
    /// Which files a directory walk checks: globs relative to the policy file's directory.
    pub files: FilesPolicy,
    /// Rules ignored in some files: a glob (relative to the policy file's directory, as
    /// `files`) to the code prefixes ignored in the files it matches, as ruff's
    /// `per-file-ignores` (e.g. `{"legacy/**": [NS], "*.generated.yaml": [CAT1, ORG]}`).
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
}

/// Which files a directory walk checks. Patterns are globs: `*` and `?` stay within a path
/// component, `**` crosses them; a pattern without `/` matches a file or directory name at
/// any depth (`node_modules`, `*.generated.yaml`), a pattern with `/` matches the path
/// relative to the policy file's directory (`apps/legacy/**`, `charts/*/templates`). An
/// excluded directory is not entered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct FilesPolicy {
    /// Files and directories never walked into; replaces the default list
    /// (`node_modules`, `vendor`, `dist`, `target`). `--exclude` replaces it in turn.
    #[schemars(extend("default" = ["node_modules", "vendor", "dist", "target"]))]
    pub exclude: Option<Vec<String>>,
    /// Files and directories excluded on top of `exclude` (and of `--extend-exclude`).
    pub extend_exclude: Vec<String>,
    /// When not empty, a file found by walking is checked only if it matches one of these
    /// (e.g. `[catalog/**, "**/catalog-info.yaml"]`); files named on the command line and
    /// Location targets are always checked.
    pub include: Vec<String>,
}

/// A rule's level in the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Info,
    Off,
}

impl RuleLevel {
    pub fn severity(self) -> Option<crate::Severity> {
        match self {
            Self::Error => Some(crate::Severity::Error),
            Self::Warning => Some(crate::Severity::Warning),
            Self::Info => Some(crate::Severity::Info),
            Self::Off => None,
        }
    }
}

/// How YAML is read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct YamlPolicy {
    /// Expand merge keys (`<<: *base`), as Backstage's `enableYamlMerge` does. Off by default,
    /// as in Backstage.
    pub merge_keys: bool,
}

/// How references are resolved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ReferencePolicy {
    /// The checked files are the whole catalog: a dangling reference (`CAT101`) and a
    /// duplicate entity (`CAT102`) are errors.
    pub strict: bool,
}

/// Identities: besides `metadata.name`, `namespace/name` and the annotations Backstage's
/// org providers write (`graph.microsoft.com/group-id`, `graph.microsoft.com/user-id`,
/// `backstage.io/ldap-dn`), the annotations whose values name a Group or User in the
/// directory.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct IdentityPolicy {
    /// More annotations that carry a directory identity (e.g. `acme.io/ad-group`).
    pub annotations: Vec<String>,
}

/// Clusters: catalog Resources of type `cluster` or `kubernetes-cluster` declare their API
/// server with `kubernetes.io/api-server` (for Argo CD's destinations); for Rancher, which
/// names clusters by generated ids (`c-m-4kq8z`), an annotation carries that id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ClusterPolicy {
    /// The annotation of a cluster Resource that holds its Rancher cluster id (e.g.
    /// `rancher.acme.example/cluster-id`); unset: Rancher's clusters are not matched.
    pub rancher_id_annotation: Option<String>,
}

/// Rancher: conventions for what Rancher shows people.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct RancherPolicy {
    /// A regular expression every Rancher Project's `spec.displayName` must match as a whole
    /// (e.g. `(cs|ap|ps)-[a-z0-9]+`); unset: display names are not judged. (The generated
    /// `metadata.name`, `p-xxxxx`, never is.)
    pub project_display_name: Option<String>,
}

/// Stages: their names and where an entity's stage comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct StagePolicy {
    /// The stages, in promotion order.
    pub values: Vec<String>,
    /// The label that states an entity's stage (checked first).
    pub label: String,
    /// The part of the namespace convention that names the stage.
    pub part: String,
}

impl Default for StagePolicy {
    fn default() -> Self {
        Self {
            values: vec!["dev".into(), "int".into(), "prd".into()],
            label: "kataster.io/stage".into(),
            part: "stage".into(),
        }
    }
}

impl Policy {
    /// The JSON Schema (draft-07) of the policy file, for editors and the plugin's config.
    pub fn json_schema() -> serde_json::Value {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let schema = generator.into_root_schema_for::<Self>();
        serde_json::to_value(schema).unwrap_or_default()
    }

    /// The policy with the source document's defaults spelled out, as YAML-compatible JSON.
    pub fn defaults_json() -> serde_json::Value {
        serde_json::to_value(Self::default()).unwrap_or_default()
    }
}
