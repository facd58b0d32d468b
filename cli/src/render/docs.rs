//! A rule's documentation page, as `kataster rule CODE` prints it and docs/rules/ holds it.

use kataster_core::RuleMeta;

/// The Markdown page of a rule.
pub fn rule_page(rule: &RuleMeta) -> String {
    format!(
        "# {code} {name}\n\n{summary}.\n\nFamily: {family}. Default severity: {severity}. Since: {since}.\n\n{docs}",
        code = rule.code,
        name = rule.name,
        summary = rule.summary,
        family = rule.family.title(),
        severity = rule.severity,
        since = rule.since,
        docs = rule.docs,
    )
}
