import { screen, waitFor, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock, createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { katasterApiRef } from '../../api/KatasterApi';
import { katasterSourceApiRef, StaticSourceReader } from '../../api/SourceApi';
import { testKataster } from '../../testUtils';
import katasterPlugin from '../../alpha';
import { EntityConventionsCard } from './ConventionsCard';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const location = 'https://git.example.com/acme/payments/-/blob/main/catalog-info.yaml';

const valid: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    uid: '5f0c3d0e-1',
    etag: 'abc',
    annotations: { 'backstage.io/managed-by-location': `url:${location}` },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team' }],
};

const invalid: Entity = {
  ...valid,
  metadata: { ...valid.metadata, name: 'checkout' },
  spec: { type: 'service', lifecycle: 'beta', owner: 'group:default/nobody' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/nobody' }],
};

// The source file of `checkout`: a duplicate key on line 9 that the stored entity cannot show.
const checkoutSource = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    backstage.io/managed-by-location: url:${location}
spec:
  type: service
  type: service
  lifecycle: beta
  owner: group:default/nobody
`;

const policy = { model: { lifecycles: ['experimental', 'production', 'deprecated'] } };

function apis(source: Record<string, string> = {}) {
  return [
    [katasterApiRef, testKataster(policy)],
    [catalogApiRef, catalogApiMock({ entities: [team, valid] })],
    [katasterSourceApiRef, new StaticSourceReader(source)],
  ] as const;
}

describe('EntityConventionsCard (legacy frontend system)', () => {
  it('shows the empty state for a valid entity', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis()}>
        <EntityProvider entity={valid}>
          <EntityConventionsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('kataster-empty', {}, { timeout: 10_000 })).toHaveTextContent('No problems');
    expect(screen.getByText('Conventions')).toBeInTheDocument();
    expect(screen.getByText(/source file cannot be read/)).toBeInTheDocument();
  });

  it('lists each problem of an invalid entity with severity, code, message, field and help', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis({ [location]: checkoutSource })}>
        <EntityProvider entity={invalid}>
          <EntityConventionsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    const rows = await screen.findAllByTestId('kataster-diagnostic', {}, { timeout: 10_000 });
    const byCode = Object.fromEntries(rows.map(row => [row.getAttribute('data-code'), row]));
    expect(Object.keys(byCode).sort()).toEqual(['CAT101', 'ORG002', 'YAML002']);

    // From the source file, at its line.
    const duplicate = within(byCode.YAML002);
    expect(duplicate.getByText('error')).toBeInTheDocument();
    expect(duplicate.getByText('line 9:3')).toBeInTheDocument();
    expect(duplicate.getByText(/duplicate key "type"/)).toBeInTheDocument();

    const lifecycle = within(byCode.ORG002);
    expect(lifecycle.getByRole('link', { name: 'ORG002' })).toHaveAttribute(
      'href',
      expect.stringMatching(/docs\/rules\/ORG002\.md$/),
    );
    expect(lifecycle.getByText(/beta/)).toBeInTheDocument();
    expect(lifecycle.getByText('/spec/lifecycle')).toBeInTheDocument();
    expect(lifecycle.getByText(/^help:/)).toBeInTheDocument();

    // The owner does not exist in the catalog: a dangling reference.
    const dangling = within(byCode.CAT101);
    expect(dangling.getByText('warning')).toBeInTheDocument();
    expect(dangling.getByText('/spec/owner')).toBeInTheDocument();

    expect(screen.getByTestId('kataster-summary')).toHaveTextContent('2 errors, 1 warning');
    expect(screen.getByText(/and its source file/)).toBeInTheDocument();
    // Worded for Backstage: the catalog, not "the checked files" and CLI flags.
    expect(dangling.getByText(/which is not in the catalog$/)).toBeInTheDocument();
    expect(byCode.CAT101).not.toHaveTextContent(/--known-entities|checked files/);
  });

  it("says why the source file was not read when the reader knows (the backend's refusal)", async () => {
    const refusing = { readSource: async () => Promise.reject(new Error('The source of component:default/payments is more than the limit of 10 bytes (kataster.source.maxBytes)')) };
    await renderInTestApp(
      <TestApiProvider apis={[...apis().slice(0, 2), [katasterSourceApiRef, refusing]] as any}>
        <EntityProvider entity={valid}>
          <EntityConventionsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('kataster-empty', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(
      screen.getByText(/could not be read \(The source of component:default\/payments is more than the limit of 10 bytes \(kataster\.source\.maxBytes\)\)/),
    ).toBeInTheDocument();
  });
});

describe('conventions card (new frontend system)', () => {
  function render(entity: Entity, source: Record<string, string> = {}) {
    // The plugin as an app installs it; the test entity page hosts its entity card.
    return renderTestApp({
      features: [katasterPlugin],
      extensions: [createTestEntityPage({ entity })],
      apis: apis(source),
    });
  }

  it('renders the card from the plugin for a valid entity', async () => {
    render(valid);
    expect(await screen.findByTestId('kataster-empty', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('renders the diagnostics of an invalid entity', async () => {
    render(invalid, { [location]: checkoutSource });
    await waitFor(() => expect(screen.getAllByTestId('kataster-diagnostic')).toHaveLength(3), { timeout: 10_000 });
    expect(screen.getByText('Conventions')).toBeInTheDocument();
  });
});
