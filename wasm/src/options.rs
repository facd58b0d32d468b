//! The options object of `check()` and `new Session()`.

use kataster_core::FileKind;
use kataster_core::policy::CompiledSchema;
use kataster_core::yaml::ParseOptions;
use kataster_core::{LoadedPolicy, Policy, Selection, load_policy};
use serde::Deserialize;
use wasm_bindgen::JsError;

/// How columns are counted in the returned report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum PositionEncoding {
    /// Unicode scalar values, as the CLI's JSON (the default).
    #[default]
    #[serde(rename = "utf-32")]
    Utf32,
    /// UTF-16 code units, as JavaScript strings, LSP clients and most editors count.
    #[serde(rename = "utf-16")]
    Utf16,
    /// Bytes of UTF-8.
    #[serde(rename = "utf-8")]
    Utf8,
}

/// A file to check.
#[derive(Debug, Deserialize)]
pub(crate) struct JsFile {
    pub path: String,
    pub text: String,
    /// What the file holds (default: a catalog file).
    #[serde(default)]
    pub kind: Option<JsFileKind>,
    /// Who wrote the file, for the contributor rules.
    #[serde(default)]
    pub contributor: Option<String>,
}

/// What a file holds.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum JsFileKind {
    Catalog,
    Manifests,
}

impl From<JsFileKind> for FileKind {
    fn from(kind: JsFileKind) -> Self {
        match kind {
            JsFileKind::Catalog => FileKind::Catalog,
            JsFileKind::Manifests => FileKind::Manifests,
        }
    }
}

/// One prefix list or several, each possibly comma-separated (as `--select a,b`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Prefixes {
    One(String),
    Many(Vec<String>),
}

impl Prefixes {
    fn split(self) -> Vec<String> {
        let list = match self {
            Self::One(one) => vec![one],
            Self::Many(many) => many,
        };
        list.iter()
            .flat_map(|item| item.split(','))
            .map(str::to_owned)
            .collect()
    }
}

/// The option names, to reject misspelt ones.
const OPTION_NAMES: [&str; 11] = [
    "select",
    "ignore",
    "strictRefs",
    "yamlMerge",
    "knownEntities",
    "positionEncoding",
    "policy",
    "fileExists",
    "cwd",
    "exclude",
    "extendExclude",
];

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawOptions {
    select: Option<Prefixes>,
    ignore: Option<Prefixes>,
    strict_refs: Option<bool>,
    yaml_merge: Option<bool>,
    known_entities: Option<serde_json::Value>,
    position_encoding: Option<PositionEncoding>,
    policy: Option<PolicyFile>,
    /// The current directory (absolute): the policy's globs are compared through it.
    cwd: Option<String>,
    /// `--exclude`: replaces the policy's `files.exclude` and the defaults.
    exclude: Option<Vec<String>>,
    /// `--extend-exclude`.
    extend_exclude: Option<Vec<String>>,
    /// A function, left out by `JSON.stringify`; read from the options object itself.
    #[serde(rename = "fileExists")]
    _file_exists: Option<serde::de::IgnoredAny>,
    #[serde(rename = "isOutsideRoot")]
    _is_outside_root: Option<serde::de::IgnoredAny>,
}

/// A policy file as the CLI reads it (`kataster.yaml`): its problems are reported under
/// `path`, as the CLI reports them. `schemas` holds the custom schemas it names, by the path
/// it names them with: their text, or `{error}` (the message when the file cannot be read).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PolicyFile {
    pub path: String,
    pub text: String,
    #[serde(default)]
    pub schemas: std::collections::BTreeMap<String, SchemaText>,
}

/// A custom schema's text, or why it could not be read.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum SchemaText {
    Text(String),
    Error { error: String },
}

/// Compile a policy's custom schemas from the texts given (problems go into the policy).
pub(crate) fn compile_schemas(
    loaded: &mut LoadedPolicy,
    schemas: &std::collections::BTreeMap<String, SchemaText>,
) -> Vec<CompiledSchema> {
    loaded.compile_schemas(|path| match schemas.get(path) {
        Some(SchemaText::Text(text)) => Ok(text.clone()),
        Some(SchemaText::Error { error }) => Err(error.clone()),
        None => Err(format!(
            "cannot read {path}: it was not given to the WebAssembly module"
        )),
    })
}

/// The options, converted for the core.
#[derive(Debug)]
pub(crate) struct CheckOptions {
    pub core: kataster_core::CheckOptions,
    pub position_encoding: PositionEncoding,
    /// The policy file to report the problems of, read by the session.
    pub policy_file: Option<(PolicyFile, LoadedPolicy)>,
}

impl CheckOptions {
    /// Read the options; `policy` is the policy of a `Kataster` (a session's own `policy`
    /// option wins).
    /// Read the options from their JSON text (`JSON.stringify(options)`, which leaves out
    /// `fileExists`); `policy` is the policy of a `Kataster` (a session's own `policy` option
    /// wins).
    pub fn from_json(
        text: Option<&str>,
        policy: Option<&(Policy, Vec<CompiledSchema>)>,
    ) -> Result<Self, JsError> {
        let value: serde_json::Value = match text {
            None | Some("") => serde_json::Value::Null,
            Some(text) => serde_json::from_str(text)
                .map_err(|error| JsError::new(&format!("kataster: invalid options: {error}")))?,
        };
        let raw: RawOptions = match value {
            serde_json::Value::Null => RawOptions::default(),
            serde_json::Value::Object(object) => {
                check_names(&object)?;
                serde_json::from_value(serde_json::Value::Object(object))
                    .map_err(|error| JsError::new(&format!("kataster: invalid options: {error}")))?
            }
            _ => return Err(JsError::new("kataster: options must be an object")),
        };
        let known_entities = match raw.known_entities {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(value) => kataster_core::known::from_export(&value)
                .map_err(|error| JsError::new(&format!("kataster: knownEntities: {error}")))?,
        };
        let mut schemas = Vec::new();
        let policy_file = raw.policy.map(|file| {
            let mut loaded = load_policy(&file.text);
            schemas = compile_schemas(&mut loaded, &file.schemas);
            (file, loaded)
        });
        let policy = match (&policy_file, policy) {
            (Some((_, loaded)), _) => loaded.policy.clone(),
            (None, Some((policy, compiled))) => {
                schemas.clone_from(compiled);
                policy.clone()
            }
            (None, None) => Policy::default(),
        };
        #[allow(clippy::needless_update)] // fields the core may add keep their defaults
        let core = kataster_core::CheckOptions {
            selection: Selection::default()
                .select(raw.select.map(Prefixes::split).unwrap_or_default())
                .ignore(raw.ignore.map(Prefixes::split).unwrap_or_default()),
            parse: ParseOptions {
                merge_keys: raw.yaml_merge.unwrap_or(false),
                ..ParseOptions::default()
            },
            strict_refs: raw.strict_refs.unwrap_or(false),
            known_entities,
            policy,
            schemas,
            cwd: raw.cwd,
            exclude: kataster_core::files::ExcludeArgs {
                exclude: raw.exclude,
                extend_exclude: raw.extend_exclude.unwrap_or_default(),
            },
            ..kataster_core::CheckOptions::default()
        };
        Ok(Self {
            core,
            position_encoding: raw.position_encoding.unwrap_or_default(),
            policy_file,
        })
    }
}

fn check_names(object: &serde_json::Map<String, serde_json::Value>) -> Result<(), JsError> {
    for key in object.keys() {
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "kataster: invalid options: unknown option `{key}`, expected one of {}",
                OPTION_NAMES.join(", ")
            )));
        }
    }
    Ok(())
}
