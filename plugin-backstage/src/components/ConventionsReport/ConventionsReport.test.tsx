import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { katasterApiRef } from '../../api/KatasterApi';
import { testKataster } from '../../testUtils';
import { ConventionsReport } from './ConventionsReport';

const entity = (kind: string, name: string, spec: Entity['spec']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

describe('ConventionsReport', () => {
  it('shows counts per rule and a filterable table of the catalog', async () => {
    const entities = [
      entity('Group', 'team', { type: 'team', children: [] }),
      entity('Component', 'web', { type: 'service', lifecycle: 'production', owner: 'team', system: 'shop' }),
      entity('Component', 'api', { type: 'service', lifecycle: 'production', owner: 'ghosts' }),
      entity('API', 'orders', { type: 'openapi', lifecycle: 'production', owner: 'ghosts', definition: 'x' }),
    ];
    await renderInTestApp(
      <TestApiProvider apis={[[katasterApiRef, testKataster()], [catalogApiRef, catalogApiMock({ entities })]]}>
        <ConventionsReport />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const summary = await screen.findByTestId('kataster-report-summary', {}, { timeout: 10_000 });
    expect(summary).toHaveTextContent('4 entities checked together: 3 errors, 0 warnings');
    expect(screen.getByText('Diagnostics (3)')).toBeInTheDocument();

    // Per rule: CAT101 three times, in three entities.
    const perRule = screen.getByText('Per rule').closest('div[class*="MuiPaper"]') as HTMLElement;
    const row = within(perRule).getByRole('link', { name: 'CAT101' }).closest('tr')!;
    expect(within(row).getByText('dangling-reference')).toBeInTheDocument(); // the rule's name
    expect(within(row).getAllByText('3')).toHaveLength(2);

    // Entity and owner links, kinds.
    expect(screen.getAllByRole('link', { name: /ghosts/ }).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('link', { name: /orders/ })).toHaveAttribute('href', '/catalog/default/api/orders');
    // Filters by rule, owner and kind are offered.
    expect(screen.getAllByText('Rule').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Owner').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Kind').length).toBeGreaterThan(0);
  });

  it('says so when the catalog has no problem', async () => {
    const entities = [entity('Group', 'team', { type: 'team', children: [] })];
    await renderInTestApp(
      <TestApiProvider apis={[[katasterApiRef, testKataster()], [catalogApiRef, catalogApiMock({ entities })]]}>
        <ConventionsReport />
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('kataster-report-summary', {}, { timeout: 10_000 })).toHaveTextContent(
      '1 entities checked together: 0 errors',
    );
    expect(screen.getAllByText('No problems in the catalog.').length).toBeGreaterThan(0);
  });
});
