#!/usr/bin/env node
// Differential test: per-document verdicts of the Backstage oracle vs kataster.
//
//   node compare.mjs --kataster BIN [--exceptions exceptions.tsv] [--merge]
//                    [--modules ai-model] [--kataster-arg ARG]... [--shared-corpus DIR]
//                    [--quiet] DIR_OR_FILE...
//
// `--modules` runs the oracle as a backend with those catalog model modules installed (its
// ModelProcessor instead of the BuiltinKindsEntityProcessor); give kataster the same with a
// policy (`--kataster-arg --config --kataster-arg FILE`, the file saying `modules: [...]`).
// Collects *.yaml / *.yml files (directories recursively), runs the oracle in
// this process and `BIN check --select CAT0 --format json FILE...` (in chunks),
// and compares: kataster rejects a document iff it reports a diagnostic with
// severity "error" and a code starting with "YAML", "IO" or "CAT0" for that
// (file, document); the oracle's "skip" counts as "no error".
// Ends with the line `differential: N passed, M failed`; exits 1 if M > 0.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runOracle } from './oracle.mjs';

const CHUNK_FILES = 400;
const CHUNK_CHARS = 100_000;

function usage() {
  return (
    'usage: node compare.mjs --kataster BIN [--exceptions FILE] [--merge] [--modules LIST] [--kataster-arg ARG]...\n' +
    '                        [--shared-corpus DIR] [--quiet] DIR_OR_FILE...\n'
  );
}

