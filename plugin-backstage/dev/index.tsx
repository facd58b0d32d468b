// The dev app (`npm start`): the new frontend system with the catalog plugin and the kataster
// plugin, against the real dev backend (../plugin-backstage-backend/dev: `node dev/index.cjs`,
// http://localhost:7007): the catalog API, guest sign-in and the kataster backend plugin's source
// endpoint (the plugin's default source API, with the browser's fetch as its fallback).
import ReactDOM from 'react-dom/client';
// The dev app stands in for an app package, which imports Backstage UI's styles.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import katasterPlugin from '../src/alpha';

const app = createApp({
  features: [catalogPlugin, katasterPlugin],
});

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
