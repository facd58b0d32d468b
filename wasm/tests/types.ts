// Type test of the hand-written declarations (scripts/build-wasm.sh copies them into wasm/pkg):
// `tsc -p wasm/tests` must accept every use below and reject the ones marked @ts-expect-error.
import {
  Kataster,
  KatasterInternalError,
  Session,
  classify,
  decodeFile,
  type JsonDiagnostic,
  type JsonReport,
  type RuleMeta,
} from 'kataster-wasm';
import init from 'kataster-wasm/web';
import initEmbedded from 'kataster-wasm/embed';

const kataster = new Kataster();
const withPolicy = new Kataster('rules:\n  CAT101: error\n');
const withObject = new Kataster({ rules: { CAT101: 'off' } });
const report: JsonReport = kataster.check([{ path: 'a.yaml', text: 'a: 1\n' }], {
  select: ['CAT0'],
  ignore: 'CAT1',
  strictRefs: true,
  positionEncoding: 'utf-16',
  fileExists: (path) => path.endsWith('.yaml'),
});
const first: JsonDiagnostic | undefined = report.diagnostics[0];
const document: number | null = first ? first.document : null;
const help: string | null = first?.help ?? null;
const rules: RuleMeta[] = withPolicy.rules();
const docs: string | undefined = withObject.ruleDocs('CAT006');
const name = kataster.checkNamespace('cs-shop-prd');
const valid: boolean = name.valid;
const version = kataster.checkVersion({ target: 'main', tag: '1.2', tags: [{ name: '1.2.0', commit: 'a', reachable: true }] });
const versionCodes: string[] = version.diagnostics.map((d) => d.code);
const schema: Record<string, unknown> = kataster.policySchema();
const catalogSchema: Record<string, unknown> = kataster.catalogSchema();
const paths: string[] = Kataster.schemaPaths('schemas: []');

const session = new Session({ select: 'CAT0', policy: { path: 'kataster.yaml', text: '' } });
const index: number = session.addFiles([{ path: 'b.yaml', text: '', kind: 'manifests', contributor: 'x' }]);
session.addFailure('c.yaml', 'IO002', 'c.yaml is not valid UTF-8');
const offered: 0 | 1 | 2 | 3 = session.offerFile('d.yaml', new Uint8Array([120]), true, { inChartTemplates: false });
const skips: boolean = session.skipsWalked('node_modules', true) || session.excludesNamed('vendor/a.yaml');
const notes: string = session.notes(true);
const inventory: string = session.inventory('markdown');
session.keepOffered('x');
const pending: number = session.parsePending();
const targets: string[] = session.locationTargets(index);
session.check({ fileExists: () => undefined });
const code: 0 | 1 | 2 = session.exitCode('warning');
const human: string = session.render('human', true);
const kind: 'catalog' | 'manifests' | 'policy' | undefined = classify('a.yaml', '', true);
const decoded = decodeFile('a.yaml', new Uint8Array([0xff]), false);
const failure: string | undefined = decoded?.failure;

// @ts-expect-error positionEncoding is one of three encodings
kataster.check([], { positionEncoding: 'utf-7' });
// @ts-expect-error files need a text
kataster.check([{ path: 'a.yaml' }]);
// @ts-expect-error only IO codes are failures
session.addFailure('a', 'CAT001', 'm');
session.render('junit', false, false, { failOn: 'warning', projectDir: '/builds/acme', cwd: '/builds/acme/sub' });
session.render('gitlab', false, false, {});
session.render('checkstyle');
// @ts-expect-error render takes the formats the module has
session.render('xml');
// @ts-expect-error failOn is one of three
session.render('junit', false, false, { failOn: 'info' });

async function browser(): Promise<void> {
  const api = await init();
  const module = await WebAssembly.compile(new Uint8Array());
  const embedded = await initEmbedded({ module_or_path: module });
  const withSchemas = await init({ customSchemas: true });
  const embeddedWithSchemas = await initEmbedded({ module_or_path: module, customSchemas: { module_or_path: module } });
  // @ts-expect-error customSchemas is true or {module_or_path}
  await init({ customSchemas: 'yes' });
  const complete = await initEmbedded({ module_or_path: module, complete: { module_or_path: module } });
  void [withSchemas, embeddedWithSchemas, complete];
  const again: JsonReport = new api.Kataster().check([]);
  const error: Error = new embedded.KatasterInternalError('x');
  void again;
  void error;
}

void [offered, skips, notes, inventory, versionCodes, catalogSchema, paths, document, help, rules, docs, valid, schema, targets, code, human, kind, failure, browser, KatasterInternalError];
