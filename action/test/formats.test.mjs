// Every `--format` of the Node CLI against the native CLI's golden files
// (`tests/golden/<format>/<case>.<ext>`, written by cli/tests/formats.rs): the same cases, the
// same run (human on standard output, every other format to its file, `CI_PROJECT_DIR` the
// repository), byte for byte. And the render options that stand for the native CLI's
// surroundings (`CI_PROJECT_DIR`, the current directory, `--fail-on`) against the native CLI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { FORMATS } from '../lib/cli.mjs';
import { hasNative, root, runNative, runWasm } from './helpers.mjs';

/** The cases of cli/tests/formats.rs (`CASES`). */
const CASES = [
  'tests/corpus/CAT006/invalid/non-ascii.yaml',
  'tests/corpus/CAT001/invalid/missing-api-version-and-kind.yaml',
  'tests/corpus/CAT016/invalid/docs-example.yaml',
  'tests/corpus/CAT101/invalid/docs-example.yaml',
  'tests/corpus/CAT006/valid/docs-example.yaml',
  'tests/corpus/YAML001/invalid/tab-indentation.yaml',
  'tests/corpus/YAML006/invalid/alias-bomb-then-entity.yaml',
  'tests/corpus/IO002/invalid/latin1.yaml',
  'tests/golden/fixtures/odd name, 100%.yaml',
  'examples/broken',
  'examples/unparsable',
];

/** The golden files' extensions (`FORMATS` of cli/tests/formats.rs). */
const EXTENSIONS = {
  human: 'txt',
  json: 'json',
  concise: 'txt',
  gitlab: 'json',
  junit: 'xml',
  sarif: 'sarif',
  github: 'txt',
  azure: 'txt',
  checkstyle: 'xml',
};

/** The golden file's name of a case (`slug` of cli/tests/formats.rs). */
function slug(testCase) {
  const stem = (testCase.endsWith('.yaml') ? testCase.slice(0, -5) : testCase).replace(/^(tests\/)+/, '');
  return stem.replace(/[^A-Za-z0-9]/g, '-').split('-').filter((part) => part !== '').join('-');
}

/**
 * The environment of the native golden runs: no CI variables but `CI_PROJECT_DIR` (empty, as
 * good as unset, unless given: `runNative` adds this process's environment under it).
 */
function environment(extra = {}) {
  const env = { ...process.env, CI_PROJECT_DIR: '' };
  for (const name of ['GITHUB_WORKSPACE', 'NO_COLOR', 'CLICOLOR_FORCE']) {
    delete env[name];
  }
  return { ...env, ...extra };
}

/** The tool's version (`[workspace.package]` of Cargo.toml), which SARIF names. */
const VERSION = /\[workspace\.package\]\nversion = "([^"]+)"/.exec(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8'))[1];

/** The root of the run as SARIF's `originalUriBaseIds` names it (`root_uri` in core/src/render/sarif.rs). */
const ROOT_URI = `file://${[...Buffer.from(`${fs.realpathSync.native(root)}/`, 'utf8')]
  .map((byte) => (/[A-Za-z0-9\-._~/]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
  .join('')}`;

