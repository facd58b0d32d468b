// Generated catalogs for the benchmarks (scripts/bench.sh): a realistic mix of entity kinds
// whose references all resolve, in one file or spread over many.
//
//   node scripts/bench/generate.mjs --entities N [--out DIR] [--per-file K]
//
// Writes DIR/one-N.yaml (N documents) and DIR/many-N/ (N/K files of K documents, K = 1 up to
// 100,000 entities and 10 above, in folders of 1,000 files), and returns their paths when
// imported. The same N always gives the same bytes. The mix, per 100 entities: 2 groups, 10
// users, 4 systems, 1 domain, 10 APIs, 10 resources, 63 components; every entity has a
// description, tags, an annotation, and its kind's references (owner, system, dependsOn,
// providesApis, memberOf, parent, domain).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const KINDS = [
  ['group', 2],
  ['user', 10],
  ['system', 4],
  ['domain', 1],
  ['api', 10],
  ['resource', 10],
  ['component', 63],
];

const pad = n => String(n).padStart(7, '0');

/** The kind of entity `i` and its number among its kind. */
function kindOf(i) {
  const block = Math.floor(i / 100);
  let offset = i % 100;
  for (const [kind, count] of KINDS) {
    if (offset < count) return [kind, block * count + offset];
    offset -= count;
  }
  throw new Error('unreachable');
}

/** How many entities of a kind exist among `n` entities. */
function countOf(kind, n) {
  let count = 0;
  const blocks = Math.floor(n / 100);
  for (const [k, c] of KINDS) if (k === kind) count = blocks * c;
  let offset = 0;
  for (const [k, c] of KINDS) {
    const rest = Math.max(0, Math.min(c, (n % 100) - offset));
    if (k === kind) count += rest;
    offset += c;
  }
  return Math.max(count, 1);
}

export function entity(i, n) {
  const [kind, k] = kindOf(i);
  const ref = (target, j) => `${target}-${pad(j % countOf(target, n))}`;
  const common = name =>
    `metadata:\n  name: ${name}\n  description: The ${name} ${kind}, generated for the benchmark\n` +
    `  tags:\n    - bench\n    - team-${k % 50}\n  annotations:\n    backstage.io/techdocs-ref: dir:.\n`;
  const head = title => `apiVersion: backstage.io/v1alpha1\nkind: ${title}\n`;
  switch (kind) {
    case 'group':
      return head('Group') + common(`group-${pad(k)}`) +
        `spec:\n  type: team\n  children: []\n` + (k > 0 ? `  parent: ${ref('group', Math.floor((k - 1) / 4))}\n` : '');
    case 'user':
      return head('User') + common(`user-${pad(k)}`) +
        `spec:\n  profile:\n    email: user-${pad(k)}@example.com\n  memberOf:\n    - ${ref('group', k)}\n`;
    case 'system':
      return head('System') + common(`system-${pad(k)}`) +
        `spec:\n  owner: ${ref('group', k)}\n  domain: ${ref('domain', k)}\n`;
    case 'domain':
      return head('Domain') + common(`domain-${pad(k)}`) + `spec:\n  owner: ${ref('group', k)}\n`;
    case 'api':
      return head('API') + common(`api-${pad(k)}`) +
        `spec:\n  type: openapi\n  lifecycle: production\n  owner: ${ref('group', k)}\n  system: ${ref('system', k)}\n` +
        `  definition: |\n    openapi: 3.0.0\n    info: {title: api-${pad(k)}, version: 1.0.0}\n`;
    case 'resource':
      return head('Resource') + common(`resource-${pad(k)}`) +
        `spec:\n  type: database\n  owner: ${ref('group', k)}\n  system: ${ref('system', k)}\n`;
    default:
      return head('Component') + common(`component-${pad(k)}`) +
        `spec:\n  type: service\n  lifecycle: production\n  owner: ${ref('group', k)}\n  system: ${ref('system', k)}\n` +
        `  providesApis:\n    - ${ref('api', k)}\n  dependsOn:\n    - resource:${ref('resource', k)}\n` +
        (k > 0 ? `    - component:${ref('component', k - 1)}\n` : '');
  }
}

/** The default documents per file of the many-files layout. */
export const perFileFor = n => (n > 100_000 ? 10 : 1);

export function generateCatalog(n, out, perFile = perFileFor(n)) {
  mkdirSync(out, { recursive: true });
  const one = path.join(out, `one-${n}.yaml`);
  const many = path.join(out, `many-${n}`);
  const stamp = path.join(many, '.complete');
  const wanted = `${n} ${perFile} v1`;
  if (!existsSync(one) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
    const parts = [];
    for (let i = 0; i < n; i += 1) parts.push(entity(i, n));
    writeFileSync(one, parts.join('---\n'));
    rmSync(many, { recursive: true, force: true });
    for (let start = 0, file = 0; start < n; start += perFile, file += 1) {
      const dir = path.join(many, `d${String(Math.floor(file / 1000)).padStart(4, '0')}`);
      if (file % 1000 === 0) mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `e${pad(file)}.yaml`), parts.slice(start, start + perFile).join('---\n'));
    }
    writeFileSync(stamp, wanted);
  }
  return { one, many, files: Math.ceil(n / perFile), perFile };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const n = Number(option('--entities', '1000'));
  const out = path.resolve(option('--out', path.join(here, '../../target/bench')));
  const result = generateCatalog(n, out, Number(option('--per-file', String(perFileFor(n)))));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
