//! Naming conventions: a template of named parts such as
//! `{apptype}-{appid}[-{instance}]-{stage}`, compiled to linear-time regular expressions.

mod problem;
pub mod sources;
mod template;

pub use problem::{NameFinding, NameProblem, NameReport};
use problem::{closest, dns_problem};
use template::{
    Segment, count_parts, escape, is_identifier, parse_template, part_names, render_segments,
};

use std::collections::BTreeMap;

use std::fmt::Write as _;

use regex::Regex;

use crate::policy::{NamespaceConvention, PartSpec};

/// The parts of a name, by part name.
pub type Parts = BTreeMap<String, String>;

/// A part's compiled rule.
#[derive(Debug, Clone)]
struct Part {
    spec: PartSpec,
    whole: Regex,
    fragment: String,
    may_contain_dash: bool,
}

/// A compiled naming convention.
#[derive(Debug, Clone)]
pub struct Convention {
    template: String,
    segments: Vec<Segment>,
    parts: BTreeMap<String, Part>,
    strict: Regex,
    relaxed: Regex,
    legacy: Vec<(String, Regex)>,
    app_part: String,
    varying_parts: Vec<String>,
}

/// A convention that cannot be compiled; `field` is the policy field under
/// `naming.namespace` that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConventionError {
    pub field: String,
    pub message: String,
}

impl Convention {
    pub fn new(spec: &NamespaceConvention) -> Result<Self, ConventionError> {
        let error = |field: &str, message: String| ConventionError {
            field: field.to_owned(),
            message,
        };
        let segments =
            parse_template(&spec.template).map_err(|message| error("template", message))?;
        let mut parts = BTreeMap::new();
        for (name, part) in &spec.parts {
            if !is_identifier(name) {
                return Err(error(
                    "parts",
                    format!("part name \"{name}\" must be letters, digits and `_`"),
                ));
            }
            let fragment = if part.values.is_empty() {
                part.pattern
                    .clone()
                    .unwrap_or_else(|| "[a-z0-9]+".to_owned())
            } else {
                part.values
                    .iter()
                    .map(|value| escape(value))
                    .collect::<Vec<_>>()
                    .join("|")
            };
            let whole = Regex::new(&format!("^(?:{fragment})$")).map_err(|e| {
                error(
                    &format!("parts/{name}/pattern"),
                    format!("invalid pattern for part {name}: {e}"),
                )
            })?;
            let may_contain_dash = ["-", "a-b", "a-", "-a", "0-0", "a-b-c"]
                .iter()
                .any(|probe| whole.is_match(probe));
            parts.insert(
                name.clone(),
                Part {
                    spec: part.clone(),
                    whole,
                    fragment,
                    may_contain_dash,
                },
            );
        }
        let used = part_names(&segments);
        for name in &used {
            if !parts.contains_key(name) {
                return Err(error(
                    "template",
                    format!("the template uses part {{{name}}}, which `parts` does not define"),
                ));
            }
        }
        if !used.contains(&spec.app_part) {
            return Err(error(
                "appPart",
                format!(
                    "\"{}\" is not a part of the template {}",
                    spec.app_part, spec.template
                ),
            ));
        }
        let strict =
            compile(&segments, &parts, false).map_err(|message| error("template", message))?;
        let relaxed =
            compile(&segments, &parts, true).map_err(|message| error("template", message))?;
        let mut legacy = Vec::new();
        for (index, template) in spec.legacy_templates.iter().enumerate() {
            let segments = parse_template(template)
                .map_err(|message| error(&format!("legacyTemplates/{index}"), message))?;
            let regex = compile(&segments, &parts, false)
                .map_err(|message| error(&format!("legacyTemplates/{index}"), message))?;
            legacy.push((template.clone(), regex));
        }
        Ok(Self {
            template: spec.template.clone(),
            segments,
            parts,
            strict,
            relaxed,
            legacy,
            app_part: spec.app_part.clone(),
            varying_parts: spec.varying_parts.clone(),
        })
    }

    pub fn template(&self) -> &str {
        &self.template
    }

