// The attacks of issue 11 against a running collector, measured from outside (HTTP and /proc only):
// a forged sample rate, release churn with empty beacons, and a flood of distinct 30 KB User-Agents.
// Usage: node attacks.mjs <port> <collector pid>
import { readFileSync } from 'node:fs';

const [port, pid] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const KEY = 'pk-trust';

const post = (body, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36') =>
  fetch(`${base}/v1/rum`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rum-key': KEY, 'user-agent': userAgent }, body: JSON.stringify(body) })
    .then(async r => { await r.arrayBuffer(); return r.status; });

const beacon = (release, events, sampleRate = 0.1, session = 's') =>
  ({ v: 1, app: 'storefront', release, session: { id: session, sampleRate }, page: { url: 'https://shop.example.com/cart' }, events });
const pageView = (outcome = 'ok') => ({ type: 'pageview', ts: Date.now(), outcome });

const metrics = async () => (await (await fetch(`${base}/metrics`)).text()).split('\n').filter(l => l && !l.startsWith('#'));
const sum = (lines, prefix, ...labels) => lines.filter(l => l.startsWith(prefix) && labels.every(x => l.includes(x)))
  .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

// 1. One beacon claiming sampleRate 0.001 with 50 error page views (the app's SDK is told 0.1).
const forgedStatus = await post(beacon('1.0.0', Array.from({ length: 50 }, () => pageView('error')), 0.001));
const forged = sum(await metrics(), 'rum_page_views_total{', 'outcome="error"');
console.log(`forged weight: status ${forgedStatus}, counted ${forged} error page views (configuration allows at most 50 / 0.1 = 500; unbounded it would be 50,000)`);

// 2. 150 releases with events, 150 empty beacons naming new releases, then a new release.
for (let i = 0; i < 150; i++) await post(beacon(`churn-${i}`, [pageView()]));
for (let i = 0; i < 150; i++) await post(beacon(`empty-${i}`, []));
await post(beacon('brand-new', [pageView()]));
const afterChurn = await metrics();
const releases = new Set(afterChurn.filter(l => l.startsWith('rum_page_views_total{')).map(l => /release="([^"]*)"/.exec(l)?.[1]));
console.log(`release churn: new release has its own series: ${releases.has('brand-new')}; ` +
  `empty-beacon releases on /metrics: ${[...releases].filter(r => r?.startsWith('empty-')).length}; ` +
  `__other__ present: ${releases.has('__other__')}; release values: ${releases.size}; ` +
  `evicted: ${sum(afterChurn, 'rum_label_values_evicted_total{', 'label="release"')}`);

// 3. 4,096 beacons with distinct 30 KB User-Agents, 16 at a time.
const before = rssMb();
const filler = 'x'.repeat(30 * 1024);
let next = 0; const statuses = {};
await Promise.all(Array.from({ length: 16 }, async () => {
  while (next < 4096) {
    const i = next++;
    const s = await post(beacon('1.0.0', [pageView()], 0.1, `ua-${i}`), `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.${i}.0 Safari/537.36 ${filler}`);
    statuses[s] = (statuses[s] ?? 0) + 1;
  }
}));
await new Promise(r => setTimeout(r, 1000));
const after = rssMb();
console.log(`User-Agent flood: statuses ${JSON.stringify(statuses)}; RSS ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after ` +
  `(growth ${(after - before).toFixed(1)} MB), peak ${peakMb().toFixed(0)} MB`);
