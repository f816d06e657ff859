// A storefront instrumented only with Grafana Faro's Web SDK, as an existing Faro user has it.
// The test sets window.__faroTest (collector url, api key, app) before the page's scripts run.
import { initializeFaro, getWebInstrumentations } from '@grafana/faro-web-sdk';

const test = window.__faroTest;
initializeFaro({
  url: test.url,
  apiKey: test.apiKey,
  app: { name: test.app, version: test.version, environment: 'e2e' },
  instrumentations: getWebInstrumentations({ captureConsole: true }),
  requestCompression: test.gzip === true,
  batching: { sendTimeout: 100 },
});
