#!/usr/bin/env node
// Deterministic generator of mutated Backstage catalog documents for the
// differential test.
//
//   node generate.mjs OUTDIR [--seed N]
//
// Writes OUTDIR/<category>-NNN.yaml (at most 20 documents each), a few
// OUTDIR/single-<category>-N.yaml files of one document, and OUTDIR/manifest.tsv
// (file, document index, category, note). Same seed, same bytes.

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// Seeded PRNG (mulberry32)
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: n => Math.floor(next() * n),
    pick: arr => arr[Math.floor(next() * arr.length)],
    chance: p => next() < p,
  };
}

// ---------------------------------------------------------------------------
// A small YAML emitter that lets the generator control the exact text.

/** A scalar written verbatim (e.g. `yes`, `0777`, `~`, `'quoted'`). Raw('') writes nothing. */
export class Raw {
  constructor(text) {
    this.text = text;
  }
}
/** A mapping as an ordered list of [key, value] pairs (keys may repeat; a key may be Raw). */
export class Entries {
  constructor(pairs) {
    this.pairs = pairs;
  }
}
/** A value written in flow style (JSON text, which is valid YAML flow). */
export class Flow {
  constructor(value, text) {
    this.value = value;
    this.text = text;
  }
}
export class Anchor {
  constructor(name, value) {
    this.name = name;
    this.value = value;
  }
}
export class Alias {
  constructor(name) {
    this.name = name;
  }
}
/** A block scalar: header such as '|', '|-', '>', '>-' and its text. */
export class Block {
  constructor(header, text) {
    this.header = header;
    this.text = text;
  }
}

const CORE_NON_STRING =
  /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$/;
// Also quote what YAML 1.1 would read differently, so the base documents mean
// the same thing under both (the mutations add the ambiguous forms on purpose).
const YAML11_AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const PLAIN_SAFE = /^[A-Za-z_][A-Za-z0-9_.\/@+:\-]*( [A-Za-z0-9_.\/@+:\-()]+)*$/;

function isPlainSafe(s) {
  return PLAIN_SAFE.test(s) && !/:( |$)/.test(s) && !CORE_NON_STRING.test(s) && !YAML11_AMBIGUOUS.test(s);
}

function quote(s, style) {
  if (style === 'single' && !/[\x00-\x1f\x7f]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  return JSON.stringify(s);
}

function isScalarNode(v) {
  return (
    v === null ||
    typeof v !== 'object' ||
    v instanceof Raw ||
    v instanceof Flow ||
    v instanceof Alias
  );
}

function isEmptyCollection(v) {
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Entries) return v.pairs.length === 0;
  if (v && typeof v === 'object' && v.constructor === Object) return Object.keys(v).length === 0;
  return false;
}

export class Emitter {
  constructor({ quoteAll = false, quoteStyle = 'double', seqIndent = 2 } = {}) {
    this.quoteAll = quoteAll;
    this.quoteStyle = quoteStyle;
    this.seqIndent = seqIndent;
  }

  scalar(v) {
    if (v instanceof Raw) return v.text;
    if (v instanceof Alias) return `*${v.name}`;
    if (v instanceof Flow) return v.text ?? JSON.stringify(v.value);
    if (v === null) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') {
      if (!this.quoteAll && isPlainSafe(v)) return v;
      return quote(v, this.quoteStyle);
    }
    throw new Error(`not a scalar: ${v}`);
  }

  key(k) {
    if (k instanceof Raw) return k.text;
    if (/^[A-Za-z_$<][A-Za-z0-9_.\/\-$<]*$/.test(k) && !CORE_NON_STRING.test(k) && !YAML11_AMBIGUOUS.test(k))
      return k;
    return JSON.stringify(k);
  }

  /** Text after "key:" (or "-") for a value at the given indentation of its parent. */
  after(v, indent) {
    if (v instanceof Raw && v.text === '') return '';
    if (v instanceof Anchor) {
      const inner = this.after(v.value, indent);
      return ` &${v.name}${inner}`;
    }
    if (v instanceof Block) {
      const pad = ' '.repeat(indent + 2);
      const lines = v.text.split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      return ` ${v.header}\n` + lines.map(l => (l ? pad + l : '')).join('\n');
    }
    if (isScalarNode(v)) return ` ${this.scalar(v)}`;
    if (isEmptyCollection(v)) return Array.isArray(v) ? ' []' : ' {}';
    if (Array.isArray(v)) return '\n' + this.seq(v, indent + this.seqIndent);
    return '\n' + this.map(v, indent + 2);
  }

  pairsOf(v) {
    return v instanceof Entries ? v.pairs : Object.entries(v);
  }

  map(v, indent) {
    const pad = ' '.repeat(indent);
    return this.pairsOf(v)
      .map(([k, val]) => `${pad}${this.key(k)}:${this.after(val, indent)}`)
      .join('\n');
  }

  seq(arr, indent) {
    const pad = ' '.repeat(indent);
    return arr
      .map(item => {
        if (item instanceof Anchor || item instanceof Block || isScalarNode(item) || isEmptyCollection(item)) {
          return `${pad}-${this.after(item, indent)}`;
        }
        const inner = Array.isArray(item) ? this.seq(item, indent + 2) : this.map(item, indent + 2);
        return `${pad}- ${inner.slice(indent + 2)}`;
      })
      .join('\n');
  }

  document(root) {
    if (root instanceof Raw) return root.text;
    if (isScalarNode(root)) return this.scalar(root);
    if (isEmptyCollection(root)) return Array.isArray(root) ? '[]' : '{}';
    if (Array.isArray(root)) return this.seq(root, 0);
    return this.map(root, 0);
  }
}

// ---------------------------------------------------------------------------
// Base entities

const WORDS = [
  'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet',
  'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango',
  'uniform', 'victor', 'whiskey', 'xray', 'yankee', 'zulu', 'payments', 'search', 'billing', 'auth',
];
const KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'];
const SPEC_REQUIRED = {
  Component: ['type', 'lifecycle', 'owner'],
  API: ['type', 'lifecycle', 'owner', 'definition'],
  Resource: ['type', 'owner'],
  System: ['owner'],
  Domain: ['owner'],
  Group: ['type', 'children'],
  User: ['memberOf'],
  Location: [],
  Template: ['type', 'steps'],
};

function clone(v) {
  if (Array.isArray(v)) return v.map(clone);
  if (v && typeof v === 'object' && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  }
  return v; // markers and scalars are immutable here
}

function makeName(rng, seq) {
  return `${rng.pick(WORDS)}-${rng.pick(WORDS)}-${seq}`;
}

function baseEntity(kind, rng, seq) {
  const name = makeName(rng, seq);
  const team = `team-${rng.pick(WORDS)}`;
  const metadata = { name };
  if (rng.chance(0.5)) metadata.description = `The ${rng.pick(WORDS)} ${kind.toLowerCase()} number ${seq}`;
  if (rng.chance(0.3)) metadata.title = `${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
  if (rng.chance(0.4)) metadata.tags = [rng.pick(WORDS), `${rng.pick(WORDS)}-${rng.int(10)}`];
  if (rng.chance(0.4)) metadata.annotations = { 'github.com/project-slug': `acme/${name}` };
  if (rng.chance(0.2)) metadata.labels = { tier: rng.pick(['gold', 'silver', 'bronze']) };
  const v1 = 'backstage.io/v1alpha1';
  switch (kind) {
    case 'Component':
      return {
        apiVersion: v1,
        kind,
        metadata,
        spec: {
          type: rng.pick(['service', 'website', 'library']),
          lifecycle: rng.pick(['production', 'experimental', 'deprecated']),
          owner: team,
          system: `system-${rng.pick(WORDS)}`,
          ...(rng.chance(0.5) ? { dependsOn: [`resource:db-${rng.pick(WORDS)}`] } : {}),
          ...(rng.chance(0.4) ? { providesApis: [`${rng.pick(WORDS)}-api`] } : {}),
        },
      };
    case 'API':
      return {
        apiVersion: v1,
        kind,
        metadata,
        spec: {
          type: 'openapi',
          lifecycle: 'production',
          owner: team,
          system: `system-${rng.pick(WORDS)}`,
          definition: new Block('|', `openapi: 3.0.0\ninfo:\n  title: ${name}\n  version: 1.0.0\npaths: {}\n`),
        },
      };
    case 'Resource':
      return {
        apiVersion: v1,
        kind,
        metadata,
        spec: {
          type: rng.pick(['database', 's3-bucket', 'queue']),
          owner: team,
          system: `system-${rng.pick(WORDS)}`,
          ...(rng.chance(0.4) ? { dependsOn: [`resource:network-${rng.pick(WORDS)}`] } : {}),
        },
      };
    case 'System':
      return { apiVersion: v1, kind, metadata, spec: { owner: team, domain: `domain-${rng.pick(WORDS)}` } };
    case 'Domain':
      return { apiVersion: v1, kind, metadata, spec: { owner: team } };
    case 'Group':
      return {
        apiVersion: v1,
        kind,
        metadata,
        spec: {
          type: 'team',
          profile: { displayName: `Team ${name}`, email: `${name}@example.com` },
          parent: `org-${rng.pick(WORDS)}`,
          children: [],
          members: [`user-${rng.pick(WORDS)}`],
        },
      };
    case 'User':
      return {
        apiVersion: v1,
        kind,
        metadata,
        spec: {
          profile: { displayName: `User ${name}`, email: `${name}@example.com` },
          memberOf: [team],
        },
      };
    case 'Location':
      return {
        apiVersion: v1,
        kind,
        metadata,
        spec: { type: 'url', targets: [`https://github.com/acme/${name}/blob/main/catalog-info.yaml`] },
      };
    case 'Template':
      return {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind,
        metadata,
        spec: {
          owner: team,
          type: 'service',
          parameters: [
            { title: 'Name', required: ['name'], properties: { name: { type: 'string', title: 'Name' } } },
          ],
          steps: [
            {
              id: 'fetch',
              name: 'Fetch',
              action: 'fetch:template',
              input: { url: './skeleton', values: { name: '${{ parameters.name }}' } },
            },
          ],
          output: { links: [{ title: 'Repository', url: '${{ steps.publish.output.remoteUrl }}' }] },
        },
      };
    default:
      throw new Error(kind);
  }
}

