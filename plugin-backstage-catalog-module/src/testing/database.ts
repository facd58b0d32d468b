import knexFactory, { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * One better-sqlite3 database in memory for the test backend's plugins, the knex client (to read
 * the catalog's processing state) and a way to close it (the test backend's own database manager
 * keeps its pool open after `stop()`).
 */
export function inMemoryDatabase(): {
  knex: Knex;
  factory: ReturnType<typeof mockServices.database.factory>;
  close(): Promise<void>;
} {
  const knex: Knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
    // One connection: each connection to ':memory:' is a database of its own.
    pool: { min: 1, max: 1 },
  });
  knex.client.pool.on('createSuccess', (_id: unknown, resource: { pragma(text: string): void }) => {
    resource.pragma('foreign_keys = ON');
  });
  return { knex, factory: mockServices.database.factory({ knex }), close: () => knex.destroy() };
}
