//! `--format json`: the JSON report (schema version 1, see docs/json-output.md).

use crate::report::JsonReport;

pub fn render(json: &JsonReport) -> String {
    json.to_json_pretty() + "\n"
}
