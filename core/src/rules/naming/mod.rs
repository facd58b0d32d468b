//! `NS0xx`: Kubernetes namespace names, wherever they appear, against the policy's
//! convention (default `{apptype}-{appid}[-{instance}]-{stage}`).

pub mod inconsistent_app_namespaces;
pub mod invalid_namespace_name;
pub mod namespace_collision;
pub mod namespace_convention;
pub mod unchecked_namespace;

use crate::diagnostic::{Edit, Fix};
use crate::naming::sources::NamespaceUse;
use crate::naming::{Convention, NameFinding, NameProblem, NameReport, Parts};
use crate::rules::references::Catalog;
use crate::rules::{Emitter, RuleMeta};

/// A name checked on its own (`kataster namespace`, the WebAssembly `checkNamespace`): the
/// domain parses it, the rule codes come from here.
impl Convention {
    /// Check one name and say what its parts are or what is wrong.
    pub fn check_name(&self, name: &str) -> NameReport {
        match self.parse(name) {
            Ok(parts) => NameReport {
                name: name.to_owned(),
                valid: true,
                parts,
                problems: Vec::new(),
            },
            Err(problem) => {
                let rule = if matches!(problem, NameProblem::NotDnsLabel { .. }) {
                    &invalid_namespace_name::RULE
                } else {
                    &namespace_convention::RULE
                };
                NameReport {
                    name: name.to_owned(),
                    valid: false,
                    parts: Parts::new(),
                    problems: vec![NameFinding {
                        code: rule.code,
                        name: rule.name,
                        message: format!("\"{name}\" {}", problem.describe(self.template())),
                        suggestion: problem.suggestion().map(str::to_owned),
                    }],
                }
            }
        }
    }
}

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
    // Only where the node is the name itself (the fix is dropped otherwise, when placed).
    let fix = match problem {
        NameProblem::WrongShape { .. } => None,
        _ => problem.suggestion().map(|name| {
            let edit = Edit::scalar(usage.node.span.clone(), usage.name, name);
            Fix::unsafe_(format!("rename to `{name}`"), vec![edit])
        }),
    };
    Catalog::report_fix(
        out,
        rule,
        &usage.entity,
        usage.node,
        &usage.pointer,
        (
            format!(
                "{} \"{}\" {}",
                usage.origin.describe(),
                usage.name,
                problem.describe(template)
            ),
            help,
        ),
        fix,
    );
}
