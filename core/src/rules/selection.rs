//! Which rules run and at which severity: ruff-style code prefixes.

use crate::diagnostic::Severity;

use super::{Family, RuleMeta};

/// Rule selection by code prefixes, plus severity overrides.
///
/// When both a select and an ignore prefix match a code, the longer (more specific) one
/// wins; on a tie, ignore wins. Parse and input failures are always reported.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
    severities: Vec<(String, Option<Severity>)>,
}

impl Selection {
    /// Select by prefixes (empty: all rules).
    #[must_use]
    pub fn select<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, prefixes: I) -> Self {
        self.select.extend(
            prefixes
                .into_iter()
                .map(|p| p.as_ref().trim().to_uppercase())
                .filter(|p| !p.is_empty()),
        );
        self
    }

    #[must_use]
    pub fn ignore<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, prefixes: I) -> Self {
        self.ignore.extend(
            prefixes
                .into_iter()
                .map(|p| p.as_ref().trim().to_uppercase())
                .filter(|p| !p.is_empty()),
        );
        self
    }

    /// Override the severity of the rules matching a prefix (`None` turns them off). Later
    /// and more specific overrides win.
    #[must_use]
    pub fn severity(mut self, prefix: &str, severity: Option<Severity>) -> Self {
        self.severities
            .push((prefix.trim().to_uppercase(), severity));
        self
    }

    /// The severity a rule reports at, or `None` when it does not run.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        self.severity_with_default(rule, rule.severity)
    }

    /// The severity of one finding whose own default is `default` (instead of the rule's):
    /// an override of the policy or the command line still wins.
    pub fn severity_with_default(&self, rule: &RuleMeta, default: Severity) -> Option<Severity> {
        if matches!(rule.family, Family::Io | Family::Parse) {
            return Some(default);
        }
        let longest = |prefixes: &[String]| {
            prefixes
                .iter()
                .filter(|prefix| rule.code.starts_with(prefix.as_str()) || prefix.as_str() == "ALL")
                .map(|prefix| if prefix == "ALL" { 0 } else { prefix.len() })
                .max()
        };
        let selected = if self.select.is_empty() {
            Some(0)
        } else {
            longest(&self.select)
        };
        let selected = selected?;
        if longest(&self.ignore).is_some_and(|ignored| ignored >= selected) {
            return None;
        }
        let mut best: Option<(usize, Option<Severity>)> = None;
        for (prefix, severity) in &self.severities {
            if rule.code.starts_with(prefix.as_str())
                && best.is_none_or(|(len, _)| prefix.len() >= len)
            {
                best = Some((prefix.len(), *severity));
            }
        }
        match best {
            Some((_, severity)) => severity,
            None => Some(default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{backstage, parse, references};

    #[test]
    fn prefixes_select_and_ignore() {
        let name = &backstage::invalid_entity_name::RULE;
        let dangling = &references::dangling_reference::RULE;
        let only_cat0 = Selection::default().select(["CAT0"]);
        assert!(only_cat0.severity_of(name).is_some());
        assert!(only_cat0.severity_of(dangling).is_none());
        assert!(only_cat0.severity_of(&parse::syntax::RULE).is_some());
        let ignore = Selection::default().select(["CAT"]).ignore(["CAT0"]);
        assert!(ignore.severity_of(name).is_none());
        let specific = Selection::default().select([name.code]).ignore(["CAT"]);
        assert!(specific.severity_of(name).is_some());
        let raised = Selection::default().severity("CAT101", Some(Severity::Error));
        assert_eq!(raised.severity_of(dangling), Some(Severity::Error));
        let off = Selection::default().severity("CAT1", None);
        assert_eq!(off.severity_of(dangling), None);
    }
}
