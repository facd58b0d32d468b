//! The `versions:` section of the policy: tag prefixes, branches, merges, commit types,
//! stages and Helm charts. The defaults are the GitFlow of the source document.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The roles of branches, as the policy's `merges` and `patchReleasesFrom` name them.
pub mod roles {
    /// The role of the released branch.
    pub const MAIN: &str = "main";
    /// The role of the integration branch.
    pub const DEV: &str = "dev";
    /// The role of hotfix branches: a patch release of main.
    pub const HOTFIX: &str = "hotfix";
    /// The role of release branches: a minor or major release of main.
    pub const RELEASE: &str = "release";
    /// The role of the policy's other long-lived branches (`branches.longLived`: `gh-pages`,
    /// `support/*`): valid names, outside the workflow's merges.
    pub const LONG_LIVED: &str = "long-lived";
}

/// The size of a release, ordered: `none < patch < minor < major`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    #[default]
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Patch => "patch",
            Self::Minor => "minor",
            Self::Major => "major",
        }
    }

    /// `a minor release`, `no release`.
    pub fn release(self) -> &'static str {
        match self {
            Self::None => "no release",
            Self::Patch => "a patch release",
            Self::Minor => "a minor release",
            Self::Major => "a major release",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How versions move: tags, branches, merges, commits, stage promotion and Helm charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct VersionPolicy {
    /// The prefix of release tags, e.g. `v` (`v1.2.0`), or `""` for none (`1.2.0`). Not set
    /// (the default): the prefix more than half of the repository's version tags carry, else
    /// none. Tags with any other prefix are reported (`VER002`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_prefix: Option<String>,
    /// Monorepos: components versioned on their own, each with its own tag prefix
    /// (`phippy-1.2.0`, `charts/goldie/1.0.0`) and folder. Empty: the repository is one
    /// component tagged with `tagPrefix`.
    pub components: Vec<ComponentPolicy>,
    /// Branch names.
    pub branches: BranchPolicy,
    /// Allowed merges: the role of a source branch (`main`, `dev` or a prefix such as
    /// `feat`) to the roles of the branches it may be merged into.
    pub merges: BTreeMap<String, Vec<String>>,
    /// Roles besides `hotfix` whose merge into `main` may be a patch release: `release`
    /// (patch releases cut from `release/*` branches, as nlohmann/json does) and `dev`.
    /// Empty (the default): a merge of `dev` or `release/*` into `main` is a minor or major
    /// release (`GIT004`).
    pub patch_releases_from: Vec<String>,
    /// Conventional commits and the bump each type requires.
    pub commits: CommitPolicy,
    /// The versions a first release may have (another is a warning, `VER007`).
    pub first_versions: Vec<String>,
    /// Stage promotion in GitOps repositories.
    pub promotion: PromotionPolicy,
    /// Helm charts.
    pub helm: HelmPolicy,
    /// Other files that state the version (package.json, Cargo.toml, pyproject.toml,
    /// galaxy.yml, VERSION): each must equal the release (`VER014`, `VER015`).
    pub files: Vec<VersionFilePolicy>,
}

impl Default for VersionPolicy {
    fn default() -> Self {
        let edges = |from: &str, to: &[&str]| {
            (
                from.to_owned(),
                to.iter().map(|target| (*target).to_owned()).collect(),
            )
        };
        Self {
            tag_prefix: None,
            components: Vec::new(),
            branches: BranchPolicy::default(),
            merges: BTreeMap::from([
                edges("feat", &["dev"]),
                edges("fix", &["dev"]),
                edges("dev", &["main"]),
                edges("hotfix", &["main"]),
                edges("main", &["dev"]),
                edges("release", &["main", "dev"]),
            ]),
            patch_releases_from: Vec::new(),
            commits: CommitPolicy::default(),
            first_versions: vec!["0.1.0".into(), "1.0.0".into()],
            promotion: PromotionPolicy::default(),
            helm: HelmPolicy::default(),
            files: Vec::new(),
        }
    }
}

impl VersionPolicy {
    /// The tag prefixes of the repository: the components' or the one `tagPrefix` (none when
    /// not set; the version checks infer one from the tags).
    pub fn prefixes(&self) -> Vec<&str> {
        if self.components.is_empty() {
            vec![self.tag_prefix.as_deref().unwrap_or_default()]
        } else {
            self.components
                .iter()
                .map(|component| component.tag_prefix.as_str())
                .collect()
        }
    }

    /// The component with this name.
    pub fn component(&self, name: &str) -> Option<&ComponentPolicy> {
        self.components
            .iter()
            .find(|component| component.name == name)
    }

    /// The tag prefix of a component (`None`: the repository's own).
    pub fn prefix_of(&self, component: Option<&str>) -> &str {
        component.and_then(|name| self.component(name)).map_or(
            self.tag_prefix.as_deref().unwrap_or_default(),
            |component| component.tag_prefix.as_str(),
        )
    }
}

impl VersionPolicy {
    /// Values that are well-typed but make no sense, as (JSON pointer below the `versions`
    /// section, message): for the policy loader to report (POL002).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        let branches = &self.branches;
        if let Err(error) = regex::Regex::new(&branches.name_pattern) {
            problems.push((
                "/branches/namePattern".to_owned(),
                format!("not a valid regular expression: {error}"),
            ));
        }
        for (key, name) in [("main", &branches.main), ("dev", &branches.dev)] {
            if name.is_empty() || name.contains(char::is_whitespace) {
                problems.push((
                    format!("/branches/{key}"),
                    format!("invalid branch name \"{name}\""),
                ));
            }
        }
        for (index, prefix) in branches.prefixes.iter().enumerate() {
            if prefix.is_empty() || prefix.contains('/') || prefix == "main" || prefix == "dev" {
                problems.push((
                    format!("/branches/prefixes/{index}"),
                    format!("invalid branch prefix \"{prefix}\" (a word without `/`)"),
                ));
            }
        }
        let role = |role: &str| {
            role == roles::MAIN
                || role == roles::DEV
                || branches.prefixes.iter().any(|prefix| prefix == role)
        };
        for (source, targets) in &self.merges {
            let pointer = format!("/merges/{}", crate::yaml::escape_pointer_token(source));
            if !role(source) {
                problems.push((
                    pointer.clone(),
                    format!("unknown branch role \"{source}\" (main, dev or a prefix)"),
                ));
            }
            for (index, target) in targets.iter().enumerate() {
                if !role(target) {
                    problems.push((
                        format!("{pointer}/{index}"),
                        format!("unknown branch role \"{target}\""),
                    ));
                }
            }
        }
        for (index, name) in self.patch_releases_from.iter().enumerate() {
            if !role(name) || name == roles::MAIN {
                problems.push((
                    format!("/patchReleasesFrom/{index}"),
                    format!("unknown branch role \"{name}\" (dev or a prefix)"),
                ));
            }
        }
        for (index, pattern) in branches.long_lived.iter().enumerate() {
            let clash = pattern == &branches.main || pattern == &branches.dev;
            if let Err(error) = globset::Glob::new(pattern) {
                problems.push((
                    format!("/branches/longLived/{index}"),
                    format!("\"{pattern}\" is not a valid glob: {error}"),
                ));
            } else if pattern.is_empty() || clash {
                problems.push((
                    format!("/branches/longLived/{index}"),
                    format!("\"{pattern}\" is empty or the main or dev branch"),
                ));
            }
        }
        for (index, first) in self.first_versions.iter().enumerate() {
            if let Err(error) = semver::Version::parse(first) {
                problems.push((
                    format!("/firstVersions/{index}"),
                    format!("\"{first}\" is not a SemVer version: {error}"),
                ));
            }
        }
        for (index, file) in self.files.iter().enumerate() {
            if let Err(error) = globset::Glob::new(&file.path) {
                problems.push((
                    format!("/files/{index}/path"),
                    format!("\"{}\" is not a valid glob: {error}", file.path),
                ));
            } else if file.path.is_empty()
                || file.path.starts_with('/')
                || file.path.split('/').any(|part| part == "..")
            {
                problems.push((
                    format!("/files/{index}/path"),
                    format!("\"{}\" is not a path inside the repository", file.path),
                ));
            }
        }
        if self.commits.breaking_at_zero < Bump::Minor {
            problems.push((
                "/commits/breakingAtZero".to_owned(),
                "a breaking change requires at least a minor release: minor or major".to_owned(),
            ));
        }
        for (index, component) in self.components.iter().enumerate() {
            let others = &self.components[..index];
            if component.name.is_empty() || others.iter().any(|other| other.name == component.name)
            {
                problems.push((
                    format!("/components/{index}/name"),
                    format!("component name \"{}\" is empty or repeated", component.name),
                ));
            }
            if others
                .iter()
                .any(|other| other.tag_prefix == component.tag_prefix)
            {
                problems.push((
                    format!("/components/{index}/tagPrefix"),
                    format!(
                        "tag prefix \"{}\" is another component's too",
                        component.tag_prefix
                    ),
                ));
            }
        }
        problems
    }
}

