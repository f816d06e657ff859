// Bundles page.js with the pinned @grafana/faro-web-sdk into dist/faro-page.js (an IIFE the test page loads).
import { build } from 'esbuild';

await build({
  entryPoints: ['page.js'],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  outfile: 'dist/faro-page.js',
  logLevel: 'warning',
});
