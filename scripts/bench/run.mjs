// The benchmark of docs/performance.md, side by side in one run on the same generated files
// (scripts/bench/generate.mjs): kataster native, kataster's WebAssembly build in Node (the
// Node CLI, action/kataster.mjs), Backstage's own validation (the differential oracle,
// tests/differential/oracle.mjs) and the floor: reading the same files and parsing them with
// the same parser, nothing else (core/examples/parse_floor.rs).
//
//   node scripts/bench/run.mjs [--sizes 1000,10000,100000,1000000] [--runs 3]
//        [--oracle-max 10000] [--wasm-max 100000] [--no-wasm] [--hostile] [--plot FILE]
//
// Every time is the wall clock of a whole process (best of --runs; the oracle and runs over
// 100,000 entities: one run), peak memory its maximum resident set (GNU time). Prints Markdown
// tables and the targets' verdicts, writes target/bench/results.json and the scaling plot
// (default docs/performance-scaling.svg). scripts/bench.sh builds what this needs first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateCatalog } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '1000,10000,100000,1000000').split(',').map(Number);
const runs = Number(option('--runs', '3'));
const oracleMax = Number(option('--oracle-max', '10000'));
const wasmMax = args.includes('--no-wasm') ? 0 : Number(option('--wasm-max', '100000'));
const plotFile = path.resolve(root, option('--plot', 'docs/performance-scaling.svg'));
const out = path.join(root, 'target/bench');

const native = path.join(root, 'target/release/kataster');
const floor = path.join(root, 'target/release/examples/parse_floor');
const nodeCli = path.join(root, 'action/kataster.mjs');
const oracle = path.join(root, 'tests/differential/oracle.mjs');
const wasmPkg = path.join(root, 'wasm/pkg');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const wasmReady = wasmMax > 0 && existsSync(path.join(wasmPkg, 'index.mjs')) && existsSync(nodeCli);

/** Run a process `times` times: the best wall time, the peak RSS, the last stdout. */
function measure(command, commandArgs, { times = runs, env = {}, cwd = root, statuses = [0, 1] } = {}) {
  let best = Infinity;
  let peakKb = 0;
  let stdout = '';
  let status = 0;
  const rssFile = path.join(out, '.rss');
  for (let i = 0; i < times; i += 1) {
    const [cmd, cmdArgs] = gnuTime
      ? [gnuTime, ['-f', '%M', '-o', rssFile, command, ...commandArgs]]
      : [command, commandArgs];
    const started = process.hrtime.bigint();
    const result = spawnSync(cmd, cmdArgs, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, ...env },
    });
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.error) throw new Error(`${command}: ${result.error.message}`);
    status = result.status;
    if (!statuses.includes(status)) {
      throw new Error(`${command} ${commandArgs.join(' ')} exited ${status}: ${result.stderr.slice(0, 2000)}`);
    }
    best = Math.min(best, secs);
    stdout = result.stdout;
    if (gnuTime) peakKb = Math.max(peakKb, Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()));
  }
  return { secs: best, peakKb, stdout, status };
}

function listFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(p));
    else if (entry.name.endsWith('.yaml')) found.push(p);
  }
  return found;
}

function bytesOf(target) {
  return statSync(target).isDirectory()
    ? listFiles(target).reduce((sum, file) => sum + statSync(file).size, 0)
    : statSync(target).size;
}

const fmt = secs => (secs < 1 ? `${(secs * 1000).toFixed(secs < 0.1 ? 1 : 0)} ms` : `${secs.toFixed(2)} s`);
const mb = kb => `${(kb / 1024).toFixed(0)} MB`;

