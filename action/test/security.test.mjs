// The hostile-repository suite (tests/security/cases.json, docs/security.md) for the Node
// CLI, a process per run as in CI: nothing outside the repository is read, no secret is
// printed in any format, and the findings and exit codes are the native CLI's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

import { FORMATS } from '../lib/cli.mjs';
import { hasNative, native, root } from './helpers.mjs';

const suite = JSON.parse(fs.readFileSync(path.join(root, 'tests/security/cases.json'), 'utf8'));
const ENV_MARKER = 'ENV_SECRET_MARKER';
const MARKERS = [ENV_MARKER, 'OUTSIDE_SECRET_MARKER', 'root:x:0:0'];

/** `outside/` with the outside files, `outside/repo/` the repository (a git work tree). */
function layOut(testCase) {
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kataster-security-')));
  const repo = path.join(outside, 'repo');
  const substitute = (text) => text.replaceAll('{outside}', outside);
  const write = (dir, files = {}) => {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, substitute(text));
    }
  };
  write(outside, suite.outside);
  fs.mkdirSync(repo);
  assert.equal(spawnSync('git', ['init', '-q', '.'], { cwd: repo }).status, 0, 'git init');
  write(repo, testCase.files);
  for (const [name, target] of Object.entries(testCase.links ?? {})) {
    const link = path.join(repo, name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(substitute(target), link);
  }
  return { outside, repo, substitute };
}

function run(program, args, cwd) {
  const result = spawnSync(program, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, [ENV_MARKER]: `${ENV_MARKER}=glcbt-do-not-print`, CI_JOB_TOKEN: ENV_MARKER, NO_COLOR: '1', CI_PROJECT_DIR: '' },
  });
  return { printed: `${result.stdout}${result.stderr}`, stdout: result.stdout, status: result.status };
}

function findings(report) {
  return report.diagnostics.map((d) => (d.code.startsWith('IO') ? `${d.code} ${d.file}` : `${d.code} ${d.file}:${d.line}`));
}

describe('hostile repositories (Node CLI)', () => {
  for (const testCase of suite.cases) {
    test(testCase.name, () => {
      const { outside, repo, substitute } = layOut(testCase);
      try {
        const args = testCase.args.map(substitute);
        const expected = testCase.findings.map(substitute);
        for (const format of FORMATS) {
          const withFormat = [args[0], '--format', format, ...args.slice(1)];
          const node = run(process.execPath, [path.join(root, 'action/kataster.mjs'), ...withFormat], repo);
          for (const marker of MARKERS) {
            assert.ok(!node.printed.includes(marker), `${format}: printed ${marker}:\n${node.printed}`);
          }
          assert.equal(node.status, testCase.exit, `${format}: exit code\n${node.printed}`);
          if (format === 'json') {
            assert.deepEqual(findings(JSON.parse(node.stdout)), expected);
          }
          if (hasNative()) {
            const nativeRun = run(native, withFormat, repo);
            assert.equal(node.stdout, nativeRun.stdout, `${format}: the native CLI's output`);
          }
        }
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  }
});

describe('hostile repositories (the GitHub Action: log, annotations, job summary)', () => {
  for (const testCase of suite.cases) {
    test(testCase.name, () => {
      const { outside, repo } = layOut(testCase);
      try {
        const summaryFile = path.join(outside, 'summary.md');
        fs.writeFileSync(summaryFile, '');
        const env = {
          PATH: process.env.PATH,
          GITHUB_ACTIONS: 'true',
          GITHUB_STEP_SUMMARY: summaryFile,
          [ENV_MARKER]: `${ENV_MARKER}=glcbt-do-not-print`,
          CI_JOB_TOKEN: ENV_MARKER,
        };
        if (process.env.KATASTER_WASM_PKG) env.KATASTER_WASM_PKG = process.env.KATASTER_WASM_PKG;
        const result = spawnSync(process.execPath, [path.join(root, 'action/main.mjs')], { cwd: repo, env, encoding: 'utf8' });
        const printed = `${result.stdout}${result.stderr}${fs.readFileSync(summaryFile, 'utf8')}`;
        for (const marker of MARKERS) {
          assert.ok(!printed.includes(marker), `printed ${marker}:\n${printed}`);
        }
        assert.ok([0, 1, 2].includes(result.status), printed);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  }
});