/// A component of a monorepo.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ComponentPolicy {
    /// The component's name, e.g. `phippy`.
    pub name: String,
    /// Its tag prefix, e.g. `phippy-` or `charts/goldie/`.
    pub tag_prefix: String,
    /// Its folder; a change below it is a change of the component.
    pub path: String,
}

/// Branch names: `main`, `dev` and `<prefix>/<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct BranchPolicy {
    /// The released branch, tagged at every merge (role `main`).
    pub main: String,
    /// The integration branch (role `dev`).
    pub dev: String,
    /// The prefixes of short-lived branches, each its own role. `hotfix` and `release` have
    /// their GitFlow meaning: a hotfix is a patch release, a release a minor or major one.
    pub prefixes: Vec<String>,
    /// A regular expression the part after `<prefix>/` must match entirely.
    pub name_pattern: String,
    /// Other branches outside the workflow, as names or globs (`support/*`): valid names
    /// (no `GIT001`) outside the workflow's merges (no `GIT002` for merges from or into them).
    /// Checked before the prefixes, so `support/*` here wins over a `support` prefix. By
    /// default GitHub Pages' `gh-pages` and the update bots' `dependabot/*` and `renovate/*`
    /// (a list given here replaces these).
    pub long_lived: Vec<String>,
}

