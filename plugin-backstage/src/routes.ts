import { createRouteRef } from '@backstage/core-plugin-api';

/** The plugin's page ("Catalog validator" and "Conventions report"). */
export const rootRouteRef = createRouteRef({ id: 'kataster' });
