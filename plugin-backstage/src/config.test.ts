import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadConfigSchema } from '@backstage/config-loader';
import { acmePolicyText } from './example/acme.generated';
import { parse } from 'yaml';
import { policyFromConfig } from './api/KatasterApi';

const plugin = join(__dirname, '..');

describe('config schema (app-config `kataster:`)', () => {
  it('is generated from the policy schema and current', () => {
    // Fails when schemas/kataster.schema.json changed and config.schema.json was not regenerated.
    execFileSync(process.execPath, [join(plugin, 'scripts/generate.mjs'), '--check'], { stdio: 'pipe' });
    const schema = JSON.parse(readFileSync(join(plugin, 'config.schema.json'), 'utf8'));
    expect(schema.properties.kataster).toMatchObject({ deepVisibility: 'frontend', $ref: '#/definitions/KatasterPolicy' });
    expect(JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8')).configSchema).toBe('config.schema.json');
  });

  async function loadSchema() {
    return loadConfigSchema({
      serialized: {
        schemas: [
          { path: 'plugin-backstage/config.schema.json', value: JSON.parse(readFileSync(join(plugin, 'config.schema.json'), 'utf8')) },
        ],
        backstageConfigSchemaVersion: 1,
      },
    });
  }

  it("accepts the Acme policy and gives it to the frontend, whole", async () => {
    const policy = parse(acmePolicyText);
    const processed = (await loadSchema()).process([{ data: { kataster: policy }, context: 'app-config.yaml' }], {
      visibility: ['frontend'],
    });
    expect(processed[0].data.kataster).toEqual(policy);
  });

  it('rejects what the policy file rejects', async () => {
    const s = await loadSchema();
    expect(() => s.process([{ data: { kataster: { rules: { CAT101: 'loud' } } }, context: 'app-config.yaml' }])).toThrow(
      /Config validation failed/,
    );
    expect(() => s.process([{ data: { kataster: { unknownKey: true } }, context: 'app-config.yaml' }])).toThrow(
      /Config validation failed/,
    );
  });

  it('accepts the backend packages\' keys beside the policy: kataster.enforce and kataster.source', async () => {
    const data = { kataster: { enforce: ['NS001', 'ORG0'], source: { maxBytes: 65536 }, rules: { NS005: 'info' } } };
    const processed = (await loadSchema()).process([{ data, context: 'app-config.yaml' }], { visibility: ['frontend'] });
    expect(processed[0].data.kataster).toEqual(data.kataster);
    const s = await loadSchema();
    expect(() => s.process([{ data: { kataster: { enforce: 'NS001' } }, context: 'app-config.yaml' }])).toThrow(
      /Config validation failed/,
    );
    expect(() => s.process([{ data: { kataster: { source: { maxBytes: 'big' } } }, context: 'app-config.yaml' }])).toThrow(
      /Config validation failed/,
    );
  });

  it('hands the core the policy without the backend packages\' keys', () => {
    expect(policyFromConfig({ enforce: ['NS001'], source: { maxBytes: 1 }, rules: { NS005: 'info' } })).toEqual({
      rules: { NS005: 'info' },
    });
    expect(policyFromConfig({ enforce: ['NS001'] })).toBeUndefined();
    expect(policyFromConfig(undefined)).toBeUndefined();
  });
});
