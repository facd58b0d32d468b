/**
 * kataster for the new frontend system: `import katasterPlugin from '@kataster/backstage-plugin/alpha'`.
 *
 * @packageDocumentation
 */
import { ApiBlueprint, createFrontendPlugin, PageBlueprint, SubPageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { katasterApiFactory, katasterSourceApiFactory } from './apis';
import { rootRouteRef } from './routes';
import { KatasterIcon } from './components/common/KatasterIcon';

const rootRef = convertLegacyRouteRef(rootRouteRef);

const katasterApi = ApiBlueprint.make({
  params: defineParams => defineParams(katasterApiFactory),
});

const katasterSourceApi = ApiBlueprint.make({
  name: 'source',
  params: defineParams => defineParams(katasterSourceApiFactory),
});

/** The page at /kataster, with two sub-pages (tabs). */
const katasterPage = PageBlueprint.make({
  params: {
    path: '/kataster',
    title: 'Catalog validator',
    icon: <KatasterIcon />,
    routeRef: rootRef,
  },
});

const validatorSubPage = SubPageBlueprint.make({
  name: 'validator',
  params: {
    path: 'validator',
    title: 'Catalog validator',
    loader: () => import('./components/KatasterPage').then(m => <m.CatalogValidatorContent />),
  },
});

const reportSubPage = SubPageBlueprint.make({
  name: 'report',
  params: {
    path: 'report',
    title: 'Conventions report',
    loader: () => import('./components/KatasterPage').then(m => <m.ConventionsReportContent />),
  },
});

/**
 * The entity card "Conventions". The filter is an entity predicate (app-config
 * `app.extensions: [{entity-card:kataster/conventions: {config: {filter: ...}}}]` overrides it);
 * by default every entity that has a kind.
 */
const conventionsCard = EntityCardBlueprint.make({
  name: 'conventions',
  params: {
    filter: { kind: { $exists: true } },
    loader: () => import('./components/ConventionsCard/ConventionsCard').then(m => <m.EntityConventionsCard />),
  },
});

/** kataster for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'kataster',
  title: 'Catalog validator',
  icon: <KatasterIcon />,
  routes: { root: rootRef },
  extensions: [katasterApi, katasterSourceApi, katasterPage, validatorSubPage, reportSubPage, conventionsCard],
});

export { katasterApiRef, WasmKatasterClient } from './api/KatasterApi';
export { katasterSourceApiRef, BackendSourceReader, StaticSourceReader, UrlSourceReader } from './api/SourceApi';
