import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for a private GitLab: serves files through GitLab's raw file API, only with the token. */
export interface GitHostStandIn {
  /** `127.0.0.1:<port>` */
  host: string;
  baseUrl: string;
  token: string;
  /** The `Authorization` headers of every request, in order. */
  authorizations: (string | undefined)[];
  /** The file's text by `<project>/<ref>/<path>`; a missing file is a 404, `broken` a 500. */
  files: Map<string, string>;
  broken: boolean;
  /** The blob URL of a file, as a catalog location names it. */
  blobUrl(project: string, ref: string, path: string): string;
  close(): Promise<void>;
}

const RAW = /^\/api\/v4\/projects\/([^/]+)\/repository\/files\/([^/]+)\/raw$/;

export async function startGitHost(token: string): Promise<GitHostStandIn> {
  const authorizations: (string | undefined)[] = [];
  const files = new Map<string, string>();
  const state = { broken: false };
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"401 Unauthorized"}');
      return;
    }
    const match = url.pathname.match(RAW);
    const key = match && `${decodeURIComponent(match[1])}/${url.searchParams.get('ref')}/${decodeURIComponent(match[2])}`;
    const text = key ? files.get(key) : undefined;
    if (state.broken) {
      res.writeHead(500).end('internal error');
    } else if (text === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"404 File Not Found"}');
    } else {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrl = `http://${host}`;
  return {
    host,
    baseUrl,
    token,
    authorizations,
    files,
    get broken() {
      return state.broken;
    },
    set broken(value: boolean) {
      state.broken = value;
    },
    blobUrl: (project, ref, path) => `${baseUrl}/${project}/-/blob/${ref}/${path}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
