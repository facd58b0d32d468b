import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as KatasterWasm from '../kataster-wasm/api';

export type KatasterCore = typeof KatasterWasm;
export type { Kataster, JsonDiagnostic, JsonReport, RuleMeta } from '../kataster-wasm/api';

let core: Promise<KatasterCore> | undefined;

/**
 * The WebAssembly core (the Node.js build of kataster-wasm, copied into the package's
 * `kataster-wasm/` by scripts/generate.mjs), compiled once per process on first use. It is an
 * ES module: loaded with `import()` from this CommonJS package.
 */
export function loadCore(): Promise<KatasterCore> {
  if (!core) {
    const entry = pathToFileURL(path.join(__dirname, '..', 'kataster-wasm', 'index.mjs')).href;
    core = import(entry) as Promise<KatasterCore>;
    core.catch(() => {
      core = undefined;
    });
  }
  return core;
}

/**
 * The texts of the custom JSON Schemas a policy names (`schemas:`), read relative to `baseDir`
 * (the backend's working directory, where app-config's relative paths point): the browser
 * cannot read them, the backend can.
 */
export async function readPolicySchemas(
  kataster: KatasterCore,
  policy: Record<string, unknown> | undefined,
  baseDir: string,
): Promise<Record<string, string>> {
  const schemas: Record<string, string> = {};
  if (!policy || !('schemas' in policy)) {
    return schemas;
  }
  // JSON is YAML: the policy object as the text the core reads schema paths from.
  for (const file of kataster.Kataster.schemaPaths(JSON.stringify(policy))) {
    schemas[file] = await fs.readFile(path.resolve(baseDir, file), 'utf8');
  }
  return schemas;
}
