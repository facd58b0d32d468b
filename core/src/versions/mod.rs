//! Version transitions: GitFlow tags, merges, commit bumps, stage promotion and Helm charts.
//!
//! Pure functions over plain data (tags with their commits, branch names, commit messages,
//! file texts) that return diagnostics and computed facts; the frontends read git. The rules
//! are `VER0xx` (tags and bumps), `GIT0xx` (branch names and merge edges), `STG0xx` (stage
//! promotion) and `HELM0xx` (charts), configured by [`VersionPolicy`] (the `versions:` section
//! of the policy file).
//!
//! - [`check_transition`]: a merge, a tag or a proposed version (`kataster version check`
//!   and `next`).
//! - [`audit()`]: the released branch's history, every release against its predecessor.
//! - [`check_promotion`]: the versions each stage runs in a GitOps repository.
//! - [`check_charts`]: Chart.yaml against the release and the target branch.
//! - [`check_branch_names`]: branch names (`kataster branch`).

pub mod audit;
pub mod branches;
pub mod bump;
pub mod commits;
pub mod findings;
pub mod helm;
pub mod policy;
pub mod promotion;
pub mod scenario;
pub mod tags;
pub mod transition;

pub use audit::{Audit, AuditOutcome, LineCommit, OffLineTag, TagElsewhere, Verdict, audit};
pub use branches::{Branch, Branches};
pub use bump::Bump;
pub use commits::Commit;
pub use findings::{Findings, is_failure_to_check};
pub use helm::{Chart, ChartContext, check_charts};
pub use policy::{
    BranchPolicy, CommitPolicy, ComponentPolicy, HelmMode, HelmPolicy, PromotionPolicy,
    VersionPolicy,
};
pub use promotion::{Promotion, PromotionOutcome, check_promotion};
pub use tags::{Tag, TagVersion};
pub use transition::{
    Incomplete, Location, Transition, TransitionFacts, TransitionOutcome, check_transition,
};

use crate::rules::Selection;

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
            transition::check_branch(name, &rules, &mut findings)?;
            rules.check(name).ok()
        })
        .collect();
    (findings, branches)
}
