// The processor's configuration and the annotation's cap, with the real WebAssembly core.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ConfigReader } from '@backstage/config';
import { encodeFindings, FindingsAnnotation, KatasterEntityProcessor, readModuleConfig } from './index';
import type { JsonDiagnostic } from './core';

const diagnostic = (i: number): JsonDiagnostic => ({
  code: 'NS002',
  name: 'namespace-convention',
  severity: 'error',
  message: `namespace annotation "n${i}" is not conventional ${'x'.repeat(200)}`,
  file: 'component:default/x',
  document: 0,
  line: 1,
  column: 1,
  end_line: 1,
  end_column: 2,
  pointer: '/metadata/annotations/backstage.io~1kubernetes-namespace',
  help: null,
  url: 'https://example.com/NS002',
});

describe('KatasterEntityProcessor.fromConfig', () => {
  it('separates the policy from the Backstage keys', () => {
    const config = new ConfigReader({ kataster: { enforce: ['NS001'], source: { maxBytes: 10 }, rules: { NS005: 'info' } } });
    assert.deepEqual(readModuleConfig(config), { policy: { rules: { NS005: 'info' } }, enforce: ['NS001'] });
    assert.deepEqual(readModuleConfig(new ConfigReader({})), { enforce: [] });
  });

  it('fails at startup on an invalid policy, with the core\'s message', async () => {
    await assert.rejects(
      KatasterEntityProcessor.fromConfig(new ConfigReader({ kataster: { rulez: {} } })),
      /app-config kataster: .*POL001.*unknown field `rulez`/s,
    );
  });

  it('fails at startup on an enforce entry that names no rule', async () => {
    await assert.rejects(
      KatasterEntityProcessor.fromConfig(new ConfigReader({ kataster: { enforce: ['NS999'] } })),
      /kataster\.enforce: "NS999" is no rule code or prefix/,
    );
  });

  it('enforces codes and prefixes', async () => {
    const processor = await KatasterEntityProcessor.fromConfig(new ConfigReader({ kataster: { enforce: ['ns001', 'ORG0'] } }));
    assert.equal(processor.isEnforced('NS001'), true);
    assert.equal(processor.isEnforced('ORG003'), true);
    assert.equal(processor.isEnforced('NS002'), false);
  });
});

describe('KatasterEntityProcessor.postProcessEntity', () => {
  it('applies the policy\'s custom JSON Schemas (ORG007), read relative to the backend\'s directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kataster-schemas-'));
    try {
      writeFileSync(
        join(dir, 'licence.json'),
        JSON.stringify({ type: 'object', properties: { spec: { type: 'object', required: ['seats'] } } }),
      );
      const config = new ConfigReader({
        kataster: { enforce: ['ORG007'], schemas: [{ match: { kind: 'Resource', type: 'licence' }, schema: 'licence.json' }] },
      });
      const processor = await KatasterEntityProcessor.fromConfig(config, { baseDir: dir });
      const emitted: CatalogProcessorResult[] = [];
      const location = { type: 'url', target: 'https://git.example.com/licences.yaml' };
      const licence = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'ide-licence', namespace: 'default' },
        spec: { type: 'licence', owner: 'group:default/team-a' },
      };
      const out = await processor.postProcessEntity(licence, location, result => emitted.push(result));
      assert.equal(emitted.length, 1);
      const error = emitted[0] as Extract<CatalogProcessorResult, { type: 'error' }>;
      assert.equal(error.type, 'error');
      assert.equal(error.error.name, 'InputError');
      assert.match(error.error.message, /^kataster ORG007 custom-schema: .*seats/);
      assert.deepEqual(error.location, location);
      assert.equal(out.metadata.annotations?.['kataster.io/findings'], undefined);

      emitted.length = 0;
      await processor.postProcessEntity({ ...licence, spec: { ...licence.spec, seats: 5 } }, location, r => emitted.push(r));
      assert.deepEqual(emitted, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces a kataster.io/findings annotation the source file wrote', async () => {
    const processor = await KatasterEntityProcessor.fromConfig(new ConfigReader({}));
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', annotations: { 'kataster.io/findings': '{"version":1,"findings":[]}' } },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
    };
    const out = await processor.postProcessEntity(entity, { type: 'url', target: 'https://x' }, () => {});
    assert.equal(out.metadata.annotations?.['kataster.io/findings'], undefined);
  });
});

describe('the kataster.io/findings annotation', () => {
  it('holds every finding when they fit', () => {
    const value: FindingsAnnotation = JSON.parse(encodeFindings([diagnostic(1), diagnostic(2)])!);
    assert.equal(value.findings.length, 2);
    assert.equal(value.omitted, undefined);
    assert.equal(encodeFindings([]), undefined);
  });

  it('is at most 8192 characters: the findings at the end are left out and counted', () => {
    const text = encodeFindings(Array.from({ length: 100 }, (_, i) => diagnostic(i)))!;
    assert.ok(text.length <= 8192, `${text.length}`);
    const value: FindingsAnnotation = JSON.parse(text);
    assert.ok(value.findings.length > 0 && value.findings.length < 100);
    assert.equal(value.findings.length + value.omitted!, 100);
    assert.match(value.findings[0].message, /"n0"/);
  });
});
