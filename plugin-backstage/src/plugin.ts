import { createComponentExtension, createPlugin, createRoutableExtension } from '@backstage/core-plugin-api';
import { katasterApiFactory, katasterSourceApiFactory } from './apis';
import { rootRouteRef } from './routes';

/** kataster for the legacy frontend system. */
export const katasterPlugin = createPlugin({
  id: 'kataster',
  apis: [katasterApiFactory, katasterSourceApiFactory],
  routes: { root: rootRouteRef },
});

/** The page: "Catalog validator" (a YAML editor with inline diagnostics) and "Conventions report" tabs. */
export const KatasterPage = katasterPlugin.provide(
  createRoutableExtension({
    name: 'KatasterPage',
    component: () => import('./components/KatasterPage').then(m => m.KatasterPage),
    mountPoint: rootRouteRef,
  }),
);

/** The entity card "Conventions": the current entity's problems. */
export const EntityConventionsCard = katasterPlugin.provide(
  createComponentExtension({
    name: 'EntityConventionsCard',
    component: {
      lazy: () => import('./components/ConventionsCard/ConventionsCard').then(m => m.EntityConventionsCard),
    },
  }),
);
