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
//! The browser's build (without the feature `full`) has only [`Kataster`]'s checks, rules and
//! names: `Session`, the matchers, the discovery helpers, `knownEntitiesFromText`,
//! `checkVersion`, `catalogSchema` and `policySchema` are in the complete build, where the
//! JavaScript facade runs them (docs/performance.md, WebAssembly).
//!
//! Nothing here may panic on any input: a panic aborts the WebAssembly instance. Errors are
//! returned as JavaScript exceptions with a message; the panic hook records a message for the
//! JavaScript facade in case one ever happens.

#[cfg(feature = "full")]
mod discover;
mod memory;
mod options;
mod positions;
#[cfg(feature = "full")]
mod render;

use std::cell::RefCell;

#[cfg(feature = "full")]
use kataster_core::discover::Reading;
use kataster_core::naming::Convention;
use kataster_core::report::JsonReport;
#[cfg(feature = "full")]
use kataster_core::rules::parse::{binary_file, invalid_encoding, outside_root, unreadable_file};
use kataster_core::{
    Checker, Facts, FileKind, LoadedPolicy, Policy, Report, SourceFile, load_policy,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "full")]
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
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = knownEntitiesFromText)]
pub fn known_entities_from_text(path: &str, text: &str) -> Result<String, JsError> {
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
    Ok(json(&export))
}

/// Compact JSON, for the facade's `JSON.parse` (faster across the boundary than building
/// objects from Rust, and the same object: key order, `null`s).
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Parse a JSON argument the facade made with `JSON.stringify`.
fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, JsError> {
    serde_json::from_str(text).map_err(|error| JsError::new(&format!("kataster: {what}: {error}")))
}

/// kataster's checks over files held in memory.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Kataster {
    policy: (Policy, Vec<kataster_core::policy::CompiledSchema>),
    /// Whether a policy was given (the catalog schema is Backstage's alone without one).
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    has_policy: bool,
}

#[wasm_bindgen]
impl Kataster {
    /// `new Kataster(policy?, schemas?)`: the policy as YAML text (a `kataster.yaml`) or as
    /// an object of the same structure; without one, the defaults. `schemas` maps the paths
    /// of the policy's custom schemas to their texts. Throws when the policy has problems
    /// (each `POL0xx` or YAML problem with its line).
    #[wasm_bindgen(constructor)]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen takes no `Option<&str>`
    pub fn new(policy: Option<String>, schemas: Option<String>) -> Result<Kataster, JsError> {
        let policy: serde_json::Value = match policy.as_deref() {
            None | Some("") => serde_json::Value::Null,
            Some(text) => from_json(text, "a policy is YAML text or an object")?,
        };
        let text = match policy {
            serde_json::Value::Null => return Ok(Self::default()),
            serde_json::Value::String(text) => text,
            serde_json::Value::Object(_) => json(&policy),
            _ => return Err(JsError::new("kataster: a policy is YAML text or an object")),
        };
        let schemas: std::collections::BTreeMap<String, options::SchemaText> =
            match schemas.as_deref() {
                None | Some("" | "null") => std::collections::BTreeMap::new(),
                Some(text) => from_json(text, "schemas map paths to texts")?,
            };
        let mut loaded = load_policy(&text);
        let compiled = options::compile_schemas(&mut loaded, &schemas);
        let problems = policy_problems(&text, &loaded);
        if !problems.is_empty() {
            return Err(JsError::new(&format!(
                "kataster: the policy is invalid:\n{}",
                problems.join("\n")
            )));
        }
        Ok(Self {
            policy: (loaded.policy, compiled),
            has_policy: true,
        })
    }

    /// Check files together: `files` is an array of `{path, text, kind?, contributor?}`;
    /// `options` is `{select?, ignore?, strictRefs?, yamlMerge?, knownEntities?,
    /// positionEncoding?, fileExists?}`. Returns the JSON report object.
    /// (`files` and `options` as JSON; `facts`: the options object, for `fileExists`.)
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen takes no `Option<&str>`
    pub fn check(
        &self,
        files: &str,
        options: Option<String>,
        facts: &JsValue,
    ) -> Result<String, JsError> {
        let mut session = Session::with_policy(options.as_deref(), Some(&self.policy))?;
        session.add_files(files)?;
        session.check(facts)
    }

    /// Check a namespace name against the policy's naming convention:
    /// `{name, valid, parts, problems: [{code, message, suggestion}]}`.
    #[wasm_bindgen(js_name = checkNamespace)]
    pub fn check_namespace(&self, name: &str) -> Result<String, JsError> {
        let convention = Convention::new(&self.policy.0.naming.namespace).map_err(|error| {
            JsError::new(&format!(
                "kataster: the naming convention in the policy is invalid ({}): {}",
                error.field, error.message
            ))
        })?;
        Ok(json(&convention.check_name(name)))
    }

