// Main-thread cost of the SDK per page view, measured in headless Chromium from a performance
// trace: the same page is loaded with and without sdk/dist/rum.min.js, N times each, against a
// local stand-in collector on 127.0.0.1. The page does what real pages do to an SDK: a failed
// image, a fetch, a SPA navigation, a transaction, an error, then it is closed (sendBeacon).
//
//   node bench/sdk/cost.mjs [runs=7]      (needs `chromium` on PATH and a built sdk/dist)
//
// Prints medians: time in the SDK's own script (compile, evaluation, init, every callback it
// runs: observers, listeners, timers, flushes), its longest single slice, and the renderer main
// thread's total busy time with and without the SDK. Each run uses a fresh profile (a first
// visit: localStorage is created on first use). Tracing itself slows what it measures, and this
// machine's 2 cores are shared with Chromium's other processes: read the figures as upper bounds.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const runs = Number(process.argv[2] ?? 7);
const sdk = readFileSync(fileURLToPath(new URL('../../sdk/dist/rum.min.js', import.meta.url)));

// The init call lives in /init.js so that the trace attributes it to the SDK too. /slow.png keeps
// the page loading for 1.5 s in real time, so the page's timers run before --dump-dom closes it.
const INIT = `rum.init({ endpoint: location.origin + '/v1/rum', key: 'pk_bench', app: 'bench', release: '1',
  routes: ['/product/:id'], flushInterval: 500 });`;
const page = (withSdk) => `<!doctype html><html><head><title>bench</title>
${withSdk ? '<script src="/rum.min.js"></script><script src="/init.js"></script>' : ''}
</head><body><h1>Product list</h1>${'<p>Some paragraph text that paints.</p>'.repeat(30)}
<img src="/missing.png" alt=""><img src="/slow.png" alt="">
<script>
  const tx = window.rum ? rum.startTransaction('checkout') : { end() {} };
  setTimeout(() => fetch('/api/cart'), 200);
  setTimeout(() => history.pushState({}, '', '/product/42'), 400);
  setTimeout(() => tx.end('success'), 600);
  setTimeout(() => { throw new TypeError('bench error'); }, 800);
</script></body></html>`;

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url.startsWith('/v1/rum')) return res.writeHead(202).end();
    if (req.url === '/rum.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
    if (req.url === '/init.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(INIT);
    if (req.url === '/slow.png') return setTimeout(() => res.writeHead(404).end(), 1500);
    if (req.url.startsWith('/api/')) return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    if (req.url === '/with' || req.url === '/without') return res.writeHead(200, { 'content-type': 'text/html' }).end(page(req.url === '/with'));
    res.writeHead(404).end();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

/** Merged length of [start, end) intervals: nested trace slices must not count twice. */
const covered = (intervals) => {
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of intervals.sort((a, b) => a[0] - b[0])) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
};

const measure = async (variant) => {
  const dir = mkdtempSync(join(tmpdir(), 'rum-cost-'));
  const traceFile = join(dir, 'trace.json');
  try {
    // Asynchronously: a synchronous child would block the event loop that serves the page.
    await promisify(execFile)(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--trace-startup=devtools.timeline,v8.execute,toplevel',
        '--trace-startup-format=json',
        `--trace-startup-file=${traceFile}`,
        '--trace-startup-duration=5',
        '--dump-dom',
        `${origin}/${variant}`,
      ],
      { timeout: 60_000, maxBuffer: 1 << 24 },
    );
    const trace = JSON.parse(readFileSync(traceFile, 'utf8'));
    const events = trace.traceEvents ?? trace;
    const threadName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
    const onMain = (e) => e.ph === 'X' && threadName.get(`${e.pid}:${e.tid}`) === 'CrRendererMain';
    const pageEvents = events.filter(onMain);
    const sdkSlices = pageEvents
      .filter((e) => ['EvaluateScript', 'v8.compile', 'FunctionCall', 'TimerFire', 'EventDispatch'].includes(e.name))
      .filter((e) => /\/(rum\.min|init)\.js/.test(JSON.stringify(e.args ?? {})))
      .map((e) => [e.ts, e.ts + e.dur]);
    return {
      sdkMs: covered(sdkSlices) / 1000,
      longestSdkMs: Math.max(0, ...sdkSlices.map(([s, e]) => e - s)) / 1000,
      busyMs: covered(pageEvents.filter((e) => e.name.endsWith('RunTask')).map((e) => [e.ts, e.ts + e.dur])) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { with: [], without: [] };
try {
  execFileSync('chromium', ['--version'], { stdio: 'ignore' });
  for (let i = 0; i < runs; i++) for (const variant of ['with', 'without']) results[variant].push(await measure(variant));
} finally {
  server.close();
}

const summary = (variant, key) => median(results[variant].map((r) => r[key])).toFixed(2);
console.log(`chromium ${execFileSync('chromium', ['--version']).toString().trim()}, ${runs} runs each, medians:`);
console.log(`  SDK script (compile + evaluate + callbacks): ${summary('with', 'sdkMs')} ms per page view`);
console.log(`  longest single SDK slice:                    ${summary('with', 'longestSdkMs')} ms`);
console.log(`  renderer main thread busy, with SDK:         ${summary('with', 'busyMs')} ms`);
console.log(`  renderer main thread busy, without SDK:      ${summary('without', 'busyMs')} ms`);
