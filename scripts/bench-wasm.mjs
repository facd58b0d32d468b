// The WebAssembly benchmark of docs/performance.md: the same 10,000-entity file through the
// native CLI and through the WebAssembly core on Node.js, plus the module's instantiation.
//
//   node scripts/bench-wasm.mjs [--native target/release/kataster] [--pkg wasm/pkg] [--runs 5]
//
// Times (best of N, wall clock): the native CLI as a process; `node action/kataster.mjs` as a
// process (Node start, instantiation, file walk, check, JSON output); and, inside one Node
// process, the module's compile + instantiate and `Kataster.check` on the text in memory.
// Both produce `--select CAT0 --format json` and all rules; the outputs are compared.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const native = path.resolve(option('--native', path.join(root, 'target/release/kataster')));
const pkg = path.resolve(option('--pkg', path.join(root, 'wasm/pkg')));
const runs = Number(option('--runs', '5'));

const { generateBench } = await import(pathToFileURL(path.join(root, 'tests/differential/bench.mjs')).href);
const big = path.join(root, 'target/bench/components-10k.yaml');
if (!fs.existsSync(big)) {
  generateBench(path.join(root, 'target/bench'));
}
const relative = path.relative(root, big);

function best(run) {
  let fastest = Infinity;
  let output;
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    output = run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return { ms: fastest, output };
}

function processTime(command, commandArgs, env = {}) {
  return best(() => {
    const result = spawnSync(command, commandArgs, {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, ...env },
    });
    return result.stdout;
  });
}

const rows = [];
for (const select of [['--select', 'CAT0'], []]) {
  const label = select.length ? '`--select CAT0`' : 'all rules (20,000 warnings)';
  const checkArgs = ['check', ...select, '--format', 'json', relative];
  const nativeRun = processTime(native, checkArgs);
  const wasmRun = processTime(process.execPath, [path.join(root, 'action/kataster.mjs'), ...checkArgs], {
    KATASTER_WASM_PKG: pkg,
  });
  if (nativeRun.output !== wasmRun.output) {
    throw new Error(`the outputs differ for ${checkArgs.join(' ')}`);
  }
  rows.push([`process, ${label}`, nativeRun.ms, wasmRun.ms]);
}

// Inside one process: instantiation, then the check alone.
const wasmFile = path.join(pkg, 'node/kataster_wasm_bg.wasm');
const bytes = fs.readFileSync(wasmFile);
const compile = best(() => new WebAssembly.Module(bytes));
const api = await import(pathToFileURL(path.join(pkg, 'index.mjs')).href);
const text = fs.readFileSync(big, 'utf8');
const kataster = new api.Kataster();
for (const select of ['CAT0', undefined]) {
  const inMemory = best(() => kataster.check([{ path: relative, text }], select ? { select } : {}));
  const nativeInProcess = best(() => spawnSync(native, ['check', ...(select ? ['--select', select] : []), '--format', 'json', relative], { cwd: root, maxBuffer: 1 << 30 }));
  rows.push([`\`check()\` in memory, ${select ? '`--select CAT0`' : 'all rules'}`, nativeInProcess.ms, inMemory.ms]);
}

const instantiate = best(() => {
  const module = new WebAssembly.Module(bytes);
  return module;
});
const importFresh = processTime(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(path.join(pkg, 'index.mjs')).href)})`]);
const nodeBare = processTime(process.execPath, ['-e', '0']);

console.log(`| workload (10,000 Components, 2.8 MB) | native | WASM on Node ${process.version} | ratio |`);
console.log('|---|---:|---:|---:|');
for (const [label, nativeMs, wasmMs] of rows) {
  console.log(`| ${label} | ${nativeMs.toFixed(0)} ms | ${wasmMs.toFixed(0)} ms | ${(wasmMs / nativeMs).toFixed(2)}x |`);
}
console.log('');
console.log(`module: ${bytes.length} bytes (${fs.existsSync(wasmFile) ? 'node build' : ''})`);
console.log(`compile (new WebAssembly.Module, best of ${runs}): ${compile.ms.toFixed(0)} ms; again: ${instantiate.ms.toFixed(0)} ms`);
console.log(`import of the package in a fresh Node process: ${importFresh.ms.toFixed(0)} ms (bare \`node -e 0\`: ${nodeBare.ms.toFixed(0)} ms)`);
