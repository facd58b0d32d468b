import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { katasterApiRef } from '../api/KatasterApi';
import { testKataster } from '../testUtils';
import { katasterPlugin, KatasterPage as KatasterPageExtension } from '../plugin';
import { KatasterPage } from './KatasterPage';

describe('KatasterPage (legacy frontend system)', () => {
  it('is a routable extension of the plugin `kataster`', () => {
    expect(katasterPlugin.getId()).toBe('kataster');
    expect(KatasterPageExtension).toBeInstanceOf(Function);
  });

  it('renders the page with the validator and the report tab', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[katasterApiRef, testKataster()], [catalogApiRef, catalogApiMock()]]}>
        <KatasterPage />
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('kataster-example', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Conventions report' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('kataster-status')).toHaveTextContent(/validated in/), {
      timeout: 10_000,
    });
  });
});
