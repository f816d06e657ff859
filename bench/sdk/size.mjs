// Prints the size of the SDK's script-tag build (sdk/dist/rum.min.js, web-vitals included):
// raw, gzip at the level servers commonly use (6) and at 9, and brotli; with --check it fails
// past the 6 KB gzip budget. Run after `npm run build` in sdk/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET = 6 * 1024;
const file = fileURLToPath(new URL('../../sdk/dist/rum.min.js', import.meta.url));
const code = readFileSync(file);
const gzip6 = gzipSync(code, { level: 6 }).length;
const gzip9 = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

console.log(`rum.min.js: ${code.length} B raw, ${gzip6} B gzip -6, ${gzip9} B gzip -9, ${brotli} B brotli (budget ${BUDGET} B gzip)`);
if (process.argv.includes('--check') && gzip6 > BUDGET) {
  console.error(`rum.min.js is over budget: ${gzip6} B gzip > ${BUDGET} B`);
  process.exit(1);
}
