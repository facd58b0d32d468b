//! kataster for JavaScript: the validation core compiled to WebAssembly.
//!
//! Two levels, both returning exactly the CLI's JSON report (`kataster check --format json`,
//! see docs/json-output.md) as a JavaScript object:
//!
//! - [`Kataster`]: `new Kataster()` then `check(files, options)` over texts in memory, plus the
//!   rule registry (`rules()`, `ruleDocs(code)`).
//! - [`Session`]: the steps of a check one by one, for frontends that read files themselves and
//!   must reproduce the CLI exactly (the Node CLI and the CI action in `action/`): add files and
//!   read failures in the CLI's order, follow Location targets, answer the core's questions
//!   about the file system with a callback, render the CLI's output formats.
//!
//! Nothing here may panic on any input: a panic aborts the WebAssembly instance. Errors are
//! returned as JavaScript exceptions with a message; the panic hook records a message for the
//! JavaScript facade in case one ever happens.

mod discover;
mod options;
mod positions;
mod render;

use std::cell::RefCell;

use kataster_core::naming::Convention;
use kataster_core::report::JsonReport;
use kataster_core::rules::parse::{invalid_encoding, unreadable_file};
use kataster_core::{
    Checker, Facts, FileKind, LoadedPolicy, Policy, Report, SourceFile, load_policy,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use discover::{GitignoreMatcher, GlobMatcher, classify, decode_file, is_catalog_file};
pub use options::PositionEncoding;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: record panic messages for `takePanicMessage`.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
    }));
}

/// The message of the last panic, if one happened (the instance is unusable after it).
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|last| last.borrow_mut().take())
}

/// The version of kataster this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The entities of a catalog export's text (`--known-entities FILE`), for the
/// `knownEntities` option; throws with the CLI's message when the text is not an export.
#[wasm_bindgen(js_name = knownEntitiesFromText)]
pub fn known_entities_from_text(path: &str, text: &str) -> Result<JsValue, JsError> {
    let entities =
        kataster_core::known::parse_export(path, text).map_err(|error| JsError::new(&error))?;
    let export: Vec<serde_json::Value> = entities
        .into_iter()
        .map(|entity| {
            serde_json::json!({
                "kind": entity.kind,
                "metadata": {"name": entity.name, "namespace": entity.namespace},
            })
        })
        .collect();
    to_js(&export)
}

/// A JavaScript object from a serialisable value: `None` becomes `null` (as in the CLI's JSON)
/// and maps become plain objects.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|error| JsError::new(&format!("kataster: cannot convert the result: {error}")))
}

/// kataster's checks over files held in memory.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Kataster {
    policy: Policy,
}

#[wasm_bindgen]
impl Kataster {
    /// `new Kataster(policy?)`: the policy as YAML text (a `kataster.yaml`) or as an object
    /// of the same structure; without one, the defaults. Throws when the policy has problems
    /// (each `POL0xx` or YAML problem with its line).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: JsValue) -> Result<Kataster, JsError> {
        if policy.is_undefined() || policy.is_null() {
            return Ok(Self::default());
        }
        let text = if let Some(text) = policy.as_string() {
            text
        } else {
            let value: serde_json::Value =
                serde_wasm_bindgen::from_value(policy).map_err(|error| {
                    JsError::new(&format!(
                        "kataster: a policy is YAML text or an object: {error}"
                    ))
                })?;
            serde_json::to_string(&value).unwrap_or_default()
        };
        let loaded = load_policy(&text);
        let problems = policy_problems(&text, &loaded);
        if !problems.is_empty() {
            return Err(JsError::new(&format!(
                "kataster: the policy is invalid:\n{}",
                problems.join("\n")
            )));
        }
        Ok(Self {
            policy: loaded.policy,
        })
    }

    /// Check files together: `files` is an array of `{path, text, kind?, contributor?}`;
    /// `options` is `{select?, ignore?, strictRefs?, yamlMerge?, knownEntities?,
    /// positionEncoding?, fileExists?}`. Returns the JSON report object.
    pub fn check(&self, files: JsValue, options: &JsValue) -> Result<JsValue, JsError> {
        let mut session = Session::with_policy(options, Some(&self.policy))?;
        session.add_files(files)?;
        session.check(options)
    }

    /// Check a namespace name against the policy's naming convention:
    /// `{name, valid, parts, problems: [{code, message, suggestion}]}`.
    #[wasm_bindgen(js_name = checkNamespace)]
    pub fn check_namespace(&self, name: &str) -> Result<JsValue, JsError> {
        let convention = Convention::new(&self.policy.naming.namespace).map_err(|error| {
            JsError::new(&format!(
                "kataster: the naming convention in the policy is invalid ({}): {}",
                error.field, error.message
            ))
        })?;
        to_js(&convention.check_name(name))
    }

    /// Every rule: `[{code, name, family, severity, status, since, summary, docs}]`, as
    /// `kataster rules --format json`.
    pub fn rules(&self) -> Result<JsValue, JsError> {
        to_js(kataster_core::RULES)
    }

    /// A rule's Markdown documentation page, as `kataster rule CODE`; `undefined` for an
    /// unknown code.
    #[wasm_bindgen(js_name = ruleDocs)]
    pub fn rule_docs(&self, code: &str) -> Option<String> {
        kataster_core::rules::rule(code).map(kataster_core::RuleMeta::page)
    }

    /// The JSON Schema (draft-07) of the policy file.
    #[wasm_bindgen(js_name = policySchema)]
    pub fn policy_schema(&self) -> Result<JsValue, JsError> {
        to_js(&Policy::json_schema())
    }
}

