import type { JsonDiagnostic } from './core';

/** The annotation the module records an entity's non-enforced findings in. */
export const ANNOTATION_KATASTER_FINDINGS = 'kataster.io/findings';

/** The longest value of {@link ANNOTATION_KATASTER_FINDINGS}, in characters. */
export const MAX_FINDINGS_CHARS = 8192;

/** One finding as the annotation records it: the JSON report's diagnostic without positions in a file. */
export interface RecordedFinding {
  code: string;
  name: string;
  severity: JsonDiagnostic['severity'];
  message: string;
  /** RFC 6901 pointer into the entity. */
  pointer: string;
  help?: string;
  url: string;
}

/**
 * The value of {@link ANNOTATION_KATASTER_FINDINGS}: `{"version":1,"findings":[...]}`, with
 * `omitted` (how many findings were left out at the end) when all of them would be longer than
 * `maxChars`.
 */
export interface FindingsAnnotation {
  version: 1;
  findings: RecordedFinding[];
  omitted?: number;
}

/**
 * A message or help text of the core worded for Backstage, where the policy is app-config
 * `kataster:` (the rules that speak of "the checked files" or CLI flags do not run at
 * ingestion). Only words change, never a finding.
 */
export function forBackstage(text: string): string {
  return text.replace(/ in kataster\.yaml$/, ' in app-config `kataster:`');
}

export function recordedFinding(d: JsonDiagnostic): RecordedFinding {
  return {
    code: d.code,
    name: d.name,
    severity: d.severity,
    message: forBackstage(d.message),
    pointer: d.pointer,
    ...(d.help ? { help: forBackstage(d.help) } : {}),
    url: d.url,
  };
}

/** The annotation's value for `diagnostics`, at most `maxChars` long; `undefined` for none. */
export function encodeFindings(diagnostics: JsonDiagnostic[], maxChars = MAX_FINDINGS_CHARS): string | undefined {
  if (!diagnostics.length) {
    return undefined;
  }
  const findings = diagnostics.map(recordedFinding);
  for (let kept = findings.length; kept >= 0; kept--) {
    const value: FindingsAnnotation = { version: 1, findings: findings.slice(0, kept) };
    if (kept < findings.length) {
      value.omitted = findings.length - kept;
    }
    const text = JSON.stringify(value);
    if (text.length <= maxChars) {
      return text;
    }
  }
  return JSON.stringify({ version: 1, findings: [], omitted: findings.length });
}
