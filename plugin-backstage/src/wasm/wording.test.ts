import { testKataster } from '../testUtils';
import { wordReport } from './wording';

// A dangling owner (CAT101) and a namespace outside the convention (NS002), checked by the real core.
const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop
  annotations:
    backstage.io/kubernetes-namespace: shop-prd
spec:
  type: service
  lifecycle: production
  owner: group:default/nobody
`;

describe('wording for Backstage', () => {
  const kataster = testKataster();

  it('speaks of the catalog and app-config, not of checked files, CLI flags and kataster.yaml', async () => {
    const { report } = await kataster.check([{ path: 'catalog-info.yaml', text }], { strictRefs: true });
    const cli = Object.fromEntries(report.diagnostics.map(d => [d.code, d]));
    expect(cli.CAT101.message).toMatch(/not defined in the checked files/);
    expect(cli.CAT101.help).toMatch(/--known-entities/);
    expect(cli.NS002.help).toMatch(/in kataster\.yaml$/);

    const worded = Object.fromEntries(wordReport(report, 'catalog').diagnostics.map(d => [d.code, d]));
    expect(worded.CAT101.message).toBe('`spec.owner` refers to group:default/nobody, which is not in the catalog');
    expect(worded.CAT101.help).toBe('fix the reference, or register group:default/nobody with the catalog (a catalog file it reads)');
    expect(worded.NS002.help).toMatch(/add it to `naming\.namespace\.extendExempt` in app-config `kataster:`$/);
    for (const d of Object.values(worded)) {
      expect(`${d.message} ${d.help}`).not.toMatch(/--[a-z]|checked files|kataster\.yaml/);
    }
    // Only words change: codes, severities, positions and fixes are the core's.
    const strip = (d: any) => ({ ...d, message: undefined, help: undefined });
    expect(wordReport(report, 'catalog').diagnostics.map(strip)).toEqual(report.diagnostics.map(strip));
  });

  it('in the editor, the reference may be defined in the text too', async () => {
    const { report } = await kataster.check([{ path: 'catalog-info.yaml', text }]);
    const cat101 = wordReport(report, 'editor').diagnostics.find(d => d.code === 'CAT101')!;
    expect(cat101.message).toMatch(/which is neither in the catalog nor in this text$/);
    expect(cat101.help).toBe('define group:default/nobody here, fix the reference, or register it with the catalog');
  });
});