/// `path:line:column: CODE message` for each problem of a policy.
fn policy_problems(text: &str, loaded: &LoadedPolicy) -> Vec<String> {
    let mut checker = Checker::new(kataster_core::CheckOptions::default());
    checker.add_policy("policy", text, loaded.clone());
    let report = checker.check(&kataster_core::NoFacts);
    let json = JsonReport::new(&report, checker.files());
    json.diagnostics
        .iter()
        .filter(|d| d.code.starts_with("POL") || d.code.starts_with("YAML"))
        .map(|d| {
            format!(
                "{}:{}:{}: {} {}",
                d.file, d.line, d.column, d.code, d.message
            )
        })
        .collect()
}

/// One check, step by step, in the order the CLI takes them.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Session {
    checker: Checker,
    policy: Policy,
    encoding: PositionEncoding,
    report: Option<Report>,
}

#[wasm_bindgen]
impl Session {
    /// `new Session(options?)` with the options of [`Kataster::check`], and `policy:
    /// {path, text}`: a policy file, read as the CLI reads it (its problems are reported).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<Session, JsError> {
        Self::with_policy(options, None)
    }

    /// Parse files (`[{path, text, kind?, contributor?}]`) and add them in order; returns
    /// the index of the first.
    #[wasm_bindgen(js_name = addFiles)]
    pub fn add_files(&mut self, files: JsValue) -> Result<u32, JsError> {
        let files: Vec<options::JsFile> =
            serde_wasm_bindgen::from_value(files).map_err(|error| {
                JsError::new(&format!(
                    "kataster: files must be an array of {{path, text}} objects: {error}"
                ))
            })?;
        let sources = files
            .into_iter()
            .map(|file| {
                SourceFile::new(file.path, file.text)
                    .with_kind(file.kind.map_or(FileKind::Catalog, FileKind::from))
                    .with_contributor(file.contributor)
            })
            .collect();
        self.report = None;
        let range = self.checker.add_files(sources);
        index_to_js(range.start)
    }

    /// Record a file that could not be read: `code` is `IO001` (unreadable) or `IO002` (not
    /// UTF-8); `message` names the cause. Returns the file's index.
    #[wasm_bindgen(js_name = addFailure)]
    pub fn add_failure(
        &mut self,
        path: String,
        code: &str,
        message: String,
    ) -> Result<u32, JsError> {
        let rule = match code {
            "IO001" => &unreadable_file::RULE,
            "IO002" => &invalid_encoding::RULE,
            other => {
                return Err(JsError::new(&format!(
                    "kataster: `{other}` is not a rule for files that cannot be read (IO001, IO002)"
                )));
            }
        };
        self.report = None;
        index_to_js(self.checker.add_failure(path, rule, message))
    }

    /// The number of files added (with the policy file).
    #[wasm_bindgen(getter, js_name = fileCount)]
    pub fn file_count(&self) -> u32 {
        u32::try_from(self.checker.files().len()).unwrap_or(u32::MAX)
    }

    /// The `spec.target`/`spec.targets` of the Location entities in a file, as written.
    #[wasm_bindgen(js_name = locationTargets)]
    pub fn location_targets(&self, file: u32) -> Result<Vec<String>, JsError> {
        let index = usize::try_from(file).unwrap_or(usize::MAX);
        if index >= self.checker.files().len() {
            return Err(JsError::new(&format!(
                "kataster: no file with index {file} (the session has {})",
                self.checker.files().len()
            )));
        }
        Ok(self.checker.location_targets(index))
    }

    /// The contributor whose `paths` globs (relative to the policy file's directory) match a
    /// file, by its path relative to that directory.
    #[wasm_bindgen(js_name = contributorByPath)]
    pub fn contributor_by_path(&self, relative: &str) -> Option<String> {
        self.policy.contributors.iter().find_map(|contributor| {
            let matches = contributor.paths.iter().any(|glob| {
                globset::Glob::new(glob).is_ok_and(|glob| glob.compile_matcher().is_match(relative))
            });
            matches.then(|| contributor.name.clone())
        })
    }

    /// The policy's `contributor` (the contributor of every file), if it names one.
    #[wasm_bindgen(getter, js_name = policyContributor)]
    pub fn policy_contributor(&self) -> Option<String> {
        self.policy.contributor.clone()
    }

    /// Run every selected rule over the files added; `facts` is `{fileExists?(path): boolean |
    /// undefined}` (without it, file existence is not checked). Returns the JSON report object.
    pub fn check(&mut self, facts: &JsValue) -> Result<JsValue, JsError> {
        let facts = JsFacts::from_js(facts)?;
        let report = self.checker.check(&facts);
        let json = self.json_report(&report);
        self.report = Some(report);
        to_js(&json)
    }

    /// The last check's JSON report as the CLI prints it (`--format json`, with its newline).
    #[wasm_bindgen(js_name = jsonText)]
    pub fn json_text(&self) -> Result<String, JsError> {
        let report = self.last_report()?;
        Ok(self.json_report(report).to_json_pretty() + "\n")
    }

    /// The last check rendered by the CLI's own renderers: `human` (ANSI colours when
    /// `color`), `json`, `concise`, `github`, `azure` or `sarif`.
    pub fn render(&self, format: &str, color: bool) -> Result<String, JsError> {
        let report = self.last_report()?;
        render::render(format, report, self.checker.files(), color)
    }

    /// The CLI's exit code for the last check: 2 when some input could not be checked, 1
    /// when a finding reaches `failOn` (`error`, the default; `warning`; `never`), else 0.
    #[wasm_bindgen(js_name = exitCode)]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen takes no `Option<&str>`
    pub fn exit_code(&self, fail_on: Option<String>) -> Result<u8, JsError> {
        use kataster_core::Severity;
        let report = self.last_report()?;
        let fails = match fail_on.as_deref().unwrap_or("error") {
            "error" => |severity: Severity| severity == Severity::Error,
            "warning" => |severity: Severity| severity >= Severity::Warning,
            "never" => |_: Severity| false,
            other => {
                return Err(JsError::new(&format!(
                    "kataster: failOn is error, warning or never, not `{other}`"
                )));
            }
        };
        Ok(if report.has_failures() {
            2
        } else {
            u8::from(report.diagnostics.iter().any(|d| fails(d.severity)))
        })
    }
}

