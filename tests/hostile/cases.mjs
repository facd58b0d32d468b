// The hostile inputs of issue 9 as texts, for the WebAssembly build: each case builds its files
// (and policy) at run time and says what the report must hold, exactly as the native CLI's
// tests (cli/tests/hostile.rs) expect it. Cases about the file system (symbolic link loops,
// unreadable files, special names, what the process writes) are the native CLI's and the
// Node CLI's (action/); the module itself never touches files.

export const ENTITY = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n';
export const SPEC = 'spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n';
export const GROUP =
  'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n';

const lines = text => text.split('\n').length - 1;

function laughs() {
  let text = 'lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  for (let level = 1; level < names.length; level += 1) {
    const items = Array(9).fill(`*${names[level - 1]}`).join(', ');
    text += `${names[level]}: &${names[level]} [${items}]\n`;
  }
  return text + '---\n' + GROUP;
}

function hundredMegabytes() {
  const description = 'lorem ipsum '.repeat(830);
  const parts = [GROUP];
  let size = GROUP.length;
  let line = lines(GROUP);
  let count = 0;
  while (size < 100_000_000) {
    const doc = `---\n${ENTITY}  name: service-${count}\n  description: ${description}\n${SPEC}`;
    parts.push(doc);
    size += doc.length;
    line += lines(doc);
    count += 1;
  }
  parts.push(`---\n${ENTITY}  name: bad name\n${SPEC}`);
  const bad = line + 1 + lines(ENTITY) + 1;
  return {
    files: [{ path: 'catalog-info.yaml', text: parts.join('') }],
    located: [`CAT006 ${bad}:9`],
    summary: { entities: count + 2 },
  };
}

function tabsAfterColons() {
  let labels = '';
  for (let i = 0; i < 5000; i += 1) labels += `    k${i}:\tv\n`;
  return `${ENTITY}  name: bad name\n  labels:\n${labels}${SPEC}---\n${GROUP}`;
}

const one = (path, text, located, extra = {}) => ({ files: [{ path, text }], located, ...extra });

export const cases = {
  'billion laughs': () => one('laughs.yaml', laughs(), ['YAML005 4:12', 'YAML006 11:1']),
  '10,000-deep block sequences': () => one('a.yaml', '- '.repeat(10_000) + 'x\n', ['YAML004 1:401']),
  '10,000-deep block mappings': () => one('a.yaml', '? '.repeat(10_000) + 'x\n', ['YAML004 1:401']),
  '10,000-deep flow sequences': () => one('a.yaml', '['.repeat(10_000) + ']'.repeat(10_000), ['YAML004 1:256']),
  '10,000-deep JSON-style flow maps': () =>
    one('a.yaml', '{"a": '.repeat(10_000) + '1' + '}'.repeat(10_000), ['YAML004 1:1531']),
  '100 MB file of many documents': hundredMegabytes,
  '1 MB single line': () =>
    one(
      'catalog-info.yaml',
      `${ENTITY}  {description: "${'x'.repeat(1_000_000)}", name: bad name}\n${SPEC}---\n${GROUP}`,
      ['CAT006 4:1000027'],
    ),
  // JavaScript strings cannot hold invalid UTF-8: `decodeFile` reads bytes as the CLI does.
  'invalid UTF-8': () => ({ bytes: Buffer.from(`${ENTITY}  name: caf\xe9\n`, 'latin1'), offset: ENTITY.length + 11 }),
  'NUL in a plain scalar': () => one('a.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\0b\n', ['YAML001 4:10']),
  'NUL in a quoted scalar': () =>
    one('a.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: "a\0b"\n', ['YAML001 4:11']),
  'NUL in a comment': () => one('a.yaml', 'apiVersion: backstage.io/v1alpha1\n# \0\nkind: Group\n', ['YAML001 2:3']),
  'UTF-16 with BOM': () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${ENTITY}  name: x\n`, 'utf16le')]);
    return { bytes, utf16: true };
  },
  'CRLF line endings': () =>
    one('crlf.yaml', `${ENTITY}  name: bad name\n${SPEC}---\n${GROUP}`.replaceAll('\n', '\r\n'), ['CAT006 4:9']),
  'lone CR line endings': () =>
    one('cr.yaml', `${ENTITY}  name: bad name\n${SPEC}---\n${GROUP}`.replaceAll('\n', '\r'), ['CAT006 4:9']),
  'tabs in indentation': () => one('a.yaml', `${ENTITY}\tname: x\n`, ['YAML001 4:2']),
  '5,000 tabs after colons': () => one('a.yaml', tabsAfterColons(), ['CAT006 4:9']),
  '100,000 documents of ---': () =>
    one('catalog-info.yaml', '---\n'.repeat(100_000), [], { summary: { documents: 100_000, entities: 0 } }),
  '100 KB implicit key': () =>
    one('a.yaml', `${ENTITY}  name: x\n  annotations:\n    ${'k'.repeat(100_000)}: v\n${SPEC}`, ['YAML001 6:100005']),
  '100 KB explicit key': () =>
    one(
      'a.yaml',
      `${ENTITY}  name: x\n  annotations:\n    ? ${'k'.repeat(100_000)}\n    : v\n${SPEC}---\n${GROUP}`,
      ['CAT009 6:7'],
    ),
  'pathological regular expressions in the policy': () => ({
    policy:
      'naming:\n  namespace:\n    parts:\n      apptype: {values: [cs, ap, ps]}\n      appid: {pattern: "(a+)+b"}\n      instance: {pattern: "(a|aa)+c"}\n      stage: {values: [dev, int, prd]}\nschemas:\n  - match: {kind: Component}\n    schema: schema.json\n',
    schemas: { 'schema.json': '{"properties": {"metadata": {"properties": {"description": {"pattern": "^(a+)+b$"}}}}}' },
    files: [
      {
        path: 'catalog-info.yaml',
        text: `${ENTITY}  name: x\n  description: ${'a'.repeat(1_000_000)}\n  annotations:\n    backstage.io/kubernetes-namespace: cs-${'a'.repeat(50)}-prd\n${SPEC}---\n${GROUP}`,
      },
    ],
    located: ['ORG007 5:16', 'NS002 7:40'],
  }),
  'a regular expression too large to compile': () => ({
    policy:
      'naming:\n  namespace:\n    parts:\n      apptype: {values: [cs, ap, ps]}\n      appid: {pattern: "[a-z]{1000}{1000}"}\n      instance: {pattern: "[a-z0-9]+"}\n      stage: {values: [dev, int, prd]}\n',
    files: [],
    policyError: /POL002.*5:24|5:24.*POL002|line 5/,
  }),
};