impl Default for BranchPolicy {
    fn default() -> Self {
        Self {
            main: "main".into(),
            dev: "dev".into(),
            prefixes: vec![
                "feat".into(),
                "fix".into(),
                "hotfix".into(),
                "release".into(),
            ],
            name_pattern: "[a-z0-9][a-z0-9._/-]*".into(),
            long_lived: ["gh-pages", "dependabot/*", "renovate/*"]
                .map(str::to_owned)
                .to_vec(),
        }
    }
}

/// Conventional commits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CommitPolicy {
    /// A commit header that is not conventional is an error rather than a warning (`VER011`).
    pub strict: bool,
    /// Types that require a minor release.
    pub minor: Vec<String>,
    /// Types that require a patch release.
    pub patch: Vec<String>,
    /// Known types that require no release. Any other type is reported (`VER012`).
    pub other: Vec<String>,
    /// What a breaking change requires while the major version is 0: `minor` (the default)
    /// or `major`. 0.x -> 1.0.0 is never inferred, only allowed.
    pub breaking_at_zero: Bump,
}

impl Default for CommitPolicy {
    fn default() -> Self {
        let list = |items: &[&str]| items.iter().map(|item| (*item).to_owned()).collect();
        Self {
            strict: false,
            minor: list(&["feat"]),
            patch: list(&["fix", "perf", "revert"]),
            other: list(&["build", "chore", "ci", "docs", "style", "refactor", "test"]),
            breaking_at_zero: Bump::Minor,
        }
    }
}

/// Stage promotion: which pre-releases each stage accepts, hotfixes, rollbacks. The stages
/// and their order are the policy's `stages` (default `dev`, `int`, `prd`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct PromotionPolicy {
    /// The pre-release labels (the first identifier: `rc` in `1.3.0-rc.2`) each stage
    /// accepts; `*` accepts any. A stage not listed accepts none.
    pub prereleases: BTreeMap<String, Vec<String>>,
    /// The stage a hotfix (a patch of what the stage runs) may enter without the stage
    /// before it; none: hotfixes go through every stage.
    pub hotfix_entry: Option<String>,
    /// The annotation that marks an Argo CD Application's downgrade as a rollback (a warning,
    /// `STG006`, instead of an error, `STG005`). Empty: no downgrade is allowed.
    pub rollback_annotation: String,
    /// Helm parameters (`spec.source.helm.parameters[].name`) and value paths that hold the
    /// version when `targetRevision` is not one.
    pub version_keys: Vec<String>,
}