// Files kataster does not check as catalog files (core/src/discover.rs `classify`): policy
// files, Fleet's fleet.yaml, and manifests (Kubernetes, Argo CD, Rancher) without a Backstage apiVersion, which
// kataster checks for naming conventions only. Backstage would reject their documents as
// foreign kinds; they are not entities in either tool's view.
const POLICY_FILE_NAMES = new Set(['kataster.yaml', '.kataster.yaml']);
const isApiVersionLine = (line, test) => {
  const rest = line.replace(/^[-\s]*/, '');
  if (!rest.startsWith('apiVersion:')) return false;
  const value = rest.slice('apiVersion:'.length).trim().replace(/^["']+|["']+$/g, '');
  return test(value);
};
function isCatalogFile(file) {
  if (POLICY_FILE_NAMES.has(path.basename(file))) return false;
  if (/^catalog-info\.ya?ml$/.test(path.basename(file))) return true;
  let lines;
  try {
    lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
  } catch {
    return true;
  }
  const backstage = value => value.startsWith('backstage.io/') || value.startsWith('scaffolder.backstage.io/');
  if (lines.some(line => isApiVersionLine(line, backstage))) return true;
  // Rancher Fleet's bundle options, known by their name (core/src/naming/sources/fleet.rs).
  if (/^fleet\.ya?ml$/.test(path.basename(file))) return false;
  // The manifest groups of core/src/discover.rs (`is_manifest_api_version_line`).
  const groups = ['argoproj.io/', 'management.cattle.io/', 'kustomize.config.k8s.io/', 'kustomize.toolkit.fluxcd.io/', 'helm.toolkit.fluxcd.io/', 'project.openshift.io/'];
  const manifest = value => groups.some(group => value.startsWith(group)) || value === 'v1';
  return !lines.some(line => isApiVersionLine(line, manifest));
}

export function collectYamlFiles(inputs) {
  const out = [];
  const seen = new Set();
  const add = f => {
    const key = path.resolve(f);
    if (!isCatalogFile(f)) return;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(f);
    }
  };
  const walk = dir => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name === '.git') continue;
        walk(p);
      } else if (/\.ya?ml$/i.test(e.name)) add(p);
    }
  };
  for (const input of inputs) {
    const st = statSync(input);
    if (st.isDirectory()) walk(input);
    else add(input);
  }
  return out;
}

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function loadExceptions(file) {
  if (!file) return [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out = [];
  lines.forEach((line, i) => {
    if (i === 0 || !line.trim() || line.startsWith('#')) return; // header, blank, comment
    const [pattern, document, ...reasonParts] = line.split('\t');
    const reason = reasonParts.join('\t').trim();
    if (!pattern || document === undefined || !reason) {
      throw new Error(`${file}:${i + 1}: expected "file-glob-or-path<TAB>document<TAB>reason"`);
    }
    out.push({
      pattern,
      re: globToRegExp(pattern.replace(/\\/g, '/')),
      basenameOnly: !pattern.includes('/'),
      document: document.trim() === '*' ? '*' : Number(document.trim()),
      reason,
      used: 0,
      line: i + 1,
    });
  });
  return out;
}

export function findException(exceptions, file, document) {
  const given = file.replace(/\\/g, '/');
  const rel = path.relative(process.cwd(), file).replace(/\\/g, '/');
  const abs = path.resolve(file).replace(/\\/g, '/');
  const base = path.basename(file);
  for (const ex of exceptions) {
    if (ex.document !== '*' && ex.document !== document) continue;
    const hit = ex.basenameOnly
      ? ex.re.test(base)
      : ex.re.test(given) || ex.re.test(rel) || ex.re.test(abs) || ex.re.test(abs.replace(/^\//, ''));
    if (hit) return ex;
  }
  return null;
}

/** Group name for the per-group table: category from generated file names, else the directory. */
export function groupOf(file) {
  let stem = path.basename(file).replace(/\.ya?ml$/i, '');
  stem = stem.replace(/^single-/, '').replace(/-\d+$/, '');
  if (!stem || /^\d+$/.test(stem)) return path.basename(path.dirname(path.resolve(file)));
  return stem;
}

function chunk(files) {
  const chunks = [];
  let cur = [];
  let chars = 0;
  for (const f of files) {
    if (cur.length && (cur.length >= CHUNK_FILES || chars + f.length + 1 > CHUNK_CHARS)) {
      chunks.push(cur);
      cur = [];
      chars = 0;
    }
    cur.push(f);
    chars += f.length + 1;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/**
 * Run kataster over the files; returns its diagnostics and the files it read but did not
 * check (`skipped`: templates, named files that are no catalog files), by absolute path.
 */
export function runKataster(bin, files, extraArgs = []) {
  const diagnostics = [];
  const skipped = new Map();
  for (const part of chunk(files)) {
    const args = ['check', '--select', 'CAT0', '--format', 'json', ...extraArgs, ...part];
    const res = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (res.error) throw new Error(`could not run ${bin}: ${res.error.message}`);
    if (res.status !== 0 && res.status !== 1 && res.status !== 2) {
      throw new Error(
        `${bin} exited with ${res.status ?? res.signal} (expected 0, 1 or 2) on ${part.length} files` +
          (res.stderr ? `\nstderr:\n${res.stderr.slice(0, 4000)}` : ''),
      );
    }
    let report;
    try {
      report = JSON.parse(res.stdout);
    } catch (e) {
      throw new Error(`${bin} did not print JSON (${e.message}); stdout starts: ${res.stdout.slice(0, 500)}`);
    }
    if (!report || !Array.isArray(report.diagnostics)) {
      throw new Error(`${bin} JSON has no "diagnostics" array`);
    }
    diagnostics.push(...report.diagnostics);
    for (const file of report.skipped ?? []) {
      skipped.set(path.resolve(String(file.file)), file.reason);
    }
  }
  return { diagnostics, skipped };
}

function isRejecting(d) {
  return d.severity === 'error' && typeof d.code === 'string' && (d.code.startsWith('YAML') || d.code.startsWith('IO') || d.code.startsWith('CAT0'));
}

function loadManifests(files) {
  const notes = new Map(); // abs file -> Map(doc -> note)
  const dirs = new Set(files.map(f => path.dirname(path.resolve(f))));
  for (const dir of dirs) {
    const m = path.join(dir, 'manifest.tsv');
    if (!existsSync(m)) continue;
    for (const line of readFileSync(m, 'utf8').split('\n').slice(1)) {
      if (!line) continue;
      const [file, doc, category, note] = line.split('\t');
      const abs = path.join(dir, file);
      if (!notes.has(abs)) notes.set(abs, new Map());
      notes.get(abs).set(Number(doc), `${category}: ${note}`);
    }
  }
  return notes;
}

export async function compare({ kataster, exceptionsFile, merge = false, modules = [], katasterArgs = [], inputs, quiet = false, log = console.log }) {
  const files = collectYamlFiles(inputs);
  if (files.length === 0) throw new Error('no *.yaml / *.yml files found');
  const exceptions = loadExceptions(exceptionsFile);
  const notes = loadManifests(files);

  const t0 = Date.now();
  const oracle = await runOracle(files, { merge, modules });
  const t1 = Date.now();
  const { diagnostics, skipped } = runKataster(kataster, files, katasterArgs);
  const t2 = Date.now();

  // kataster diagnostics by (abs file, document); document null = whole file
  const kat = new Map();
  const katFileLevel = new Map();
  for (const d of diagnostics) {
    if (!isRejecting(d)) continue;
    const abs = path.resolve(String(d.file));
    if (d.document === null || d.document === undefined) {
      if (!katFileLevel.has(abs)) katFileLevel.set(abs, []);
      katFileLevel.get(abs).push(d);
      continue;
    }
    const key = `${abs}\0${d.document}`;
    if (!kat.has(key)) kat.set(key, []);
    kat.get(key).push(d);
  }

  const groups = new Map();
  const groupRow = g => {
    if (!groups.has(g)) groups.set(g, { docs: 0, agree: 0, disagree: 0, excepted: 0 });
    return groups.get(g);
  };
  let passed = 0;
  let failed = 0;
  let excepted = 0;
  const disagreements = [];
  const seenKeys = new Set();

  // Files kataster skips by design (templates are never parsed; a Kubernetes resource or a
  // values file is no entity) are not compared: Backstage judges what it is given.
  let notCompared = 0;
  const record = (file, document, oracleRes, katDiags) => {
    if (skipped.has(path.resolve(file))) {
      notCompared++;
      if (!quiet) log(`SKIPPED ${file} #${document}: ${skipped.get(path.resolve(file))}`);
      return;
    }
    const row = groupRow(groupOf(file));
    row.docs++;
    const oracleRejects = oracleRes ? oracleRes.verdict === 'reject' : false;
    const katRejects = katDiags.length > 0;
    if (oracleRejects === katRejects) {
      passed++;
      row.agree++;
      return;
    }
    const ex = findException(exceptions, file, document);
    if (ex) {
      ex.used++;
      excepted++;
      row.excepted++;
      if (!quiet) log(`EXCEPTED ${file} #${document}: ${ex.reason}`);
      return;
    }
    failed++;
    row.disagree++;
    disagreements.push({ file, document, oracleRes, katDiags });
  };

  for (const r of oracle) {
    const abs = path.resolve(r.file);
    if (r.document === null) {
      // the file could not be read at all
      const diags = [...(katFileLevel.get(abs) ?? [])];
      for (const [k, v] of kat) if (k.startsWith(`${abs}\0`)) diags.push(...v);
      record(r.file, null, r, diags);
      continue;
    }
    const key = `${abs}\0${r.document}`;
    seenKeys.add(key);
    record(r.file, r.document, r, [...(kat.get(key) ?? []), ...(katFileLevel.get(abs) ?? [])]);
  }
  // kataster errors on documents the oracle never saw (document count mismatch)
  for (const [key, diags] of kat) {
    if (seenKeys.has(key)) continue;
    const [abs, doc] = key.split('\0');
    const file = files.find(f => path.resolve(f) === abs) ?? abs;
    record(file, Number(doc), null, diags);
  }

  // Report
  for (const d of disagreements) {
    const note = notes.get(path.resolve(d.file))?.get(d.document);
    log(`DISAGREE ${d.file} #${d.document}${note ? `  [${note}]` : ''}`);
    if (d.oracleRes) {
      const err = d.oracleRes.error ? ` [${d.oracleRes.stage}] ${d.oracleRes.error.split('\n')[0]}` : '';
      log(`  backstage: ${d.oracleRes.verdict}${err}`);
    } else {
      log('  backstage: (no such document)');
    }
    if (d.katDiags.length) {
      for (const k of d.katDiags) {
        const where = k.line ? `${k.line}:${k.column ?? ''}` : '-';
        log(`  kataster:  ${k.code} ${k.name ?? ''} @${where} ${k.pointer ?? ''} ${String(k.message ?? '').split('\n')[0]}`);
      }
    } else {
      log('  kataster:  no error');
    }
  }

  log('');
  log(`files: ${files.length}, documents: ${passed + failed + excepted}; oracle ${((t1 - t0) / 1000).toFixed(2)} s, kataster ${((t2 - t1) / 1000).toFixed(2)} s`);
  const rows = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const w = Math.max(5, ...rows.map(([g]) => g.length));
  log(`${'group'.padEnd(w)}  ${'docs'.padStart(5)}  ${'agree'.padStart(5)}  ${'diff'.padStart(5)}  ${'exc'.padStart(4)}  agreement`);
  for (const [g, r] of rows) {
    const pct = r.docs ? ((100 * r.agree) / (r.docs - r.excepted || 1)).toFixed(1) : '-';
    log(`${g.padEnd(w)}  ${String(r.docs).padStart(5)}  ${String(r.agree).padStart(5)}  ${String(r.disagree).padStart(5)}  ${String(r.excepted).padStart(4)}  ${pct}%`);
  }
  for (const ex of exceptions) {
    if (!ex.used) log(`warning: exception at line ${ex.line} (${ex.pattern} #${ex.document}) matched nothing`);
  }
  if (excepted) log(`excepted: ${excepted}`);
  if (notCompared) log(`not compared: ${notCompared} documents of ${skipped.size} files kataster skips (templates, files that are no catalog files)`);
  log(`differential: ${passed} passed, ${failed} failed`);
  return { passed, failed, excepted, notCompared, disagreements };
}

async function main(argv) {
  let kataster;
  let exceptionsFile;
  let merge = false;
  let quiet = false;
  const modules = [];
  const katasterArgs = [];
  const inputs = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--kataster') kataster = argv[++i];
    else if (a === '--exceptions') exceptionsFile = argv[++i];
    else if (a === '--merge') merge = true;
    else if (a === '--modules') modules.push(...argv[++i].split(','));
    else if (a === '--quiet') quiet = true;
    else if (a === '--kataster-arg') katasterArgs.push(argv[++i]);
    else if (a === '--shared-corpus') {
      const dir = argv[++i];
      if (dir && existsSync(dir)) inputs.push(dir);
      else console.log(`note: shared corpus ${dir} not found, skipped`);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(usage());
      return 0;
    } else inputs.push(a);
  }
  if (!kataster || inputs.length === 0) {
    process.stderr.write(usage());
    return 2;
  }
  try {
    const { failed } = await compare({ kataster, exceptionsFile, merge, modules, katasterArgs, inputs, quiet });
    return failed > 0 ? 1 : 0;
  } catch (e) {
    console.log(`error: ${e.message}`);
    console.log('differential: 0 passed, 1 failed');
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  });
}
