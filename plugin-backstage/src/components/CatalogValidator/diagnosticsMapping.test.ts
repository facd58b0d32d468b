import { Text } from '@codemirror/state';
import { testKataster } from '../../testUtils';
import { toCmDiagnostics, toOffset, toRange } from './diagnosticsMapping';

describe('diagnostics mapping', () => {
  const kataster = testKataster();

  it('maps 1-based lines and columns to offsets, clamped into the document', () => {
    const doc = Text.of(['abc', 'de', '']);
    expect(toOffset(doc, 1, 1)).toBe(0);
    expect(toOffset(doc, 2, 2)).toBe(5);
    expect(toOffset(doc, 2, 99)).toBe(6); // end of line 2
    expect(toOffset(doc, 9, 1)).toBe(doc.length);
    expect(toOffset(doc, 0, 5)).toBe(0);
    expect(toRange(doc, { line: 2, column: 3, end_line: 1, end_column: 1 })).toEqual({ from: 6, to: 6 });
  });

  it('puts a diagnostic of the core at its line and UTF-16 columns', async () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: ok-name',
      '  title: "😀 émoji"',
      '  description: "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓"',
      '  tags: ["😀😀", "x"]',
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: group:default/team',
      '',
    ].join('\n');
    const { report } = await kataster.check([{ path: 'catalog-info.yaml', text }], {
      positionEncoding: 'utf-16',
      knownEntities: [{ kind: 'Group', metadata: { name: 'team', namespace: 'default' } }],
    });
    const tag = report.diagnostics.find(d => d.code === 'CAT010');
    expect(tag).toMatchObject({ line: 7, pointer: '/metadata/tags/0' });
    const doc = Text.of(text.split('\n'));
    const [mapped] = toCmDiagnostics(doc, [tag!]);
    // The underline covers exactly the scalar `"😀😀"` (its quotes included): 6 UTF-16 code units.
    expect(doc.sliceString(mapped.from, mapped.to)).toBe('"😀😀"');
    expect(mapped.severity).toBe('error');
    expect(mapped.source).toBe('CAT010');
  });

  it('counts UTF-16 code units after astral characters on the same line', async () => {
    const text = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "𝔘 bad name"\nspec: {type: service, lifecycle: production, owner: x}\n';
    const { report } = await kataster.check([{ path: 'a.yaml', text }], { positionEncoding: 'utf-16', select: ['CAT006'] });
    const [d] = report.diagnostics;
    expect(d).toMatchObject({ code: 'CAT006', line: 4, column: 9, end_line: 4, end_column: 22 });
    const doc = Text.of(text.split('\n'));
    const [mapped] = toCmDiagnostics(doc, [d]);
    expect(doc.sliceString(mapped.from, mapped.to)).toBe('"𝔘 bad name"');
    // In Unicode scalar values (the CLI's columns) the same range is one shorter.
    const { report: scalar } = await kataster.check([{ path: 'a.yaml', text }], { select: ['CAT006'] });
    expect(scalar.diagnostics[0].end_column).toBe(21);
  });

  it('maps file-level and end-of-document positions without going past the end', async () => {
    const text = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n';
    const { report } = await kataster.check([{ path: 'a.yaml', text }], { positionEncoding: 'utf-16' });
    expect(report.diagnostics.length).toBeGreaterThan(0);
    const doc = Text.of(text.split('\n'));
    for (const m of toCmDiagnostics(doc, report.diagnostics)) {
      expect(m.from).toBeGreaterThanOrEqual(0);
      expect(m.to).toBeLessThanOrEqual(doc.length);
      expect(m.to).toBeGreaterThanOrEqual(m.from);
    }
  });
});
