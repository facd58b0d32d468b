// The source endpoint on a real backend: the catalog backend (better-sqlite3 in memory) ingests
// a file: catalog and a url: location on a stand-in GitLab that demands a token.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mockCredentials, mockServices, startTestBackend, TestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import katasterPlugin from './index';
import { inMemoryDatabase } from './testing/database';
import { GitHostStandIn, startGitHost } from './testing/gitHost';
import { waitFor } from './testing/waitFor';

const TOKEN = 'glpat-stand-in-token-4711';
const MAX_BYTES = 4096;

const component = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: ${extra || `The ${name}.`}
spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
`;

describe('GET /api/kataster/source/:kind/:namespace/:name', () => {
  let dir: string;
  let git: GitHostStandIn;
  let backend: TestBackend;
  let base: string;
  const database = inMemoryDatabase();
  const files: Record<string, string> = {};

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kataster-backend-'));
    mkdirSync(join(dir, 'catalog'));
    mkdirSync(join(dir, 'outside'));
    files.main = join(dir, 'catalog', 'catalog-info.yaml');
    files.large = join(dir, 'catalog', 'large.yaml');
    files.outside = join(dir, 'outside', 'elsewhere.yaml');
    writeFileSync(
      files.main,
      `${component('local-service')}---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: more
spec:
  targets: [./large.yaml, ../outside/elsewhere.yaml]
`,
    );
    writeFileSync(files.large, component('large-service', 'x'.repeat(MAX_BYTES)));
    writeFileSync(files.outside, component('elsewhere-service'));

    git = await startGitHost(TOKEN);
    git.files.set('acme/private/main/catalog-info.yaml', component('private-service'));

    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            integrations: { gitlab: [{ host: git.host, apiBaseUrl: `${git.baseUrl}/api/v4`, token: TOKEN }] },
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [
                { type: 'file', target: files.main },
                { type: 'url', target: git.blobUrl('acme/private', 'main', 'catalog-info.yaml') },
              ],
            },
            kataster: { source: { maxBytes: MAX_BYTES } },
          },
        }),
        database.factory,
        catalogPlugin,
        katasterPlugin,
      ],
    });
    base = `http://localhost:${backend.server.port()}`;
    for (const name of ['local-service', 'large-service', 'elsewhere-service', 'private-service']) {
      await waitFor(`component:default/${name} in the catalog`, async () => {
        const response = await get(`/api/catalog/entities/by-name/component/default/${name}`);
        return response.ok ? true : undefined;
      });
    }
  });

  after(async () => {
    await backend?.stop();
    await database.close();
    await git?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the source file of a file: entity', async () => {
    const response = await get('/api/kataster/source/component/default/local-service');
    assert.equal(response.status, 200);
    const body: any = await response.json();
    assert.equal(body.location, `file:${files.main}`);
    assert.equal(body.path, files.main);
    assert.match(body.text, /name: local-service/);
    assert.match(body.text, /kind: Location/, 'the whole file, not only the entity');
  });

  it('reads a url: entity through the integration, which carries the token', async () => {
    const direct = await fetch(`${git.baseUrl}/api/v4/projects/acme%2Fprivate/repository/files/catalog-info.yaml/raw?ref=main`);
    assert.equal(direct.status, 401, 'the stand-in refuses requests without the token');
    git.authorizations.length = 0;
    const response = await get('/api/kataster/source/component/default/private-service');
    assert.equal(response.status, 200);
    const body: any = await response.json();
    assert.equal(body.path, git.blobUrl('acme/private', 'main', 'catalog-info.yaml'));
    assert.equal(body.text, component('private-service'));
    assert.deepEqual(git.authorizations, [`Bearer ${TOKEN}`]);
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const response = await get('/api/kataster/source/component/default/no-such-service');
    assert.equal(response.status, 404);
    const body: any = await response.json();
    assert.equal(body.error.name, 'NotFoundError');
    assert.match(body.error.message, /component:default\/no-such-service/);
  });

  it('answers 413 for a source larger than kataster.source.maxBytes', async () => {
    const response = await get('/api/kataster/source/component/default/large-service');
    assert.equal(response.status, 413);
    const body: any = await response.json();
    assert.equal(body.error.name, 'SourceTooLargeError');
    assert.match(body.error.message, new RegExp(`limit of ${MAX_BYTES} bytes`));
    assert.equal(body.response.statusCode, 413);
  });

  it('answers 502 when the Git host fails, with the location and without the token', async () => {
    git.broken = true;
    try {
      const response = await get('/api/kataster/source/component/default/private-service');
      assert.equal(response.status, 502);
      const body: any = await response.json();
      assert.equal(body.error.name, 'SourceUnreadableError');
      assert.ok(body.error.message.includes(`url:${git.blobUrl('acme/private', 'main', 'catalog-info.yaml')}`), body.error.message);
      assert.ok(!JSON.stringify(body).includes(TOKEN));
    } finally {
      git.broken = false;
    }
  });

  it('does not read a file: entity outside the directory of its registered location', async () => {
    const response = await get('/api/kataster/source/component/default/elsewhere-service');
    assert.equal(response.status, 403);
    const body: any = await response.json();
    assert.equal(body.error.name, 'NotAllowedError');
  });

  it('refuses unauthenticated callers', async () => {
    const response = await get('/api/kataster/source/component/default/local-service', {
      authorization: mockCredentials.none.header(),
    });
    assert.equal(response.status, 401);
  });
});
