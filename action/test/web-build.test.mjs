// The browser's build (wasm/pkg/web: `Kataster`'s checks, rules and names, kataster-core at
// opt-level "z") against the complete build (node-schemas/, which the conformance tests hold to
// the native CLI): the same report on every corpus case and example, the same rules and docs,
// and the rest of the API routed by the facade to the complete build. Runs on wasm/pkg (or
// `KATASTER_WASM_PKG`), which scripts/build-wasm.sh makes; the action's bundle has no web/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { corpusCases, root } from './helpers.mjs';

const pkg = path.resolve(process.env.KATASTER_WASM_PKG ?? path.join(root, 'wasm/pkg'));
const built = ['web', 'node-schemas'].every((dir) => fs.existsSync(path.join(pkg, dir, 'kataster_wasm_bg.wasm')));
const skip = built ? false : `${pkg} has no web/ and node-schemas/ builds (scripts/build-wasm.sh)`;

async function load() {
  const { createApi } = await import(pathToFileURL(path.join(pkg, 'facade.mjs')).href);
  const glue = await import(pathToFileURL(path.join(pkg, 'web/kataster_wasm.js')).href);
  glue.initSync({ module: fs.readFileSync(path.join(pkg, 'web/kataster_wasm_bg.wasm')) });
  const completeGlue = createRequire(import.meta.url)(path.join(pkg, 'node-schemas/kataster_wasm.js'));
  return {
    glue,
    web: createApi(glue, undefined, { load: () => completeGlue }),
    bare: createApi(glue),
    complete: createApi(completeGlue),
  };
}

/** The YAML files of a corpus case (a file or a directory, links left out) and its policy file. */
function caseInput(relative) {
  const full = path.join(root, relative);
  const files = [];
  let policy;
  const visit = (file) => {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file).sort()) visit(path.join(file, name));
    } else if (/\.ya?ml$/.test(file)) {
      const entry = { path: path.relative(root, file), text: fs.readFileSync(file, 'utf8') };
      if (path.basename(file) === 'kataster.yaml' && path.dirname(file) === full) policy = entry;
      else files.push(entry);
    }
  };
  visit(full);
  return { files, policy };
}

const hostile = {
  'lone surrogates': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: "a\uD800b", title: \uDC00}\nspec: {}\n`,
  'deep flow nesting': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  'deep block nesting': Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
  'deep unclosed nesting': '{a: '.repeat(50_000),
  'many documents': '---\n'.repeat(50_000),
  'binary noise': Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
};

describe('the browser build (web/) and the complete build', { skip }, async () => {
  const { glue, web, bare, complete } = built ? await load() : {};

  test('web/ has only Kataster\'s checks, rules and names', () => {
    for (const name of ['Session', 'GlobMatcher', 'GitignoreMatcher', 'isCatalogFile', 'decodeFile', 'knownEntitiesFromText']) {
      assert.equal(glue[name], undefined, name);
    }
    for (const name of ['checkVersion', 'catalogSchema', 'policySchema']) {
      assert.equal(glue.Kataster.prototype[name], undefined, name);
    }
    for (const name of ['check', 'rules', 'ruleDocs', 'checkNamespace']) {
      assert.equal(typeof glue.Kataster.prototype[name], 'function', name);
    }
  });

  test('the same report on every corpus case, in every position encoding', () => {
    const cases = corpusCases();
    assert.ok(cases.length > 50, `${cases.length} cases`);
    for (const relative of cases) {
      const { files, policy } = caseInput(relative);
      for (const positionEncoding of ['utf-32', 'utf-16']) {
        const options = { positionEncoding, ...(policy ? { policy } : {}) };
        assert.deepEqual(
          new web.Kataster().check(files, options),
          new complete.Kataster().check(files, options),
          `${relative} (${positionEncoding})`,
        );
      }
    }
  });

  test('the same report on the examples under their policies, with every option', () => {
    for (const example of ['acme', 'broken', 'gitops', 'unparsable']) {
      const { files, policy } = caseInput(`examples/${example}`);
      const text = policy?.text;
      for (const options of [{}, { select: 'CAT0' }, { ignore: ['CAT1', 'CAT006'] }, { strictRefs: true, yamlMerge: true, positionEncoding: 'utf-8' }]) {
        assert.deepEqual(
          new web.Kataster(text).check(files, options),
          new complete.Kataster(text).check(files, options),
          `${example} ${JSON.stringify(options)}`,
        );
      }
    }
  });

  test('the same report on hostile input, and no trap', () => {
    for (const [name, text] of Object.entries(hostile)) {
      const files = [{ path: 'h.yaml', text }];
      assert.deepEqual(new web.Kataster().check(files), new complete.Kataster().check(files), name);
    }
  });

  test('the same rules, rule docs and names', () => {
    const acme = fs.readFileSync(path.join(root, 'examples/acme/kataster.yaml'), 'utf8');
    const [w, c] = [new web.Kataster(acme), new complete.Kataster(acme)];
    assert.deepEqual(w.rules(), c.rules());
    for (const { code } of c.rules()) {
      assert.equal(w.ruleDocs(code), c.ruleDocs(code), code);
    }
    assert.equal(w.ruleDocs('NOPE999'), undefined);
    for (const name of ['cs-shop-prd', 'Shop', 'ap-billing-02-int', 'x', '']) {
      assert.deepEqual(w.checkNamespace(name), c.checkNamespace(name), name);
    }
    assert.throws(() => new web.Kataster('rulez: {}\n'), /the policy is invalid/);
    assert.deepEqual(web.Kataster.schemaPaths(acme), complete.Kataster.schemaPaths(acme));
  });

  test('the rest of the API runs on the complete build, with the same results', () => {
    const acme = fs.readFileSync(path.join(root, 'examples/acme/kataster.yaml'), 'utf8');
    const [w, c] = [new web.Kataster(acme), new complete.Kataster(acme)];
    assert.deepEqual(w.policySchema(), c.policySchema());
    assert.deepEqual(w.catalogSchema(), c.catalogSchema());
    assert.deepEqual(w.checkVersion({ version: '1.2.3' }), c.checkVersion({ version: '1.2.3' }));
    const { files } = caseInput('examples/acme');
    const sessions = [web, complete].map((api) => {
      const session = new api.Session({ policy: { path: 'kataster.yaml', text: acme } });
      session.addFiles(files);
      return session;
    });
    assert.deepEqual(sessions[0].check(), sessions[1].check());
    assert.equal(sessions[0].render('human'), sessions[1].render('human'));
    assert.equal(sessions[0].inventory('markdown'), sessions[1].inventory('markdown'));
    assert.equal(new web.GlobMatcher('**/*.yaml').isMatch('a/b.yaml'), true);
    assert.equal(web.isCatalogFile('catalog-info.yaml', files[0].text), complete.isCatalogFile('catalog-info.yaml', files[0].text));
    assert.deepEqual(web.decodeFile('a.yaml', new Uint8Array([0xff, 0xfe]), true), complete.decodeFile('a.yaml', new Uint8Array([0xff, 0xfe]), true));
  });

  test('without the complete build, the rest of the API throws and says why', () => {
    assert.throws(() => new bare.Session(), /`Session` is not in this build of kataster/);
    assert.throws(() => new bare.Kataster().policySchema(), /`Kataster.policySchema\(\)` is not in this build/);
    assert.throws(() => bare.decodeFile('a.yaml', new Uint8Array([0x61]), true), /`decodeFile` is not in this build/);
    assert.equal(new bare.Kataster().check([{ path: 'a.yaml', text: 'a: 1\n' }]).summary.files, 1);
  });
});
