#!/usr/bin/env node
// Generates what the plugin builds from, out of the repository's other outputs:
//
// - src/wasm/generated/: the WebAssembly core (the `embed` build of wasm/pkg, made by
//   scripts/build-wasm.sh with `--omit-default-module-path`): the wasm-bindgen glue, the typed
//   facade, its types (wasm/js/api.d.ts), the .wasm bytes as base64 (loaded lazily, so that bundlers split them into their
//   own chunk) and the Web Worker's source (the glue, the facade and src/wasm/worker.ts bundled
//   into one script with esbuild). Not committed: scripts/test.sh regenerates it.
// - src/example/acme.generated.ts: the Acme example catalog (examples/acme) as one YAML text
//   for the validator page's "Example" button, and its files for the dev app. Not committed.
// - config.schema.json: the app-config schema (`kataster:`, the policy's JSON Schema from
//   schemas/kataster.schema.json, visible to the frontend, plus `enforce` and `source`, the
//   settings of the catalog module and the backend plugin). Committed, because Backstage's
//   config loader reads it from the installed package; `--check` fails when it is stale.
//
// Usage: node scripts/generate.mjs [--check]   (KATASTER_WASM_PKG=DIR: the package built elsewhere)
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const plugin = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(plugin, '..');
const checkOnly = process.argv.includes('--check');

function fail(message) {
  console.error(`generate: ${message}`);
  process.exit(1);
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && readFileSync(path, 'utf8') === text) {
    return;
  }
  writeFileSync(path, text);
}

// --- config.schema.json -------------------------------------------------------------------

// The keys of app-config `kataster:` that configure kataster's backend packages, beside the
// policy (the frontend strips them before it hands the policy to the core: src/api/KatasterApi.ts).
export const backstageProperties = {
  enforce: {
    description:
      'Rules whose findings are processing errors at ingestion (@kataster/backstage-plugin-catalog-backend-module-kataster): codes or code prefixes, as `kataster check --select` takes them, e.g. [NS001, ORG0]. The entity shows the catalog\'s processing-error banner and is not updated; the other findings are recorded in its `kataster.io/findings` annotation. Not part of kataster.yaml.',
    type: 'array',
    items: { type: 'string', pattern: '^[A-Za-z]+[0-9]*$' },
  },
  source: {
    description:
      'The source endpoint of @kataster/backstage-plugin-backend (GET /api/kataster/source/:kind/:namespace/:name). Not part of kataster.yaml.',
    type: 'object',
    additionalProperties: false,
    properties: {
      maxBytes: {
        description: 'The largest source file the endpoint serves, in bytes; larger ones are refused with 413. Default 1048576 (1 MiB).',
        type: 'integer',
        minimum: 1,
      },
    },
  },
};

export function configSchema(policySchema) {
  const { $schema, definitions = {}, title, description, ...root } = policySchema;
  const properties = { ...root.properties };
  for (const [key, value] of Object.entries(backstageProperties)) {
    if (key in properties) {
      fail(`the policy schema has a key \`${key}\`, which app-config \`kataster:\` uses for the backend packages`);
    }
    properties[key] = value;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kataster Backstage plugin',
    type: 'object',
    properties: {
      kataster: {
        description:
          'kataster policy for the Backstage plugin: the structure of kataster.yaml (`kataster schema policy`). Without it, the defaults.',
        deepVisibility: 'frontend',
        $ref: '#/definitions/KatasterPolicy',
      },
    },
    definitions: {
      ...definitions,
      KatasterPolicy: { title, description, ...root, properties },
    },
  };
}

const policySchema = JSON.parse(readFileSync(join(repo, 'schemas/kataster.schema.json'), 'utf8'));
const schemaText = `${JSON.stringify(configSchema(policySchema), null, 2)}\n`;
const schemaPath = join(plugin, 'config.schema.json');
if (checkOnly) {
  const current = existsSync(schemaPath) ? readFileSync(schemaPath, 'utf8') : '';
  if (current !== schemaText) {
    fail('config.schema.json is stale: run `node scripts/generate.mjs` in plugin-backstage/');
  }
  console.log('config.schema.json is current');
  process.exit(0);
}
write(schemaPath, schemaText);

// --- the Acme example ---------------------------------------------------------------------

