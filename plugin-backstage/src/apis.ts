import { configApiRef, createApiFactory, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { katasterApiRef, WasmKatasterClient } from './api/KatasterApi';
import { BackendSourceReader, katasterSourceApiRef, UrlSourceReader } from './api/SourceApi';

/** The WebAssembly core with the policy from app-config `kataster:`. */
export const katasterApiFactory = createApiFactory({
  api: katasterApiRef,
  deps: { configApi: configApiRef },
  factory: ({ configApi }) => WasmKatasterClient.fromConfig(configApi),
});

/**
 * Reads entities' source files through the kataster backend plugin when it is installed, else
 * from their `url:` locations with the app's fetch API.
 */
export const katasterSourceApiFactory = createApiFactory({
  api: katasterSourceApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new BackendSourceReader({ discoveryApi, fetchApi, fallback: new UrlSourceReader({ fetchApi }) }),
});
