// Main-thread cost of the SDK per page view, measured in headless Chromium from a performance
// trace: the same page is loaded with and without sdk/dist/rum.min.js, N times each, against a
// local stand-in collector on 127.0.0.1. The page does what real pages do to an SDK: a failed
// image, a fetch, a SPA navigation, a transaction, an error, then it is closed (sendBeacon).
//
//   node bench/sdk/cost.mjs [runs=7] [--verbose]   (needs `chromium` on PATH and a built sdk/dist;
//                                                    --verbose lists the SDK slices over 1 ms)
//
// Prints medians: time in the SDK's own script (compile, evaluation, init, every callback it
// runs: observers, listeners, timers, flushes) as elapsed (wall) and thread (cpu) time, its
// longest single slice, and the renderer main thread's cpu time with and without the SDK.
// Wall time includes waits on synchronous browser calls (localStorage, sendBeacon) and the
// moments the OS ran another process instead. Each run uses a fresh profile (a first
// visit: localStorage is created on first use). Tracing itself slows what it measures, and this
// machine's 2 cores are shared with Chromium's other processes: read the figures as upper bounds.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 7);
const verbose = process.argv.includes('--verbose');
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

/** Slices not nested in another of the list: nested trace slices must not count twice. */
const topLevel = (slices) => {
  let end = -Infinity;
  return [...slices]
    .sort((a, b) => a.ts - b.ts)
    .filter((e) => {
      if (e.ts + e.dur <= end) return false;
      end = e.ts + e.dur;
      return true;
    });
};
const sum = (slices, key) => slices.reduce((n, e) => n + (e[key] ?? 0), 0) / 1000;

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
        '--trace-startup=devtools.timeline,toplevel',
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
    const sdkEvents = pageEvents
      .filter((e) => ['EvaluateScript', 'v8.compile', 'FunctionCall'].includes(e.name))
      .filter((e) => /\/(rum\.min|init)\.js/.test(JSON.stringify(e.args ?? {})));
    if (verbose)
      for (const e of sdkEvents.filter((x) => x.dur > 1000))
        console.log(`  ${e.args?.data?.url?.split('/').pop() ?? ''} ${e.name} ${(e.dur / 1000).toFixed(2)} ms wall, ${((e.tdur ?? NaN) / 1000).toFixed(2)} ms cpu, column ${e.args?.data?.columnNumber} ${e.args?.data?.functionName ?? ''}`);
    const sdk = topLevel(sdkEvents);
    const tasks = topLevel(pageEvents.filter((e) => e.name.endsWith('RunTask')));
    return {
      sdkWall: sum(sdk, 'dur'),
      sdkCpu: sum(sdk, 'tdur'),
      longestWall: Math.max(0, ...sdk.map((e) => e.dur)) / 1000,
      longestCpu: Math.max(0, ...sdk.map((e) => e.tdur ?? 0)) / 1000,
      mainCpu: sum(tasks, 'tdur'),
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

const summary = (variant, key) => median(results[variant].map((r) => r[key])).toFixed(1);
console.log(`${execFileSync('chromium', ['--version']).toString().trim()}, ${runs} runs each, medians (wall = elapsed, cpu = thread time):`);
console.log(`  SDK per page view (compile, evaluate, init, callbacks): ${summary('with', 'sdkWall')} ms wall, ${summary('with', 'sdkCpu')} ms cpu`);
console.log(`  longest single SDK slice:                              ${summary('with', 'longestWall')} ms wall, ${summary('with', 'longestCpu')} ms cpu`);
console.log(`  renderer main thread cpu, page with SDK:               ${summary('with', 'mainCpu')} ms`);
console.log(`  renderer main thread cpu, same page without SDK:       ${summary('without', 'mainCpu')} ms`);
