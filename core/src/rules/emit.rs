//! Collecting findings into diagnostics, honouring the selection.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::yaml::Node;

use super::{RuleMeta, Selection};

/// What a rule found, before it is placed in a file.
#[derive(Debug, Clone)]
pub struct Finding {
    pub span: Range<usize>,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
}

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
        if let Some(severity) = self.selection.severity_of(rule) {
            self.diagnostics.push(Diagnostic {
                code: rule.code,
                name: rule.name,
                severity,
                message: finding.message,
                file,
                document,
                span: finding.span,
                pointer: finding.pointer,
                help: finding.help,
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
        self.emitter.emit(
            rule,
            self.file,
            Some(self.document),
            Finding {
                span,
                pointer: pointer.to_owned(),
                message,
                help,
            },
        );
    }
}
