import { LatestOnly } from './latestOnly';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(res => {
    resolve = res;
  });
  return { promise, resolve };
}

describe('LatestOnly', () => {
  it('runs a request when nothing runs, and gives one result for one key', async () => {
    const runs: string[] = [];
    const latest = new LatestOnly(async (key: string) => {
      runs.push(key);
      return key.toUpperCase();
    });
    const first = latest.request('a');
    expect(latest.request('a')).toBe(first);
    await expect(first).resolves.toBe('A');
    expect(runs).toEqual(['a']);
  });

  it('runs only the last of the requests made in one turn', async () => {
    const runs: string[] = [];
    const latest = new LatestOnly(async (key: string) => {
      runs.push(key);
      return key;
    });
    const x = latest.request('x');
    const y = latest.request('y');
    await expect(x).resolves.toBeUndefined();
    await expect(y).resolves.toBe('y');
    expect(runs).toEqual(['y']);
  });

  it('runs one at a time and skips what was superseded while it waited', async () => {
    const gates = new Map<string, ReturnType<typeof deferred<string>>>();
    const runs: string[] = [];
    const latest = new LatestOnly((key: string) => {
      runs.push(key);
      const gate = deferred<string>();
      gates.set(key, gate);
      return gate.promise;
    });
    const a = latest.request('a');
    await Promise.resolve();
    expect(runs).toEqual(['a']);
    const b = latest.request('b');
    const c = latest.request('c');
    gates.get('a')!.resolve('A');
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBeUndefined();
    // c runs once a has settled; b never does.
    await new Promise(r => setTimeout(r, 0));
    expect(runs).toEqual(['a', 'c']);
    gates.get('c')!.resolve('C');
    await expect(c).resolves.toBe('C');
  });

  it('goes on after a failed run', async () => {
    const latest = new LatestOnly(async (key: string) => {
      if (key === 'bad') {
        throw new Error('no');
      }
      return key;
    });
    await expect(latest.request('bad')).rejects.toThrow('no');
    await expect(latest.request('good')).resolves.toBe('good');
  });
});