const acme = join(repo, 'examples/acme');
function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}
// The catalog files only: the GitOps manifests (gitops/) are no entities Backstage ingests.
const acmeFiles = walk(acme)
  .filter((path) => /\.ya?ml$/.test(path) && !path.endsWith('kataster.yaml'))
  .map((path) => ({ path: relative(acme, path), text: readFileSync(path, 'utf8') }))
  .filter((file) => /^apiVersion: backstage\.io\//m.test(file.text));
// The root Location first, then in the order it lists its targets.
const rootText = acmeFiles.find((f) => f.path === 'catalog-info.yaml')?.text ?? '';
const order = ['catalog-info.yaml', ...[...rootText.matchAll(/^\s*- \.\/(\S+)$/gm)].map((m) => m[1])];
acmeFiles.sort((a, b) => {
  const ia = order.indexOf(a.path);
  const ib = order.indexOf(b.path);
  return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.path.localeCompare(b.path);
});
const policyText = readFileSync(join(acme, 'kataster.yaml'), 'utf8');
const example = acmeFiles
  .map((file, index) => `${index === 0 ? '' : '---\n'}# ${file.path}\n${file.text.replace(/\n*$/, '\n')}`)
  .join('');
write(
  join(plugin, 'src/example/acme.generated.ts'),
  `// Generated by scripts/generate.mjs from examples/acme: do not edit.\n\n` +
    `/** The Acme example catalog (examples/acme) as one multi-document YAML file. */\n` +
    `export const acmeExample = ${JSON.stringify(example)};\n\n` +
    `/** The files of the Acme example catalog, by path relative to examples/acme. */\n` +
    `export const acmeFiles: { path: string; text: string }[] = ${JSON.stringify(acmeFiles, null, 2)};\n\n` +
    `/** examples/acme/kataster.yaml. */\n` +
    `export const acmePolicyText = ${JSON.stringify(policyText)};\n`,
);

// --- the WebAssembly core -----------------------------------------------------------------

// KATASTER_WASM_PKG: another build of the package (default: the repository's wasm/pkg).
const pkg = process.env.KATASTER_WASM_PKG ?? join(repo, 'wasm/pkg');
const embed = join(pkg, 'embed');
for (const file of ['kataster_wasm.js', 'kataster_wasm_bg.wasm']) {
  if (!existsSync(join(embed, file))) {
    fail(`${relative(repo, join(embed, file))} is missing: build the WebAssembly package first (scripts/build-wasm.sh)`);
  }
}
if (!existsSync(join(pkg, 'facade.mjs'))) {
  fail('wasm/pkg/facade.mjs is missing: build the WebAssembly package first (scripts/build-wasm.sh)');
}
const generated = join(plugin, 'src/wasm/generated');
const header = '// Generated by plugin-backstage/scripts/generate.mjs from wasm/pkg: do not edit.\n';
const glue = readFileSync(join(embed, 'kataster_wasm.js'), 'utf8');
if (/import\.meta\.url/.test(glue.replace(/^\s*\/\/.*$/gm, ''))) {
  fail('wasm/pkg/embed/kataster_wasm.js refers to import.meta.url: it must be built with --omit-default-module-path');
}
write(join(generated, 'kataster_wasm.js'), `/* eslint-disable */\n${header}${glue}`);
write(join(generated, 'facade.js'), `/* eslint-disable */\n${header}${readFileSync(join(pkg, 'facade.mjs'), 'utf8')}`);
write(
  join(generated, 'facade.d.ts'),
  `${header}import type { Api } from '../types';\n\nexport declare function createApi(glue: unknown, reload?: () => unknown): Api;\n`,
);
// The core's own types (wasm/js/api.d.ts): src/wasm/types.ts re-exports and narrows them.
if (!existsSync(join(pkg, 'api.d.ts'))) {
  fail('wasm/pkg/api.d.ts is missing: build the WebAssembly package first (scripts/build-wasm.sh)');
}
// As a .ts module of declarations, so that tsc emits it with the plugin's own declarations.
write(join(generated, 'api.ts'), `/* eslint-disable */\n${header}${readFileSync(join(pkg, 'api.d.ts'), 'utf8')}`);
write(
  join(generated, 'kataster_wasm.d.ts'),
  `${header}export default function init(options?: { module_or_path?: unknown }): Promise<unknown>;\n`,
);

const bytes = readFileSync(join(embed, 'kataster_wasm_bg.wasm'));
const sha256 = createHash('sha256').update(bytes).digest('hex');
// gzip-compressed, then base64: a third of the size of base64 alone; the browser inflates it
// with DecompressionStream before instantiating.
const compressed = gzipSync(bytes, { level: 9 });
write(
  join(generated, 'wasmBytes.ts'),
  `/* eslint-disable */\n${header}\n` +
    `/** SHA-256 of the .wasm (wasm/pkg/embed/kataster_wasm_bg.wasm, ${bytes.length} bytes). */\n` +
    `export const wasmSha256 = '${sha256}';\n\n` +
    `/** The .wasm, gzip-compressed (${compressed.length} bytes), base64-encoded. */\n` +
    `export const wasmGzipBase64 =\n  '${compressed.toString('base64')}';\n`,
);

// The worker: one classic script with the glue and the facade, built with esbuild (a
// dependency of @backstage/cli), started from a Blob URL so that it works with any bundler.
const esbuild = await import('esbuild');
const built = await esbuild.build({
  entryPoints: [join(plugin, 'src/wasm/worker.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
});
const workerSource = built.outputFiles[0].text;
write(
  join(generated, 'workerSource.ts'),
  `/* eslint-disable */\n${header}\n/** The Web Worker's script (src/wasm/worker.ts with the WebAssembly glue). */\n` +
    `export const workerSource = ${JSON.stringify(workerSource)};\n`,
);

console.log(
  `generate: config.schema.json, src/example/acme.generated.ts, src/wasm/generated/ ` +
    `(.wasm ${bytes.length} bytes, ${compressed.length} gzipped, sha256 ${sha256.slice(0, 12)}, worker ${workerSource.length} bytes)`,
);
