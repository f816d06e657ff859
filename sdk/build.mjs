// Builds dist/rum.esm.js (bundlers) and dist/rum.min.js (script tag, globals `rum` and `RumSdk`),
// then `tsc -p tsconfig.build.json` adds dist/types/ (see package.json);
// with --tests, bundles test/*.test.ts into dist/test/ for `node --test`.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const shared = {
  bundle: true,
  target: 'es2020',
  define: { __SDK_VERSION__: JSON.stringify(version) },
  legalComments: 'none',
  logLevel: 'warning',
};

if (process.argv.includes('--tests')) {
  rmSync('dist/test', { recursive: true, force: true });
  await build({
    ...shared,
    entryPoints: readdirSync('test').filter((f) => f.endsWith('.test.ts')).map((f) => `test/${f}`),
    outdir: 'dist/test',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    sourcemap: 'inline',
  });
} else {
  for (const out of ['dist/rum.esm.js', 'dist/rum.min.js', 'dist/types']) rmSync(out, { recursive: true, force: true });
  // web-vitals stays an import in the module build: the app's bundler shares one copy with the app.
  await build({ ...shared, entryPoints: ['src/index.ts'], outfile: 'dist/rum.esm.js', format: 'esm', external: ['web-vitals'] });
  await build({ ...shared, entryPoints: ['src/tag.ts'], outfile: 'dist/rum.min.js', format: 'iife', minify: true });
}
