/** A User Timing mark (DevTools' performance panel; the end-to-end test's breakdown of a
 * keystroke), where the environment has them (jsdom has not). */
export function mark(name: string): void {
  globalThis.performance?.mark?.(`kataster:${name}`);
}
