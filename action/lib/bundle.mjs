// The action's committed bundle (action/dist/): the Node.js build of the WebAssembly package,
// so that the action runs from a clean checkout exactly as GitHub runs it (no build, no
// install). `SOURCES` records a fingerprint of everything the bundle is built from.
//
//   node action/lib/bundle.mjs write   copy wasm/pkg (scripts/build-wasm.sh) into action/dist
//   node action/lib/bundle.mjs check [--strict]   fail when action/dist is stale
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'action/dist');
const pkg = path.join(root, 'wasm/pkg');

/**
 * The bundle: files of wasm/pkg, by their path in both (the .wasm files are committed gzipped).
 * Both Node.js builds: node-schemas/ (with the custom-schema validator) loads only for a policy
 * with custom schemas.
 */
export const BUNDLE = [
  'index.mjs',
  'facade.mjs',
  'node/kataster_wasm.js',
  'node/kataster_wasm_bg.wasm',
  'node-schemas/kataster_wasm.js',
  'node-schemas/kataster_wasm_bg.wasm',
];
const BUILDS = ['node', 'node-schemas'];

const isWasm = (file) => file.endsWith('/kataster_wasm_bg.wasm');
const isGlue = (file) => file.endsWith('/kataster_wasm.js');
const READ = "const wasmBytes = require('fs').readFileSync(wasmPath);";
const READ_GZ = "const wasmBytes = require('zlib').gunzipSync(require('fs').readFileSync(wasmPath + '.gz'));";

/** A bundle file's committed bytes from the built package's. */
function committed(file, bytes) {
  if (isWasm(file)) {
    return zlib.gzipSync(bytes, { level: 9 });
  }
  if (isGlue(file)) {
    const text = bytes.toString('utf8');
    if (!text.includes(READ)) {
      throw new Error(`${file}: wasm-bindgen's glue no longer reads the .wasm with \`${READ}\`; update action/lib/bundle.mjs`);
    }
    return Buffer.from(text.replace(READ, READ_GZ));
  }
  return bytes;
}

/** Where a bundle file is committed. */
function committedPath(file) {
  return path.join(dist, isWasm(file) ? `${file}.gz` : file);
}

const INPUT_DIRS = ['core/src', 'wasm/src', 'wasm/js'];
const INPUT_FILES = [
  'core/Cargo.toml',
  'wasm/Cargo.toml',
  'wasm/package-lock.json',
  'scripts/build-wasm.sh',
  'action/lib/bundle.mjs',
  'schemas/kataster.schema.json',
];

function filesUnder(dir) {
  const out = [];
  const visit = (current) => {
    for (const name of fs.readdirSync(path.join(root, current)).sort()) {
      const relative = `${current}/${name}`;
      const stat = fs.statSync(path.join(root, relative));
      if (stat.isDirectory()) visit(relative);
      else out.push(relative);
    }
  };
  visit(dir);
  return out;
}

/** The packages of Cargo.lock that kataster-wasm depends on, transitively, as `name version`. */
function lockedDependencies() {
  const lock = fs.readFileSync(path.join(root, 'Cargo.lock'), 'utf8');
  const packages = lock.split('[[package]]').slice(1).map((block) => ({
    name: /^name = "(.*)"$/m.exec(block)?.[1],
    version: /^version = "(.*)"$/m.exec(block)?.[1],
    dependencies: [...(/^dependencies = \[([\s\S]*?)\]/m.exec(block)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]),
  }));
  const find = (spec) => {
    const [name, version] = spec.split(' ');
    return packages.find((p) => p.name === name && (version === undefined || p.version === version));
  };
  const seen = new Set();
  const queue = [find('kataster-wasm')];
  while (queue.length > 0) {
    const current = queue.pop();
    if (!current || seen.has(`${current.name} ${current.version}`)) continue;
    seen.add(`${current.name} ${current.version}`);
    queue.push(...current.dependencies.map(find));
  }
  return [...seen].sort();
}

/** The wasm-release profile of the workspace's Cargo.toml, with its per-package settings. */
function profile() {
  const manifest = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  return (manifest.match(/\[profile\.wasm-release[.\]][^[]*/g) ?? []).join('');
}

/** A fingerprint of the bundle's inputs: sources, locked dependencies, profile, toolchain. */
export function fingerprint() {
  const hash = crypto.createHash('sha256');
  const files = [...INPUT_DIRS.flatMap(filesUnder), ...INPUT_FILES].sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  hash.update(lockedDependencies().join('\n'));
  hash.update(profile());
  hash.update(execFileSync('rustc', ['--version'], { encoding: 'utf8' }));
  return hash.digest('hex');
}

function write() {
  for (const file of BUNDLE) {
    if (!fs.existsSync(path.join(pkg, file))) {
      throw new Error(`wasm/pkg/${file} is missing: run scripts/build-wasm.sh first`);
    }
  }
  for (const file of BUNDLE.filter(isWasm)) {
    if (!WebAssembly.validate(fs.readFileSync(path.join(pkg, file)))) {
      throw new Error(`wasm/pkg/${file} is not a valid WebAssembly module: rebuild with scripts/build-wasm.sh`);
    }
  }
  fs.rmSync(dist, { recursive: true, force: true });
  for (const build of BUILDS) {
    fs.mkdirSync(path.join(dist, build), { recursive: true });
    fs.writeFileSync(path.join(dist, build, 'package.json'), '{\n  "type": "commonjs"\n}\n');
  }
  for (const file of BUNDLE) {
    fs.writeFileSync(committedPath(file), committed(file, fs.readFileSync(path.join(pkg, file))));
  }
  fs.writeFileSync(path.join(dist, 'SOURCES'), `${fingerprint()}\n`);
}

/**
 * Problems that make the bundle stale; empty when it is current. The fingerprint decides (a
 * build elsewhere may differ in bytes: symbol hashes include the checkout's path); `strict`
 * also compares the bytes with the fresh build in wasm/pkg. The conformance tests run the
 * committed bundle against the native CLI built from the same sources.
 */
export function staleness({ compareBuild = false } = {}) {
  const problems = [];
  const recorded = fs.existsSync(path.join(dist, 'SOURCES'))
    ? fs.readFileSync(path.join(dist, 'SOURCES'), 'utf8').trim()
    : '(none)';
  const current = fingerprint();
  if (recorded !== current) {
    problems.push(`action/dist was built from other sources (fingerprint ${recorded.slice(0, 12)}, sources ${current.slice(0, 12)})`);
  }
  if (compareBuild) {
    for (const file of BUNDLE) {
      const expected = committed(file, fs.readFileSync(path.join(pkg, file)));
      const target = committedPath(file);
      if (!fs.existsSync(target) || !fs.readFileSync(target).equals(expected)) {
        problems.push(`${path.relative(root, target)} differs from the fresh build wasm/pkg/${file}`);
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'write') {
    write();
    console.log(`action/dist written (${fingerprint().slice(0, 12)})`);
  } else if (command === 'check') {
    const problems = staleness({ compareBuild: process.argv.includes('--strict') });
    if (problems.length > 0) {
      console.error(`${problems.join('\n')}\nrun: scripts/build-wasm.sh --action, then commit action/dist`);
      process.exitCode = 1;
    } else {
      console.log('action/dist is current');
    }
  } else {
    console.error('usage: node action/lib/bundle.mjs write|check');
    process.exitCode = 2;
  }
}
