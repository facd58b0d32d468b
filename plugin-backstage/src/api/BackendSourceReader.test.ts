/**
 * @jest-environment node
 */
// BackendSourceReader against a real HTTP server that answers as the kataster backend plugin
// does (and as a backend without it does), with the real fetch.
import http from 'http';
import type { AddressInfo } from 'net';
import type { Entity } from '@backstage/catalog-model';
import { BackendSourceReader, KatasterSourceApi } from './SourceApi';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'backstage.io/managed-by-location': `url:https://git.example.com/${name}.yaml` } },
  spec: {},
});

const errorBody = (name: string, message: string, statusCode: number) =>
  JSON.stringify({ error: { name, message }, request: { method: 'GET', url: '/' }, response: { statusCode } });

describe('BackendSourceReader', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  /** What the stand-in answers, by entity name: the kataster backend plugin's answers, or none (no plugin). */
  const answers: Record<string, [number, string]> = {
    private: [200, JSON.stringify({ location: 'url:https://git.example.com/private.yaml', path: 'https://git.example.com/private.yaml', text: 'kind: Component\n' })],
    large: [413, errorBody('SourceTooLargeError', 'The source of component:default/large is more than the limit of 10 bytes (kataster.source.maxBytes)', 413)],
    unknown: [404, errorBody('NotFoundError', 'No entity component:default/unknown in the catalog', 404)],
    failing: [502, errorBody('SourceUnreadableError', 'Could not read the source', 502)],
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const match = (req.url ?? '').match(/^\/api\/kataster\/source\/component\/default\/([^/]+)$/);
      const answer = match ? answers[decodeURIComponent(match[1])] : undefined;
      if (!answer) {
        // A backend without the kataster plugin: Backstage's notFound middleware, an empty 404.
        res.writeHead(404).end();
        return;
      }
      res.writeHead(answer[0], { 'content-type': 'application/json' }).end(answer[1]);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  const fallback: KatasterSourceApi & { asked: string[] } = {
    asked: [],
    async readSource(e: Entity) {
      this.asked.push(e.metadata.name);
      return { path: 'from the browser', text: 'fallback\n' };
    },
  };

  const reader = (baseUrl = `${base}/api/kataster`) =>
    new BackendSourceReader({
      discoveryApi: { getBaseUrl: async (pluginId: string) => baseUrl.replace('kataster', pluginId) },
      fetchApi: { fetch: (input, init) => fetch(input as string, init) },
      fallback,
    });

  beforeEach(() => {
    fallback.asked.length = 0;
    requests.length = 0;
  });

  it('reads the source through the backend', async () => {
    expect(await reader().readSource(entity('private'))).toEqual({ path: 'https://git.example.com/private.yaml', text: 'kind: Component\n' });
    expect(requests).toEqual(['/api/kataster/source/component/default/private']);
    expect(fallback.asked).toEqual([]);
  });

  it('falls back to the browser when the backend has no kataster plugin', async () => {
    expect(await reader().readSource(entity('no-plugin'))).toEqual({ path: 'from the browser', text: 'fallback\n' });
    expect(fallback.asked).toEqual(['no-plugin']);
  });

  it('falls back to the browser when the backend cannot be reached', async () => {
    expect(await reader('http://127.0.0.1:1/api/kataster').readSource(entity('private'))).toEqual({
      path: 'from the browser',
      text: 'fallback\n',
    });
  });

  it('falls back to the browser when the Git host failed the backend (502)', async () => {
    expect((await reader().readSource(entity('failing')))?.path).toBe('from the browser');
  });

  it("takes the endpoint's own 404 as: no source", async () => {
    expect(await reader().readSource(entity('unknown'))).toBeUndefined();
    expect(fallback.asked).toEqual([]);
  });

  it("rejects with the backend's reason when it refuses (413)", async () => {
    await expect(reader().readSource(entity('large'))).rejects.toThrow(/more than the limit of 10 bytes/);
    expect(fallback.asked).toEqual([]);
  });
});
