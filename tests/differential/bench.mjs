#!/usr/bin/env node
// Benchmark: the Backstage oracle vs kataster on the same inputs.
//
//   node bench.mjs --kataster BIN [--out DIR] [--runs N]
//
// Generates (default DIR: <repo>/target/bench) one file of 10,000 Component
// documents and 1,000 single-document files, then times, as wall clock of a
// whole process each: the oracle on the big file, kataster on the big file,
// the oracle on the 1,000 files, kataster on the 1,000 files (kataster: best of
// N runs, default 3; the oracle: one run). Prints a Markdown table.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIG_DOCS = 10_000;
const SMALL_FILES = 1_000;

function component(i) {
  const n = String(i).padStart(5, '0');
  return (
    'apiVersion: backstage.io/v1alpha1\n' +
    'kind: Component\n' +
    'metadata:\n' +
    `  name: service-${n}\n` +
    '  tags:\n' +
    '    - java\n' +
    `    - team-${i % 50}\n` +
    '  annotations:\n' +
    '    backstage.io/techdocs-ref: dir:.\n' +
    'spec:\n' +
    '  type: service\n' +
    '  lifecycle: production\n' +
    `  owner: team-${i % 50}\n` +
    '  dependsOn:\n' +
    `    - resource:database-${n}\n`
  );
}

export function generateBench(outDir) {
  mkdirSync(outDir, { recursive: true });
  const big = path.join(outDir, 'components-10k.yaml');
  const parts = [];
  for (let i = 0; i < BIG_DOCS; i++) parts.push(component(i));
  writeFileSync(big, parts.join('---\n'));
  const manyDir = path.join(outDir, 'files-1k');
  rmSync(manyDir, { recursive: true, force: true });
  mkdirSync(manyDir, { recursive: true });
  const many = [];
  for (let i = 0; i < SMALL_FILES; i++) {
    const f = path.join(manyDir, `catalog-info-${String(i).padStart(4, '0')}.yaml`);
    writeFileSync(f, component(i));
    many.push(f);
  }
  return { big, many, bigBytes: statSync(big).size };
}

function timeProcess(cmd, args) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, encoding: 'utf8' });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.error) throw new Error(`${cmd}: ${res.error.message}`);
  return { secs, status: res.status, stdout: res.stdout, stderr: res.stderr };
}

function oracleRun(files) {
  const r = timeProcess(process.execPath, [path.join(here, 'oracle.mjs'), ...files]);
  if (r.status !== 0) throw new Error(`oracle exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const lines = r.stdout.trim().split('\n');
  const accepted = lines.filter(l => l.includes('"verdict":"accept"')).length;
  return { secs: r.secs, docs: lines.length, accepted };
}

function katasterRun(bin, files, runs) {
  let best = Infinity;
  let errors = null;
  for (let i = 0; i < runs; i++) {
    const r = timeProcess(bin, ['check', '--select', 'CAT0', '--format', 'json', ...files]);
    if (![0, 1, 2].includes(r.status)) throw new Error(`${bin} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    best = Math.min(best, r.secs);
    try {
      errors = JSON.parse(r.stdout).diagnostics.filter(d => d.severity === 'error').length;
    } catch {
      errors = '?';
    }
  }
  return { secs: best, errors };
}

const fmt = s => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);

async function main(argv) {
  let bin;
  let out = path.resolve(here, '..', '..', 'target', 'bench');
  let runs = 3;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--kataster') bin = argv[++i];
    else if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else if (argv[i] === '--runs') runs = Number(argv[++i]);
  }
  if (!bin) {
    process.stderr.write('usage: node bench.mjs --kataster BIN [--out DIR] [--runs N]\n');
    return 2;
  }
  const { big, many, bigBytes } = generateBench(out);
  process.stderr.write(`generated ${big} (${(bigBytes / 1e6).toFixed(2)} MB, ${BIG_DOCS} documents) and ${many.length} files\n`);

  const oBig = oracleRun([big]);
  const kBig = katasterRun(bin, [big], runs);
  const oMany = oracleRun(many);
  const kMany = katasterRun(bin, many, runs);

  const rows = [
    [`1 file, ${BIG_DOCS.toLocaleString('en')} Components (${(bigBytes / 1e6).toFixed(1)} MB)`, oBig, kBig],
    [`${SMALL_FILES.toLocaleString('en')} files of 1 Component`, oMany, kMany],
  ];
  const lines = [
    `| workload | Backstage oracle (node ${process.versions.node}, 1 run) | kataster (best of ${runs}) | speed-up |`,
    '|---|---:|---:|---:|',
  ];
  for (const [name, o, k] of rows) {
    lines.push(`| ${name} | ${fmt(o.secs)} | ${fmt(k.secs)} | ${(o.secs / k.secs).toFixed(1)}x |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(
    `\noracle accepted ${oBig.accepted}/${oBig.docs} and ${oMany.accepted}/${oMany.docs} documents; ` +
      `kataster reported ${kBig.errors} and ${kMany.errors} errors.\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    code => (process.exitCode = code),
    err => {
      process.stderr.write(`bench: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
