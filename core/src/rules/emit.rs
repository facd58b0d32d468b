//! Collecting findings into diagnostics, honouring the selection.

use std::fmt::Write as _;
use std::ops::Range;

pub use crate::diagnostic::Finding;
use crate::diagnostic::{Diagnostic, Fix};
use crate::redact::redacted;
use crate::yaml::Node;

use super::{RuleMeta, Selection};

/// Collects diagnostics for the selected rules.
#[derive(Debug)]
pub(crate) struct Emitter<'a> {
    selection: &'a Selection,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Emitter<'a> {
    pub(crate) fn new(selection: &'a Selection) -> Self {
        Self {
            selection,
            diagnostics: Vec::new(),
        }
    }

    pub(crate) fn enabled(&self, rule: &RuleMeta) -> bool {
        self.selection.severity_of(rule).is_some()
    }

    pub(crate) fn emit(
        &mut self,
        rule: &'static RuleMeta,
        file: usize,
        document: Option<usize>,
        finding: Finding,
    ) {
        self.emit_with_default(rule, rule.severity, file, document, finding);
    }

    /// Emit a finding whose default severity is `default` rather than the rule's (the
    /// policy's and the command line's overrides still win).
    pub(crate) fn emit_with_default(
        &mut self,
        rule: &'static RuleMeta,
        default: crate::diagnostic::Severity,
        file: usize,
        document: Option<usize>,
        finding: Finding,
    ) {
        if let Some(severity) = self.selection.severity_with_default(rule, default) {
            self.diagnostics.push(Diagnostic {
                code: rule.code,
                name: rule.name,
                severity,
                message: redacted(elide_long_values(finding.message)),
                file,
                document,
                span: finding.span,
                pointer: finding.pointer,
                help: finding.help.map(elide_long_values).map(redacted),
                fix: finding.fix.map(|fix| *fix),
            });
        }
    }

    /// A reporter for one entity document.
    pub(crate) fn entity(&mut self, file: usize, document: usize) -> EntityOut<'_, 'a> {
        EntityOut {
            emitter: self,
            file,
            document,
        }
    }
}

/// Reports findings about one document.
#[derive(Debug)]
pub struct EntityOut<'e, 'a> {
    emitter: &'e mut Emitter<'a>,
    file: usize,
    document: usize,
}

impl EntityOut<'_, '_> {
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.emitter.enabled(rule)
    }

    /// Report a finding at a node.
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        node: &Node,
        pointer: &str,
        message: String,
        help: Option<String>,
    ) {
        self.report_span(rule, node.span.clone(), pointer, message, help);
    }

    pub fn report_span(
        &mut self,
        rule: &'static RuleMeta,
        span: Range<usize>,
        pointer: &str,
        message: String,
        help: Option<String>,
    ) {
        self.report_fix(rule, span, pointer, message, help, None);
    }

    /// Report a finding with the change that fixes it.
    pub fn report_fix(
        &mut self,
        rule: &'static RuleMeta,
        span: Range<usize>,
        pointer: &str,
        message: String,
        help: Option<String>,
        fix: Option<Fix>,
    ) {
        self.emitter.emit(
            rule,
            self.file,
            Some(self.document),
            Finding {
                span,
                pointer: pointer.to_owned(),
                message,
                help,
                fix: fix.map(Box::new),
            },
        );
    }
}

/// Quoted values and unbroken runs of characters longer than this are shortened in messages.
const LONGEST_VALUE: usize = 200;
/// How much of a shortened value is shown.
const SHOWN: usize = 100;

/// A message with every quoted value (`"..."`) and every unbroken run of characters longer
/// than [`LONGEST_VALUE`] characters shortened to its start, `…` and its length: a 1 MB
/// description or a 100 KB key is named, not repeated.
pub(crate) fn elide_long_values(text: String) -> String {
    if text.len() <= LONGEST_VALUE {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(LONGEST_VALUE * 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (start, end) = if c == '"' {
            // A quoted value: up to the closing quote (or the end).
            let close = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .map_or(chars.len(), |at| i + 1 + at);
            (i + 1, close)
        } else if !c.is_whitespace() {
            let stop = chars[i..]
                .iter()
                .position(|c| c.is_whitespace() || *c == '"')
                .map_or(chars.len(), |at| i + at);
            (i, stop)
        } else {
            out.push(c);
            i += 1;
            continue;
        };
        if c == '"' {
            out.push('"');
        }
        let length = end - start;
        if length > LONGEST_VALUE {
            out.extend(&chars[start..start + SHOWN]);
            let _ = write!(out, "… ({length} characters)");
        } else {
            out.extend(&chars[start..end]);
        }
        i = end;
        if c == '"' && i < chars.len() {
            out.push('"');
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_shortened() {
        let key = "k".repeat(1000);
        let message = format!("invalid annotation key \"{key}\": too long");
        let shown = elide_long_values(message);
        assert_eq!(
            shown,
            format!(
                "invalid annotation key \"{}… (1000 characters)\": too long",
                "k".repeat(100)
            )
        );
        let words = format!("a {} b \"short\" é", "é".repeat(300));
        assert_eq!(
            elide_long_values(words),
            format!("a {}… (300 characters) b \"short\" é", "é".repeat(100))
        );
        let spaced = format!("\"{}\" x", "ab ".repeat(100));
        assert!(elide_long_values(spaced).starts_with(&format!("\"{}", "ab ".repeat(33))));
        let short = "x".repeat(250);
        assert_eq!(
            elide_long_values(short.clone()).len(),
            100 + "… (250 characters)".len()
        );
        let plain = "a normal message".repeat(20);
        assert_eq!(elide_long_values(plain.clone()), plain);
    }
}