impl Session {
    fn with_policy(options: &JsValue, policy: Option<&Policy>) -> Result<Self, JsError> {
        let options = options::CheckOptions::from_js(options, policy)?;
        let policy = options.core.policy.clone();
        let mut checker = Checker::new(options.core);
        if let Some((file, loaded)) = options.policy_file {
            checker.add_policy(file.path, file.text, loaded);
        }
        Ok(Self {
            encoding: options.position_encoding,
            checker,
            policy,
            report: None,
        })
    }

    fn last_report(&self) -> Result<&Report, JsError> {
        self.report
            .as_ref()
            .ok_or_else(|| JsError::new("kataster: call check() first"))
    }

    fn json_report(&self, report: &Report) -> JsonReport {
        let mut json = JsonReport::new(report, self.checker.files());
        positions::convert(&mut json, report, self.checker.files(), self.encoding);
        json
    }
}

fn index_to_js(index: usize) -> Result<u32, JsError> {
    u32::try_from(index).map_err(|_| JsError::new("kataster: too many files"))
}

/// The core's questions about the world, answered by JavaScript callbacks.
struct JsFacts {
    file_exists: Option<js_sys::Function>,
}

impl JsFacts {
    fn from_js(value: &JsValue) -> Result<Self, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(Self { file_exists: None });
        }
        let callback = js_sys::Reflect::get(value, &JsValue::from_str("fileExists"))
            .map_err(|_| JsError::new("kataster: cannot read `fileExists`"))?;
        if callback.is_undefined() || callback.is_null() {
            return Ok(Self { file_exists: None });
        }
        match callback.dyn_into::<js_sys::Function>() {
            Ok(function) => Ok(Self {
                file_exists: Some(function),
            }),
            Err(_) => Err(JsError::new("kataster: `fileExists` must be a function")),
        }
    }
}

impl Facts for JsFacts {
    fn file_exists(&self, path: &str) -> Option<bool> {
        let function = self.file_exists.as_ref()?;
        function
            .call1(&JsValue::NULL, &JsValue::from_str(path))
            .ok()?
            .as_bool()
    }
}

/// Panics on purpose, so that the JavaScript facade's recovery from a trapped instance can be
/// tested. Not part of the API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__panicForTests")]
pub fn panic_for_tests() {
    let message = String::from("deliberate panic for the facade's tests");
    std::panic::panic_any(message);
}