    /// The convention as one regular expression without named groups, for JSON Schema's
    /// `pattern` (ECMA-262 syntax).
    pub fn pattern(&self) -> String {
        let named = Regex::new(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")
            .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()));
        named.replace_all(self.strict.as_str(), "(?:").into_owned()
    }

    /// The part that identifies an app.
    pub fn app_part(&self) -> &str {
        &self.app_part
    }

    /// Parts that may differ between the namespaces of one app.
    pub fn varying_parts(&self) -> &[String] {
        &self.varying_parts
    }

    /// The parts of a conventional name, or why it is not one.
    pub fn parse(&self, name: &str) -> Result<Parts, NameProblem> {
        if let Some(problem) = dns_problem(name) {
            return Err(match problem {
                // The valid name suggested is a conventional one, or what the convention
                // suggests for it (found by fuzzing: `Ys-shop-prd` suggested `ys-shop-prd`).
                NameProblem::NotDnsLabel {
                    reason,
                    suggestion: Some(lower),
                } => NameProblem::NotDnsLabel {
                    reason,
                    suggestion: match self.parse(&lower) {
                        Ok(_) => Some(lower),
                        Err(problem) => problem.suggestion().map(str::to_owned),
                    },
                },
                problem => problem,
            });
        }
        if let Some(parts) = captures(&self.strict, name) {
            return Ok(parts);
        }
        for (template, regex) in &self.legacy {
            if let Some(parts) = captures(regex, name) {
                return Err(NameProblem::Legacy {
                    template: template.clone(),
                    conventional: self.render(&parts),
                });
            }
        }
        if let Some(parts) = captures(&self.relaxed, name) {
            for (part_name, value) in &parts {
                let part = &self.parts[part_name];
                if !part.whole.is_match(value) {
                    let suggestion = closest(&part.spec.values, value).and_then(|better| {
                        let mut fixed = parts.clone();
                        fixed.insert(part_name.clone(), better);
                        self.render(&fixed)
                    });
                    return Err(NameProblem::WrongPart {
                        part: part_name.clone(),
                        value: value.clone(),
                        expected: expectation(part),
                        suggestion,
                    });
                }
            }
        }
        let (min, max) = count_parts(&self.segments);
        let found = name.split('-').count();
        let expected = if min == max {
            format!("{min}")
        } else {
            format!("{min} to {max}")
        };
        Err(NameProblem::WrongShape { found, expected })
    }

    /// The name for some parts; `None` when a required part is missing or invalid.
    pub fn render(&self, parts: &Parts) -> Option<String> {
        let name = render_segments(&self.segments, parts)?;
        // A part's allowed value may not be a DNS label (found by fuzzing: `cspe:cs`).
        if dns_problem(&name).is_some() {
            return None;
        }
        captures(&self.strict, &name).map(|_| name)
    }
}

fn compile(
    segments: &[Segment],
    parts: &BTreeMap<String, Part>,
    relaxed: bool,
) -> Result<Regex, String> {
    fn build(
        segments: &[Segment],
        parts: &BTreeMap<String, Part>,
        relaxed: bool,
        seen: &mut Vec<String>,
        out: &mut String,
    ) -> Result<(), String> {
        for segment in segments {
            match segment {
                Segment::Literal(text) => out.push_str(&escape(text)),
                Segment::Part(name) => {
                    if seen.contains(name) {
                        return Err(format!("part {{{name}}} appears twice"));
                    }
                    seen.push(name.clone());
                    let part = parts
                        .get(name)
                        .ok_or_else(|| format!("unknown part {{{name}}}"))?;
                    let fragment = match (relaxed, part.may_contain_dash) {
                        (false, _) => format!("(?:{})", part.fragment),
                        (true, false) => "[^-]+".to_owned(),
                        (true, true) => ".+?".to_owned(),
                    };
                    let _ = write!(out, "(?P<{name}>{fragment})");
                }
                Segment::Optional(inner) => {
                    out.push_str("(?:");
                    build(inner, parts, relaxed, seen, out)?;
                    out.push_str(")?");
                }
            }
        }
        Ok(())
    }
    let mut pattern = String::from("^");
    build(segments, parts, relaxed, &mut Vec::new(), &mut pattern)?;
    pattern.push('$');
    Regex::new(&pattern).map_err(|error| error.to_string())
}

fn captures(regex: &Regex, name: &str) -> Option<Parts> {
    let found = regex.captures(name)?;
    Some(
        regex
            .capture_names()
            .flatten()
            .filter_map(|part| Some((part.to_owned(), found.name(part)?.as_str().to_owned())))
            .collect(),
    )
}

