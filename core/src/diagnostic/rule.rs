//! A rule's metadata: its permanent code, name, family, default severity and documentation.
//! The rules themselves (one file each) and their registry live in `crate::rules`; the type is
//! here, below everything, because parsing and the policy report problems with rule codes too.

use serde::Serialize;

use super::Severity;

/// A group of rules sharing a code prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// `IO0xx`: files that could not be read. Not findings: the file could not be checked.
    Io,
    /// `YAML0xx`: documents that could not be parsed. Always reported.
    Parse,
    /// `CAT0xx`: exactly what a Backstage backend rejects at ingestion.
    Backstage,
    /// `CAT1xx`: references and identities across all checked files.
    References,
    /// `NS0xx`: namespace names against the naming convention.
    Naming,
    /// `ORG0xx`: the organisation's inventory model from the policy.
    Model,
    /// `POL0xx`: the policy file. A policy that cannot be read cannot be applied (exit code 2).
    Policy,
    /// `VER0xx`: release tags and version bumps.
    Versions,
    /// `GIT0xx`: branch names, merge edges and where versions are tagged.
    Git,
    /// `STG0xx`: stage promotion in GitOps repositories.
    Stages,
    /// `HELM0xx`: Helm charts following the release.
    Helm,
    /// `KAT0xx`: kataster's suppression comments.
    Suppressions,
    /// `ARGO0xx`: Argo CD's Applications against their AppProjects.
    ArgoCd,
    /// `RAN0xx`: Rancher's bindings against the catalog and its Projects.
    Rancher,
}

impl Family {
    pub fn title(self) -> &'static str {
        match self {
            Self::Io => "Input (IO0xx)",
            Self::Parse => "YAML parsing (YAML0xx)",
            Self::Backstage => "Backstage parity (CAT0xx)",
            Self::References => "References across files (CAT1xx)",
            Self::Naming => "Naming conventions (NS0xx)",
            Self::Model => "Organisation model (ORG0xx)",
            Self::Policy => "Policy file (POL0xx)",
            Self::Versions => "Versions and bumps (VER0xx)",
            Self::Git => "Branches and merges (GIT0xx)",
            Self::Stages => "Stage promotion (STG0xx)",
            Self::Helm => "Helm charts (HELM0xx)",
            Self::Suppressions => "Suppressions (KAT0xx)",
            Self::ArgoCd => "Argo CD (ARGO0xx)",
            Self::Rancher => "Rancher (RAN0xx)",
        }
    }

    /// Whether a finding of this family means the input could not be checked (exit code 2).
    pub fn is_failure_to_check(self) -> bool {
        matches!(self, Self::Io | Self::Parse | Self::Policy)
    }
}

/// Whether a rule is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Stable,
    Preview,
    Removed,
}

/// The heading of a fixable rule's docs that says how safe its fix is.
const FIX_SAFETY: &str = "## Fix safety\n";

/// A rule's metadata and documentation.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub status: Status,
    /// The kataster version the rule arrived in.
    pub since: &'static str,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Markdown with the sections What it does, Why is this bad?, Example, Use instead and,
    /// for a rule whose findings carry fixes, Fix safety (safe or unsafe, and why).
    pub docs: &'static str,
}

impl RuleMeta {
    /// The rule's documentation page.
    pub fn url(&self) -> String {
        format!(
            "{}/blob/main/docs/rules/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.code
        )
    }

    /// Whether the rule's findings can carry a fix (its docs have a `## Fix safety` section).
    pub fn fixable(&self) -> bool {
        self.docs.contains(FIX_SAFETY)
    }

    /// The rule's Markdown page, as `kataster rule CODE` prints it and docs/rules/ holds it.
    /// A rule without a fix says so under `## Fix safety`.
    pub fn page(&self) -> String {
        let no_fix = if self.fixable() {
            ""
        } else {
            "\n## Fix safety\nThis rule has no fix: what to change needs a person's decision.\n"
        };
        format!(
            "# {code} {name}\n\n{summary}.\n\nFamily: {family}. Default severity: {severity}. Since: {since}.\n\n{docs}{no_fix}",
            code = self.code,
            name = self.name,
            summary = self.summary,
            family = self.family.title(),
            severity = self.severity,
            since = self.since,
            docs = self.docs,
        )
    }
}
