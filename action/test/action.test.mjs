// The action as GitHub runs it: `node action/main.mjs` in a repository, inputs in `INPUT_*`
// variables. Log, annotations, step summary and exit code are checked exactly; the log and
// the annotations against the native CLI's own formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { hasNative, root, runNative } from './helpers.mjs';

const skipNative = hasNative() ? false : 'the native CLI is not built (cargo build)';

const entity = (name, owner = 'team-a') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;

const GROUP = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
`;

let base;
const repos = {};

function makeRepo(name, files) {
  const dir = path.join(base, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  repos[name] = dir;
}

before(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'kataster-action-'));
  makeRepo('clean', {
    'catalog-info.yaml': `${entity('shop')}---\n${GROUP}`,
    'docs/readme.md': 'not YAML\n',
  });
  const many = { '.gitignore': 'ignored/\n', 'ignored/catalog-info.yaml': entity('not checked') };
  for (let i = 0; i < 12; i += 1) {
    many[`services/s${String(i).padStart(2, '0')}/catalog-info.yaml`] = entity(`bad name ${i}`, `group-${i}`);
  }
  many['weird/catalog-info.yaml'] = entity('a,b:c%d', 'team:x%y');
  makeRepo('many', many);
  makeRepo('unparsable', { 'catalog-info.yaml': 'kind: [\n' });
  makeRepo('warnings', { 'catalog-info.yaml': entity('shop', 'nobody') });
});

after(() => fs.rmSync(base, { recursive: true, force: true }));

/** Run the action in a repository; returns `{stdout, stderr, status, summary}`. */
function runAction(repo, inputs = {}, extraEnv = {}) {
  const summaryFile = path.join(base, `summary-${Math.random().toString(36).slice(2)}.md`);
  fs.writeFileSync(summaryFile, '');
  const env = { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile, ...extraEnv };
  if (process.env.KATASTER_WASM_PKG) env.KATASTER_WASM_PKG = process.env.KATASTER_WASM_PKG;
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  const result = spawnSync(process.execPath, [path.join(root, 'action/main.mjs')], { cwd: repo, env, encoding: 'utf8' });
  const summary = fs.readFileSync(summaryFile, 'utf8');
  return { stdout: result.stdout, stderr: result.stderr, status: result.status, summary };
}

/** The first `cap` commands of each kind, as GitHub shows them. */
function capped(commands, cap = 10) {
  const counts = {};
  return commands.split('\n').filter((line) => line !== '').filter((line) => {
    const kind = line.split(' ')[0];
    counts[kind] = (counts[kind] ?? 0) + 1;
    return counts[kind] <= cap;
  }).map((line) => `${line}\n`).join('');
}

describe('the action on GitHub', { skip: skipNative }, () => {
  test('action.yml runs main.mjs on node20 with the four inputs', () => {
    const yml = fs.readFileSync(path.join(root, 'action/action.yml'), 'utf8');
    assert.match(yml, /^runs:\n {2}using: node20\n {2}main: main\.mjs\n/m);
    for (const name of ['paths', 'config', 'fail-on', 'format']) {
      assert.match(yml, new RegExp(`^  ${name}:\\n`, 'm'));
    }
  });

  test('a clean repository: human log, no annotation, summary, exit 0', () => {
    const run = runAction(repos.clean);
    const native = runNative(['check'], { cwd: repos.clean });
    assert.equal(run.status, 0);
    assert.equal(run.stdout, native.stdout);
    assert.equal(run.stdout, '0 errors, 0 warnings: checked 1 file (2 documents, 2 entities)\n');
    assert.equal(run.summary, '## kataster: ✅ passed\n\n0 errors, 0 warnings: checked 1 file (2 documents, 2 entities); fails on: error.\n');
  });

  test('many findings: the full log, 10 + 10 annotations, the rest counted, exit 1', () => {
    const run = runAction(repos.many);
    const log = runNative(['check'], { cwd: repos.many });
    const github = runNative(['check', '--format', 'github'], { cwd: repos.many });
    assert.equal(log.status, 1);
    const annotations = capped(github.stdout);
    assert.equal(annotations.split('\n').filter((line) => line.startsWith('::error ')).length, 10);
    assert.equal(annotations.split('\n').filter((line) => line.startsWith('::warning ')).length, 10);
    const total = github.stdout.split('\n').filter((line) => line !== '').length;
    assert.equal(
      run.stdout,
      `${log.stdout}${annotations}kataster: ${total - 20} more findings are not shown as annotations (GitHub shows 10 errors and 10 warnings per step); the log lists them all.\n`,
    );
    assert.ok(!run.stdout.includes('not checked'), '.gitignore is respected');
    assert.equal(run.status, 1);
    // Escaping: `,` `:` and `%` in properties and data.
    assert.match(github.stdout, /title=CAT006 invalid-entity-name::invalid entity name "a,b:c%25d"%0Ahelp: /);
    const lines = run.summary.split('\n');
    const { summary } = JSON.parse(runNative(['check', '--format', 'json'], { cwd: repos.many }).stdout);
    assert.equal(lines[0], '## kataster: ❌ failed');
    assert.equal(lines[2], `${summary.errors} errors, ${summary.warnings} warnings: checked 13 files (13 documents, 13 entities); fails on: error.`);
    assert.equal(lines[4], '| severity | code | file | line | message |');
    assert.equal(lines[6], '| ❌ error | [CAT006](https://github.com/kataster/kataster/blob/main/docs/rules/CAT006.md) `invalid-entity-name` | `services/s00/catalog-info.yaml` | 4 | invalid entity name "bad name 0" |');
    assert.equal(lines.filter((line) => line.startsWith('| ')).length, 1 + summary.errors + summary.warnings);
  });

  test('paths as globs and comma lists; format; fail-on never', () => {
    const run = runAction(repos.many, { paths: 'services/s0[0-1]/*.yaml,\nweird', format: 'concise', 'fail-on': 'never' });
    const native = runNative(['check', '--format', 'concise', '--fail-on', 'never',
      'services/s00/catalog-info.yaml', 'services/s01/catalog-info.yaml', 'weird'], { cwd: repos.many });
    const github = runNative(['check', '--format', 'github',
      'services/s00/catalog-info.yaml', 'services/s01/catalog-info.yaml', 'weird'], { cwd: repos.many });
    assert.equal(run.stdout, native.stdout + github.stdout);
    assert.equal(run.status, 0);
    assert.match(run.summary, /fails on: never\.\n/);
  });

  test('fail-on warning fails on a warning; format github is the annotations itself', () => {
    const run = runAction(repos.warnings, { 'fail-on': 'warning', format: 'github' });
    const native = runNative(['check', '--format', 'github', '--fail-on', 'warning'], { cwd: repos.warnings });
    assert.equal(native.status, 1);
    assert.equal(run.stdout, native.stdout);
    assert.equal(run.status, 1);
    assert.equal(runAction(repos.warnings).status, 0);
  });

  test('formats the Node CLI once lacked: junit by fail-on, gitlab under CI_PROJECT_DIR', () => {
    const junit = runAction(repos.warnings, { 'fail-on': 'warning', format: 'junit' });
    const nativeJunit = runNative(['check', '--format', 'junit', '--fail-on', 'warning'], { cwd: repos.warnings, env: { CI_PROJECT_DIR: '' } });
    const annotations = runNative(['check', '--format', 'github'], { cwd: repos.warnings });
    assert.match(nativeJunit.stdout, /<failure /);
    assert.equal(junit.stdout, nativeJunit.stdout + annotations.stdout);
    assert.equal(junit.status, 1);
    const project = path.dirname(repos.many);
    const gitlab = runAction(repos.many, { format: 'gitlab', 'fail-on': 'never' }, { CI_PROJECT_DIR: project });
    const nativeGitlab = runNative(['check', '--format', 'gitlab', '--fail-on', 'never'], { cwd: repos.many, env: { CI_PROJECT_DIR: project } });
    assert.match(nativeGitlab.stdout, /"path": "many\/services\/s00\/catalog-info.yaml"/);
    assert.ok(gitlab.stdout.startsWith(nativeGitlab.stdout), gitlab.stdout);
    assert.equal(gitlab.status, 0);
  });

  test('a file that cannot be parsed: exit 2', () => {
    const run = runAction(repos.unparsable);
    const native = runNative(['check'], { cwd: repos.unparsable });
    assert.equal(native.status, 2);
    assert.equal(run.status, 2);
    assert.ok(run.stdout.startsWith(native.stdout));
    assert.equal(runAction(repos.unparsable, { 'fail-on': 'never' }).status, 2, 'fail-on does not hide exit code 2');
  });

  test('invalid inputs: an error command and exit 2', () => {
    const run = runAction(repos.clean, { 'fail-on': 'sometimes' });
    assert.equal(run.stdout, '::error title=kataster::fail-on must be one of error, warning, never, not `sometimes`\n');
    assert.equal(run.status, 2);
    const glob = runAction(repos.clean, { paths: 'nothing/**/*.yaml' });
    assert.equal(glob.stdout, '::warning title=kataster::paths: `nothing/**/*.yaml` matches no file\n::error title=kataster::paths: nothing to check\n');
    assert.equal(glob.status, 2);
  });

  test('no step summary file: nothing written, same log', () => {
    const run = runAction(repos.clean, {}, { GITHUB_STEP_SUMMARY: '' });
    assert.equal(run.status, 0);
    assert.equal(run.summary, '');
  });
});

describe('the action on Azure Pipelines (TF_BUILD=True)', { skip: skipNative }, () => {
  test('logging commands for every finding, exit code by fail-on', () => {
    const run = runAction(repos.many, {}, { TF_BUILD: 'True', GITHUB_ACTIONS: '' });
    const log = runNative(['check'], { cwd: repos.many });
    const azure = runNative(['check', '--format', 'azure'], { cwd: repos.many });
    assert.equal(run.stdout, log.stdout + azure.stdout);
    assert.equal(azure.stdout.split('\n').filter((line) => line.startsWith('##vso[task.logissue type=')).length, 26);
    assert.match(azure.stdout, /##vso\[task\.logissue type=error;sourcepath=weird\/catalog-info\.yaml;linenumber=4;columnnumber=9;code=CAT006;\]CAT006 \[invalid-entity-name\] invalid entity name "a,b:c%AZP25d"\n/);
    assert.equal(run.status, 1);
  });

  test('an invalid input is a logissue error', () => {
    const run = runAction(repos.clean, { format: 'xml' }, { TF_BUILD: 'True' });
    assert.equal(run.stdout, '##vso[task.logissue type=error;]kataster: format must be one of human, json, concise, gitlab, junit, sarif, github, azure, checkstyle, not `xml`\n');
    assert.equal(run.status, 2);
  });
});