fn expectation(part: &Part) -> String {
    if part.spec.values.is_empty() {
        format!("a match of `{}`", part.fragment)
    } else {
        format!("one of {}", part.spec.values.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convention() -> Convention {
        Convention::new(&NamespaceConvention::default()).unwrap()
    }

    #[test]
    fn dns_suggestions_are_conventional() {
        let convention = convention();
        let problem = convention.parse("AP-phippy-prd").unwrap_err();
        assert_eq!(problem.suggestion(), Some("ap-phippy-prd"));
        let problem = convention.parse("Ys-shop-prd").unwrap_err();
        assert!(matches!(problem, NameProblem::NotDnsLabel { .. }));
        assert_eq!(problem.suggestion(), Some("cs-shop-prd"));
        let problem = convention.parse("Xyz").unwrap_err();
        assert_eq!(problem.suggestion(), None);
        let problem = convention.parse("AP-prd-phippy").unwrap_err();
        assert_eq!(problem.suggestion(), Some("ap-phippy-prd"));
    }

    #[test]
    fn the_documents_names() {
        let convention = convention();
        let parts = convention.parse("ap-phippy-prd").unwrap();
        assert_eq!(parts["appid"], "phippy");
        assert_eq!(parts["stage"], "prd");
        assert!(!parts.contains_key("instance"));
        assert_eq!(
            convention.parse("ps-goldie-eu1-prd").unwrap()["instance"],
            "eu1"
        );
        assert_eq!(convention.parse("cs-3000-dev").unwrap()["appid"], "3000");
    }

    #[test]
    fn wrong_parts_are_named_with_a_suggestion() {
        let convention = convention();
        let Err(NameProblem::WrongPart {
            part, suggestion, ..
        }) = convention.parse("app-phippy-prd")
        else {
            panic!()
        };
        assert_eq!(
            (part.as_str(), suggestion.as_deref()),
            ("apptype", Some("ap-phippy-prd"))
        );
        let Err(NameProblem::WrongPart {
            part, suggestion, ..
        }) = convention.parse("ap-phippy-prod")
        else {
            panic!()
        };
        assert_eq!(
            (part.as_str(), suggestion.as_deref()),
            ("stage", Some("ap-phippy-prd"))
        );
    }

    #[test]
    fn older_orders_are_recognised() {
        let problem = convention().parse("ap-prd-phippy").unwrap_err();
        assert_eq!(problem.suggestion(), Some("ap-phippy-prd"));
        assert!(matches!(problem, NameProblem::Legacy { .. }));
    }

    #[test]
    fn dns_labels() {
        let convention = convention();
        assert_eq!(
            convention.parse("AP-Phippy-PRD").unwrap_err().suggestion(),
            Some("ap-phippy-prd")
        );
        let long = format!("ap-{}-prd", "x".repeat(58));
        assert!(matches!(
            convention.parse(&long),
            Err(NameProblem::NotDnsLabel { .. })
        ));
        assert!(matches!(
            convention.parse("-ap-phippy-dev"),
            Err(NameProblem::NotDnsLabel { .. })
        ));
        // A digit first is a DNS label; the convention's first part rejects it.
        assert!(matches!(
            convention.parse("3000-ap-dev"),
            Err(NameProblem::WrongPart { .. })
        ));
    }

    #[test]
    fn shapes() {
        assert!(matches!(
            convention().parse("ap-phippy"),
            Err(NameProblem::WrongShape { found: 2, .. })
        ));
    }

    #[test]
    fn invalid_conventions_are_errors() {
        let spec = NamespaceConvention {
            template: "{apptype}-{missing}".into(),
            ..NamespaceConvention::default()
        };
        assert_eq!(Convention::new(&spec).unwrap_err().field, "template");
        let spec = NamespaceConvention {
            template: "{apptype}-{appid}[-]-{stage}".into(),
            ..NamespaceConvention::default()
        };
        let error = Convention::new(&spec).unwrap_err();
        assert_eq!(error.field, "template");
        assert!(
            error.message.contains("optional group without a {part}"),
            "{}",
            error.message
        );
        let mut spec = NamespaceConvention::default();
        spec.parts.get_mut("appid").unwrap().pattern = Some("[a-z".into());
        assert_eq!(
            Convention::new(&spec).unwrap_err().field,
            "parts/appid/pattern"
        );
    }

    #[test]
    fn pathological_patterns_stay_linear() {
        let mut spec = NamespaceConvention::default();
        spec.parts.get_mut("appid").unwrap().pattern = Some("(a+)+$".into());
        let convention = Convention::new(&spec).unwrap();
        let name = format!("ap-{}b-prd", "a".repeat(50));
        let started = std::time::Instant::now();
        let _ = convention.parse(&name);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
}
