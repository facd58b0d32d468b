//! The rule registry: every rule's permanent code, name, family, default severity and docs.
//!
//! One file per rule, grouped by family. Codes are never reused; a removed rule keeps its
//! code in the table with its status.

pub mod argocd;
pub mod backstage;
mod emit;
pub mod git;
pub mod helm;
pub mod model;
pub mod naming;
pub mod parse;
pub mod policy;
pub mod rancher;
pub mod references;
mod selection;
pub mod stages;
pub mod suppressions;
pub mod versions;

pub(crate) use emit::Emitter;
pub use emit::{EntityOut, Finding};
pub use selection::Selection;

pub use crate::diagnostic::{Family, RuleMeta, Status};

use crate::naming::Convention;
use crate::policy::Policy;

/// What rules know besides the documents: the policy and what was compiled from it.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub policy: &'a Policy,
    /// The namespace convention, when the policy's compiles.
    pub convention: Option<&'a Convention>,
    /// The policy's custom schemas, compiled.
    pub schemas: &'a [crate::policy::CompiledSchema],
}

impl Context<'_> {
    /// The schema Backstage validates the entity's `spec` with: a built-in kind, or a kind or
    /// spec type of a catalog model module the policy installs.
    pub fn kind_schema(
        &self,
        entity: &crate::catalog::Entity<'_>,
    ) -> Option<&'static crate::catalog::kinds::KindSchema> {
        let (api_version, kind) = (entity.api_version()?, entity.kind()?);
        let spec_type = entity
            .spec()
            .and_then(|spec| spec.get("type"))
            .and_then(crate::yaml::Node::as_str);
        crate::catalog::modules::kind_schema(api_version, kind, spec_type, &self.policy.modules)
    }
}

/// Every rule, in code order.
pub static RULES: &[&RuleMeta] = &[
    &parse::unreadable_file::RULE,
    &parse::invalid_encoding::RULE,
    &parse::binary_file::RULE,
    &parse::outside_root::RULE,
    &parse::syntax::RULE,
    &parse::duplicate_key::RULE,
    &parse::not_a_mapping::RULE,
    &parse::nesting_too_deep::RULE,
    &parse::alias_limit::RULE,
    &parse::unread_document::RULE,
    &backstage::invalid_envelope::RULE,
    &backstage::invalid_metadata_field::RULE,
    &backstage::foreign_root_field::RULE,
    &backstage::invalid_api_version::RULE,
    &backstage::invalid_kind_format::RULE,
    &backstage::invalid_entity_name::RULE,
    &backstage::invalid_namespace::RULE,
    &backstage::invalid_label::RULE,
    &backstage::invalid_annotation::RULE,
    &backstage::invalid_tag::RULE,
    &backstage::invalid_link::RULE,
    &backstage::unknown_kind::RULE,
    &backstage::missing_spec_field::RULE,
    &backstage::invalid_spec_field::RULE,
    &backstage::invalid_entity_ref::RULE,
    &backstage::case_conflicting_keys::RULE,
    &references::dangling_reference::RULE,
    &references::duplicate_entity::RULE,
    &references::wrong_target_kind::RULE,
    &references::parent_cycle::RULE,
    &references::misspelt_reference_kind::RULE,
    &references::placeholder_target_missing::RULE,
    &references::unresolvable_reference_name::RULE,
    &references::location_target_missing::RULE,
    &references::target_outside_root::RULE,
    &references::data_placeholder_for_string::RULE,
    &naming::invalid_namespace_name::RULE,
    &naming::namespace_convention::RULE,
    &naming::namespace_collision::RULE,
    &naming::inconsistent_app_namespaces::RULE,
    &naming::unchecked_namespace::RULE,
    &model::disallowed_type::RULE,
    &model::disallowed_lifecycle::RULE,
    &model::missing_required_metadata::RULE,
    &model::owner_kind::RULE,
    &model::stage_isolation::RULE,
    &model::contributor_not_allowed::RULE,
    &model::custom_schema::RULE,
    &policy::policy_schema_error::RULE,
    &policy::invalid_policy_value::RULE,
    &versions::invalid_version_tag::RULE,
    &versions::mixed_tag_prefix::RULE,
    &versions::build_metadata_in_tag::RULE,
    &versions::duplicate_version::RULE,
    &versions::version_not_increasing::RULE,
    &versions::skipped_version::RULE,
    &versions::unusual_first_version::RULE,
    &versions::insufficient_bump::RULE,
    &versions::nothing_to_release::RULE,
    &versions::major_without_breaking_change::RULE,
    &versions::non_conventional_commit::RULE,
    &versions::unknown_commit_type::RULE,
    &versions::unseparated_breaking_footer::RULE,
    &versions::version_file_mismatch::RULE,
    &versions::invalid_version_file::RULE,
    &git::invalid_branch_name::RULE,
    &git::forbidden_merge::RULE,
    &git::misplaced_tag::RULE,
    &git::release_not_minor::RULE,
    &git::hotfix_not_patch::RULE,
    &git::feature_in_hotfix::RULE,
    &git::incomplete_history::RULE,
    &git::untagged_merge::RULE,
    &stages::skipped_stage::RULE,
    &stages::prerelease_in_stage::RULE,
    &stages::untested_version::RULE,
    &stages::unreleased_version::RULE,
    &stages::stage_downgrade::RULE,
    &stages::stage_rollback::RULE,
    &helm::chart_version_mismatch::RULE,
    &helm::unquoted_app_version::RULE,
    &helm::chart_version_not_bumped::RULE,
    &helm::invalid_chart_version::RULE,
    &suppressions::unused_suppression::RULE,
    &argocd::unknown_app_project::RULE,
    &argocd::source_not_permitted::RULE,
    &argocd::destination_not_permitted::RULE,
    &argocd::unknown_project_group::RULE,
    &argocd::cross_stage_destination::RULE,
    &argocd::undeclared_cluster::RULE,
    &argocd::undeployed_component::RULE,
    &argocd::uncatalogued_namespace::RULE,
    &argocd::malformed_resource::RULE,
    &argocd::unknown_rbac_subject::RULE,
    &rancher::unknown_binding_principal::RULE,
    &rancher::invalid_principal::RULE,
    &rancher::unknown_rancher_project::RULE,
    &rancher::cross_stage_namespace::RULE,
    &rancher::undeclared_rancher_cluster::RULE,
    &rancher::project_display_name::RULE,
];