impl Default for PromotionPolicy {
    fn default() -> Self {
        Self {
            prereleases: BTreeMap::from([
                ("dev".to_owned(), vec!["*".to_owned()]),
                ("int".to_owned(), vec!["rc".to_owned()]),
                ("prd".to_owned(), Vec::new()),
            ]),
            hotfix_entry: Some("int".into()),
            rollback_annotation: "kataster.io/rollback".into(),
            version_keys: vec!["image.tag".into()],
        }
    }
}

/// How chart versions follow releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum HelmMode {
    /// `version` and `appVersion` of Chart.yaml equal the release tag without its prefix.
    #[default]
    Lockstep,
    /// Only `appVersion` follows the release; the chart's `version` moves on its own.
    Independent,
}

/// Helm charts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct HelmPolicy {
    pub mode: HelmMode,
}

/// A file that states the version of the release.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct VersionFilePolicy {
    /// The path relative to the repository root, or a glob (`packages/*/package.json`).
    pub path: String,
    /// The dotted key of the version (`package.version`). Default by file: `version` in
    /// JSON and YAML; `package.version`, else `workspace.package.version` in Cargo.toml;
    /// `project.version`, else `tool.poetry.version` in pyproject.toml; none in a plain text
    /// file (the whole file is the version).
    pub key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_and_unknown_keys_are_rejected() {
        let policy = VersionPolicy::default();
        let json = serde_json::to_value(&policy).unwrap_or_default();
        assert_eq!(json["merges"]["hotfix"], serde_json::json!(["main"]));
        assert_eq!(json["commits"]["breakingAtZero"], "minor");
        let back: VersionPolicy = serde_json::from_value(json).unwrap_or_default();
        assert_eq!(back, policy);
        assert!(serde_json::from_str::<VersionPolicy>(r#"{"tagPrefx": "v"}"#).is_err());
        let partial: VersionPolicy =
            serde_json::from_str(r#"{"tagPrefix": "v", "helm": {"mode": "independent"}}"#)
                .unwrap_or_default();
        assert_eq!(partial.tag_prefix.as_deref(), Some("v"));
        assert_eq!(partial.helm.mode, HelmMode::Independent);
        assert_eq!(partial.branches, BranchPolicy::default());
    }

    #[test]
    fn nonsense_values_are_problems() {
        assert!(VersionPolicy::default().problems().is_empty());
        let policy: VersionPolicy = serde_json::from_value(serde_json::json!({
            "branches": {"namePattern": "[a-z", "prefixes": ["feat", "a/b"], "longLived": ["a[", "main"]},
            "merges": {"feat": ["develop"]},
            "patchReleasesFrom": ["release", "main", "support"],
            "firstVersions": ["1.0"],
            "commits": {"breakingAtZero": "patch"},
            "files": [{"path": "../VERSION"}, {"path": "package.json"}, {"path": "a/[b"}],
            "components": [{"name": "a", "tagPrefix": "x-"}, {"name": "a", "tagPrefix": "x-"}]
        }))
        .unwrap_or_default();
        let pointers: Vec<String> = policy
            .problems()
            .into_iter()
            .map(|(pointer, _)| pointer)
            .collect();
        assert_eq!(
            pointers,
            [
                "/branches/namePattern",
                "/branches/prefixes/1",
                "/merges/feat/0",
                "/patchReleasesFrom/0",
                "/patchReleasesFrom/1",
                "/patchReleasesFrom/2",
                "/branches/longLived/0",
                "/branches/longLived/1",
                "/firstVersions/0",
                "/files/0/path",
                "/files/2/path",
                "/commits/breakingAtZero",
                "/components/1/name",
                "/components/1/tagPrefix"
            ]
        );
    }

    #[test]
    fn the_schema_has_every_section() {
        let schema = schemars::schema_for!(VersionPolicy);
        let json = serde_json::to_value(schema).unwrap_or_default();
        for key in [
            "tagPrefix",
            "components",
            "branches",
            "merges",
            "patchReleasesFrom",
            "commits",
            "firstVersions",
            "promotion",
            "helm",
            "files",
        ] {
            assert!(json["properties"].get(key).is_some(), "{key}");
        }
    }
}
