import { startEngine } from './engine';

describe('startEngine', () => {
  const original = (globalThis as any).Worker;
  afterEach(() => {
    (globalThis as any).Worker = original;
  });

  it('validates on the main thread where a worker cannot start (a CSP without worker-src blob:)', async () => {
    (globalThis as any).Worker = class {
      constructor() {
        throw new Error('Refused to create a worker from blob: (Content Security Policy)');
      }
    };
    const engine = await startEngine(undefined, true);
    expect(engine.mode).toBe('main-thread');
    const { value } = await engine.call({ type: 'check', files: [{ path: 'a.yaml', text: 'a: 1\n' }] });
    expect((value as any).diagnostics.map((d: any) => d.code)).toContain('CAT001');
  });

  it('fails with the core’s message when the policy is invalid', async () => {
    await expect(startEngine({ rules: { CAT101: 'loud' } }, false)).rejects.toThrow(/the policy is invalid/);
  });
});
