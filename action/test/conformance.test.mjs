// Conformance: every corpus case, the shared real-world corpus and the examples, checked by
// the native CLI and by the WebAssembly core on Node.js, must give byte-identical output and
// the same exit code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import { corpusCases, hasNative, realCorpus, root, runNative, runWasm } from './helpers.mjs';

before(() => process.chdir(root));

const skipNative = hasNative() ? false : 'the native CLI is not built (cargo build)';

async function same(args, cwd = root) {
  process.chdir(cwd);
  const expected = runNative(args, { cwd });
  const actual = await runWasm(args);
  process.chdir(root);
  assert.equal(actual.stdout, expected.stdout, `stdout of ${args.join(' ')}`);
  assert.equal(actual.status, expected.status, `exit code of ${args.join(' ')}`);
  return actual;
}

describe('conformance corpus', { skip: skipNative }, () => {
  const cases = corpusCases();
  test('the corpus is there', () => assert.ok(cases.length > 50, `${cases.length} cases`));
  for (const relative of cases) {
    test(relative, async () => {
      const actual = await same(['check', '--format', 'json', relative]);
      const stem = relative.replace(/\.ya?ml$/, '');
      const expected = fs.readFileSync(path.join(root, `${stem}.json`), 'utf8');
      assert.equal(actual.stdout, expected, `${relative}: differs from ${stem}.json`);
    });
  }
});

describe('shared real-world corpus', { skip: skipNative || (fs.existsSync(realCorpus) ? false : `${realCorpus} is absent`) }, () => {
  test('every file, one by one', async () => {
    const files = fs.readdirSync(realCorpus).filter((name) => /\.ya?ml$/.test(name)).sort();
    assert.ok(files.length > 0);
    for (const name of files) {
      await same(['check', '--format', 'json', name], realCorpus);
    }
  });
  test('the whole directory at once, every format', async () => {
    for (const format of ['json', 'human', 'concise']) {
      await same(['check', '--format', format, '.'], realCorpus);
    }
  });
});

describe('examples and options', { skip: skipNative }, () => {
  const runs = [
    ['check', 'examples/acme'],
    ['check', 'examples/broken'],
    ['check', 'examples/unparsable'],
    ['check', '--format', 'json', 'examples'],
    ['check', '--format', 'concise', 'examples'],
    ['check', '--select', 'CAT0', '--format', 'json', 'examples/broken'],
    ['check', '--ignore', 'CAT1,CAT006', 'examples/broken'],
    ['check', '--strict-refs', '--format', 'json', 'examples/acme', 'tests/corpus/CAT101'],
    ['check', '--yaml-merge', '--format', 'json', 'tests/corpus'],
    ['check', '--no-follow-locations', '--format', 'json', 'tests/corpus/CAT108'],
    ['check', '--format', 'json', 'tests'],
    ['check', '--format', 'json', './examples/acme/', 'examples/acme/catalog-info.yaml', 'no/such/file.yaml'],
    ['inventory', 'examples/acme'],
    ['inventory', '--format', 'markdown', 'examples/acme'],
    ['inventory', '--format', 'json', 'examples/gitops'],
    ['rules'],
    ['rules', '--format', 'json'],
    ['rule', 'CAT006'],
  ];
  for (const args of runs) {
    test(args.join(' '), async () => {
      await same(args);
    });
  }
  test('the current directory by default', async () => {
    await same(['check', '--format', 'json'], path.join(root, 'examples'));
  });
});

describe('CI formats against the native renderers', () => {
  for (const format of ['github', 'azure']) {
    const supported = hasNative() && runNative(['check', '--help']).stdout.includes(format);
    test(format, { skip: supported ? false : `the native CLI has no --format ${format} yet` }, async () => {
      await same(['check', '--format', format, 'examples']);
    });
  }
});

describe('schemas and names against the native CLI', { skip: skipNative }, () => {
  test('policySchema, catalogSchema and checkNamespace', async () => {
    const { loadApi } = await import('../lib/cli.mjs');
    const api = await loadApi();
    const kataster = new api.Kataster();
    const pretty = (value) => `${JSON.stringify(value, null, 2)}\n`;
    assert.equal(pretty(kataster.policySchema()), runNative(['schema', 'policy']).stdout);
    assert.equal(pretty(kataster.catalogSchema()), runNative(['schema', 'catalog']).stdout);
    const names = ['cs-shop-prd', 'Shop', 'ap-billing-02-int', 'x'];
    const native = JSON.parse(runNative(['namespace', '--format', 'json', ...names]).stdout);
    assert.deepEqual(names.map((name) => kataster.checkNamespace(name)), native.names);
  });
});

describe('file system corner cases', { skip: skipNative }, () => {
  test('dangling links, named pipes, symbolic link loops, hidden and ignored files', async () => {
    const { execFileSync } = await import('node:child_process');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kataster-fs-'));
    try {
      const d = path.join(dir, 'd');
      fs.mkdirSync(path.join(d, 'sub'), { recursive: true });
      fs.mkdirSync(path.join(d, '.hidden'));
      fs.mkdirSync(path.join(d, 'ignored'));
      const group = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\nspec: {type: team, children: []}\n';
      fs.writeFileSync(path.join(d, 'catalog-info.yaml'), group);
      fs.writeFileSync(path.join(d, '.hidden/catalog-info.yaml'), group);
      fs.writeFileSync(path.join(d, 'ignored/catalog-info.yaml'), group);
      fs.writeFileSync(path.join(d, 'sub/other.yml'), group.replace('name: g', 'name: h'));
      fs.writeFileSync(path.join(d, '.gitignore'), 'ignored/\n');
      fs.writeFileSync(path.join(d, 'latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
      fs.symlinkSync('nowhere.yaml', path.join(d, 'dangling.yaml'));
      fs.symlinkSync('nowhere.txt', path.join(d, 'dangling.txt'));
      fs.symlinkSync('..', path.join(d, 'sub/loop'));
      // The same files through linked directories and files: each is checked once.
      fs.symlinkSync('sub', path.join(d, 'sublink'));
      fs.symlinkSync('../catalog-info.yaml', path.join(d, 'sub/linked.yaml'));
      fs.writeFileSync(path.join(d, 'utf16.yaml'), Buffer.from([0xff, 0xfe, 0x61, 0x00]));
      execFileSync('mkfifo', [path.join(d, 'pipe.yaml')]);
      for (const args of [['d'], ['d/'], ['./d'], ['d/pipe.yaml', 'd/dangling.yaml', 'd/latin1.yaml', 'd/sub'], ['d/sublink/other.yml', 'd', 'd/sub/other.yml', 'd/sub/linked.yaml']]) {
        await same(['check', '--format', 'json', ...args], dir);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
