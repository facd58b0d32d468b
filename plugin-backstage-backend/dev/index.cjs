// The dev backend: a real Backstage backend (@backstage/backend-defaults) with the catalog
// backend, the auth backend with its guest provider, kataster's backend plugin (../dist) and
// kataster's catalog module (../../plugin-backstage-catalog-module/dist), on PostgreSQL when
// KATASTER_DEV_DATABASE names one, else on better-sqlite3 in memory.
//
//   npx tsc && (cd ../plugin-backstage-catalog-module && node scripts/generate.mjs && npx tsc)
//   node dev/index.cjs            # http://localhost:7007; the frontend: cd ../plugin-backstage && npm start
//
// The catalog: the Acme example (examples/acme) as a file: location; a private repository
// (dev/private-catalog) as a url: location on a Git-host stand-in that answers only with the
// token of the backend's GitLab integration; and a sandbox file: location
// ($KATASTER_DEV_SANDBOX/catalog-info.yaml, created when missing) to edit while it runs.
//
// Environment: KATASTER_DEV_PORT (7007), KATASTER_DEV_APP_URL (http://localhost:3000),
// KATASTER_DEV_DATABASE (postgres://user[:password]@host:port; empty: better-sqlite3 in memory),
// KATASTER_DEV_SANDBOX (a new temporary directory).
'use strict';
const { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative, resolve } = require('node:path');

// Backstage's guest sign-in is for development only.
process.env.NODE_ENV = process.env.NODE_ENV || 'development';

const dev = __dirname;
const repo = resolve(dev, '../..');
const moduleDist = join(repo, 'plugin-backstage-catalog-module/dist');
for (const dist of [join(dev, '../dist/index.js'), join(moduleDist, 'index.js')]) {
  if (!existsSync(dist)) {
    console.error(`${relative(process.cwd(), dist)} is missing: build the backend packages first (scripts/test-backend.sh, or npx tsc in each)`);
    process.exit(1);
  }
}
const { startGitHost } = require('../dist/testing/gitHost');

/** The token the stand-in demands; only the backend's integration config has it. */
const TOKEN = 'glpat-dev-backend-stand-in-token';
const PROJECT = 'acme/private-catalog';

/** A valid sandbox entity (the e2e test breaks and fixes it). */
const sandboxEntity = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: sandbox-service
  description: A component whose file can be edited while the dev backend runs.
  labels:
    kataster.io/stage: dev
  annotations:
    backstage.io/kubernetes-namespace: ap-sandbox-dev
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-a
`;

function filesUnder(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `postgres://user:password@host:port` as knex's connection object. */
function database(url) {
  if (!url) {
    console.log('dev backend: KATASTER_DEV_DATABASE is not set: the catalog is on better-sqlite3 in memory');
    return { client: 'better-sqlite3', connection: ':memory:' };
  }
  const u = new URL(url);
  console.log(`dev backend: the catalog is on PostgreSQL at ${u.host}`);
  return {
    client: 'pg',
    connection: {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username || 'postgres'),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    },
  };
}

async function main() {
  const port = Number(process.env.KATASTER_DEV_PORT || 7007);
  const appUrl = process.env.KATASTER_DEV_APP_URL || 'http://localhost:3000';
  // Temporary directories of this run, removed when it ends.
  const temporary = [];
  process.once('exit', () => temporary.forEach(dir => rmSync(dir, { recursive: true, force: true })));
  const sandbox = process.env.KATASTER_DEV_SANDBOX || mkdtempSync(join(tmpdir(), 'kataster-sandbox-'));
  if (!process.env.KATASTER_DEV_SANDBOX) {
    temporary.push(sandbox);
  }
  mkdirSync(sandbox, { recursive: true });
  const sandboxFile = join(sandbox, 'catalog-info.yaml');
  if (!existsSync(sandboxFile)) {
    writeFileSync(sandboxFile, sandboxEntity);
  }

  const git = await startGitHost(TOKEN);
  const privateDir = join(dev, 'private-catalog');
  for (const file of filesUnder(privateDir)) {
    git.files.set(`${PROJECT}/main/${relative(privateDir, file).split('\\').join('/')}`, readFileSync(file, 'utf8'));
  }
  const privateLocation = git.blobUrl(PROJECT, 'main', 'catalog-info.yaml');

  // What depends on this run, as one more config file (Backstage merges it over the others).
  const runConfig = {
    app: { baseUrl: appUrl },
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      cors: { origin: appUrl },
      database: database(process.env.KATASTER_DEV_DATABASE),
    },
    integrations: {
      gitlab: [{ host: git.host, apiBaseUrl: `${git.baseUrl}/api/v4`, token: TOKEN }],
    },
    catalog: {
      locations: [
        { type: 'file', target: join(repo, 'examples/acme/catalog-info.yaml') },
        { type: 'file', target: sandboxFile },
        { type: 'url', target: privateLocation },
      ],
    },
  };
  const runConfigDir = mkdtempSync(join(tmpdir(), 'kataster-dev-config-'));
  temporary.push(runConfigDir);
  const runConfigFile = join(runConfigDir, 'app-config.run.json');
  writeFileSync(runConfigFile, JSON.stringify(runConfig, null, 2));
  process.argv.push(
    '--config', join(dev, 'app-config.yaml'),
    '--config', join(dev, 'kataster-enforce.yaml'),
    '--config', runConfigFile,
  );
  console.log(`dev backend: the private repository is served at ${git.baseUrl} (only with the token)`);
  console.log(`dev backend: the sandbox file location is ${sandboxFile}`);

  const { createBackend } = require('@backstage/backend-defaults');
  const backend = createBackend();
  backend.add(require('@backstage/plugin-auth-backend').default);
  backend.add(require('@backstage/plugin-auth-backend-module-guest-provider').default);
  backend.add(require('@backstage/plugin-catalog-backend').default);
  backend.add(require('../dist').default);
  backend.add(require(moduleDist).default);
  await backend.start();
  console.log(`dev backend: listening on http://localhost:${port}`);

  const stop = async () => {
    await backend.stop();
    await git.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
