// The dev app (`npm start`): the new frontend system with the catalog plugin, a static catalog
// of the Acme example, and the kataster plugin.
import ReactDOM from 'react-dom/client';
// The dev app stands in for an app package, which imports Backstage UI's styles.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createApp } from '@backstage/frontend-defaults';
import { ApiBlueprint, createFrontendModule } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import katasterPlugin, { katasterSourceApiRef, StaticSourceReader } from '../src/alpha';
import { acmeSources, createStaticCatalogApi } from './catalog';

const staticCatalog = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    ApiBlueprint.make({
      params: defineParams => defineParams({ api: catalogApiRef, deps: {}, factory: () => createStaticCatalogApi() }),
    }),
  ],
});

const staticSources = createFrontendModule({
  pluginId: 'kataster',
  extensions: [
    ApiBlueprint.make({
      name: 'source',
      params: defineParams =>
        defineParams({ api: katasterSourceApiRef, deps: {}, factory: () => new StaticSourceReader(acmeSources) }),
    }),
  ],
});

const app = createApp({
  features: [catalogPlugin, staticCatalog, katasterPlugin, staticSources],
});

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
