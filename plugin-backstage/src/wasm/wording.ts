// The core's messages and help texts speak to a person at a command line: "the checked files",
// `--known-entities`, kataster.yaml. In Backstage the same findings are about the catalog and
// app-config. This adapts the wording of a report for where it is shown; it never changes which
// findings there are, their codes, severities or positions (the verdicts stay the core's).
import type { JsonDiagnostic, JsonReport } from './types';

/**
 * What the checked text is, in Backstage: `catalog`, entities the catalog has (the card, the
 * conventions report: references resolve against the catalog), or `editor`, the validator page's
 * text with the catalog's entities known.
 */
export type WordingScope = 'catalog' | 'editor';

type Rewrite = [RegExp, string | ((scope: WordingScope, ...groups: string[]) => string)];

const REWRITES: Rewrite[] = [
  // CAT101 dangling-reference
  [/, which is not defined in the checked files$/, scope => (scope === 'catalog' ? ', which is not in the catalog' : ', which is neither in the catalog nor in this text')],
  [
    /^define (\S+), fix the reference, or pass --known-entities with a catalog export that has it$/,
    (scope, target) =>
      scope === 'catalog'
        ? `fix the reference, or register ${target} with the catalog (a catalog file it reads)`
        : `define ${target} here, fix the reference, or register it with the catalog`,
  ],
  // Consumers' messages that count what the checked files define.
  [/ of the checked files\b/, ' of the catalog'],
  // Policy keys: in Backstage the policy is app-config `kataster:` (which may $include kataster.yaml).
  [/ in kataster\.yaml$/, ' in app-config `kataster:`'],
];

function rewrite(text: string, scope: WordingScope): string {
  let out = text;
  for (const [pattern, replacement] of REWRITES) {
    out = out.replace(pattern, (...args) => {
      if (typeof replacement === 'string') {
        return replacement;
      }
      const groups = args.slice(1, -2).map(String);
      return replacement(scope, ...groups);
    });
  }
  return out;
}

/** A diagnostic with its message and help worded for Backstage. */
export function wordDiagnostic<T extends JsonDiagnostic>(d: T, scope: WordingScope): T {
  const message = rewrite(d.message, scope);
  const help = d.help === null || d.help === undefined ? d.help : rewrite(d.help, scope);
  return message === d.message && help === d.help ? d : { ...d, message, help };
}

/** The report with every diagnostic worded for Backstage (see {@link wordDiagnostic}). */
export function wordReport(report: JsonReport, scope: WordingScope): JsonReport {
  return { ...report, diagnostics: report.diagnostics.map(d => wordDiagnostic(d, scope)) };
}
