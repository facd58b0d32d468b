import { Content, Header, Page, TabbedLayout } from '@backstage/core-components';
import { CatalogValidator } from './CatalogValidator/CatalogValidator';
import { ConventionsReport } from './ConventionsReport/ConventionsReport';

/** The legacy page: "Catalog validator" and "Conventions report" as tabs. */
export function KatasterPage(props: { title?: string; initialText?: string }) {
  return (
    <Page themeId="tool">
      <Header title={props.title ?? 'Catalog validator'} subtitle="kataster: catalog files checked in your browser" />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Catalog validator">
          <CatalogValidator initialText={props.initialText} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/report" title="Conventions report">
          <ConventionsReport />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}

/** The validator alone, in a page's content (the new frontend system's sub-page). */
export function CatalogValidatorContent() {
  return (
    <Content>
      <CatalogValidator />
    </Content>
  );
}

/** The report alone, in a page's content (the new frontend system's sub-page). */
export function ConventionsReportContent() {
  return (
    <Content>
      <ConventionsReport />
    </Content>
  );
}
