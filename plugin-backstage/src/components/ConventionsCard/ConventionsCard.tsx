import { Box, Typography } from '@material-ui/core';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { katasterApiRef } from '../../api/KatasterApi';
import { katasterSourceApiRef } from '../../api/SourceApi';
import { DiagnosticList } from '../common/DiagnosticList';
import { EntityValidation, knownFromEntities, validateEntity } from './validateEntity';

/** Validates the entity: the stored entity, plus its source file when readable. */
export function useEntityValidation(entity: Entity) {
  const kataster = useApi(katasterApiRef);
  const catalogApi = useApi(catalogApiRef);
  const sourceApi = useApi(katasterSourceApiRef);
  return useAsync(async (): Promise<EntityValidation> => {
    const targets = [...new Set((entity.relations ?? []).map(r => r.targetRef))];
    const [related, read] = await Promise.all([
      targets.length
        ? catalogApi
            .getEntitiesByRefs({ entityRefs: targets, fields: ['kind', 'metadata.name', 'metadata.namespace'] })
            .then(r => r.items)
            .catch(() => [])
        : Promise.resolve([]),
      sourceApi.readSource(entity).then(
        text => ({ source: text, sourceError: undefined }),
        (error: unknown) => ({ source: undefined, sourceError: error instanceof Error ? error.message : String(error) }),
      ),
    ]);
    return validateEntity({ entity, kataster, known: knownFromEntities(related), ...read });
  }, [entity, kataster, catalogApi, sourceApi]);
}

/** The card's content for a given entity. */
export function ConventionsCardContent({ entity }: { entity: Entity }) {
  const { loading, error, value } = useEntityValidation(entity);
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <WarningPanel severity="error" title="Could not validate this entity">
        {error?.message}
      </WarningPanel>
    );
  }
  const rows = value.findings.map(f => ({
    ...f,
    where: f.origin === 'source' ? `line ${f.line}:${f.column}` : 'stored entity',
  }));
  return (
    <Box>
      {rows.length === 0 ? (
        <Box display="flex" alignItems="center" py={2} data-testid="kataster-empty">
          <Typography variant="h6" component="span" style={{ color: '#2e7d32', marginRight: 8 }} aria-hidden>
            ✓
          </Typography>
          <Typography variant="body1">No problems: this entity follows every convention kataster checks.</Typography>
        </Box>
      ) : (
        <>
          <Typography variant="body2" gutterBottom data-testid="kataster-summary">
            {value.errors} {value.errors === 1 ? 'error' : 'errors'}, {value.warnings}{' '}
            {value.warnings === 1 ? 'warning' : 'warnings'}
            {rows.length - value.errors - value.warnings > 0 ? `, ${rows.length - value.errors - value.warnings} info` : ''}
          </Typography>
          <DiagnosticList diagnostics={rows} />
        </>
      )}
      <Typography variant="caption" color="textSecondary" component="p" style={{ marginTop: 8 }}>
        {value.source
          ? `Checked the entity as stored and its source file ${value.source.path} (document ${value.source.document + 1}).`
          : value.sourceNote}
      </Typography>
    </Box>
  );
}

/** The entity card "Conventions". */
export function EntityConventionsCard(props: { title?: string }) {
  const { entity } = useEntity();
  return (
    <InfoCard title={props.title ?? 'Conventions'} subheader="kataster: Backstage's verdicts and your organisation's conventions">
      <ConventionsCardContent entity={entity} />
    </InfoCard>
  );
}
