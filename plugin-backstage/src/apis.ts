import { configApiRef, createApiFactory, fetchApiRef } from '@backstage/core-plugin-api';
import { katasterApiRef, WasmKatasterClient } from './api/KatasterApi';
import { katasterSourceApiRef, UrlSourceReader } from './api/SourceApi';

/** The WebAssembly core with the policy from app-config `kataster:`. */
export const katasterApiFactory = createApiFactory({
  api: katasterApiRef,
  deps: { configApi: configApiRef },
  factory: ({ configApi }) => WasmKatasterClient.fromConfig(configApi),
});

/** Reads entities' source files from their `url:` locations with the app's fetch API. */
export const katasterSourceApiFactory = createApiFactory({
  api: katasterSourceApiRef,
  deps: { fetchApi: fetchApiRef },
  factory: ({ fetchApi }) => new UrlSourceReader({ fetchApi }),
});
