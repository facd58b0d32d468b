#!/usr/bin/env node
// What the plugin adds to a Backstage app's bundle: bundles the built plugin (dist/, from
// `backstage-cli package build`) with esbuild, code-split at its dynamic imports as an app's
// bundler splits it, leaving out what every Backstage app already has (React, React Router,
// Material UI, @backstage/*). Prints raw and gzipped sizes of the chunk loaded with the app
// and of the lazy chunks (page, card, CodeMirror, the WebAssembly core, the worker).
//
// Usage: node scripts/bundle-size.mjs [--json FILE]
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const plugin = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'kataster-bundle-'));
const entry = join(out, 'app.js');
// An "app" that installs the plugin in both systems.
writeFileSync(
  entry,
  `export { katasterPlugin, KatasterPage, EntityConventionsCard } from ${JSON.stringify(join(plugin, 'dist/index.esm.js'))};\n` +
    `export { default as katasterFrontendPlugin } from ${JSON.stringify(join(plugin, 'dist/alpha.esm.js'))};\n`,
);
const shared = ['react', 'react-dom', 'react/*', 'react-dom/*', 'react-router', 'react-router-dom', '@material-ui/*', '@mui/*', '@backstage/*', 'react-use', 'react-use/*'];
const result = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  outdir: join(out, 'out'),
  external: shared,
  metafile: true,
  logLevel: 'error',
  target: 'es2022',
});

// The app's entry chunk and what it imports statically load with the app; the rest on demand.
const outputs = result.metafile.outputs;
const appChunk = Object.keys(outputs).find(f => outputs[f].entryPoint?.endsWith('app.js'));
const initial = new Set();
const visit = f => {
  if (initial.has(f)) {
    return;
  }
  initial.add(f);
  for (const i of outputs[f].imports) {
    if (i.kind === 'import-statement' && outputs[i.path]) {
      visit(i.path);
    }
  }
};
visit(appChunk);
const rows = [];
for (const [file, info] of Object.entries(outputs)) {
  if (!file.endsWith('.js')) {
    continue;
  }
  const bytes = readFileSync(join(process.cwd(), file));
  const inputs = Object.keys(info.inputs);
  const has = re => inputs.some(i => re.test(i));
  const what = initial.has(file)
    ? 'loaded with the app (plugin definitions, API factories)'
    : has(/wasmBytes/)
      ? 'WebAssembly core (.wasm, base64)'
      : has(/workerSource/)
        ? 'validation worker script (glue + facade)'
        : has(/@codemirror|@lezer/)
          ? 'CodeMirror 6 and YAML mode (validator page)'
          : has(/kataster_wasm|facade/)
            ? 'WebAssembly glue (main-thread fallback)'
            : has(/acme\.generated/)
              ? 'Acme example (Example button)'
              : has(/ConventionsCard|ConventionsReport|CatalogValidator|KatasterPage/)
                ? 'page and card components'
                : 'shared lazy code';
  rows.push({ what, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(file) });
}
rows.sort((a, b) => Number(b.initial) - Number(a.initial) || b.raw - a.raw);
const kb = n => `${(n / 1024).toFixed(1)} KiB`;
console.log('| chunk | raw | gzipped |');
console.log('|---|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.initial ? '**initial**: ' : 'lazy: '}${row.what} | ${kb(row.raw)} | ${kb(row.gzip)} |`);
}
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
console.log(`| total | ${kb(total.raw)} | ${kb(total.gzip)} |`);
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) {
  writeFileSync(process.argv[jsonAt + 1], `${JSON.stringify({ rows, total }, null, 2)}\n`);
}
rmSync(out, { recursive: true, force: true });
