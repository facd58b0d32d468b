//! Version findings: the version facts of [`crate::versions`] checked against the policy's
//! `versions:` section. The rules are `VER0xx` (tags and bumps), `GIT0xx` (branch names and
//! merge edges), `STG0xx` (stage promotion) and `HELM0xx` (charts).
//!
//! - [`check_transition`]: a merge, a tag or a proposed version (`kataster version check`
//!   and `next`).
//! - [`audit()`]: the released branch's history, every release against its predecessor.
//! - [`check_promotion`]: the versions each stage runs in a GitOps repository.
//! - [`check_charts`]: Chart.yaml against the release and the target branch.
//! - [`check_version_files`]: the policy's other version files against the release.
//! - [`check_branch_names`]: branch names (`kataster branch`).

pub mod audit;
mod bumps;
pub mod charts;
mod edges;
pub mod files;
pub mod findings;
pub mod promote;
pub mod scenario;
mod tags;
pub mod transition;

pub use audit::{AuditOutcome, TagElsewhere, Verdict, audit};
pub use charts::check_charts;
pub use files::check_version_files;
pub use findings::{Findings, is_failure_to_check};
pub use promote::{PromotionOutcome, check_promotion};
pub use transition::{TransitionOutcome, check_transition};

use crate::diagnostic::Severity;
use crate::policy::VersionPolicy;
use crate::rules::Selection;
use crate::rules::versions::non_conventional_commit;
use crate::versions::{Branch, Branches};

/// The selection with the policy's say in it: `commits.strict` makes `VER011` an error.
pub fn policy_selection(policy: &VersionPolicy, selection: &Selection) -> Selection {
    if policy.commits.strict {
        selection
            .clone()
            .severity(non_conventional_commit::RULE.code, Some(Severity::Error))
    } else {
        selection.clone()
    }
}

/// Check branch names (GIT001): each name's role, or `None` where it is invalid.
pub fn check_branch_names(
    names: &[String],
    policy: &VersionPolicy,
    selection: &Selection,
) -> (Findings, Vec<Option<Branch>>) {
    let rules = Branches::new(&policy.branches);
    let mut findings = Findings::new(selection);
    let branches = names
        .iter()
        .map(|name| {
            edges::check_branch(name, &rules, &mut findings)?;
            rules.check(name).ok()
        })
        .collect();
    (findings, branches)
}