let scratch;
before(() => {
  process.chdir(root);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kataster-formats-'));
});
after(() => {
  process.chdir(root);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('every format against the golden files of the native CLI', () => {
  test('the Node CLI has every format the goldens have', () => {
    assert.deepEqual(FORMATS, Object.keys(EXTENSIONS));
  });
  for (const testCase of CASES) {
    test(testCase, async () => {
      process.chdir(root);
      const out = fs.mkdtempSync(path.join(scratch, `${slug(testCase)}-`));
      const args = ['check', '--no-color', '--format', 'human'];
      for (const format of FORMATS.slice(1)) {
        args.push('--format', `${format}=${path.join(out, `${format}.${EXTENSIONS[format]}`)}`);
      }
      const result = await runWasm([...args, testCase], { env: environment({ CI_PROJECT_DIR: root }) });
      assert.ok([0, 1, 2].includes(result.status), `${testCase}: exit code ${result.status}\n${result.stderr}`);
      for (const format of FORMATS) {
        const ext = EXTENSIONS[format];
        let text = format === 'human' ? result.stdout : fs.readFileSync(path.join(out, `${format}.${ext}`), 'utf8');
        // As the native test: the tool version in SARIF changes with every release.
        text = text.replaceAll(`"version": "${VERSION}"`, '"version": "<VERSION>"');
        // ... and the root of the run (SARIF's %SRCROOT%) is wherever the checkout lies.
        text = text.replaceAll(`"uri": "${ROOT_URI}"`, '"uri": "file:///<ROOT>/"');
        const golden = path.join(root, 'tests/golden', format, `${slug(testCase)}.${ext}`);
        assert.equal(text, fs.readFileSync(golden, 'utf8'), `${testCase} --format ${format}: differs from ${path.relative(root, golden)}`);
      }
    });
  }
});

const skipNative = hasNative() ? false : 'the native CLI is not built (cargo build)';

describe('what the renderers take from the surroundings, against the native CLI', { skip: skipNative }, () => {
  async function same(args, { cwd = root, env = {} } = {}) {
    process.chdir(cwd);
    try {
      const expected = runNative(args, { cwd, env: environment(env) });
      const actual = await runWasm(args, { env: environment(env) });
      assert.equal(actual.stdout, expected.stdout, `stdout of ${args.join(' ')} in ${cwd} with ${JSON.stringify(env)}`);
      assert.equal(actual.status, expected.status, `exit code of ${args.join(' ')}`);
    } finally {
      process.chdir(root);
    }
  }

  test('CI_PROJECT_DIR: absolute, relative, above, below and beside the current directory', async () => {
    const sub = path.join(root, 'examples');
    const file = 'examples/broken/references.yaml';
    for (const format of ['gitlab', 'junit', 'checkstyle']) {
      for (const [cwd, paths, env] of [
        [root, [file], { CI_PROJECT_DIR: root }],
        [root, [`./${file}`], { CI_PROJECT_DIR: '.' }],
        [sub, ['broken/references.yaml'], { CI_PROJECT_DIR: '..' }],
        [sub, ['../examples/broken/references.yaml', path.join(root, 'examples/acme')], { CI_PROJECT_DIR: root }],
        [root, [file], { CI_PROJECT_DIR: sub }],
        [root, [file], { CI_PROJECT_DIR: '/nonexistent/project' }],
        [root, [file], { CI_PROJECT_DIR: '' }],
      ]) {
        await same(['check', '--format', format, ...paths], { cwd, env });
      }
    }
  });

  test('--fail-on decides what JUnit shows as failures', async () => {
    for (const failOn of ['error', 'warning', 'never']) {
      await same(['check', '--format', 'junit', '--fail-on', failOn, 'examples']);
    }
  });

  test('several outputs at once, to files and standard output', async () => {
    const out = fs.mkdtempSync(path.join(scratch, 'several-'));
    const files = (tag) => FORMATS.filter((format) => format !== 'concise')
      .flatMap((format) => ['--format', `${format}=${path.join(out, tag, `${format}.out`)}`]);
    process.chdir(root);
    const env = environment({ CI_PROJECT_DIR: root });
    const native = runNative(['check', '--format', 'concise', ...files('native'), 'examples'], { env });
    const node = await runWasm(['check', '--format', 'concise', ...files('node'), 'examples'], { env });
    assert.equal(node.stdout, native.stdout);
    assert.equal(node.status, native.status);
    for (const format of FORMATS.filter((name) => name !== 'concise')) {
      assert.equal(
        fs.readFileSync(path.join(out, 'node', `${format}.out`), 'utf8'),
        fs.readFileSync(path.join(out, 'native', `${format}.out`), 'utf8'),
        `--format ${format}=PATH`,
      );
    }
  });
});
