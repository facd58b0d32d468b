//! Version facts: GitFlow tags, branch roles, conventional commits, bumps, Helm charts, version
//! files and the versions each stage runs.
//!
//! Pure functions over plain data (tags with their commits, branch names, commit messages,
//! file texts) that compute facts; the frontends read git. Turning the facts into findings is
//! the check pipeline's (`kataster_core::check::versions`). The policy is
//! [`VersionPolicy`](crate::policy::VersionPolicy) (the `versions:` section of the policy
//! file).

pub mod branches;
pub mod bump;
pub mod charts;
pub mod commits;
pub mod files;
pub mod history;
pub mod prefix;
pub mod promotion;
pub mod tags;
pub mod transition;

pub use branches::{Branch, Branches};
pub use bump::Bump;
pub use charts::{Chart, ChartContext};
pub use commits::Commit;
pub use files::VersionFile;
pub use history::{Audit, LineCommit, OffLineTag};
pub use prefix::TagPrefix;
pub use promotion::Promotion;
pub use tags::{Tag, TagVersion};
pub use transition::{Incomplete, Location, Transition, TransitionFacts};
