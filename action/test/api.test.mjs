// The package's API: the report object, positions in UTF-16, options, the session, and the
// never-trap property on hostile inputs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { loadApi } from '../lib/cli.mjs';

const api = await loadApi();
const { Kataster, Session, KatasterInternalError } = api;

const ENTITY = (name, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${extra}spec:
  type: service
  lifecycle: production
  owner: team-a
`;

describe('check', () => {
  const kataster = new Kataster();

  test('returns the JSON report object, null where the CLI has null', () => {
    const report = kataster.check([{ path: 'a.yaml', text: ENTITY('product catalog') }]);
    assert.deepEqual(Object.keys(report), ['version', 'diagnostics', 'summary']);
    assert.equal(report.version, 1);
    const d = report.diagnostics.find((item) => item.code === 'CAT006');
    assert.deepEqual(Object.keys(d), [
      'code', 'name', 'severity', 'message', 'file', 'document', 'line', 'column',
      'end_line', 'end_column', 'pointer', 'help', 'url', 'fix',
    ]);
    assert.equal(d.fix.applicability, 'unsafe');
    assert.deepEqual(d.fix.edits.map((edit) => [edit.content, edit.line, edit.column]), [['product-catalog', 4, 9]]);
    assert.equal(d.file, 'a.yaml');
    assert.equal(d.line, 4);
    assert.equal(d.column, 9);
    assert.equal(d.end_column, 24);
    assert.deepEqual(report.summary, { files: 1, documents: 1, entities: 1, errors: 1, warnings: 1 });
    const io = new Session();
    io.addFailure('gone.yaml', 'IO001', 'cannot read gone.yaml: No such file or directory (os error 2)');
    const failed = io.check();
    assert.equal(failed.diagnostics[0].document, null);
    assert.equal(io.exitCode(), 2);
    assert.equal(`${JSON.stringify(failed, null, 2)}\n`, io.jsonText());
  });

  test('JSON.stringify gives the CLI bytes', () => {
    const session = new Session({ select: 'CAT0' });
    session.addFiles([{ path: 'a.yaml', text: ENTITY('a b', '  description: "tab\\there \\u0001 ü 😀"\n') }]);
    const report = session.check();
    assert.equal(`${JSON.stringify(report, null, 2)}\n`, session.jsonText());
  });

  test('files offered as bytes are decoded, classified and parsed as addFiles parses texts', () => {
    const text = ENTITY('a b');
    const bytes = new TextEncoder().encode(text);
    const offered = new Session();
    assert.equal(offered.offerFile('x.yaml', new TextEncoder().encode('a: 1\n'), false), 0);
    assert.equal(offered.offerFile('latin1.yaml', Uint8Array.from([0x61, 0xe9]), false), 0);
    assert.equal(offered.offerFile('latin1.yaml', Uint8Array.from([0x61, 0xe9]), true), 1);
    assert.throws(() => offered.keepOffered(), /no file offered/);
    assert.equal(offered.offerFile('a.yaml', bytes, false), 2);
    offered.keepOffered('someone');
    assert.equal(offered.offerFile('b.yaml', bytes, true), 2);
    offered.keepOffered();
    assert.equal(offered.parsePending(), 1);
    assert.equal(offered.parsePending(), 3);
    const added = new Session();
    added.addFailure('latin1.yaml', 'IO002', 'x');
    added.addFiles([{ path: 'a.yaml', text, contributor: 'someone' }, { path: 'b.yaml', text }]);
    const strip = (report) => report.diagnostics.filter((d) => d.code !== 'IO002');
    assert.deepEqual(strip(offered.check()), strip(added.check()));
    assert.equal(offered.fileCount, 3);
  });

  test('select, ignore and strictRefs', () => {
    const files = [{ path: 'a.yaml', text: ENTITY('a') }];
    const codes = (options) => kataster.check(files, options).diagnostics.map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(codes(), ['CAT101:warning']);
    assert.deepEqual(codes({ select: ['CAT0'] }), []);
    assert.deepEqual(codes({ ignore: 'CAT1' }), []);
    assert.deepEqual(codes({ strictRefs: true }), ['CAT101:error']);
    assert.deepEqual(codes({ knownEntities: [{ kind: 'Group', metadata: { name: 'team-a' } }] }), []);
    assert.throws(() => kataster.check(files, { selct: 'CAT0' }), /invalid options: unknown option `selct`/);
    assert.throws(() => kataster.check(files, { positionEncoding: 'utf-7' }), /invalid options/);
    assert.throws(() => kataster.check('nope'), /files must be an array/);
  });

  test('fileExists answers for Location targets', () => {
    const location = `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: l}
