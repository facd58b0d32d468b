//! The options object of `check()` and `new Session()`.

use kataster_core::FileKind;
use kataster_core::yaml::ParseOptions;
use kataster_core::{LoadedPolicy, Policy, Selection, load_policy};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

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

/// The option names, to reject misspelt ones (serde-wasm-bindgen reads only known fields).
const OPTION_NAMES: [&str; 8] = [
    "select",
    "ignore",
    "strictRefs",
    "yamlMerge",
    "knownEntities",
    "positionEncoding",
    "policy",
    "fileExists",
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
}

/// A policy file as the CLI reads it (`kataster.yaml`): its problems are reported under
/// `path`, as the CLI reports them.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PolicyFile {
    pub path: String,
    pub text: String,
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
    pub fn from_js(value: &JsValue, policy: Option<&Policy>) -> Result<Self, JsError> {
        let raw: RawOptions = if value.is_undefined() || value.is_null() {
            RawOptions::default()
        } else {
            check_names(value)?;
            let plain = strip_functions(value);
            serde_wasm_bindgen::from_value(plain)
                .map_err(|error| JsError::new(&format!("kataster: invalid options: {error}")))?
        };
        let known_entities = match raw.known_entities {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(value) => kataster_core::known::from_export(&value)
                .map_err(|error| JsError::new(&format!("kataster: knownEntities: {error}")))?,
        };
        let policy_file = raw.policy.map(|file| {
            let loaded = load_policy(&file.text);
            (file, loaded)
        });
        let policy = match &policy_file {
            Some((_, loaded)) => loaded.policy.clone(),
            None => policy.cloned().unwrap_or_default(),
        };
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
            ..kataster_core::CheckOptions::default()
        };
        Ok(Self {
            core,
            position_encoding: raw.position_encoding.unwrap_or_default(),
            policy_file,
        })
    }
}

fn check_names(value: &JsValue) -> Result<(), JsError> {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Err(JsError::new("kataster: options must be an object"));
    };
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "kataster: invalid options: unknown option `{key}`, expected one of {}",
                OPTION_NAMES.join(", ")
            )));
        }
    }
    Ok(())
}

/// A shallow copy of an options object without its function-valued properties, which
/// serde-wasm-bindgen cannot read.
fn strip_functions(value: &JsValue) -> JsValue {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return value.clone();
    };
    if js_sys::Array::is_array(value) {
        return value.clone();
    }
    let copy = js_sys::Object::new();
    for entry in js_sys::Object::entries(object).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let (key, item) = (pair.get(0), pair.get(1));
        if !item.is_function() {
            let _ = js_sys::Reflect::set(&copy, &key, &item);
        }
    }
    copy.into()
}
