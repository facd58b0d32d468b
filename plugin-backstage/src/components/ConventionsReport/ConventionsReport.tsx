import { Box, Grid, Typography } from '@material-ui/core';
import { InfoCard, Progress, Table, TableColumn, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { katasterApiRef } from '../../api/KatasterApi';
import { RuleLink } from '../common/DiagnosticList';
import { SeverityChip } from '../common/SeverityIcon';
import { ReportRow, RuleCount, validateCatalog } from './aggregate';

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

const columns: TableColumn<ReportRow>[] = [
  {
    title: 'Severity',
    field: 'severity',
    render: row => <SeverityChip severity={row.severity} />,
    customSort: (a, b) => severityOrder[a.severity] - severityOrder[b.severity],
    width: '8%',
  },
  { title: 'Rule', field: 'code', render: row => <RuleLink diagnostic={row} />, width: '8%' },
  {
    title: 'Entity',
    field: 'entityRef',
    render: row => (row.kind ? <EntityRefLink entityRef={row.entityRef} /> : row.entityRef),
  },
  { title: 'Kind', field: 'kind', width: '8%' },
  {
    title: 'Owner',
    field: 'owner',
    render: row => (row.owner ? <EntityRefLink entityRef={row.owner} defaultKind="Group" /> : '—'),
  },
  {
    title: 'Problem',
    field: 'message',
    render: row => (
      <>
        <Typography variant="body2">{row.message}</Typography>
        {row.help && (
          <Typography variant="caption" color="textSecondary">
            help: {row.help}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Field', field: 'pointer', render: row => <code>{row.pointer || '/'}</code> },
];

const ruleColumns: TableColumn<RuleCount>[] = [
  {
    title: 'Rule',
    field: 'code',
    render: row => (
      <>
        <RuleLink diagnostic={row} />
        <Typography variant="caption" display="block" color="textSecondary">
          {row.name}
        </Typography>
      </>
    ),
  },
  {
    title: 'Severity',
    field: 'severity',
    render: row => <SeverityChip severity={row.severity} />,
    customSort: (a, b) => severityOrder[a.severity] - severityOrder[b.severity],
  },
  { title: 'Diagnostics', field: 'count', type: 'numeric', defaultSort: 'desc' },
  { title: 'Entities', field: 'entities', type: 'numeric' },
];

/** "Conventions report": the whole catalog with the cross-entity rules. */
export function ConventionsReport() {
  const kataster = useApi(katasterApiRef);
  const catalogApi = useApi(catalogApiRef);
  const { loading, error, value } = useAsync(async () => {
    const { items } = await catalogApi.getEntities();
    return validateCatalog(items, kataster);
  }, [catalogApi, kataster]);

  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <WarningPanel severity="error" title="Could not validate the catalog">
        {error?.message}
      </WarningPanel>
    );
  }
  const { aggregate, ms } = value;
  const { summary } = aggregate;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body1" data-testid="kataster-report-summary">
          {summary.entities} entities checked together: {summary.errors} errors, {summary.warnings} warnings,{' '}
          {summary.infos} info in {summary.affected} entities · validated in {ms.toFixed(1)} ms
        </Typography>
      </Grid>
      <Grid item xs={12} md={6}>
        <Table<RuleCount>
          title="Per rule"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={ruleColumns}
          data={aggregate.byRule}
          emptyContent={
            <Box p={2}>
              <Typography>No problems in the catalog.</Typography>
            </Box>
          }
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="What this report checks">
          <Typography variant="body2">
            Every entity the catalog API returns, checked together, as the catalog stores it: Backstage's own
            verdicts (CAT0xx), references across entities (dangling references, duplicates, wrong target kinds,
            cycles: CAT1xx), namespace naming and collisions (NS0xx) and the organisation model of the policy
            (ORG0xx, stage isolation included). The entities are the whole catalog, so a dangling reference is an
            error.
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<ReportRow>
          title={`Diagnostics (${aggregate.rows.length})`}
          options={{ pageSize: 20, pageSizeOptions: [20, 50, 100], padding: 'dense', search: true }}
          columns={columns}
          data={aggregate.rows}
          filters={[
            { column: 'Rule', type: 'multiple-select' },
            { column: 'Owner', type: 'multiple-select' },
            { column: 'Kind', type: 'multiple-select' },
            { column: 'Severity', type: 'select' },
          ]}
          emptyContent={
            <Box p={2}>
              <Typography>No problems in the catalog.</Typography>
            </Box>
          }
        />
      </Grid>
    </Grid>
  );
}
