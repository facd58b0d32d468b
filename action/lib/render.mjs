// What the action writes besides the CLI's formats (which the WebAssembly module renders with
// the CLI's own code): its own messages as workflow commands, the annotation cap, and the
// Markdown table of the step summary.

/** Escaping of a GitHub workflow command's message (as the Actions toolkit). */
export function githubData(text) {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escaping of a GitHub workflow command's property value. */
export function githubProperty(text) {
  return githubData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** Escaping of an Azure logging command's message. */
export function azureData(text) {
  return text.replaceAll('%', '%AZP25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** GitHub shows at most this many annotations of each kind per step. */
export const GITHUB_ANNOTATION_CAP = 10;

/**
 * The workflow commands GitHub will show as annotations (`--format github` output, one line
 * per diagnostic): the first 10 errors, 10 warnings and 10 notices; and how many were left out.
 */
export function capAnnotations(commands, cap = GITHUB_ANNOTATION_CAP) {
  const counts = new Map();
  let shown = '';
  let omitted = 0;
  for (const line of commands.split('\n')) {
    if (line === '') continue;
    const kind = /^::(\w+) /.exec(line)?.[1] ?? '';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (counts.get(kind) <= cap) {
      shown += `${line}\n`;
    } else {
      omitted += 1;
    }
  }
  return { shown, omitted };
}

function cell(text) {
  return String(text)
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('\r\n', ' ')
    .replaceAll('\n', ' ')
    .replaceAll('\r', ' ')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function plural(n, word) {
  if (n === 1) return `${n} ${word}`;
  return word === 'entity' ? `${n} entities` : `${n} ${word}s`;
}

const ICONS = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info' };

/** The step summary: counts, then one table row per diagnostic (at most `limit`). */
export function stepSummary(report, { failOn, exitCode, limit = 1000 }) {
  const s = report.summary;
  const verdict = exitCode === 0 ? '✅ passed' : '❌ failed';
  let out = `## kataster: ${verdict}\n\n`;
  out += `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}: checked ${plural(s.files, 'file')} (${plural(s.documents, 'document')}, ${plural(s.entities, 'entity')}); fails on: ${failOn}.\n`;
  if (report.diagnostics.length === 0) {
    return out;
  }
  out += '\n| severity | code | file | line | message |\n|---|---|---|---:|---|\n';
  for (const d of report.diagnostics.slice(0, limit)) {
    out += `| ${ICONS[d.severity]} | [${d.code}](${d.url}) \`${cell(d.name)}\` | \`${cell(d.file)}\` | ${d.line} | ${cell(d.message)} |\n`;
  }
  if (report.diagnostics.length > limit) {
    out += `\n${report.diagnostics.length - limit} more in the log.\n`;
  }
  return out;
}
