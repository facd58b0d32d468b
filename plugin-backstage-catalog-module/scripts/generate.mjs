#!/usr/bin/env node
// Copies the WebAssembly core's Node.js build out of wasm/pkg (scripts/build-wasm.sh) into
// kataster-wasm/, which the module loads at run time and the published package carries (so an
// adopter installs no other package). Not committed: scripts/test-backend.sh and prepack run it.
//
// Usage: node scripts/generate.mjs   (KATASTER_WASM_PKG=DIR: the package built elsewhere)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const module = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(module, '..');
const pkg = process.env.KATASTER_WASM_PKG ?? join(repo, 'wasm/pkg');
const out = join(module, 'kataster-wasm');

// The Node.js entry, the facade it wraps, their types, and the CommonJS glue with the .wasm:
// the small build, and the one with the custom-schema validator that the facade loads for a
// policy with custom schemas (ORG007).
const builds = ['node', 'node-schemas'].flatMap(build => ['kataster_wasm.js', 'kataster_wasm_bg.wasm', 'package.json'].map(file => `${build}/${file}`));
const files = ['index.mjs', 'facade.mjs', 'index.d.ts', 'api.d.ts', ...builds];
for (const file of files) {
  if (!existsSync(join(pkg, file))) {
    console.error(`generate: ${relative(repo, join(pkg, file))} is missing: build the WebAssembly package first (scripts/build-wasm.sh)`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
for (const file of files) {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  cpSync(join(pkg, file), join(out, file));
}
writeFileSync(
  join(out, 'README.md'),
  'Copied from wasm/pkg (the Node.js build of kataster-wasm) by scripts/generate.mjs: do not edit.\n',
);
const wasm = readFileSync(join(out, 'node/kataster_wasm_bg.wasm'));
console.log(`generate: kataster-wasm/ from ${relative(repo, pkg) || pkg} (.wasm ${wasm.length} bytes)`);