/// A check of one entity document.
pub(crate) type EntityCheck = fn(&crate::catalog::Entity<'_>, &Context<'_>, &mut EntityOut<'_, '_>);

/// Every per-entity check: Backstage's, in its order, then the organisation model's, then the
/// placeholders' (`CAT110`).
pub(crate) static ENTITY_CHECKS: &[EntityCheck] = &[
    backstage::invalid_envelope::check,
    backstage::invalid_metadata_field::check,
    backstage::foreign_root_field::check,
    backstage::invalid_api_version::check,
    backstage::invalid_kind_format::check,
    backstage::invalid_entity_name::check,
    backstage::invalid_namespace::check,
    backstage::invalid_label::check,
    backstage::invalid_annotation::check,
    backstage::invalid_tag::check,
    backstage::invalid_link::check,
    backstage::unknown_kind::check,
    backstage::missing_spec_field::check,
    backstage::invalid_spec_field::check,
    backstage::invalid_entity_ref::check,
    backstage::case_conflicting_keys::check,
    model::disallowed_type::check,
    model::disallowed_lifecycle::check,
    model::missing_required_metadata::check,
    model::owner_kind::check,
    model::contributor_not_allowed::check,
    model::custom_schema::check,
    // Beyond Backstage: what a placeholder's file will do where it stands.
    references::data_placeholder_for_string::check,
];

/// The index page of docs/rules/: every rule by family.
pub fn index_page() -> String {
    use std::fmt::Write as _;
    let mut page = String::from(
        "# Rules\n\nGenerated from the rule registry (`cargo test --test docs` checks it is current;\n`KATASTER_BLESS=1` regenerates it). Codes are permanent.\n",
    );
    let mut family = None;
    for rule in RULES {
        if family != Some(rule.family) {
            family = Some(rule.family);
            let _ = write!(
                page,
                "\n## {}\n\n| code | name | severity | what it reports |\n|---|---|---|---|\n",
                rule.family.title()
            );
        }
        let _ = writeln!(
            page,
            "| [{code}]({code}.md) | `{name}` | {severity} | {summary} |",
            code = rule.code,
            name = rule.name,
            severity = rule.severity,
            summary = rule.summary
        );
    }
    page
}

/// The rule with this code (case-insensitive).
pub fn rule(code: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_sorted() {
        for pair in RULES.windows(2) {
            assert!(
                pair[0].code < pair[1].code || pair[0].family != pair[1].family,
                "{}",
                pair[1].code
            );
        }
        let mut names: Vec<_> = RULES.iter().map(|rule| rule.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn every_rule_has_complete_docs() {
        for rule in RULES {
            for heading in ["## What it does", "## Why is this bad?"] {
                assert!(rule.docs.contains(heading), "{} lacks {heading}", rule.code);
            }
            if !matches!(rule.family, Family::Io) {
                for heading in ["## Example", "## Use instead"] {
                    assert!(rule.docs.contains(heading), "{} lacks {heading}", rule.code);
                }
            }
        }
    }
}
