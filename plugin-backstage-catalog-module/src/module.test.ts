// The catalog module on a real backend: the catalog backend (better-sqlite3 in memory) ingests a
// file: catalog with the module installed and app-config `kataster: {enforce: [NS001]}`.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleKataster, { ANNOTATION_KATASTER_FINDINGS, FindingsAnnotation } from './index';
import { inMemoryDatabase } from './testing/database';
import { waitFor } from './testing/waitFor';

const component = (name: string, namespace: string, description = `The ${name}.`) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: ${description}
  annotations:
    backstage.io/kubernetes-namespace: ${namespace}
spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
`;

describe('the kataster catalog module', () => {
  let dir: string;
  let backend: TestBackend;
  let base: string;
  const database = inMemoryDatabase();
  const files: Record<string, string> = {};

  const get = (path: string) => fetch(`${base}${path}`);
  const entity = async (name: string): Promise<any> => {
    const response = await get(`/api/catalog/entities/by-name/component/default/${name}`);
    return response.ok ? response.json() : undefined;
  };
  /** The catalog's processing errors of an entity (refresh_state.errors), as it serialised them. */
  const processingErrors = async (ref: string): Promise<any[]> => {
    const row = await database.knex('refresh_state').where({ entity_ref: ref }).select('errors').first();
    return row?.errors ? JSON.parse(row.errors) : [];
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kataster-catalog-module-'));
    mkdirSync(join(dir, 'catalog'));
    files.main = join(dir, 'catalog', 'catalog-info.yaml');
    files.evolving = join(dir, 'catalog', 'evolving.yaml');
    writeFileSync(
      files.main,
      [
        component('clean-service', 'ap-clean-prd'),
        component('enforced-service', 'Bad_Namespace'),
        component('advised-service', 'shop-prd'),
        `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: more
  annotations:
    # NS001, enforced: were Location entities checked, evolving-service would never be read.
    backstage.io/kubernetes-namespace: Bad_Namespace
spec:
  targets: [./evolving.yaml]
`,
      ].join('---\n'),
    );
    writeFileSync(files.evolving, component('evolving-service', 'ap-evolving-prd'));

    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [{ type: 'file', target: files.main }],
              processingInterval: { seconds: 1 },
            },
            kataster: { enforce: ['NS001'], source: { maxBytes: 4096 } },
          },
        }),
        database.factory,
        catalogPlugin,
        catalogModuleKataster,
      ],
    });
    base = `http://localhost:${backend.server.port()}`;
    for (const name of ['clean-service', 'advised-service', 'evolving-service']) {
      await waitFor(`component:default/${name} in the catalog`, () => entity(name));
    }
    await waitFor('the processing error of component:default/enforced-service', async () => {
      const errors = await processingErrors('component:default/enforced-service');
      return errors.length ? errors : undefined;
    });
  });

  after(async () => {
    await backend?.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes an enforced rule a processing error: the new entity is not stored', async () => {
    const errors = await processingErrors('component:default/enforced-service');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].name, 'InputError');
    assert.match(errors[0].message, /^kataster NS001 invalid-namespace-name: namespace annotation "Bad_Namespace"/);
    assert.match(errors[0].message, /\(at \/metadata\/annotations\/backstage\.io~1kubernetes-namespace\)/);
    assert.equal(await entity('enforced-service'), undefined, 'the catalog does not store it');
  });

  it('records a rule that is not enforced in the kataster.io/findings annotation', async () => {
    const stored = await entity('advised-service');
    assert.equal(stored.status?.items, undefined, 'no processing error');
    const value = stored.metadata.annotations[ANNOTATION_KATASTER_FINDINGS];
    assert.ok(value, 'the annotation is there');
    assert.ok(value.length <= 8192);
    const findings: FindingsAnnotation = JSON.parse(value);
    assert.equal(findings.version, 1);
    assert.deepEqual(
      findings.findings.map(f => [f.code, f.severity, f.pointer]),
      [['NS002', 'error', '/metadata/annotations/backstage.io~1kubernetes-namespace']],
    );
    assert.match(findings.findings[0].message, /"shop-prd" has 2 parts/);
    assert.match(findings.findings[0].help!, /add it to `naming\.namespace\.extendExempt` in app-config `kataster:`$/);
    assert.equal(findings.omitted, undefined);
  });

  it('leaves a clean entity as it is: no annotation, no processing error', async () => {
    const stored = await entity('clean-service');
    assert.equal(stored.metadata.annotations[ANNOTATION_KATASTER_FINDINGS], undefined);
    assert.equal(stored.status?.items, undefined);
    assert.deepEqual(await processingErrors('component:default/clean-service'), []);
  });

  it('keeps the stored entity when a change breaks an enforced rule, and shows the error on it', async () => {
    writeFileSync(files.evolving, component('evolving-service', 'Bad_Namespace', 'Changed.'));
    const response = await fetch(`${base}/api/catalog/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: 'component:default/evolving-service' }),
    });
    assert.equal(response.status, 200);
    const stored = await waitFor('the processing error on component:default/evolving-service', async () => {
      const current = await entity('evolving-service');
      return current?.status?.items?.length ? current : undefined;
    });
    assert.deepEqual(
      stored.status.items.map((item: any) => [item.type, item.level, item.error.name]),
      [['backstage.io/catalog-processing', 'error', 'InputError']],
    );
    assert.match(stored.status.items[0].message, /^InputError: kataster NS001 invalid-namespace-name/);
    assert.equal(stored.metadata.description, 'The evolving-service.', 'the entity is not updated');
    assert.equal(stored.metadata.annotations['backstage.io/kubernetes-namespace'], 'ap-evolving-prd');
  });

  it('(a backend without @kataster/backstage-plugin-backend answers its route with an empty 404, which the frontend reads as "absent")', async () => {
    const response = await get('/api/kataster/source/component/default/clean-service');
    assert.equal(response.status, 404);
    assert.equal(await response.text(), '');
  });

  it('does not check Location entities', async () => {
    const response = await get('/api/catalog/entities/by-name/location/default/more');
    assert.equal(response.status, 200);
    const location: any = await response.json();
    assert.equal(location.metadata.annotations['backstage.io/kubernetes-namespace'], 'Bad_Namespace');
    assert.equal(location.metadata.annotations[ANNOTATION_KATASTER_FINDINGS], undefined);
    assert.equal(location.status?.items, undefined);
  });
});