// Path helpers on plain-object trees. A path is an array of keys/indices.
function setPath(obj, p, value) {
  let cur = obj;
  for (let i = 0; i < p.length - 1; i++) {
    const k = p[i];
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object' || cur[k] instanceof Raw) {
      cur[k] = typeof p[i + 1] === 'number' ? [] : {};
    }
    cur = cur[k];
  }
  cur[p[p.length - 1]] = value;
  return obj;
}
function deletePath(obj, p) {
  let cur = obj;
  for (let i = 0; i < p.length - 1; i++) {
    cur = cur?.[p[i]];
    if (cur === undefined) return obj;
  }
  if (cur && typeof cur === 'object') delete cur[p[p.length - 1]];
  return obj;
}
const P = s => s.split('.').map(x => (/^\d+$/.test(x) ? Number(x) : x));

// ---------------------------------------------------------------------------
// Mutation categories. Each returns a list of { doc | text, note }.
// `doc` is a tree for the emitter; `text` is the literal document text.

function categories(rng) {
  let seq = 0;
  const base = kind => baseEntity(kind, rng, ++seq);
  const cats = {};
  const add = (name, items) => {
    cats[name] = (cats[name] ?? []).concat(items);
  };
  const mut = (kind, fn, note) => {
    const e = base(kind);
    const out = fn(e);
    return { doc: out ?? e, note };
  };

  // Valid baselines
  add(
    'valid',
    Array.from({ length: 54 }, (_, i) => {
      const kind = KINDS[i % KINDS.length];
      return { doc: base(kind), note: `valid ${kind}` };
    }),
  );
  add(
    'valid-namespaced',
    KINDS.flatMap(kind =>
      ['default', 'team-ns', 'a--b', 'x1'].map(ns =>
        mut(kind, e => void (e.metadata.namespace = ns), `valid ${kind} in namespace ${ns}`),
      ),
    ),
  );

  // metadata.name
  const name63 = 'a' + 'b'.repeat(61) + 'c';
  const names = [
    ['63 chars', name63],
    ['64 chars', name63 + 'd'],
    ['63 with dashes', ('ab-').repeat(21).slice(0, 62) + 'z'],
    ['a--b', 'a--b'],
    ['a._b', 'a._b'],
    ['a..b', 'a..b'],
    ['a__b', 'a__b'],
    ['trailing -', 'abc-'],
    ['trailing .', 'abc.'],
    ['trailing _', 'abc_'],
    ['leading .', '.abc'],
    ['leading -', '-abc'],
    ['leading _', '_abc'],
    ['single char', 'a'],
    ['single digit', '7'],
    ['uppercase', 'MyService'],
    ['all caps', 'SERVICE'],
    ['digits only', '12345'],
    ['unicode letters', 'sérvice'],
    ['cjk', '服务'],
    ['emoji', 'svc-🚀'],
    ['space inside', 'my service'],
    ['slash', 'my/service'],
    ['colon', 'my:service'],
    ['at sign', 'me@service'],
    ['plus', 'a+b'],
    ['hash', 'a#b'],
    ['tilde', 'a~b'],
    ['zero width space', 'a\u200bb'],
    ['nbsp', 'a\u00a0b'],
    ['tab inside (quoted)', 'a\tb'],
    ['newline inside (quoted)', 'a\nb'],
    ['trailing space (quoted)', 'abc '],
    ['dotted', 'a.b.c'],
    ['mixed separators', 'a-b_c.d'],
    ['128 chars', 'x'.repeat(128)],
    ['empty string', ''],
  ];
  add(
    'name',
    names.flatMap(([note, value], i) => [
      mut(KINDS[i % KINDS.length], e => void (e.metadata.name = value), `metadata.name ${note}`),
      mut(KINDS[(i + 4) % KINDS.length], e => void (e.metadata.name = value), `metadata.name ${note}`),
    ]),
  );

  // metadata.namespace
  const namespaces = [
    ['uppercase', 'Default'],
    ['all caps', 'DEFAULT'],
    ['dash', 'my-ns'],
    ['double dash', 'my--ns'],
    ['underscore', 'my_ns'],
    ['dot', 'ns.x'],
    ['63 chars', 'n'.repeat(63)],
    ['64 chars', 'n'.repeat(64)],
    ['leading dash', '-ns'],
    ['trailing dash', 'ns-'],
    ['empty string', ''],
    ['null', new Raw('null')],
    ['tilde', new Raw('~')],
    ['empty value', new Raw('')],
    ['number', new Raw('123')],
    ['quoted number', '123'],
    ['digits and letters', '1a2b'],
    ['unicode', 'nämespace'],
    ['slash', 'a/b'],
    ['space', 'a b'],
    ['list', ['a']],
    ['object', { a: 'b' }],
  ];
  add(
    'namespace',
    namespaces.flatMap(([note, value], i) =>
      [0, 3].map(o =>
        mut(KINDS[(i + o) % KINDS.length], e => void (e.metadata.namespace = value), `metadata.namespace ${note}`),
      ),
    ),
  );

  // kind spelling
  const kindForms = {
    Component: ['component', 'COMPONENT', 'Components', 'Component ', 'Compon ent'],
    API: ['Api', 'api', 'APIs'],
    Resource: ['resource', 'RESOURCE'],
    System: ['system'],
    Domain: ['domain'],
    Group: ['group', 'Team'],
    User: ['user', 'Person'],
    Location: ['location', 'Locations'],
    Template: ['template', 'Templates', 'TEMPLATE'],
  };
  add(
    'kind-case',
    Object.entries(kindForms).flatMap(([kind, forms]) =>
      forms.map(f => mut(kind, e => void (e.kind = f), `kind ${JSON.stringify(f)} for a ${kind}`)),
    ),
  );
  add('kind-other', [
    ...['Foo', 'AiResource', 'ConfigMap', 'X', 'a1', '1abc', 'Foo-Bar', 'Foo_Bar', 'K'.repeat(63), 'K'.repeat(64)].map(k =>
      mut('Component', e => void (e.kind = k), `kind ${JSON.stringify(k)}`),
    ),
    mut('Component', e => void (e.kind = new Raw('123')), 'kind as number'),
    mut('Component', e => void (e.kind = new Raw('true')), 'kind as boolean'),
    mut('Component', e => void (e.kind = ['Component']), 'kind as list'),
    mut('Component', e => void (e.kind = ''), 'kind empty string'),
  ]);

  // apiVersion
  const apiVersions = [
    'backstage.io/v1alpha1',
    'backstage.io/v1beta1',
    'backstage.io/v1beta2',
    'backstage.io/v1beta3',
    'backstage.io/v1',
    'v1alpha1',
    'Backstage.io/v1alpha1',
    'backstage.io/',
    '/v1alpha1',
    'backstage.io/v1alpha1/x',
    'backstage_io/v1alpha1',
    'backstage.io/v1-alpha1',
    'backstage.io/V1ALPHA1',
    'scaffolder.backstage.io/v1beta3',
    'scaffolder.backstage.io/v1beta2',
    'example.com/v1',
    'a b/v1',
    '-x.io/v1',
  ];
  add(
    'apiversion',
    apiVersions.flatMap(v =>
      ['Component', 'Template', 'Group'].map(kind =>
        mut(kind, e => void (e.apiVersion = v), `apiVersion ${JSON.stringify(v)} on ${kind}`),
      ),
    ),
  );
  add(
    'apiversion-types',
    ['123', 'true', '~', '', '1.0', '[backstage.io/v1alpha1]'].map(t =>
      mut('Component', e => void (e.apiVersion = new Raw(t)), `apiVersion raw ${JSON.stringify(t)}`),
    ),
  );

  // YAML 1.1 vs 1.2 scalars in many fields
  const rawScalars = [
    'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'true', 'false', 'True', 'FALSE',
    '2020-01-01', '2020-01-01T10:00:00Z', '1:20', '0777', '0o17', '0x1F', '1e3', '1E3',
    '.inf', '-.inf', '.nan', '~', 'null', 'Null', '', '1_000', '0b101', '+1', '.5', '1.', '012', '-0', '0',
    '"yes"', "'0777'", '"~"', '"1e3"', "''",
  ];
  const scalarFields = [
    ['name', 'metadata.name', KINDS],
    ['namespace', 'metadata.namespace', KINDS],
    ['title', 'metadata.title', KINDS],
    ['description', 'metadata.description', KINDS],
    ['spec-type', 'spec.type', ['Component', 'API', 'Resource', 'Group', 'Template']],
    ['lifecycle', 'spec.lifecycle', ['Component', 'API']],
    ['owner', 'spec.owner', ['Component', 'API', 'Resource', 'System', 'Domain', 'Template']],
    ['tag', 'metadata.tags.0', KINDS],
    ['label-value', 'metadata.labels.tier', KINDS],
    ['annotation-value', 'metadata.annotations.example.com/flag', KINDS],
  ];
  for (const [cat, field, kinds] of scalarFields) {
    add(
      `scalar-${cat}`,
      rawScalars.map((t, i) =>
        mut(
          kinds[i % kinds.length],
          e => {
            if (field === 'metadata.annotations.example.com/flag') {
              e.metadata.annotations = { ...(e.metadata.annotations ?? {}), 'example.com/flag': new Raw(t) };
            } else if (field === 'metadata.labels.tier') {
              e.metadata.labels = { tier: new Raw(t) };
            } else if (field === 'metadata.tags.0') {
              e.metadata.tags = [new Raw(t)];
            } else setPath(e, P(field), new Raw(t));
          },
          `${field} raw ${JSON.stringify(t)}`,
        ),
      ),
    );
  }
  add(
    'yaml11-directive',
    ['yes', 'on', 'off', '2020-01-01', '1:20', '0777', '0o17', '1_000', '0b101', 'y'].flatMap(t => [
      {
        text: '%YAML 1.1\n---\n' + new Emitter().document(setPath(base('Component'), P('spec.lifecycle'), new Raw(t))),
        note: `%YAML 1.1 directive, spec.lifecycle raw ${t}`,
        directive: true,
      },
      {
        text: '%YAML 1.1\n---\n' + new Emitter().document(setPath(base('Component'), P('metadata.name'), new Raw(t))),
        note: `%YAML 1.1 directive, metadata.name raw ${t}`,
        directive: true,
      },
    ]).concat([
      { text: '%YAML 1.2\n---\n' + new Emitter().document(base('System')), note: '%YAML 1.2 directive', directive: true },
      { text: '%TAG !e! tag:example.com,2000:\n---\n' + new Emitter().document(base('System')), note: '%TAG directive', directive: true },
      { text: '%FOO bar\n---\n' + new Emitter().document(base('System')), note: 'unknown directive', directive: true },
    ]),
  );

  // Entity references
  const refValues = [
    'group:', ':x', 'group:/x', '/x', 'a/b/c', 'user:a:b', 'group:default/team-a', 'Group:Default/Team-A',
    'team-a', 'user:jdoe', 'default/team-a', 'a:b/c:d', ' team-a', 'team-a ', 'team/', 'group:ns/', ':', '/',
    'a:/b', 'component:x', 'x:y:z', 'a b', 'ünï', 'ns/name/extra', '::', '//', 'a//b', 'group::x',
    'group:UPPER/Name', 'system:default/' + 'x'.repeat(70),
  ];
  const refFields = [
    ['Component', 'owner', 'string'],
    ['Component', 'system', 'string'],
    ['Component', 'subcomponentOf', 'string'],
    ['Component', 'providesApis', 'array'],
    ['Component', 'consumesApis', 'array'],
    ['Component', 'dependsOn', 'array'],
    ['Component', 'dependencyOf', 'array'],
    ['API', 'owner', 'string'],
    ['API', 'system', 'string'],
    ['Resource', 'owner', 'string'],
    ['Resource', 'dependsOn', 'array'],
    ['Resource', 'dependencyOf', 'array'],
    ['System', 'owner', 'string'],
    ['System', 'domain', 'string'],
    ['Domain', 'owner', 'string'],
    ['Domain', 'subdomainOf', 'string'],
    ['Group', 'parent', 'string'],
    ['Group', 'children', 'array'],
    ['Group', 'members', 'array'],
    ['User', 'memberOf', 'array'],
    ['Template', 'owner', 'string'],
  ];
  for (const [kind, field, shape] of refFields) {
    add(
      `ref-${kind.toLowerCase()}-${field}`,
      refValues.map(v =>
        mut(kind, e => void (e.spec[field] = shape === 'array' ? [v] : v), `${kind} spec.${field} = ${JSON.stringify(v)}`),
      ),
    );
  }
  add(
    'ref-bare-names',
    ['dependsOn', 'dependencyOf'].flatMap(field =>
      ['Component', 'Resource'].flatMap(kind =>
        [['db'], ['resource:db'], ['component:default/db'], ['Resource:db'], ['db', 'resource:x'], ['resource:x', 'db']].map(v =>
          mut(kind, e => void (e.spec[field] = v), `${kind} spec.${field} = ${JSON.stringify(v)}`),
        ),
      ),
    ),
  );
  const refTypeValues = [
    ['number', new Raw('123')],
    ['boolean', new Raw('true')],
    ['null', new Raw('~')],
    ['empty value', new Raw('')],
    ['zero', new Raw('0')],
    ['empty string', ''],
    ['object ref', { kind: 'Group', name: 'team-a' }],
    ['object ref with namespace', { kind: 'Component', namespace: 'default', name: 'x' }],
    ['object without kind', { name: 'x' }],
    ['list of string', ['team-a']],
    ['empty list', []],
    ['list with number', [new Raw('1')]],
    ['list with object', [{ kind: 'Component', name: 'x' }]],
    ['nested list', [['component:x']]],
    ['list with null', [new Raw('~')]],
    ['list with empty string', ['']],
    ['plain string', 'component:x'],
    ['bare string', 'x'],
  ];
  for (const [kind, field] of [
    ['Component', 'owner'],
    ['Component', 'dependsOn'],
    ['Component', 'dependencyOf'],
    ['Component', 'providesApis'],
    ['Resource', 'dependencyOf'],
    ['Group', 'children'],
    ['Group', 'members'],
    ['Group', 'parent'],
    ['User', 'memberOf'],
    ['System', 'domain'],
    ['Template', 'owner'],
  ]) {
    add(
      `reftype-${kind.toLowerCase()}-${field}`,
      refTypeValues.map(([note, v]) =>
        mut(kind, e => void (e.spec[field] = clone(v)), `${kind} spec.${field} ${note}`),
      ),
    );
  }

  // Required fields: missing / null / empty
  const emptyForms = [
    ['missing', undefined],
    ['null', new Raw('null')],
    ['tilde', new Raw('~')],
    ['empty value', new Raw('')],
    ['empty string', ''],
    ['empty list', []],
    ['empty map', {}],
  ];
  for (const kind of KINDS) {
    const fields = [
      ...SPEC_REQUIRED[kind].map(f => `spec.${f}`),
      'spec',
      'metadata',
      'metadata.name',
      'kind',
      'apiVersion',
    ];
    add(
      `required-${kind.toLowerCase()}`,
      fields.flatMap(f =>
        emptyForms.map(([note, v]) =>
          mut(
            kind,
            e => {
              if (v === undefined) deletePath(e, P(f));
              else setPath(e, P(f), clone(v));
            },
            `${kind} ${f} ${note}`,
          ),
        ),
      ),
    );
  }

  // Wrong types
  const wrong = [
    ['Component', 'spec.providesApis', 'api-a', 'providesApis as string'],
    ['Component', 'spec.dependsOn', 'resource:db', 'dependsOn as string'],
    ['Component', 'spec.dependencyOf', 'component:x', 'dependencyOf as string (not in schema)'],
    ['Component', 'spec.dependencyOf', 'x', 'dependencyOf as bare string (not in schema)'],
    ['Component', 'spec.type', ['service'], 'type as list'],
    ['Component', 'spec.type', new Raw('42'), 'type as number'],
    ['Component', 'spec.owner', ['team-a'], 'owner as list'],
    ['Component', 'spec.system', ['system-a'], 'system as list'],
    ['Component', 'spec', ['a'], 'spec as list'],
    ['Component', 'spec', 'text', 'spec as string'],
    ['Component', 'metadata', ['a'], 'metadata as list'],
    ['Component', 'metadata', 'text', 'metadata as string'],
    ['Component', 'metadata.tags', 'java', 'tags as string'],
    ['Component', 'metadata.tags', { a: 'b' }, 'tags as map'],
    ['Component', 'metadata.labels', ['a'], 'labels as list'],
    ['Component', 'metadata.labels', 'a', 'labels as string'],
    ['Component', 'metadata.labels', new Raw('~'), 'labels null'],
    ['Component', 'metadata.labels', new Raw(''), 'labels empty value'],
    ['Component', 'metadata.annotations', ['a'], 'annotations as list'],
    ['Component', 'metadata.annotations', 'a', 'annotations as string'],
    ['Component', 'metadata.annotations', new Raw('~'), 'annotations null'],
    ['Component', 'metadata.annotations', new Raw(''), 'annotations empty value'],
    ['Component', 'metadata.annotations', new Raw('0'), 'annotations zero'],
    ['Component', 'metadata.annotations', new Raw('false'), 'annotations false'],
    ['Component', 'metadata.annotations', new Raw('true'), 'annotations true'],
    ['Component', 'metadata.annotations', new Raw('7'), 'annotations seven'],
    ['Component', 'metadata.annotations', '', 'annotations empty string'],
    ['Component', 'metadata.annotations', [], 'annotations empty list'],
    ['Component', 'metadata.links', { url: 'https://x.io' }, 'links as map'],
    ['Component', 'metadata.links', 'https://x.io', 'links as string'],
    ['Component', 'metadata.title', new Raw('12'), 'title number'],
    ['Component', 'metadata.description', new Raw('12'), 'description number'],
    ['Component', 'metadata.description', '', 'description empty string'],
    ['Component', 'metadata.description', new Raw('~'), 'description null'],
    ['Component', 'metadata.uid', '', 'uid empty'],
    ['Component', 'metadata.uid', 'abc-123', 'uid set'],
    ['Component', 'metadata.etag', '', 'etag empty'],
    ['Component', 'metadata.etag', new Raw('5'), 'etag number'],
    ['Component', 'metadata.extra', { any: ['thing'] }, 'extra metadata field'],
    ['Component', 'metadata.relations', [], 'metadata.relations'],
    ['Component', 'spec.extra', { nested: [1, 2] }, 'extra spec field'],
    ['API', 'spec.definition', { openapi: '3.0.0' }, 'definition as map'],
    ['API', 'spec.definition', new Raw('3'), 'definition as number'],
    ['API', 'spec.definition', ['a'], 'definition as list'],
    ['Group', 'spec.children', 'team-b', 'children as string'],
    ['Group', 'spec.members', 'jdoe', 'members as string'],
    ['Group', 'spec.profile', 'Team', 'profile as string'],
    ['Group', 'spec.profile.email', new Raw('5'), 'profile.email number'],
    ['Group', 'spec.profile.displayName', '', 'profile.displayName empty'],
    ['Group', 'spec.profile.picture', '', 'profile.picture empty'],
    ['Group', 'spec.profile.extra', 'x', 'profile extra key'],
    ['User', 'spec.memberOf', 'team-a', 'memberOf as string'],
    ['User', 'spec.profile.email', '', 'profile.email empty'],
    ['User', 'spec.profile', new Raw('~'), 'profile null'],
    ['Location', 'spec.presence', 'maybe', 'presence maybe'],
    ['Location', 'spec.presence', 'Required', 'presence Required'],
    ['Location', 'spec.presence', 'required', 'presence required'],
    ['Location', 'spec.presence', 'optional', 'presence optional'],
    ['Location', 'spec.presence', new Raw('true'), 'presence boolean'],
    ['Location', 'spec.presence', '', 'presence empty'],
    ['Location', 'spec.targets', 'https://x.io/a.yaml', 'targets as string'],
    ['Location', 'spec.targets', [], 'targets empty list'],
    ['Location', 'spec.target', './other.yaml', 'target relative'],
    ['Location', 'spec.target', '', 'target empty'],
    ['Location', 'spec.type', '', 'type empty'],
    ['Location', 'spec.type', 'file', 'type file'],
    ['Resource', 'spec.dependsOn', 'resource:db', 'dependsOn as string'],
    ['System', 'spec.domain', ['d'], 'domain as list'],
    ['Domain', 'spec.subdomainOf', ['d'], 'subdomainOf as list'],
  ];
  add(
    'wrong-types',
    wrong.map(([kind, f, v, note]) => mut(kind, e => void setPath(e, P(f), clone(v)), `${kind} ${note}`)),
  );

  // Location spec variants
  add('location', [
    mut('Location', e => void (e.spec = {}), 'Location empty spec'),
    mut('Location', e => void delete e.spec, 'Location without spec'),
    mut('Location', e => void (e.spec = { target: 'https://x.io/a.yaml' }), 'Location target only'),
    mut('Location', e => void (e.spec = { type: 'url', target: 'https://x.io/a.yaml', targets: ['https://x.io/b.yaml'] }), 'target and targets'),
    mut('Location', e => void (e.spec = { type: 'url', targets: ['https://x.io/a.yaml', ''] }), 'targets with empty'),
    mut('Location', e => void (e.spec = { type: 'url', targets: [new Raw('5')] }), 'targets with number'),
    mut('Location', e => void (e.spec.presence = new Raw('~')), 'presence null'),
    mut('Location', e => void (e.spec.presence = new Raw('')), 'presence empty value'),
    mut('Location', e => void (e.spec.presence = 'OPTIONAL'), 'presence OPTIONAL'),
    mut('Location', e => void (e.spec.unknown = 'x'), 'extra spec key'),
    mut('Location', e => void (e.spec.type = 'github-org'), 'type github-org'),
  ]);

  // Group children/members
  add('group-children', [
    mut('Group', e => void delete e.spec.children, 'children missing'),
    mut('Group', e => void (e.spec.children = []), 'children empty list'),
    mut('Group', e => void (e.spec.children = new Raw('~')), 'children null'),
    mut('Group', e => void (e.spec.children = new Raw('')), 'children empty value'),
    mut('Group', e => void (e.spec.children = new Raw('[]')), 'children flow empty'),
    mut('Group', e => void (e.spec.children = ['team-b', 'group:default/team-c']), 'children two'),
    mut('Group', e => void (e.spec.children = ['team-b', 'team-b']), 'children duplicated'),
    mut('Group', e => void delete e.spec.members, 'members missing'),
    mut('Group', e => void (e.spec.members = []), 'members empty'),
    mut('Group', e => void (e.spec.members = new Raw('~')), 'members null'),
    mut('Group', e => void delete e.spec.parent, 'parent missing'),
    mut('Group', e => void (e.spec.parent = ''), 'parent empty'),
    mut('Group', e => void (e.spec.parent = new Raw('~')), 'parent null'),
    mut('Group', e => void (e.spec.type = 'Team Of Many'), 'type with spaces'),
  ]);

  // Template specifics
  add('template', [
    mut('Template', e => void delete e.spec.steps[0].action, 'step without action'),
    mut('Template', e => void (e.spec.steps[0].action = new Raw('5')), 'step action number'),
    mut('Template', e => void (e.spec.steps[0].action = ''), 'step action empty'),
    mut('Template', e => void (e.spec.steps = []), 'steps empty'),
    mut('Template', e => void (e.spec.steps = { a: 1 }), 'steps as map'),
    mut('Template', e => void (e.spec.steps = ['fetch:template']), 'steps as strings'),
    mut('Template', e => void delete e.spec.steps, 'steps missing'),
    mut('Template', e => void (e.spec.steps[0].if = 'yes'), 'step if string'),
    mut('Template', e => void (e.spec.steps[0].if = new Raw('true')), 'step if boolean'),
    mut('Template', e => void (e.spec.steps[0].if = new Raw('1')), 'step if number'),
    mut('Template', e => void (e.spec.steps[0].id = new Raw('1')), 'step id number'),
    mut('Template', e => void (e.spec.steps[0].input = 'x'), 'step input string'),
    mut('Template', e => void (e.spec.parameters = { properties: {} }), 'parameters map'),
    mut('Template', e => void (e.spec.parameters = 'x'), 'parameters string'),
    mut('Template', e => void (e.spec.parameters = [{ when: new Raw('5') }]), 'parameters when number'),
    mut('Template', e => void (e.spec.parameters = ['x']), 'parameters list of string'),
    mut('Template', e => void delete e.spec.parameters, 'parameters missing'),
    mut('Template', e => void delete e.spec.owner, 'owner missing'),
    mut('Template', e => void (e.spec.owner = ''), 'owner empty'),
    mut('Template', e => void (e.spec.owner = 'user:'), 'owner user:'),
    mut('Template', e => void (e.spec.owner = 'user:jdoe'), 'owner user:jdoe'),
    mut('Template', e => void (e.spec.lifecycle = ''), 'lifecycle empty'),
    mut('Template', e => void (e.spec.output = { text: [{ title: 'x', content: 'y' }] }), 'output text'),
    mut('Template', e => void (e.spec.output = { links: [{ url: '' }] }), 'output link empty url'),
    mut('Template', e => void (e.spec.output = { links: [{ entityRef: '' }] }), 'output link empty entityRef'),
    mut('Template', e => void (e.spec.output = { remoteUrl: '${{ steps.x.output.y }}' }), 'output extra string'),
    mut('Template', e => void (e.spec.output = { remoteUrl: new Raw('5') }), 'output extra number'),
    mut('Template', e => void (e.spec.output = 'x'), 'output string'),
    mut('Template', e => void (e.apiVersion = 'scaffolder.backstage.io/v1beta2'), 'v1beta2 template'),
    mut('Template', e => void (e.apiVersion = 'backstage.io/v1beta2'), 'backstage.io/v1beta2 template'),
    mut('Template', e => void (e.spec.presentation = { buttonLabels: { backButtonText: new Raw('1') } }), 'presentation bad'),
    mut('Template', e => void (e.spec.type = new Raw('~')), 'type null'),
  ]);

  // Foreign root fields
  add('root-fields', [
    mut('Component', e => void (e.relations = []), 'root relations empty'),
    mut('Component', e => void (e.relations = [{ type: 'ownedBy', targetRef: 'group:default/x' }]), 'root relations'),
    mut('Component', e => void (e.relations = 'x'), 'root relations string'),
    mut('Component', e => void (e.status = {}), 'root status'),
    mut('Component', e => void (e.status = { items: [] }), 'root status items'),
    mut('Component', e => void (e.extra = 1), 'root extra'),
    mut('Component', e => void (e.Spec = {}), 'root Spec'),
    mut('Component', e => void (e.apiversion = 'x'), 'root apiversion lowercase extra'),
    mut('Component', e => void (e.attachments = []), 'root attachments'),
    mut('Group', e => void (e.status = { items: [{ type: 'x', level: 'error', message: 'm' }] }), 'root status item'),
    mut('Component', e => void (e.__proto__x = 1), 'root __proto__x'),
    {
      doc: new Entries([...Object.entries(base('System')), [new Raw('~'), 'x']]),
      note: 'root null key',
    },
    {
      doc: new Entries([...Object.entries(base('System')), [new Raw('? [a, b]\n'), 'x']]),
      note: 'root complex key',
    },
    { doc: new Entries([...Object.entries(base('System')), [new Raw('1'), 'x']]), note: 'root number key' },
  ]);

  // Links
  const links = [
    [{ url: 'https://example.com' }, 'https url'],
    [{ url: 'mailto:a@b' }, 'mailto'],
    [{ url: 'mailto:' }, 'mailto empty'],
    [{ url: '/docs' }, 'relative absolute-path'],
    [{ url: 'docs/index.html' }, 'relative path'],
    [{ url: 'example.com' }, 'no scheme'],
    [{ url: 'http://' }, 'scheme only'],
    [{ url: 'https://exa mple.com' }, 'space in host'],
    [{ url: 'https://example.com/a b' }, 'space in path'],
    [{ url: 'ftp://x' }, 'ftp'],
    [{ url: 'slack://channel?team=T1' }, 'custom scheme'],
    [{ url: 'https://[::1]/' }, 'ipv6'],
    [{ url: 'https://[::1' }, 'broken ipv6'],
    [{ url: 'https://ü.example/' }, 'idn'],
    [{ url: 'https://example.com:99999' }, 'bad port'],
    [{ url: 'javascript:alert(1)' }, 'javascript'],
    [{ url: 'c:\\temp' }, 'windows path'],
    [{ url: '' }, 'empty url'],
    [{ url: new Raw('~') }, 'null url'],
    [{ url: new Raw('5') }, 'number url'],
    [{ title: 'x' }, 'missing url'],
    [{ url: 'https://x.io', title: '' }, 'empty title'],
    [{ url: 'https://x.io', title: '   ' }, 'blank title'],
    [{ url: 'https://x.io', title: new Raw('5') }, 'number title'],
    [{ url: 'https://x.io', icon: '' }, 'empty icon'],
    [{ url: 'https://x.io', icon: ' ' }, 'blank icon'],
    [{ url: 'https://x.io', icon: 'dashboard' }, 'icon dashboard'],
    [{ url: 'https://x.io', icon: 'not-a-real-icon' }, 'icon unknown'],
    [{ url: 'https://x.io', icon: new Raw('~') }, 'icon null'],
    [{ url: 'https://x.io', type: '' }, 'empty type'],
    [{ url: 'https://x.io', type: 'runbook' }, 'type runbook'],
    [{ url: 'https://x.io', type: new Raw('5') }, 'number type'],
    [{ url: 'https://x.io', extra: 'x' }, 'extra key'],
    ['https://x.io', 'link as string'],
    [new Raw('~'), 'link null'],
  ];
  add(
    'links',
    links.map(([l, note], i) =>
      mut(KINDS[i % KINDS.length], e => void (e.metadata.links = [clone(l)]), `link ${note}`),
    ),
  );

  // Tags
  const tags = [
    'java', 'Java', 'JAVA', 't'.repeat(63), 't'.repeat(64), 'a:b', 'c++', 'c#', 'a+b#c:d', 'a--b', '-a', 'a-',
    'a b', 'ü', 'a_b', 'a.b', 'a/b', '', ' ', 'k8s', '3', 'a-b-c', ':', '#', '+', 'a-:', 'a:-b',
  ];
  add(
    'tags',
    tags.map((t, i) => mut(KINDS[i % KINDS.length], e => void (e.metadata.tags = [t]), `tag ${JSON.stringify(t)}`)).concat([
      mut('Component', e => void (e.metadata.tags = [new Raw('123')]), 'tag number'),
      mut('Component', e => void (e.metadata.tags = [new Raw('true')]), 'tag boolean'),
      mut('Component', e => void (e.metadata.tags = [new Raw('~')]), 'tag null'),
      mut('Component', e => void (e.metadata.tags = [['a']]), 'tag list'),
      mut('Component', e => void (e.metadata.tags = ['java', 'java']), 'tag duplicated'),
      mut('Component', e => void (e.metadata.tags = ['Java', 'java']), 'tag duplicated by case'),
      mut('Component', e => void (e.metadata.tags = []), 'tags empty'),
    ]),
  );

  // Labels and annotations keys / values
  const keys = [
    'a', 'a/b', 'a.b/c', 'a/b/c', '/a', 'a/', 'A/b', 'a.B/c', 'k'.repeat(63), 'k'.repeat(64),
    'p'.repeat(250) + '.io/x', 'p'.repeat(254) + '/x', 'a_b', 'a..b/c', 'a-.b/c', 'example.com/My_Key.1',
    'ex ample.com/x', 'example.com/x y', 'ü/x', '-a', 'a-', '.a', '1', 'a:b', 'backstage.io/techdocs-ref',
  ];
  add(
    'label-keys',
    keys.map((k, i) => mut(KINDS[i % KINDS.length], e => void (e.metadata.labels = { [k]: 'v' }), `label key ${JSON.stringify(k)}`)),
  );
  add(
    'annotation-keys',
    keys.map((k, i) =>
      mut(KINDS[(i + 3) % KINDS.length], e => void (e.metadata.annotations = { [k]: 'v' }), `annotation key ${JSON.stringify(k)}`),
    ),
  );
  const labelValues = [
    ['empty', ''], ['63', 'v'.repeat(63)], ['64', 'v'.repeat(64)], ['space', 'a b'], ['a--b', 'a--b'],
    ['slash', 'a/b'], ['leading dash', '-a'], ['unicode', 'ü'], ['number', new Raw('5')], ['boolean', new Raw('true')],
    ['null', new Raw('~')], ['empty value', new Raw('')], ['list', ['a']], ['map', { a: 'b' }], ['digits', '123'],
  ];
  add(
    'label-values',
    labelValues.map(([n, v], i) => mut(KINDS[i % KINDS.length], e => void (e.metadata.labels = { tier: clone(v) }), `label value ${n}`)),
  );
  const annotationValues = [
    ['empty', ''], ['long', 'v'.repeat(5000)], ['space', 'a b'], ['multiline', new Block('|', 'line1\nline2\n')],
    ['url', 'https://x.io/a?b=c#d'], ['number', new Raw('5')], ['boolean', new Raw('true')], ['null', new Raw('~')],
    ['empty value', new Raw('')], ['list', ['a']], ['map', { a: 'b' }], ['date', new Raw('2020-01-01')],
    ['yes', new Raw('yes')], ['float', new Raw('1.5')],
  ];
  add(
    'annotation-values',
    annotationValues.map(([n, v], i) =>
      mut(KINDS[i % KINDS.length], e => void (e.metadata.annotations = { 'example.com/a': clone(v) }), `annotation value ${n}`),
    ),
  );
  add('annotation-location', [
    mut('Component', e => void (e.metadata.annotations = { 'backstage.io/managed-by-location': new Raw('5') }), 'managed-by-location number (overwritten by backend)'),
    mut('Component', e => void (e.metadata.annotations = { 'backstage.io/managed-by-origin-location': ['x'] }), 'managed-by-origin-location list (overwritten)'),
    mut('Component', e => void (e.metadata.annotations = { 'backstage.io/managed-by-location': 'url:https://x.io/a.yaml' }), 'managed-by-location string'),
    mut('Component', e => void (e.metadata.annotations = { 'backstage.io/view-url': new Raw('5') }), 'view-url number'),
    mut('Component', e => void (e.metadata.annotations = { 'backstage.io/source-location': 'url:https://x.io/' }), 'source-location'),
  ]);
  add('stitch-case', [
    mut('Component', e => void (e.metadata.labels = { Foo: 'a', foo: 'b' }), 'labels Foo and foo'),
    mut('Component', e => void (e.metadata.annotations = { 'example.com/Key': 'a', 'example.com/key': 'b' }), 'annotations differ by case'),
    mut('Component', e => void (e.spec.Owner = 'team-b'), 'spec owner and Owner'),
    mut('Component', e => void (e.metadata.Name = 'x'), 'metadata name and Name'),
    mut('Component', e => void (e.metadata.annotations = { 'Backstage.io/managed-by-location': 'x' }), 'annotation colliding with injected one by case'),
    mut('Component', e => void (e.spec.extra = { A: 1, a: 2 }), 'nested spec keys by case'),
    mut('Component', e => void (e.metadata.tags = ['java', 'JAVA']), 'tags by case'),
    mut('Group', e => void (e.spec.members = ['Jdoe', 'jdoe']), 'members by case'),
    mut('Component', e => { e.spec['a.b'] = 1; e.spec.a = { B: 2 }; }, 'dotted key vs nested key by case'),
  ]);

  // Metadata misc
  add('metadata-misc', [
    mut('Component', e => void (e.metadata.title = ''), 'title empty'),
    mut('Component', e => void (e.metadata.title = '   '), 'title blank'),
    mut('Component', e => void (e.metadata.title = new Raw('~')), 'title null'),
    mut('Component', e => void (e.metadata.title = 'T'.repeat(2000)), 'title long'),
    mut('Component', e => void (e.metadata.description = 'D'.repeat(20000)), 'description long'),
    mut('Component', e => void (e.metadata.description = new Block('>-', 'folded\ntext\n')), 'description folded'),
    mut('Component', e => void (e.metadata.name = new Block('|-', 'block-name')), 'name as block |-'),
    mut('Component', e => void (e.metadata.name = new Block('|', 'block-name')), 'name as block | (trailing newline)'),
    mut('Component', e => void (e.metadata.name = new Block('>', 'block-name')), 'name as folded > (trailing newline)'),
    mut('Component', e => void (e.metadata.name = new Raw("'single-quoted'")), 'name single-quoted'),
    mut('Component', e => void (e.metadata.name = new Raw('"\\x41bc"')), 'name with \\x escape'),
    mut('Component', e => void (e.metadata.name = new Raw('"a\\u0062c"')), 'name with \\u escape'),
    mut('Component', e => void (e.metadata.name = new Raw('"a\\tb"')), 'name with \\t escape'),
    mut('Component', e => void (e.metadata.name = new Raw('abc # comment')), 'name with trailing comment'),
    mut('Component', e => void (e.metadata.name = new Raw('abc#notcomment')), 'name with # inside'),
    mut('Component', e => void (e.metadata.name = new Raw('!!str abc')), 'name with !!str tag'),
    mut('Component', e => void (e.metadata.name = new Raw('!!str 123')), 'name !!str number'),
    mut('Component', e => void (e.metadata.name = new Raw('!!int "123"')), 'name !!int'),
    mut('Component', e => void (e.metadata.name = new Raw('!custom abc')), 'name custom tag'),
    mut('Component', e => void (e.metadata.name = new Raw('!!binary YWJj')), 'name !!binary'),
    mut('Component', e => void (e.metadata.description = new Raw('!!binary YWJj')), 'description !!binary'),
    mut('Component', e => void (e.metadata.name = new Raw('multi\n    line')), 'name plain multi-line'),
    mut('Component', e => void (e.metadata.name = new Raw('"multi\n    line"')), 'name quoted multi-line'),
    mut('Component', e => void (e.metadata.name = new Raw('{{ values.name }}')), 'name template braces'),
    mut('Component', e => void (e.metadata.name = new Raw('${{ values.name }}')), 'name ${{ }}'),
    mut('Component', e => void (e.metadata.name = new Raw('abc   ')), 'name trailing spaces plain'),
  ]);

  // Placeholders
  add('placeholders', [
    mut('API', e => void (e.spec.definition = { $text: './openapi.yaml' }), 'definition $text'),
    mut('API', e => void (e.spec.definition = { $openapi: './openapi.yaml' }), 'definition $openapi'),
    mut('API', e => void (e.spec.definition = { $asyncapi: './asyncapi.yaml' }), 'definition $asyncapi'),
    mut('API', e => void (e.spec.definition = { $yaml: './openapi.yaml' }), 'definition $yaml'),
    mut('API', e => void (e.spec.definition = { $json: './openapi.json' }), 'definition $json'),
    mut('API', e => void (e.spec.definition = { $text: new Raw('5') }), 'definition $text number'),
    mut('API', e => void (e.spec.definition = { $text: new Raw('~') }), 'definition $text null'),
    mut('API', e => void (e.spec.definition = { $text: ['a'] }), 'definition $text list'),
    mut('API', e => void (e.spec.definition = { $unknown: './x' }), 'definition $unknown (left alone)'),
    mut('API', e => void (e.spec.definition = { $text: './a', other: 'x' }), 'definition $text plus key (left alone)'),
    mut('API', e => void (e.spec.definition = { $text: './a', $json: './b' }), 'definition two placeholders (left alone)'),
    mut('Component', e => void (e.metadata.description = { $text: './README.md' }), 'description $text'),
    mut('Component', e => void (e.metadata.annotations = { 'example.com/x': { $text: './x' } }), 'annotation value $text'),
    mut('Component', e => void (e.metadata.name = { $text: './name.txt' }), 'name $text'),
    mut('Component', e => void (e.kind = { $text: './kind.txt' }), 'kind $text'),
    mut('Component', e => void (e.spec.owner = { $text: './owner.txt' }), 'owner $text'),
    mut('Component', e => void (e.spec.custom = { $json: './x.json' }), 'custom spec $json'),
    mut('Component', e => void (e.spec.dependsOn = { $yaml: './deps.yaml' }), 'dependsOn $yaml'),
    mut('Component', e => void (e.spec.custom = { nested: { $yaml: './x.yaml' } }), 'nested $yaml'),
    mut('Component', e => void (e.spec.custom = [{ $text: './x' }]), '$text in list'),
    mut('Template', e => void (e.spec.parameters = { $yaml: './params.yaml' }), 'template parameters $yaml'),
    mut('Template', e => void (e.spec.steps = { $yaml: './steps.yaml' }), 'template steps $yaml'),
    mut('Template', e => void (e.spec.steps[0].input = { $json: './input.json' }), 'template step input $json'),
    mut('Component', e => void (e.spec.custom = { $text: '' }), '$text empty string'),
    mut('Component', e => void (e.spec.custom = { $text: 'https://other.example.com/x' }), '$text absolute url'),
  ]);

  // Duplicate keys, merge keys, anchors and aliases
  add('duplicate-keys', [
    { doc: new Entries([...Object.entries(base('Component')), ['kind', 'Component']]), note: 'root kind twice' },
    { doc: new Entries([['apiVersion', 'backstage.io/v1alpha1'], ...Object.entries(base('System'))]), note: 'root apiVersion twice' },
    mut('Component', e => void (e.metadata = new Entries([...Object.entries(e.metadata), ['name', 'other']])), 'metadata name twice'),
    mut('Component', e => void (e.spec = new Entries([...Object.entries(e.spec), ['owner', 'team-b']])), 'spec owner twice'),
    mut('Component', e => void (e.metadata.labels = new Entries([['a', 'x'], ['a', 'x']])), 'label twice same value'),
    mut('Component', e => void (e.spec.extra = new Entries([['k', 1], ['k', 1]])), 'spec extra twice'),
    mut('Component', e => void (e.spec.extra = new Entries([['k', 1], [new Raw('"k"'), 2]])), 'quoted and plain same key'),
    mut('Component', e => void (e.spec.extra = new Entries([[new Raw('k'), 1], [new Raw('"k"'), 2]])), 'raw k and "k"'),
    mut('Component', e => void (e.spec.extra = new Entries([[new Raw('1'), 'a'], [new Raw('"1"'), 'b']])), 'number key and string key'),
    mut('Component', e => void (e.spec.extra = new Entries([[new Raw('~'), 'a'], [new Raw('""'), 'b']])), 'null key and empty key'),
    mut('Component', e => void (e.spec.extra = new Entries([[new Raw('true'), 'a'], [new Raw('"true"'), 'b']])), 'bool key and string key'),
    mut('Component', e => void (e.spec.extra = new Entries([[new Raw('01'), 'a'], [new Raw('1'), 'b']])), 'keys 01 and 1'),
  ]);
  const mergeDocs = () => {
    const out = [];
    const c = base('Component');
    out.push({
      text:
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${c.metadata.name}\n` +
        `  x-defaults: &defaults\n    type: service\n    lifecycle: production\n    owner: team-a\nspec:\n  <<: *defaults\n`,
      note: 'merge key in spec, anchor in an extra metadata field',
    });
    const c2 = base('Component');
    out.push({
      text:
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${c2.metadata.name}\n  annotations: &ann\n    example.com/a: x\n` +
        `spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n  extra:\n    <<: *ann\n`,
      note: 'merge key inside open spec field',
    });
    const c3 = base('Component');
    out.push({
      text:
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${c3.metadata.name}\n  labels:\n    <<: {tier: gold}\n` +
        `spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
      note: 'merge key in labels',
    });
    const c4 = base('Component');
    out.push({
      text:
        `<<: {apiVersion: backstage.io/v1alpha1, kind: Component}\nmetadata:\n  name: ${c4.metadata.name}\n` +
        `spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
      note: 'merge key at root',
    });
    const c5 = base('Component');
    out.push({
      text:
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${c5.metadata.name}\n` +
        `spec:\n  <<: [{type: service}, {lifecycle: production, owner: team-a}]\n`,
      note: 'merge key with list of maps',
    });
    const c6 = base('Component');
    out.push({
      text:
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${c6.metadata.name}\n` +
        `spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n  "<<": {x: 1}\n`,
      note: 'quoted << key',
    });
    const c7 = base('Component');
    out.push({
      text:
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${c7.metadata.name}\n` +
        `spec:\n  <<: {type: service, lifecycle: production, owner: team-a}\n  owner: team-b\n`,
      note: 'merge key overridden by explicit key',
    });
    return out;
  };
  add('merge-keys', mergeDocs());
  add('anchors', [
    mut('Component', e => void ((e.metadata.tags = new Anchor('t', ['java', 'go'])), (e.spec.extra = new Alias('t'))), 'anchor on tags, alias in spec'),
    mut('Component', e => void ((e.metadata.labels = { owner: new Anchor('o', 'team-a') }), (e.spec.owner = new Alias('o'))), 'anchor on label value, alias as owner'),
    mut('Component', e => void ((e.metadata.labels = { owner: new Anchor('o', 'team-a') }), (e.spec.dependsOn = [new Alias('o')])), 'alias as bare name in dependsOn'),
    mut('Component', e => void (e.spec.owner = new Anchor('o', 'team-a')), 'unused anchor'),
    mut('Group', e => void ((e.spec.parent = new Anchor('p', 'org-a')), (e.spec.children = [new Alias('p')])), 'alias inside list'),
    mut('Component', e => void ((e.spec.extra = new Anchor('a', { k: 'v' })), (e.spec.more = new Alias('a'))), 'alias of a map'),
    mut('Component', e => void ((e.spec.extra = new Anchor('a', 'x')), (e.spec.more = new Anchor('a', 'y')), (e.spec.last = new Alias('a'))), 'anchor redefined'),
  ]);
  add('alias-undefined', [
    mut('Component', e => void (e.spec.extra = new Alias('nowhere')), 'alias to an undefined anchor (last document)'),
  ]);

  // Non-mapping and empty documents
  add('non-mapping', [
    { text: '- a\n- b', note: 'list document' },
    { text: '- apiVersion: backstage.io/v1alpha1\n  kind: Component', note: 'list of maps' },
    { text: 'just a string', note: 'scalar string document' },
    { text: '42', note: 'number document' },
    { text: 'true', note: 'boolean document' },
    { text: '"quoted"', note: 'quoted string document' },
    { text: 'null', note: 'null document' },
    { text: '~', note: 'tilde document' },
    { text: '', note: 'empty document' },
    { text: '# only a comment', note: 'comment-only document' },
    { text: '[]', note: 'empty flow list' },
    { text: '{}', note: 'empty flow map' },
    { text: '!!map {}', note: 'tagged empty map' },
    { text: "''", note: 'empty string document' },
    { text: '|\n  block text', note: 'block scalar document' },
    { doc: base('Component'), note: 'valid Component between odd documents' },
  ]);

  // YAML syntax errors, each followed by a valid document in the same file
  const syntaxErrors = [
    ['unclosed flow sequence', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  tags: [a, b\nspec: {}'],
    ['unclosed flow map', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: x'],
    ['bad indentation', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n   title: y\nspec: {}'],
    ['value: value: value', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x: y'],
    ['tab indentation', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n\tname: x'],
    ['sequence then mapping', 'apiVersion: backstage.io/v1alpha1\n- kind: Component'],
    ['stray closing bracket', 'apiVersion: backstage.io/v1alpha1]\nkind: Component'],
    ['reserved @', 'apiVersion: @backstage\nkind: Component'],
    ['reserved backtick', 'apiVersion: `x`\nkind: Component'],
    ['percent plain scalar', 'metadata:\n  name: %name%'],
    ['template braces as key', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {{ cookiecutter.name }}'],
    ['unknown escape', 'metadata:\n  name: "a\\qb"'],
    ['duplicate anchor on same node', 'a: &x &y 1'],
    ['alias with properties', 'a: &x 1\nb: !!str *x'],
    ['flow with trailing garbage', 'a: [1, 2] x'],
    ['multi-line implicit key', 'a\nb: 1'],
    ['block seq in flow', 'a: [\n- b\n]'],
    ['unterminated block mapping key', '? a\n? b\n: c\n  : d'],
  ];
  // An unclosed quote runs to the end of the file, so these go last in their own files.
  add('syntax-unclosed', [
    { text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "x\nspec: {}', note: 'syntax error: unclosed double quote (last document)' },
    { text: "apiVersion: backstage.io/v1alpha1\nkind: 'Component\nmetadata:\n  name: x", note: 'syntax error: unclosed single quote (last document)' },
  ]);
  add(
    'syntax-errors',
    syntaxErrors.flatMap(([note, text]) => [
      { text, note: `syntax error: ${note}` },
      { doc: base('Resource'), note: `valid Resource after: ${note}` },
    ]),
  );

  // Tabs in allowed places
  add('tabs', [
    { text: 'apiVersion:\tbackstage.io/v1alpha1\nkind:\tComponent\nmetadata:\n  name:\tx-tab\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a', note: 'tab after colon' },
    { text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x-tab2\t\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a', note: 'trailing tab' },
    { text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x-tab3\n  description: "a\tb"\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a', note: 'tab in quoted value' },
    { text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\ty\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a', note: 'tab inside plain name' },
    { text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x-tab5\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n  tags:\n  -\tjava', note: 'tab after dash' },
    { text: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x-tab6\n\t\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a', note: 'tab-only line' },
    { text: 'apiVersion: backstage.io/v1alpha1 \t# comment\nkind: Component\nmetadata:\n  name: x-tab7\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a', note: 'tab before comment' },
  ]);

  // Flow style
  const flowDocs = [];
  for (const kind of KINDS) {
    const e = base(kind);
    if (e.spec?.definition instanceof Block) e.spec.definition = e.spec.definition.text;
    flowDocs.push({ text: JSON.stringify(plain(e)), note: `${kind} as one-line JSON` });
    flowDocs.push({ text: JSON.stringify(plain(base(kind)), null, 2), note: `${kind} as pretty JSON` });
  }
  flowDocs.push(mut('Component', e => void (e.spec = new Flow(null, '{type: service, lifecycle: production, owner: team-a,}')), 'flow spec with trailing comma'));
  flowDocs.push(mut('Component', e => void (e.metadata.tags = new Flow(null, '[java, go, ]')), 'flow tags trailing comma'));
  flowDocs.push(mut('Component', e => void (e.metadata.tags = new Flow(null, '[java,\n    go]')), 'flow tags multi-line'));
  flowDocs.push(mut('Component', e => void (e.spec = new Flow(null, '{type: service, lifecycle: production, owner: team-a, owner: x}')), 'flow duplicate key'));
  flowDocs.push(mut('Component', e => void (e.spec = new Flow(null, '{type: service, lifecycle: production, owner}')), 'flow key without value'));
  flowDocs.push(mut('Component', e => void (e.metadata.tags = new Flow(null, '[a: b]')), 'flow pair in sequence'));
  flowDocs.push(mut('Component', e => void (e.metadata.tags = new Flow(null, "['java', \"go\"]")), 'flow quoted items'));
  add('flow-style', flowDocs);

  // Quoting styles on whole documents (equivalent content)
  add(
    'quoting',
    KINDS.flatMap(kind => [
      { doc: base(kind), note: `${kind} all double-quoted`, emitter: { quoteAll: true } },
      { doc: base(kind), note: `${kind} all single-quoted`, emitter: { quoteAll: true, quoteStyle: 'single' } },
      { doc: base(kind), note: `${kind} sequences not indented`, emitter: { seqIndent: 0 } },
    ]),
  );

  // Document markers
  add('doc-markers', [
    { text: new Emitter().document(base('Component')) + '\n...', note: 'explicit document end' },
    { text: new Emitter().document(base('Component')) + '\n...\n# comment after end', note: 'comment after document end' },
    { text: '--- # a comment on the marker line\n' + new Emitter().document(base('System')), note: 'comment on marker line', noSep: true },
    { text: '--- !!map\n' + new Emitter().document(base('System')), note: 'tag on marker line', noSep: true },
    { text: '---\n\n\n' + new Emitter().document(base('Domain')), note: 'blank lines after marker', noSep: true },
  ]);

  // Unicode in keys and values
  add('unicode', [
    mut('Component', e => void (e.metadata.title = 'Überservice 🚀'), 'unicode title'),
    mut('Component', e => void (e.metadata.description = 'Ωmega — “quotes”'), 'unicode description'),
    mut('Component', e => void (e.spec['größe'] = 'x'), 'unicode spec key'),
    mut('Component', e => void (e.metadata.labels = { 'größe': 'x' }), 'unicode label key'),
    mut('Component', e => void (e.spec.owner = 'grüppe'), 'unicode owner'),
    mut('Component', e => void (e.spec.type = '\u0000'), 'NUL in type (escaped)'),
    mut('Component', e => void (e.metadata.title = '\u{1F600}'.repeat(40)), 'astral title'),
    mut('Component', e => void (e.metadata.name = 'ａｂｃ'), 'fullwidth name'),
    mut('Component', e => void (e.metadata.name = 'abc\u0301'), 'combining mark name'),
    { text: new Emitter().document(base('Component')).replace('kind: Component', 'kind: Compon\u00adent'), note: 'soft hyphen in kind' },
  ]);

  // Kinds of the ai-model catalog module (judged under `--modules ai-model`; unknown otherwise)
  const aiResource = (type, spec = {}) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'AiResource',
    metadata: { name: makeName(rng, ++seq) },
    spec: { type, lifecycle: 'production', owner: 'team-a', ...spec },
  });
  const mcpServer = spec => ({
    apiVersion: 'backstage.io/v1beta1',
    kind: 'API',
    metadata: { name: makeName(rng, ++seq) },
    spec: { type: 'mcp-server', lifecycle: 'production', owner: 'team-a', ...spec },
  });
  const remote = { type: 'streamable-http', url: 'https://mcp.example.com/x' };
  const ai = (doc, note) => ({ doc, note: `ai-model: ${note}` });
  const withoutSpec = (doc, key) => {
    delete doc.spec[key];
    return doc;
  };
  add('ai-model', [
    ai(aiResource('skill', { agents: ['claude-code'], dependsOn: ['other-skill'], compatibility: 'Node 20' }), 'valid skill'),
    ai(aiResource('rule', { category: 'style', rationale: 'why' }), 'valid rule'),
    ai(aiResource('plugin', { skills: ['airesource:some-skill'], version: '1.0.0' }), 'valid plugin'),
    ai(aiResource('marketplace', { plugins: ['some-plugin'] }), 'valid marketplace'),
    ai(aiResource('prompt'), 'other type'),
    ai(aiResource(''), 'empty type'),
    ai(aiResource(7), 'numeric type'),
    ai(withoutSpec(aiResource('skill'), 'owner'), 'skill without owner'),
    ai(withoutSpec(aiResource('prompt'), 'lifecycle'), 'other type without lifecycle'),
    ai(aiResource('rule', { category: 'style' }), 'rule without rationale'),
    ai(aiResource('rule', { rationale: 'why' }), 'rule without category'),
    ai(aiResource('rule', { category: '', rationale: 'why' }), 'rule with empty category'),
    ai(aiResource('skill', { agents: 'claude-code' }), 'skill agents not a list'),
    ai(aiResource('skill', { agents: [''] }), 'skill agent empty'),
    ai(aiResource('skill', { compatibility: 'x'.repeat(500) }), 'compatibility 500 chars'),
    ai(aiResource('skill', { compatibility: 'x'.repeat(501) }), 'compatibility 501 chars'),
    ai(aiResource('skill', { dependsOn: ['a:b:c'] }), 'skill dependsOn malformed'),
    ai(aiResource('skill', { dependsOn: ['group:team-a'] }), 'skill dependsOn a group (not a relation)'),
    ai(aiResource('rule', { category: 'c', rationale: 'r', dependsOn: [42] }), 'rule with untyped dependsOn'),
    ai(aiResource('plugin', { skills: 'one-skill' }), 'plugin skills not a list'),
    ai(aiResource('plugin', { version: 2 }), 'plugin numeric version'),
    ai(aiResource('skill', { system: '' }), 'empty system'),
    ai({ ...aiResource('skill'), apiVersion: 'backstage.io/v1beta1' }, 'v1beta1'),
    ai({ ...aiResource('skill'), kind: 'Airesource' }, 'kind case'),
    ai(mcpServer({ remotes: [remote] }), 'valid mcp server'),
    ai(mcpServer({ remotes: [remote], definition: 'x' }), 'mcp server with a definition'),
    ai(mcpServer({}), 'mcp server without remotes'),
    ai(mcpServer({ remotes: [] }), 'mcp server with no remote'),
    ai(mcpServer({ remotes: [{ type: 'sse' }] }), 'mcp remote without url'),
    ai(mcpServer({ remotes: [{ type: '', url: 'x' }] }), 'mcp remote empty type'),
    ai(mcpServer({ remotes: remote }), 'mcp remotes not a list'),
    ai({ ...mcpServer({ remotes: [remote] }), apiVersion: 'backstage.io/v1alpha1' }, 'mcp server v1alpha1'),
    ai(mcpServer({ type: 'openapi', remotes: [remote] }), 'openapi with remotes, no definition'),
  ]);

  return cats;
}

function plain(v) {
  if (v instanceof Block) return v.text;
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

// ---------------------------------------------------------------------------

const DOCS_PER_FILE = 20;
const SINGLE_FILE_CATEGORIES = ['valid', 'name', 'scalar-name', 'ref-component-owner', 'placeholders', 'syntax-errors', 'template', 'non-mapping', 'alias-undefined'];

export function generate(outDir, { seed = 20240611 } = {}) {
  const rng = makeRng(seed);
  const cats = categories(rng);
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) {
    if (f.endsWith('.yaml') || f.endsWith('.yml') || f === 'manifest.tsv') rmSync(path.join(outDir, f));
  }
  const manifest = ['file\tdocument\tcategory\tnote'];
  let docCount = 0;
  let fileCount = 0;
  const fileOpts = rng2 => ({
    leadingSep: rng2.chance(0.3),
    trailingSep: rng2.chance(0.15),
  });
  const render = item => {
    if (item.text !== undefined) return item.text;
    return new Emitter(item.emitter ?? {}).document(item.doc);
  };
  const writeFile = (name, items, opts) => {
    const parts = [];
    items.forEach((item, i) => {
      let t = render(item);
      if (item.directive) {
        // Directives must follow an explicit document end marker.
        if (i > 0) t = '...\n' + t;
      } else if (item.noSep) {
        // the text starts with its own '---' line
      } else if (i > 0 || opts.leadingSep || t.trim() === '' || t.trim().startsWith('#')) {
        t = '---\n' + t;
      }
      parts.push(t);
      manifest.push(`${name}\t${i}\t${item.category}\t${item.note.replace(/[\t\n]/g, ' ')}`);
    });
    let text = parts.join('\n') + '\n';
    let n = items.length;
    if (opts.trailingSep) {
      text += '---\n';
      manifest.push(`${name}\t${n}\t${items[0].category}\tempty document after trailing ---`);
      n++;
    }
    if (opts.crlf) text = text.replace(/\n/g, '\r\n');
    if (opts.bom) text = '\uFEFF' + text;
    writeFileSync(path.join(outDir, name), text);
    docCount += n;
    fileCount++;
  };

  const fileRng = makeRng(seed ^ 0x5eed);
  const OWN_FILES = new Set(['syntax-unclosed']); // written separately below
  for (const [cat, items] of Object.entries(cats)) {
    items.forEach(it => (it.category = cat));
    if (OWN_FILES.has(cat)) continue;
    for (let start = 0, k = 1; start < items.length; start += DOCS_PER_FILE, k++) {
      const chunk = items.slice(start, start + DOCS_PER_FILE);
      writeFile(`${cat}-${String(k).padStart(3, '0')}.yaml`, chunk, fileOpts(fileRng));
    }
  }
  // Single-document files.
  for (const cat of SINGLE_FILE_CATEGORIES) {
    (cats[cat] ?? []).slice(0, 3).forEach((it, i) => writeFile(`single-${cat}-${i + 1}.yaml`, [it], { leadingSep: i === 1 }));
  }
  // Whole-file encodings: CRLF, BOM, both; and the undefined-alias abort in the middle of a file.
  const pickN = (cat, n, off = 0) => (cats[cat] ?? []).slice(off, off + n);
  writeFile('crlf-001.yaml', [...pickN('valid', 8), ...pickN('name', 6), ...pickN('syntax-errors', 4), ...pickN('flow-style', 2)], { crlf: true });
  writeFile('crlf-002.yaml', [...pickN('tags', 10), ...pickN('scalar-lifecycle', 10)], { crlf: true, leadingSep: true });
  writeFile('crlf-003.yaml', [...pickN('metadata-misc', 10), ...pickN('doc-markers', 5), ...pickN('tabs', 5)], { crlf: true });
  writeFile('bom-001.yaml', [...pickN('valid', 10, 20), ...pickN('namespace', 10)], { bom: true });
  writeFile('bom-002.yaml', pickN('valid', 1, 40), { bom: true });
  writeFile('bom-003.yaml', pickN('valid', 5, 45), { bom: true, leadingSep: true });
  writeFile('bom-crlf-001.yaml', [...pickN('valid', 5, 30), ...pickN('syntax-errors', 4, 4)], { bom: true, crlf: true });
  writeFile('bom-middle-001.yaml', [
    ...pickN('valid', 2, 50),
    { text: '\uFEFF' + render(pickN('valid', 1, 52)[0]), note: 'BOM at the start of a later document', category: 'bom-middle' },
  ], {});
  writeFile('alias-abort-001.yaml', [
    ...pickN('valid', 2, 10),
    { ...cats['alias-undefined'][0], note: 'alias to an undefined anchor (middle document)' },
    ...pickN('valid', 2, 12),
  ], {});
  cats['syntax-unclosed'].forEach((it, i) => {
    writeFile(`syntax-unclosed-${String(i + 1).padStart(3, '0')}.yaml`, [...pickN('valid', 2, 14 + 2 * i), it], {});
  });
  writeFileSync(path.join(outDir, 'manifest.tsv'), manifest.join('\n') + '\n');
  return { docCount, fileCount, categories: Object.keys(cats).length };
}

function main(argv) {
  let outDir;
  let seed;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (!outDir) outDir = argv[i];
  }
  if (!outDir) {
    process.stderr.write('usage: node generate.mjs OUTDIR [--seed N]\n');
    return 2;
  }
  const r = generate(outDir, seed === undefined ? {} : { seed });
  process.stdout.write(`generated ${r.docCount} documents in ${r.fileCount} files (${r.categories} categories) under ${outDir}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
