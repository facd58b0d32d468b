//! `NS0xx`: Kubernetes namespace names, wherever they appear, against the policy's
//! convention (default `{apptype}-{appid}[-{instance}]-{stage}`).

pub mod inconsistent_app_namespaces;
pub mod invalid_namespace_name;
pub mod namespace_collision;
pub mod namespace_convention;
pub mod unchecked_namespace;

use crate::naming::NameProblem;
use crate::naming::sources::NamespaceUse;
use crate::rules::references::Catalog;
use crate::rules::{Emitter, RuleMeta};

/// Report a problem with one namespace name.
pub(crate) fn report(
    out: &mut Emitter<'_>,
    rule: &'static RuleMeta,
    usage: &NamespaceUse<'_>,
    problem: &NameProblem,
    template: &str,
) {
    let help = match problem {
        NameProblem::WrongShape { .. } => Some(format!(
            "if \"{}\" is a platform namespace outside the convention, add it to `naming.namespace.extendExempt` in kataster.yaml",
            usage.name
        )),
        _ => problem.suggestion().map(|name| format!("use `{name}`")),
    };
    Catalog::report(
        out,
        rule,
        &usage.entity,
        usage.node,
        &usage.pointer,
        format!(
            "{} \"{}\" {}",
            usage.origin.describe(),
            usage.name,
            problem.describe(template)
        ),
        help,
    );
}
