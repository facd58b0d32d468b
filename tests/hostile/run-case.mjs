// Runs one hostile case (cases.mjs) through the WebAssembly package in a process of its own, so
// that its peak memory is its own, and prints what the test checks as JSON.
//
//   node tests/hostile/run-case.mjs PACKAGE_DIR CASE_NAME
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { cases } from './cases.mjs';

const [pkg, name] = process.argv.slice(2);
const api = await import(pathToFileURL(path.join(pkg, 'index.mjs')).href);
const spec = cases[name]();
// What building the input took (strings, joins): the check's memory is measured beyond it.
const baselineKb = process.resourceUsage().maxRSS;
const located = report =>
  report.diagnostics.map(d => `${d.code} ${d.line}:${d.column}`);
const result = {};
const started = performance.now();
if (spec.bytes) {
  const decoded = api.decodeFile('catalog-info.yaml', new Uint8Array(spec.bytes), true);
  result.failure = decoded.failure ?? null;
  const session = new api.Session();
  session.addFailure('catalog-info.yaml', 'IO002', decoded.failure);
  const report = session.check();
  result.located = located(report);
  result.exitCode = session.exitCode();
} else if (spec.policyError) {
  try {
    new api.Kataster(spec.policy);
    result.policyError = null;
  } catch (error) {
    result.policyError = String(error.message);
  }
} else {
  const kataster = new api.Kataster(spec.policy ?? null, spec.schemas);
  const report = kataster.check(spec.files);
  result.located = located(report);
  result.summary = report.summary;
  result.messages = report.diagnostics.map(d => d.message.slice(0, 300));
  // On the browser's build (KATASTER_WASM_BUILD=web, index.mjs) the session below runs on the
  // complete build, a second instance with a memory of its own: the bound is the check's.
  if (process.env.KATASTER_WASM_BUILD === 'web') {
    result.checkMaxRssKb = process.resourceUsage().maxRSS;
  }
  // The human rendering, as the Node CLI prints it, stays small around long lines.
  const session = new api.Session(
    spec.policy ? { policy: { path: 'kataster.yaml', text: spec.policy, schemas: spec.schemas } } : {},
  );
  session.addFiles(spec.files);
  session.check();
  result.humanBytes = session.render('human').length;
  result.exitCode = session.exitCode();
}
result.ms = performance.now() - started;
result.maxRssKb = process.resourceUsage().maxRSS;
result.checkKb = (result.checkMaxRssKb ?? result.maxRssKb) - baselineKb;
process.stdout.write(JSON.stringify(result));
