/**
 * Runs one task at a time for the newest of the keys it is asked about: a request made while a
 * task runs waits for it, and is never run when a newer request came meanwhile (it resolves to
 * `undefined`). Asking twice for one key gives the one result.
 *
 * The validator asks for each text as the editor changes, so that the worker checks while the
 * browser draws the keystroke; fast typing costs one check in flight and the newest text next.
 */
export class LatestOnly<K, R> {
  readonly #run: (key: K) => Promise<R>;
  #latest?: { key: K; result: Promise<R | undefined> };
  #settled: Promise<unknown> = Promise.resolve();

  constructor(run: (key: K) => Promise<R>) {
    this.#run = run;
  }

  request(key: K): Promise<R | undefined> {
    if (this.#latest && this.#latest.key === key) {
      return this.#latest.result;
    }
    const result = this.#settled.then(() => (this.#latest?.key === key ? this.#run(key) : undefined));
    this.#latest = { key, result };
    this.#settled = result.catch(() => undefined);
    return result;
  }
}