mkdirSync(out, { recursive: true });
const results = { machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.versions.node}`, date: new Date().toISOString(), rows: [] };

for (const n of sizes) {
  process.stderr.write(`generating ${n.toLocaleString('en')} entities\n`);
  const catalog = generateCatalog(n, out);
  for (const [layout, target] of [['one file', catalog.one], [`${catalog.files.toLocaleString('en')} files`, catalog.many]]) {
    const times = n > 100_000 ? 1 : runs;
    const bytes = bytesOf(target);
    const row = { entities: n, layout, many: target === catalog.many, bytes };
    process.stderr.write(`  ${layout}: floor`);
    row.floor = measure(floor, [target], { times });
    row.floor1 = measure(floor, ['--threads', '1', target], { times });
    process.stderr.write(', native');
    const cat0 = measure(native, ['check', '--select', 'CAT0', '--format', 'json', target], { times });
    row.native = cat0;
    row.nativeAll = measure(native, ['check', '--format', 'json', target], { times });
    const report = JSON.parse(cat0.stdout);
    row.errors = report.summary.errors;
    row.documents = report.summary.documents;
    if (wasmReady && n <= wasmMax) {
      process.stderr.write(', wasm');
      row.wasm = measure(process.execPath, [nodeCli, 'check', '--select', 'CAT0', '--format', 'json', target], {
        times,
        env: { KATASTER_WASM_PKG: wasmPkg },
      });
      row.wasmSame = row.wasm.stdout === cat0.stdout;
    }
    if (n <= oracleMax) {
      process.stderr.write(', oracle');
      const files = target === catalog.many ? listFiles(target) : [target];
      row.oracle = measure(process.execPath, [oracle, ...files], { times: 1 });
      row.accepted = row.oracle.stdout.split('\n').filter(line => line.includes('"verdict":"accept"')).length;
    }
    process.stderr.write('\n');
    for (const key of ['floor', 'floor1', 'native', 'nativeAll', 'wasm', 'oracle']) if (row[key]) delete row[key].stdout;
    results.rows.push(row);
  }
}

// Cold start: one small file, median of 30 runs, next to spawning /bin/true the same way.
const small = path.join(out, 'small.yaml');
writeFileSync(small, readFileSync(generateCatalog(1000, out).one, 'utf8').split('---\n')[0]);
const median = (command, commandArgs) => {
  const samples = [];
  for (let i = 0; i < 30; i += 1) {
    const started = process.hrtime.bigint();
    spawnSync(command, commandArgs, { stdio: 'ignore' });
    samples.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  samples.sort((a, b) => a - b);
  return samples[15];
};
results.coldStart = { kataster: median(native, ['check', small]), spawn: median('/bin/true', []) };
if (wasmReady) {
  results.coldStart.wasm = median(process.execPath, [nodeCli, 'check', small]);
  results.coldStart.node = median(process.execPath, ['-e', '0']);
}

writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));

// Hostile inputs (tests/hostile/cases.mjs), native: time and peak memory of each.
if (args.includes('--hostile')) {
  const { cases } = await import('../../tests/hostile/cases.mjs');
  results.hostile = [];
  const dir = path.join(out, 'hostile');
  for (const [name, make] of Object.entries(cases)) {
    const spec = make();
    if (!spec.files?.length && !spec.bytes) continue;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    if (spec.bytes) writeFileSync(path.join(dir, 'catalog-info.yaml'), spec.bytes);
    for (const file of spec.files ?? []) writeFileSync(path.join(dir, file.path), file.text);
    if (spec.policy) writeFileSync(path.join(dir, 'kataster.yaml'), spec.policy);
    for (const [file, text] of Object.entries(spec.schemas ?? {})) writeFileSync(path.join(dir, file), text);
    const files = spec.bytes ? ['catalog-info.yaml'] : spec.files.map(file => file.path);
    const size = files.reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
    const run = measure(native, ['check', '--format', 'json', ...files], { cwd: dir, times: 3, statuses: [0, 1, 2] });
    results.hostile.push({ name, bytes: size, secs: run.secs, peakKb: run.peakKb, exit: run.status });
    process.stderr.write(`  hostile: ${name}: ${fmt(run.secs)}, ${mb(run.peakKb)}\n`);
  }
  rmSync(dir, { recursive: true, force: true });
}

writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));

// Tables.
const lines = [];
const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
lines.push(`Machine: ${results.machine}; ${new Date().toISOString().slice(0, 10)}. Best of ${runs} (above 100,000 entities and for the oracle: one run).`, '');
row('entities', 'layout', 'input', 'floor (parse only)', 'kataster `--select CAT0`', 'kataster, all rules', 'WASM in Node', 'Backstage oracle', 'peak RSS (all rules)');
row('---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:');
for (const r of results.rows) {
  row(
    r.entities.toLocaleString('en'),
    r.layout,
    `${(r.bytes / 1e6).toFixed(1)} MB`,
    `${fmt(r.floor.secs)} (1 core: ${fmt(r.floor1.secs)})`,
    fmt(r.native.secs),
    fmt(r.nativeAll.secs),
    r.wasm ? `${fmt(r.wasm.secs)}${r.wasmSame ? '' : ' (output differs!)'}` : '-',
    r.oracle ? fmt(r.oracle.secs) : '-',
    `${mb(r.nativeAll.peakKb)} (${(r.nativeAll.peakKb * 1024 / r.bytes).toFixed(1)}x input)`,
  );
}
lines.push('');
const find = (n, many) => results.rows.find(r => r.entities === n && r.many === many);
const verdict = (ok, text) => `- ${ok ? 'met' : '**not met**'}: ${text}`;
const ten = find(10_000, false);
const thousandFiles = find(1000, true);
if (ten?.oracle) {
  const ratio = ten.oracle.secs / ten.native.secs;
  lines.push(verdict(ratio >= 100, `>= 100x faster than the oracle on 10k entities in one file: ${ratio.toFixed(1)}x (${fmt(ten.oracle.secs)} / ${fmt(ten.native.secs)})`));
}
if (thousandFiles?.oracle) {
  const ratio = thousandFiles.oracle.secs / thousandFiles.native.secs;
  lines.push(verdict(ratio >= 50, `>= 50x on 1,000 files: ${ratio.toFixed(1)}x (${fmt(thousandFiles.oracle.secs)} / ${fmt(thousandFiles.native.secs)})`));
}
for (const r of results.rows.filter(r => r.entities >= 10_000 && r.entities <= 100_000)) {
  const ratio = r.nativeAll.secs / r.floor.secs;
  lines.push(verdict(ratio <= 1.5, `validation <= 1.5x the bare parse, ${r.entities.toLocaleString('en')} entities, ${r.layout}: ${ratio.toFixed(2)}x (all rules ${fmt(r.nativeAll.secs)} / floor ${fmt(r.floor.secs)}, same threads)`));
}
for (const r of results.rows.filter(r => r.wasm && r.entities >= 10_000)) {
  const ratio = r.wasm.secs / r.native.secs;
  lines.push(verdict(ratio <= 2, `WASM <= 2x native, ${r.entities.toLocaleString('en')} entities, ${r.layout}: ${ratio.toFixed(2)}x`));
}
const cold = results.coldStart;
lines.push(verdict(cold.kataster <= 0.01, `cold start on one small file <= 10 ms: ${fmt(cold.kataster)} (median of 30; spawning /bin/true the same way: ${fmt(cold.spawn)})${cold.wasm ? `; the Node CLI on WASM: ${fmt(cold.wasm)} (Node alone: ${fmt(cold.node)})` : ''}`));
for (const r of results.rows.filter(r => r.entities >= 10_000)) {
  const bound = 3 * r.bytes / 1024 + 10 * 1024;
  lines.push(verdict(r.nativeAll.peakKb <= bound, `peak RSS <= 3x input + 10 MB, ${r.entities.toLocaleString('en')} entities, ${r.layout}: ${mb(r.nativeAll.peakKb)} for ${(r.bytes / 1e6).toFixed(1)} MB (bound ${mb(bound)})`));
}
for (const many of [false, true]) {
  const series = results.rows.filter(r => r.many === many).sort((a, b) => a.entities - b.entities);
  if (series.length < 2) continue;
  const first = series[0];
  const last = series[series.length - 1];
  const perEntity = r => r.nativeAll.secs / r.entities;
  const growth = perEntity(last) / perEntity(first);
  lines.push(`- scaling (${many ? 'many files' : 'one file'}): time per entity from ${first.entities.toLocaleString('en')} to ${last.entities.toLocaleString('en')} changes by ${growth.toFixed(2)}x (1.00 is linear): ${series.map(r => `${r.entities.toLocaleString('en')}: ${(perEntity(r) * 1e6).toFixed(1)} µs`).join(', ')}`);
}
if (results.hostile) {
  lines.push('', '| hostile input (release build) | input | time | peak RSS | exit |', '|---|---:|---:|---:|---:|');
  for (const h of results.hostile) {
    lines.push(`| ${h.name} | ${h.bytes > 1e6 ? `${(h.bytes / 1e6).toFixed(1)} MB` : `${(h.bytes / 1e3).toFixed(1)} KB`} | ${fmt(h.secs)} | ${mb(h.peakKb)} | ${h.exit} |`);
  }
}
process.stdout.write(lines.join('\n') + '\n');

// The scaling plot: time against entities, both axes logarithmic, with a line of slope 1.
function plot() {
  const width = 720;
  const height = 460;
  const margin = { left: 70, right: 170, top: 30, bottom: 50 };
  const series = [
    ['kataster, one file (all rules)', '#1f77b4', r => !r.many && r.nativeAll.secs],
    ['kataster, many files (all rules)', '#2ca02c', r => r.many && r.nativeAll.secs],
    ['floor: parse only, one file', '#7f7f7f', r => !r.many && r.floor.secs],
    ['WASM in Node, one file', '#ff7f0e', r => !r.many && r.wasm?.secs],
    ['Backstage oracle, one file', '#d62728', r => !r.many && r.oracle?.secs],
  ];
  const points = series.map(([label, color, pick]) => [
    label,
    color,
    results.rows.filter(r => pick(r)).map(r => [r.entities, pick(r)]).sort((a, b) => a[0] - b[0]),
  ]);
  const all = points.flatMap(([, , p]) => p);
  if (all.length === 0) return null;
  const xs = all.map(p => Math.log10(p[0]));
  const ys = all.map(p => Math.log10(p[1]));
  const x0 = Math.floor(Math.min(...xs));
  const x1 = Math.ceil(Math.max(...xs));
  const y0 = Math.floor(Math.min(...ys));
  const y1 = Math.ceil(Math.max(...ys));
  const sx = v => margin.left + ((Math.log10(v) - x0) / Math.max(1, x1 - x0)) * (width - margin.left - margin.right);
  const sy = v => height - margin.bottom - ((Math.log10(v) - y0) / Math.max(1, y1 - y0)) * (height - margin.top - margin.bottom);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="18" font-size="14">kataster: time against catalog size (log-log; ${results.machine.split(',')[0]})</text>`,
  ];
  for (let e = x0; e <= x1; e += 1) {
    const x = sx(10 ** e);
    svg.push(`<line x1="${x}" y1="${margin.top}" x2="${x}" y2="${height - margin.bottom}" stroke="#ddd"/>`);
    svg.push(`<text x="${x}" y="${height - margin.bottom + 16}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`);
  }
  for (let e = y0; e <= y1; e += 1) {
    const y = sy(10 ** e);
    svg.push(`<line x1="${margin.left}" y1="${y}" x2="${width - margin.right}" y2="${y}" stroke="#ddd"/>`);
    svg.push(`<text x="${margin.left - 6}" y="${y + 4}" text-anchor="end">${fmt(10 ** e)}</text>`);
  }
  svg.push(`<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" text-anchor="middle">entities</text>`);
  svg.push(`<text transform="translate(16 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)" text-anchor="middle">wall time of the process</text>`);
  // Linear growth through kataster's first point.
  const base = points[0][2][0];
  if (base) {
    const [n0, t0] = base;
    const nEnd = 10 ** x1;
    svg.push(`<line x1="${sx(n0)}" y1="${sy(t0)}" x2="${sx(nEnd)}" y2="${sy(t0 * (nEnd / n0))}" stroke="#1f77b4" stroke-dasharray="4 4" opacity="0.6"/>`);
  }
  points.forEach(([label, color, p], index) => {
    if (p.length === 0) return;
    svg.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${p.map(([n, t]) => `${sx(n)},${sy(t)}`).join(' ')}"/>`);
    for (const [n, t] of p) svg.push(`<circle cx="${sx(n)}" cy="${sy(t)}" r="3.5" fill="${color}"/>`);
    const ly = margin.top + 10 + index * 20;
    svg.push(`<line x1="${width - margin.right + 10}" y1="${ly}" x2="${width - margin.right + 30}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    svg.push(`<text x="${width - margin.right + 34}" y="${ly + 4}" font-size="10">${label}</text>`);
  });
  const ly = margin.top + 10 + points.length * 20;
  svg.push(`<line x1="${width - margin.right + 10}" y1="${ly}" x2="${width - margin.right + 30}" y2="${ly}" stroke="#1f77b4" stroke-dasharray="4 4"/>`);
  svg.push(`<text x="${width - margin.right + 34}" y="${ly + 4}" font-size="10">linear growth</text>`);
  svg.push('</svg>');
  return svg.join('\n') + '\n';
}
const svg = plot();
if (svg) {
  writeFileSync(plotFile, svg);
  process.stderr.write(`plot: ${path.relative(root, plotFile)}\n`);
}
