import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { katasterApiRef } from '../../api/KatasterApi';
import { acmePolicyText } from '../../example/acme.generated';
import { testKataster } from '../../testUtils';
import katasterPlugin from '../../alpha';
import { CatalogValidator } from './CatalogValidator';

const invalid = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: "😀 payments"
spec:
  type: service
  lifecycle: production
  owner: group:default/team
`;

const team = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const status = () => screen.getByTestId('kataster-status');

describe('CatalogValidator', () => {
  it('shows the diagnostics inline and in the list, references resolved against the catalog', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[katasterApiRef, testKataster()], [catalogApiRef, catalogApiMock({ entities: [team] })]]}>
        <CatalogValidator initialText={invalid} delay={10} />
      </TestApiProvider>,
    );
    await waitFor(() => expect(status()).toHaveTextContent(/^1 errors, 0 warnings/), { timeout: 10_000 });
    expect(status()).toHaveTextContent('main thread');
    const [row] = screen.getAllByTestId('kataster-diagnostic');
    expect(row).toHaveAttribute('data-code', 'CAT006');
    // The list shows UTF-16 columns, as the editor counts: the name starts at column 9.
    expect(row).toHaveTextContent('4:9');
    // The underline is on line 4, over the name and its quotes.
    await waitFor(() => expect(document.querySelector('.cm-lintRange-error')).not.toBeNull());
    const lines = [...document.querySelectorAll('.cm-content > .cm-line')];
    const marked = lines.findIndex(line => line.querySelector('.cm-lintRange-error'));
    expect(marked + 1).toBe(4);
    expect(lines[marked].querySelector('.cm-lintRange-error')!.textContent).toBe('"😀 payments"');
  });

  it('fixes all safe fixes at once, as kataster check --fix', async () => {
    const tags = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  tags: [Java, Spring-Boot]
spec:
  type: service
  lifecycle: production
  owner: group:default/team
`;
    await renderInTestApp(
      <TestApiProvider apis={[[katasterApiRef, testKataster()], [catalogApiRef, catalogApiMock({ entities: [team] })]]}>
        <CatalogValidator initialText={tags} delay={10} />
      </TestApiProvider>,
    );
    await waitFor(() => expect(status()).toHaveTextContent(/^2 errors, 0 warnings/), { timeout: 10_000 });
    const fixAll = screen.getByTestId('kataster-fix-all');
    expect(fixAll).toHaveTextContent('Fix all (2)');
    fireEvent.click(fixAll);
    await waitFor(() => expect(document.querySelector('.cm-content')).toHaveTextContent('tags: [java, spring-boot]'));
    await waitFor(() => expect(status()).toHaveTextContent(/^0 errors, 0 warnings/), { timeout: 10_000 });
    expect(screen.getByTestId('kataster-clean')).toBeInTheDocument();
  });

  it('loads the Acme example, which follows the Acme policy', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[katasterApiRef, testKataster(acmePolicyText)], [catalogApiRef, catalogApiMock()]]}>
        <CatalogValidator initialText="" delay={10} />
      </TestApiProvider>,
    );
    await waitFor(() => expect(status()).toHaveTextContent(/validated in/), { timeout: 10_000 });
    fireEvent.click(screen.getByTestId('kataster-example'));
    await waitFor(() => expect(document.querySelector('.cm-content')).toHaveTextContent('kind: Location'));
    await waitFor(() => expect(status()).toHaveTextContent(/^0 errors, 0 warnings/), { timeout: 10_000 });
    expect(screen.getByTestId('kataster-clean')).toBeInTheDocument();
  });
});

describe('the plugin page (new frontend system)', () => {
  it('serves the validator and the report as sub-pages of /kataster', async () => {
    renderTestApp({
      features: [katasterPlugin],
      initialRouteEntries: ['/kataster'],
      apis: [
        [katasterApiRef, testKataster()],
        [catalogApiRef, catalogApiMock({ entities: [team] })],
      ],
    });
    expect(await screen.findByTestId('kataster-example', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getAllByText('Conventions report').length).toBeGreaterThan(0);
    await waitFor(() => expect(status()).toHaveTextContent(/validated in/), { timeout: 10_000 });
  });
});
