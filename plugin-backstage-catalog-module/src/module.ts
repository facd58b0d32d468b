import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { KatasterEntityProcessor } from './KatasterEntityProcessor';

/**
 * The catalog backend module `kataster`: adds the {@link KatasterEntityProcessor} with the policy
 * from app-config `kataster:` and the rules of `kataster.enforce`.
 */
export const catalogModuleKataster = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kataster',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ config, logger, catalog }) {
        catalog.addProcessor(await KatasterEntityProcessor.fromConfig(config, { logger }));
      },
    });
  },
});