    /// Every rule: `[{code, name, family, severity, status, since, summary, docs}]`, as
    /// `kataster rules --format json`.
    pub fn rules(&self) -> String {
        json(kataster_core::RULES)
    }

    /// A rule's Markdown documentation page, as `kataster rule CODE`; `undefined` for an
    /// unknown code.
    #[wasm_bindgen(js_name = ruleDocs)]
    pub fn rule_docs(&self, code: &str) -> Option<String> {
        kataster_core::rules::rule(code).map(kataster_core::RuleMeta::page)
    }

    /// The paths of the custom schemas a policy text names (to read them for `schemas`).
    #[wasm_bindgen(js_name = schemaPaths)]
    pub fn schema_paths(policy: &str) -> Vec<String> {
        load_policy(policy)
            .policy
            .schemas
            .into_iter()
            .map(|schema| schema.schema)
            .collect()
    }
}

/// The parts of the API only the complete build has (the feature `full`).
#[cfg(feature = "full")]
#[wasm_bindgen]
impl Kataster {
    /// Check a version transition (a merge, a tag or a proposed version) against the
    /// policy's `versions` section, as `kataster version check --format json` with the facts
    /// given rather than read from git: `transition` is `{component?, source?, target?, tag?,
    /// version?, tags?, commits?, ...}` (the core's `Transition`). Returns the JSON report with
    /// `transition`: the computed facts (previous version, required bump, next version).
    /// Helm charts are not checked here.
    #[wasm_bindgen(js_name = checkVersion)]
    pub fn check_version(&self, transition: &str) -> Result<String, JsError> {
        #[derive(Serialize)]
        struct VersionReport<'a> {
            #[serde(flatten)]
            report: JsonReport,
            transition: &'a kataster_core::versions::TransitionFacts,
        }
        let input: kataster_core::versions::Transition =
            from_json(transition, "a version transition")?;
        let outcome = kataster_core::check::versions::check_transition(
            &input,
            &self.policy.0.versions,
            &kataster_core::Selection::default(),
        );
        Ok(json(&VersionReport {
            report: outcome.findings.json(),
            transition: &outcome.facts,
        }))
    }

    /// The JSON Schema of catalog files under this policy (`kataster schema catalog`): what
    /// Backstage accepts, plus the policy's naming convention, types, lifecycles and kinds.
    #[wasm_bindgen(js_name = catalogSchema)]
    pub fn catalog_schema(&self) -> String {
        let policy = self.has_policy.then_some(&self.policy.0);
        json(&kataster_core::schema::catalog_schema(policy))
    }

    /// The JSON Schema (draft-07) of the policy file: `Policy::json_schema()` as committed
    /// (cli/tests/docs.rs keeps the file current; the conformance tests compare it with the
    /// CLI's), so that the module carries no schema generator (schemars: ~35 KB gzipped).
    #[wasm_bindgen(js_name = policySchema)]
    pub fn policy_schema(&self) -> String {
        include_str!("../../schemas/kataster.schema.json").to_owned()
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
// In the browser's build (without the feature `full`), only the engine of `Kataster::check`.
#[cfg_attr(feature = "full", wasm_bindgen)]
#[cfg_attr(not(feature = "full"), allow(dead_code))]
#[derive(Debug)]
pub struct Session {
    checker: Checker,
    policy: Policy,
    encoding: PositionEncoding,
    report: Option<Report>,
    /// Files read by [`Session::offer_file`], parsed by [`Session::parse_pending`].
    pending: Vec<SourceFile>,
    /// The file the last `offerFile` accepted, until `keepOffered` names its contributor.
    offered: Option<SourceFile>,
}

/// What [`Session::offer_file`] did with a file.
#[cfg(feature = "full")]
const IGNORED: u8 = 0;
#[cfg(feature = "full")]
const FAILED: u8 = 1;
#[cfg(feature = "full")]
const OFFERED: u8 = 2;
#[cfg(feature = "full")]
const SKIPPED: u8 = 3;

#[cfg(feature = "full")]
#[wasm_bindgen]
impl Session {
    /// `new Session(options?)` with the options of [`Kataster::check`], and `policy:
    /// {path, text}`: a policy file, read as the CLI reads it (its problems are reported).
    #[wasm_bindgen(constructor)]
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen takes no `Option<&str>`
    pub fn new(options: Option<String>) -> Result<Session, JsError> {
        Self::with_policy(options.as_deref(), None)
    }

    /// Parse files (`[{path, text, kind?, contributor?}]`) and add them in order; returns
    /// the index of the first.
    #[wasm_bindgen(js_name = addFiles)]
    pub fn js_add_files(&mut self, files: &str) -> Result<u32, JsError> {
        self.add_files(files)
    }

    /// A file's bytes as the CLI reads them, in one crossing (no JSON, no JavaScript string):
    /// decoded and classified as the CLI does, `inChartTemplates` and `inTemplateSkeleton`
    /// telling where it lies (see `chartFilesFor`, `skeletonParentsFor`). Returns 0 when the
    /// file is ignored (not UTF-8 or not a catalog file, found while walking), 1 when it could
    /// not be decoded (`IO002`, or `IO003` for a binary file, recorded), 2 when it is to be
    /// checked: then `keepOffered(contributor)` queues it for `parsePending()`, which parses
    /// every queued file in order; 3 when it is skipped (a template, a named file that is no
    /// catalog file: counted in the summary, listed by `notes(true)`).
    #[wasm_bindgen(js_name = offerFile)]
    pub fn offer_file(
        &mut self,
        path: String,
        bytes: Vec<u8>,
        explicit: bool,
        in_chart_templates: Option<bool>,
        in_template_skeleton: Option<bool>,
    ) -> u8 {
        self.offered = None;
        memory::keep_doubling();
        let placement = kataster_core::discover::Placement {
            in_chart_templates: in_chart_templates.unwrap_or(false),
            in_template_skeleton: in_template_skeleton.unwrap_or(false),
        };
        match kataster_core::discover::read(&path, bytes, explicit, placement) {
            Reading::Ignore => IGNORED,
            Reading::Skip { template, reason } => {
                self.report = None;
                self.checker.add_skipped(path, template, reason);
                SKIPPED
            }
            Reading::Fail(rule, message) => {
                self.report = None;
                self.checker.add_failure(path, rule, message);
                FAILED
            }
            Reading::Check(text, kind) => {
                self.offered = Some(SourceFile::new(path, text).with_kind(kind));
                OFFERED
            }
        }
    }

    /// Whether a directory walk leaves out an entry (`path` as shown, `isDir` for a
    /// directory it would enter), by the policy's `files` and the `exclude` options.
    #[wasm_bindgen(js_name = skipsWalked)]
    pub fn skips_walked(&self, path: &str, is_dir: bool) -> bool {
        self.checker.skips_walked(path, is_dir)
    }

    /// Whether a named path is excluded (`--force-exclude`).
    #[wasm_bindgen(js_name = excludesNamed)]
    pub fn excludes_named(&self, path: &str) -> bool {
        self.checker.excludes_named(path)
    }

    /// Queue the file the last `offerFile` returned 2 for, with its contributor.
    #[wasm_bindgen(js_name = keepOffered)]
    pub fn keep_offered(&mut self, contributor: Option<String>) -> Result<(), JsError> {
        let source = self
            .offered
            .take()
            .ok_or_else(|| JsError::new("kataster: no file offered to keep"))?;
        self.pending.push(source.with_contributor(contributor));
        Ok(())
    }

    /// Parse the queued files in the order they were kept; returns the index of the first
    /// (the files' indices follow on).
    #[wasm_bindgen(js_name = parsePending)]
    pub fn parse_pending(&mut self) -> Result<u32, JsError> {
        let sources = std::mem::take(&mut self.pending);
        self.report = None;
        memory::reserve_for_input(&sources);
        let range = self.checker.add_files(sources);
        index_to_js(range.start)
    }

    /// Record a file that could not be read: `code` is `IO001` (unreadable), `IO002` (not
    /// UTF-8), `IO003` (binary) or `IO004` (outside the root); `message` names the cause. Returns the file's index.
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
            "IO003" => &binary_file::RULE,
            "IO004" => &outside_root::RULE,
            other => {
                return Err(JsError::new(&format!(
                    "kataster: `{other}` is not a rule for files that cannot be read (IO001 to IO004)"
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
    /// undefined, isOutsideRoot?(path): boolean}` (without them, file existence is not checked
    /// and no path is outside). Returns the JSON report object.
    #[wasm_bindgen(js_name = check)]
    pub fn js_check(&mut self, facts: &JsValue) -> Result<String, JsError> {
        self.check(facts)
    }

    /// The last check's JSON report as the CLI prints it (`--format json`, with its newline).
    #[wasm_bindgen(js_name = jsonText)]
    pub fn json_text(&self) -> Result<String, JsError> {
        let report = self.last_report()?;
        Ok(self.json_report(report).to_json_pretty() + "\n")
    }

    /// The last check rendered by the CLI's own renderers: `human` (ANSI colours when
    /// `color`; info findings only with `showInfos`), `json`, `concise`, `gitlab`, `junit`,
    /// `sarif`, `github`, `azure` or `checkstyle`. `options` is the JSON text of `{failOn?,
    /// projectDir?, cwd?, root?, showSkipped?}`: what the CLI takes from `--fail-on`,
    /// `CI_PROJECT_DIR`, its current directory, the root and `--show-skipped`.
    #[allow(clippy::needless_pass_by_value)] // wasm-bindgen takes no `Option<&str>`
    pub fn render(
        &self,
        format: &str,
        color: bool,
        show_infos: Option<bool>,
        options: Option<String>,
    ) -> Result<String, JsError> {
        let report = self.last_report()?;
        render::render(
            format,
            report,
            self.checker.files(),
            color,
            show_infos.unwrap_or(false),
            options.as_deref(),
        )
    }

    /// The joined view of the files added, as `kataster inventory --format <format>` prints
    /// it: `table`, `markdown` or `json`.
    pub fn inventory(&self, format: &str) -> Result<String, JsError> {
        let format =
            kataster_core::render::inventory::InventoryFormat::parse(format).ok_or_else(|| {
                JsError::new(&format!(
                    "unknown inventory format `{format}` (expected table, markdown or json)"
                ))
            })?;
        Ok(kataster_core::render::inventory::render(
            &self.checker.inventory(),
            format,
        ))
    }

    /// What the CLI prints on standard error after the last check's findings: the skipped
    /// files (with `showSkipped`, as `--show-skipped`) and a note when nothing was checked.
    pub fn notes(&self, show_skipped: bool) -> Result<String, JsError> {
        let report = self.last_report()?;
        Ok(render::notes(report, self.checker.files(), show_skipped))
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
    /// Parse files (`[{path, text, kind?, contributor?}]`) and add them in order; returns
    /// the index of the first.
    fn add_files(&mut self, files: &str) -> Result<u32, JsError> {
        let files: Vec<options::JsFile> =
            from_json(files, "files must be an array of {path, text} objects")?;
        let sources: Vec<SourceFile> = files
            .into_iter()
            .map(|file| {
                SourceFile::new(file.path, file.text)
                    .with_kind(file.kind.map_or(FileKind::Catalog, FileKind::from))
                    .with_contributor(file.contributor)
            })
            .collect();
        self.report = None;
        memory::reserve_for_input(&sources);
        let range = self.checker.add_files(sources);
        index_to_js(range.start)
    }

    /// Run every selected rule over the files added; `facts` is `{fileExists?(path): boolean |
    /// undefined, isOutsideRoot?(path): boolean}` (without them, file existence is not checked
    /// and no path is outside). Returns the JSON report object.
    fn check(&mut self, facts: &JsValue) -> Result<String, JsError> {
        let facts = JsFacts::from_js(facts)?;
        memory::keep_doubling();
        let report = self.checker.check(&facts);
        let text = json(&self.json_report(&report));
        self.report = Some(report);
        Ok(text)
    }

    fn with_policy(
        options: Option<&str>,
        policy: Option<&(Policy, Vec<kataster_core::policy::CompiledSchema>)>,
    ) -> Result<Self, JsError> {
        let options = options::CheckOptions::from_json(options, policy)?;
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
            pending: Vec::new(),
            offered: None,
        })
    }

    #[cfg_attr(not(feature = "full"), allow(dead_code))]
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
    is_outside_root: Option<js_sys::Function>,
}

impl JsFacts {
    fn from_js(value: &JsValue) -> Result<Self, JsError> {
        Ok(Self {
            file_exists: callback(value, "fileExists")?,
            is_outside_root: callback(value, "isOutsideRoot")?,
        })
    }
}

/// An optional function property of the facts object.
fn callback(facts: &JsValue, name: &str) -> Result<Option<js_sys::Function>, JsError> {
    if facts.is_undefined() || facts.is_null() {
        return Ok(None);
    }
    let value = js_sys::Reflect::get(facts, &JsValue::from_str(name))
        .map_err(|_| JsError::new(&format!("kataster: cannot read `{name}`")))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .dyn_into::<js_sys::Function>()
        .map(Some)
        .map_err(|_| JsError::new(&format!("kataster: `{name}` must be a function")))
}

fn ask(function: Option<&js_sys::Function>, path: &str) -> Option<bool> {
    function?
        .call1(&JsValue::NULL, &JsValue::from_str(path))
        .ok()?
        .as_bool()
}

impl Facts for JsFacts {
    fn file_exists(&self, path: &str) -> Option<bool> {
        ask(self.file_exists.as_ref(), path)
    }

    fn is_outside_root(&self, path: &str) -> bool {
        ask(self.is_outside_root.as_ref(), path).unwrap_or(false)
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
