import { Box, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import type { JsonDiagnostic } from '../../wasm/types';
import { SeverityChip } from './SeverityIcon';

export interface DiagnosticRow extends JsonDiagnostic {
  /** Shown in the "where" column instead of line:column. */
  where?: string;
}

/** The rule's documentation page (docs/rules/<CODE>.md). */
export function RuleLink({ diagnostic }: { diagnostic: Pick<JsonDiagnostic, 'code' | 'name' | 'url'> }) {
  return (
    <Link href={diagnostic.url} target="_blank" rel="noopener noreferrer" title={diagnostic.name}>
      {diagnostic.code}
    </Link>
  );
}

/** Diagnostics as a table: severity, rule, message with help, field path, position. */
export function DiagnosticList(props: {
  diagnostics: DiagnosticRow[];
  onSelect?: (diagnostic: DiagnosticRow) => void;
}) {
  return (
    <Table size="small" aria-label="diagnostics">
      <TableHead>
        <TableRow>
          <TableCell>Severity</TableCell>
          <TableCell>Rule</TableCell>
          <TableCell>Problem</TableCell>
          <TableCell>Field</TableCell>
          <TableCell>Where</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.diagnostics.map((d, index) => (
          <TableRow
            key={`${d.code}-${d.file}-${d.line}-${d.column}-${index}`}
            hover={Boolean(props.onSelect)}
            onClick={props.onSelect ? () => props.onSelect!(d) : undefined}
            style={props.onSelect ? { cursor: 'pointer' } : undefined}
            data-testid="kataster-diagnostic"
            data-code={d.code}
          >
            <TableCell>
              <SeverityChip severity={d.severity} />
            </TableCell>
            <TableCell>
              <RuleLink diagnostic={d} />
              <Typography variant="caption" display="block" color="textSecondary">
                {d.name}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="body2">{d.message}</Typography>
              {d.help && (
                <Typography variant="caption" color="textSecondary" component="div">
                  help: {d.help}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <Box component="code" fontSize="0.8rem">
                {d.pointer || '/'}
              </Box>
            </TableCell>
            <TableCell>
              <Typography variant="caption">{d.where ?? `${d.line}:${d.column}`}</Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
