import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { EntitySourceReader } from './EntitySourceReader';
import { createRouter } from './router';
import { secretsOf } from './redact';

/** The `kataster` backend plugin: `GET /api/kataster/source/:kind/:namespace/:name`. */
export const katasterPlugin = createBackendPlugin({
  pluginId: 'kataster',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({ config, httpAuth, httpRouter, urlReader, catalog }) {
        const reader = new EntitySourceReader({
          urlReader,
          maxBytes: config.getOptionalNumber('kataster.source.maxBytes'),
          secrets: secretsOf(config.getOptionalConfig('integrations')),
        });
        httpRouter.use(await createRouter({ httpAuth, catalog, reader }));
      },
    });
  },
});