spec:
  targets: [./there.yaml, ./missing.yaml]
`;
    const asked = [];
    const report = kataster.check([{ path: 'dir/l.yaml', text: location }], {
      fileExists: (file) => {
        asked.push(file);
        return file === 'dir/there.yaml';
      },
    });
    assert.deepEqual(asked, ['dir/there.yaml', 'dir/missing.yaml']);
    assert.deepEqual(report.diagnostics.map((d) => d.code), ['CAT108']);
    assert.match(report.diagnostics[0].message, /missing\.yaml/);
    const throwing = kataster.check([{ path: 'dir/l.yaml', text: location }], {
      fileExists: () => {
        throw new Error('no');
      },
    });
    assert.deepEqual(throwing.diagnostics, [], 'a throwing callback means "cannot tell"');
  });

  test('rules and rule docs', () => {
    const rules = kataster.rules();
    assert.ok(rules.length >= 30);
    assert.ok(rules.some((rule) => rule.code === 'CAT006' && rule.name === 'invalid-entity-name'));
    assert.match(kataster.ruleDocs('cat006'), /^# CAT006 invalid-entity-name\n/);
    assert.equal(kataster.ruleDocs('NOPE1'), undefined);
  });

  test('a policy as YAML text or as an object; problems throw', () => {
    const files = [{ path: 'a.yaml', text: ENTITY('a') }];
    const warning = new Kataster('rules:\n  CAT101: error\n').check(files).diagnostics[0];
    assert.equal(warning.severity, 'error');
    const off = new Kataster({ rules: { CAT101: 'off' } }).check(files);
    assert.deepEqual(off.diagnostics, []);
    assert.throws(() => new Kataster('rules: [1\n'), /the policy is invalid:\npolicy:\d+:\d+: YAML/);
    assert.throws(() => new Kataster({ rulez: {} }), /the policy is invalid:\npolicy:1:\d+: POL/);
  });

  test('checkNamespace follows the policy convention', () => {
    const kataster = new Kataster();
    const schema = kataster.policySchema();
    assert.equal(schema.title, 'kataster policy');
    const catalog = kataster.catalogSchema();
    assert.equal(typeof catalog, 'object');
    assert.ok(JSON.stringify(catalog).includes('metadata'));
    const good = kataster.checkNamespace('cs-shop-prd');
    const bad = kataster.checkNamespace('Shop');
    assert.equal(typeof good.valid, 'boolean');
    assert.equal(bad.valid, false);
    assert.ok(bad.problems.length > 0 && bad.problems[0].code.startsWith('NS'));
  });

  test('checkVersion: tags and bumps (VER0xx) with the computed facts', () => {
    const kataster = new Kataster();
    const transition = {
      target: 'main',
      tags: [{ name: '1.2.0', commit: 'c1', reachable: true }],
      commits: [{ id: 'c2', message: 'fix: Handle empty carts', parents: 1 }],
    };
    const bad = kataster.checkVersion({ ...transition, tag: '1.2' });
    assert.deepEqual(Object.keys(bad), ['version', 'diagnostics', 'summary', 'transition']);
    assert.ok(bad.diagnostics.some((d) => d.code === 'VER001'), JSON.stringify(bad.diagnostics));
    const good = kataster.checkVersion({ ...transition, tag: '1.2.1' });
    assert.deepEqual(good.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.throws(() => kataster.checkVersion({ tagg: 'x' }), /a version transition: unknown field `tagg`/);
  });

  test('a session reports the problems of its policy file, as the CLI', () => {
    const session = new Session({ policy: { path: 'kataster.yaml', text: 'rulez: {}\n' } });
    const report = session.check();
    assert.equal(report.diagnostics[0].file, 'kataster.yaml');
    assert.match(report.diagnostics[0].code, /^POL/);
  });
});

describe('the two builds: custom schemas load the one with the validator', () => {
  const policy = 'schemas:\n  - match: {kind: Component}\n    schema: schema.json\n';
  const schemas = { 'schema.json': '{"properties": {"spec": {"required": ["seats"]}}}' };
  const files = [{ path: 'a.yaml', text: ENTITY('licence') }];

  test('a Kataster given custom schemas checks them (ORG007)', () => {
    const report = new Kataster(policy, schemas).check(files);
    const d = report.diagnostics.find((item) => item.code === 'ORG007');
    assert.ok(d, JSON.stringify(report.diagnostics.map((item) => item.code)));
    assert.match(d.message, /`spec` does not match schema\.json: "seats" is a required property/);
  });

  test('a Session whose policy file comes with its schemas checks them, and reports unreadable ones', () => {
    const session = new Session({ policy: { path: 'kataster.yaml', text: policy, schemas } });
    session.addFiles(files);
    assert.ok(session.check().diagnostics.some((item) => item.code === 'ORG007'));
    const broken = new Session({ policy: { path: 'kataster.yaml', text: policy, schemas: { 'schema.json': { error: 'cannot read it' } } } });
    const d = broken.check().diagnostics.find((item) => item.code.startsWith('POL'));
    assert.match(d.message, /custom schema "schema\.json" cannot be used: cannot read it/);
  });

  test('a check whose policy option has schemas runs on the build with the validator', () => {
    const report = new Kataster().check(files, { policy: { path: 'kataster.yaml', text: policy, schemas } });
    assert.ok(report.diagnostics.some((item) => item.code === 'ORG007'));
  });

  test('a policy naming schemas without their texts is invalid on either build', () => {
    assert.throws(() => new Kataster(policy), /cannot read schema\.json: it was not given to the WebAssembly module/);
  });

  test('the build without the validator says so when it is given a schema', async () => {
    const dir = process.env.KATASTER_WASM_PKG ?? new URL('../dist/', import.meta.url).pathname;
    const { createRequire } = await import('node:module');
    const { createApi } = await import(new URL('facade.mjs', `file://${dir.replace(/\/?$/, '/')}`).href);
    const glue = createRequire(import.meta.url).resolve(`${dir.replace(/\/?$/, '/')}node/kataster_wasm.js`);
    const lite = createApi(createRequire(import.meta.url)(glue));
    assert.throws(
      () => new lite.Kataster(policy, schemas),
      /custom schema "schema\.json" cannot be used: this build of kataster has no custom-schema validator/,
    );
    assert.equal(lite.Kataster.schemaPaths(policy)[0], 'schema.json');
  });
});

