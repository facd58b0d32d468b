import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, serializeError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntitySourceReader } from './EntitySourceReader';
import { statusOf } from './errors';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  reader: EntitySourceReader;
}

/**
 * `GET /source/:kind/:namespace/:name`: `{location, path, text}`. The entity is fetched with the
 * caller's credentials, so the catalog's read permission decides: an entity the caller may not
 * see is as unknown (404). Errors are Backstage's JSON error bodies.
 */
export async function createRouter({ httpAuth, catalog, reader }: RouterOptions): Promise<express.Router> {
  const router = Router();

  router.get('/source/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { kind, namespace, name } = req.params;
    const ref = stringifyEntityRef({ kind, namespace, name });
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    const source = await reader.read(entity);
    res.setHeader('cache-control', 'private, no-store');
    res.json(source);
  });

  // 413 and 502, which Backstage's error handler does not know, in its body format; the rest is its own.
  router.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    const status = statusOf(error);
    if (status === undefined || res.headersSent) {
      next(error);
      return;
    }
    res.status(status).json({
      error: serializeError(error as Error, { includeStack: false }),
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: status },
    });
  });

  return router;
}
