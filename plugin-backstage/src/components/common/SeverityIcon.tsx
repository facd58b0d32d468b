import { Chip } from '@material-ui/core';
import type { Severity } from '../../wasm/types';

const colors: Record<Severity, { background: string; color: string }> = {
  error: { background: '#d32f2f', color: '#fff' },
  warning: { background: '#ed6c02', color: '#fff' },
  info: { background: '#0288d1', color: '#fff' },
};

/** A small chip naming the severity. */
export function SeverityChip({ severity }: { severity: Severity }) {
  return <Chip size="small" label={severity} style={colors[severity]} data-severity={severity} />;
}
