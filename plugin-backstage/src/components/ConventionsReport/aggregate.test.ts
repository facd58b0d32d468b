import { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { acmeFiles, acmePolicyText } from '../../example/acme.generated';
import { testKataster } from '../../testUtils';
import { aggregate, entityFile, validateCatalog } from './aggregate';

const component = (name: string, spec: Record<string, unknown>, labels?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team', ...spec },
});

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/** The Acme example catalog as the catalog API returns it (entities, with relations and status). */
function acmeEntities(): Entity[] {
  return acmeFiles.flatMap(file =>
    parseAllDocuments(file.text).map(doc => {
      const entity = doc.toJS() as Entity;
      entity.metadata.namespace ??= 'default';
      return { ...entity, relations: [], status: { items: [] } } as Entity;
    }),
  );
}

describe('conventions report', () => {
  it('checks the Acme catalog clean with its policy', async () => {
    const kataster = testKataster(acmePolicyText);
    const entities = acmeEntities();
    expect(entities.length).toBeGreaterThan(20);
    const { aggregate: result } = await validateCatalog(entities, kataster);
    expect(result.rows.filter(r => r.severity !== 'info')).toEqual([]);
    expect(result.summary.entities).toBe(entities.length);
  });

  it('finds the cross-entity problems and counts them per rule, owner and kind', async () => {
    const kataster = testKataster({ stages: { values: ['dev', 'int', 'prd'], label: 'kataster.io/stage' } });
    const entities = [
      group('team'),
      component('web', { dependsOn: ['component:default/api', 'resource:default/db'] }, { 'kataster.io/stage': 'prd' }),
      component('api', {}, { 'kataster.io/stage': 'dev' }),
      component('worker', { owner: 'group:default/ghosts' }),
      component('cron', { owner: 'group:default/ghosts', system: 'billing' }),
    ];
    const { aggregate: result } = await validateCatalog(entities, kataster);
    const codes = result.rows.map(r => `${r.code} ${r.entityName}`).sort();
    expect(codes).toEqual([
      'CAT101 cron', // owner ghosts
      'CAT101 cron', // system billing
      'CAT101 web', // resource db
      'CAT101 worker',
      'ORG005 web', // prd depends on dev
    ]);
    // The catalog is whole: dangling references are errors.
    expect(result.rows.find(r => r.code === 'CAT101')?.severity).toBe('error');
    expect(result.byRule).toEqual([
      expect.objectContaining({ code: 'CAT101', count: 4, entities: 3, severity: 'error' }),
      expect.objectContaining({ code: 'ORG005', count: 1, entities: 1 }),
    ]);
    expect(result.owners).toEqual(['group:default/ghosts', 'group:default/team']);
    expect(result.kinds).toEqual(['Component']);
    const worker = result.rows.find(r => r.entityName === 'worker')!;
    expect(worker).toMatchObject({ entityRef: 'component:default/worker', kind: 'Component', owner: 'group:default/ghosts', pointer: '/spec/owner' });
    expect(result.summary).toMatchObject({ entities: 5, errors: 5, warnings: 0, affected: 3 });
  });

  it('reports duplicates and namespace collisions across entities', async () => {
    const kataster = testKataster();
    const a = component('a', {});
    a.metadata.annotations = { 'backstage.io/kubernetes-namespace': 'cs-shop-prd' };
    const b = component('b', {});
    b.metadata.annotations = { 'backstage.io/kubernetes-namespace': 'cs-shop-prd' };
    const duplicate = component('A', {});
    const { aggregate: result } = await validateCatalog([group('team'), a, b, duplicate], kataster);
    const codes = new Set(result.rows.map(r => r.code));
    expect(codes.has('NS003') || codes.has('NS004')).toBe(true);
    expect(codes.has('CAT102')).toBe(true);
  });

  it('aggregates a report without running the core', () => {
    const e = component('x', {});
    const file = entityFile(e);
    expect(file.path).toBe('component:default/x');
    expect(JSON.parse(file.text)).not.toHaveProperty('relations');
    const result = aggregate([e], {
      version: 1,
      summary: { files: 1, documents: 1, entities: 1, errors: 1, warnings: 1 },
      diagnostics: [
        { code: 'B1', name: 'b', severity: 'warning', message: 'm', file: file.path, document: 0, line: 1, column: 1, end_line: 1, end_column: 2, pointer: '', help: null, url: 'u' },
        { code: 'A1', name: 'a', severity: 'error', message: 'm', file: file.path, document: 0, line: 1, column: 1, end_line: 1, end_column: 2, pointer: '', help: null, url: 'u' },
        { code: 'B1', name: 'b', severity: 'error', message: 'n', file: file.path, document: 0, line: 2, column: 1, end_line: 2, end_column: 2, pointer: '', help: null, url: 'u' },
      ],
    });
    expect(result.byRule.map(r => [r.code, r.count, r.severity])).toEqual([
      ['B1', 2, 'error'],
      ['A1', 1, 'error'],
    ]);
    expect(result.summary).toMatchObject({ errors: 2, warnings: 1, affected: 1 });
  });
});
