import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MetricType } from 'web-vitals';
import type { Scope } from '../src/beacon';
import { trackVitals } from '../src/collect/vitals';
import type { Sink } from '../src/rum';

const metric = (name: string, value: number, rating: string) => ({ name, value, rating, id: `v5-${name}`, delta: value, entries: [] }) as unknown as MetricType;

test('each web-vitals report becomes a vital event of the landing page view', () => {
  const added: [string, Record<string, unknown> | undefined, Scope | undefined][] = [];
  const sink: Sink = { add: (type, fields, scope) => void added.push([type, fields, scope]), scrub: (u) => u, firstParty: [] };
  const landing: Scope = { page: { url: 'https://shop.example.com/' }, sessionId: 's' };
  const reports: ((m: MetricType) => void)[] = [];
  const broken = () => {
    throw new Error('unsupported browser');
  };
  trackVitals(sink, landing, [(r) => reports.push(r), broken, (r) => reports.push(r)]);

  reports[0](metric('LCP', 2310.5, 'good'));
  reports[1](metric('CLS', 0.31, 'poor'));
  assert.deepEqual(added, [
    ['vital', { name: 'LCP', value: 2310.5, rating: 'good', id: 'v5-LCP' }, landing],
    ['vital', { name: 'CLS', value: 0.31, rating: 'poor', id: 'v5-CLS' }, landing],
  ]);
});