describe('positions', () => {
  const kataster = new Kataster();
  // The name's value starts after a non-BMP character (2 UTF-16 units) and two 2-byte ones.
  const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {title: "😀éé", name: "bad name"}
spec: {type: service, lifecycle: production, owner: team-a}
`;
  const find = (encoding) => kataster
    .check([{ path: 'u.yaml', text }], { positionEncoding: encoding, select: 'CAT006' })
    .diagnostics[0];

  test('utf-32 (default) counts characters, as the CLI', () => {
    const d = find(undefined);
    assert.equal(d.line, 3);
    assert.equal(d.column, 32);
    assert.equal(d.end_column, 42);
    assert.deepEqual(find('utf-32'), d);
  });

  test('utf-16 counts code units: slicing the JS line gives the value', () => {
    const d = find('utf-16');
    assert.equal(d.column, 33);
    assert.equal(d.end_column, 43);
    const line = text.split('\n')[d.line - 1];
    assert.equal(line.slice(d.column - 1, d.end_column - 1), '"bad name"');
    const [edit] = d.fix.edits;
    assert.equal(line.slice(edit.column - 1, edit.end_column - 1), 'bad name', 'a fix edit in UTF-16 too');
  });

  test('utf-8 counts bytes', () => {
    const d = find('utf-8');
    assert.equal(d.column, 37);
    const line = Buffer.from(text.split('\n')[d.line - 1]);
    assert.equal(line.subarray(d.column - 1, d.end_column - 1).toString(), '"bad name"');
  });

  test('a BOM is not a column, in any encoding', () => {
    const bom = `\uFEFF${ENTITY('x y')}`;
    for (const encoding of ['utf-32', 'utf-16', 'utf-8']) {
      const d = kataster.check([{ path: 'b.yaml', text: bom }], { positionEncoding: encoding, select: 'CAT006' }).diagnostics[0];
      assert.equal(d.line, 4);
      assert.equal(d.column, 9);
    }
  });
});

describe('never traps', () => {
  const kataster = new Kataster();
  const hostile = {
    'lone surrogates': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: "a\uD800b", title: \uDC00}\nspec: {}\n`,
    'deep flow nesting': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    'deep block nesting': Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
    'deep unclosed nesting': '{a: '.repeat(50_000),
    'alias bomb': `a: &a ["x","x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\n`,
    'many documents': '---\n'.repeat(50_000),
    'huge scalar': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: ${'a'.repeat(5_000_000)}}\n`,
    'control characters': '\u0000\u0001\u0002\u001b[31m: \u007f\u0085\u2028\u2029',
    'invalid UTF-8 bytes decoded by JS': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]).toString('utf8'),
    'tabs and CRs': '\tkind:\r\r\n\t- a\r',
    'binary noise': Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  };
  for (const [name, text] of Object.entries(hostile)) {
    test(name, () => {
      for (const encoding of ['utf-32', 'utf-16']) {
        const report = kataster.check([{ path: 'h.yaml', text }], { positionEncoding: encoding });
        assert.equal(report.version, 1);
        for (const d of report.diagnostics) {
          assert.ok(d.line >= 1 && d.column >= 1 && d.end_line >= d.line, JSON.stringify(d));
        }
      }
      const session = new Session();
      session.addFiles([{ path: 'h.yaml', text }]);
      session.check();
      assert.equal(typeof session.render('human'), 'string');
      assert.ok(session.locationTargets(0));
    });
  }

  test('errors are exceptions with messages, and the instance goes on', () => {
    const session = new Session();
    assert.throws(() => session.locationTargets(7), /no file with index 7/);
    assert.throws(() => session.render('human'), /call check\(\) first/);
    assert.throws(() => session.addFailure('x', 'CAT001', 'm'), /not a rule for files that cannot be read/);
    assert.throws(() => session.check({ fileExists: 3 }), /must be a function/);
    assert.equal(kataster.check([{ path: 'a.yaml', text: 'a: 1\n' }]).summary.files, 1);
  });

  // The browser's build (KATASTER_WASM_BUILD=web) is not loaded again after a trap, as in a
  // browser; the session would be on the complete build.
  const web = process.env.KATASTER_WASM_BUILD === 'web' ? 'web/ is not loaded again after a trap' : false;
  test('a trap becomes a KatasterInternalError and a fresh instance takes over', { skip: web }, () => {
    const session = new Session();
    assert.throws(() => api.__panicForTests(), (error) => {
      assert.ok(error instanceof KatasterInternalError);
      assert.match(error.message, /deliberate panic for the facade's tests/);
      return true;
    });
    assert.throws(() => session.check(), /lost to an internal error/);
    assert.equal(kataster.check([{ path: 'a.yaml', text: ENTITY('ok') }]).summary.entities, 1);
    assert.equal(new Session().check().summary.files, 0);
  });
});
