import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { createRum } from '../src/rum';
import { isSampled } from '../src/sampling';
import type { RumOptions } from '../src/types';
import { hex } from '../src/util';
import { installBrowser, settle, type FakeBrowser, type FakeBrowserOptions } from './browser';
import { assertBeacon } from './contract';

const T0 = 1_764_070_000_000;
const ENDPOINT = 'https://rum.example.com/v1/rum';
const BASE: RumOptions = { endpoint: ENDPOINT, key: 'pk_test', app: 'storefront', release: '2.3.1', flushInterval: 1000 };

let browser: FakeBrowser;
/** A new page: a fresh fake browser (sharing `env.storage` if given) and the SDK's init, deferred parts included. */
const start = (options: Partial<RumOptions> = {}, env: FakeBrowserOptions = {}) => {
  browser = installBrowser(env);
  const rum = createRum({ ...BASE, ...options });
  mock.timers.tick(1); // browsers run a 0 ms timeout after at least 1 ms
  return rum;
};
/** Every beacon sent so far, each checked against beacon.md. */
const beacons = () => browser.sent().map((b) => (assertBeacon(b), b));
const events = () => beacons().flatMap((b) => b.events);
const types = () => events().map((e) => e.type);
const tick = async (ms: number) => {
  mock.timers.tick(ms);
  await settle();
};
const queued = (): string[] => JSON.parse(browser.storage.get('rum_q') ?? '[]');
/** A session id that the given rate keeps (or drops). */
const sessionId = (rate: number, kept: boolean) => {
  for (;;) {
    const id = hex(16);
    if (isSampled(id, rate) === kept) return id;
  }
};

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 }));
afterEach(() => mock.timers.reset());

describe('page view and beacon', () => {
  test('a page load sends session_start and a page view after the flush interval', async () => {
    start({}, { url: 'https://shop.example.com/product/123?utm_source=mail&email=a%40b.com', referrer: 'https://www.google.com/?q=me' });
    await tick(998);
    assert.equal(browser.fetches.length, 0, 'batched, not sent per event');
    await tick(1);
    assert.equal(browser.fetches.length, 1);
    const [request] = browser.fetches;
    assert.equal(request.url, ENDPOINT);
    assert.equal(request.headers['x-rum-key'], 'pk_test');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.keepalive, true);
    const [b] = beacons();
    assert.equal(b.app, 'storefront');
    assert.equal(b.release, '2.3.1');
    assert.deepEqual(b.session.sampleRate, 1);
    assert.equal(b.session.consent, 'unknown');
    assert.deepEqual(b.page, { url: 'https://shop.example.com/product/123?utm_source=mail', referrer: 'https://www.google.com/' });
    assert.deepEqual(
      b.events.map(({ ts, ...rest }) => rest),
      [{ type: 'session_start' }, { type: 'pageview', outcome: 'ok', navigationType: 'navigate', status: 200 }],
    );
    assert.ok(b.events.every((e) => e.ts === T0));
  });

  test('an HTTP error status makes the page view an error', async () => {
    start({}, { navigationStatus: 503 });
    await tick(1000);
    const view = events().find((e) => e.type === 'pageview');
    assert.equal(view?.outcome, 'error');
    assert.equal(view?.status, 503);
  });

  test('the route template given by the app goes in page.route', async () => {
    start({ routes: ['/product/:id'] }, { url: 'https://shop.example.com/product/123' });
    await tick(1000);
    assert.equal(beacons()[0].page.route, '/product/:id');
  });
});

describe('batching and flushing', () => {
  test('a full batch leaves at once, split at maxBatch events per beacon', async () => {
    const rum = start({ maxBatch: 3 });
    for (let i = 0; i < 4; i++) rum.startTransaction(`t${i}`).end();
    await settle();
    assert.deepEqual(
      beacons().map((b) => b.events.length),
      [3, 3],
    );
    await tick(1000);
    assert.deepEqual(
      beacons().map((b) => b.events.length),
      [3, 3],
      'nothing left for the timer',
    );
  });

  test('hiding the page flushes with sendBeacon: key in the query, text/plain body', async () => {
    const rum = start({ endpoint: `${ENDPOINT}?tenant=a` });
    rum.startTransaction('checkout').end('failure');
    browser.hide();
    assert.equal(browser.fetches.length, 0);
    assert.equal(browser.beacons.length, 1);
    assert.equal(browser.beacons[0].url, `${ENDPOINT}?tenant=a&key=pk_test`);
    assert.deepEqual(types(), ['session_start', 'pageview', 'transaction']);
  });

  test('without sendBeacon, pagehide falls back to a keepalive fetch', async () => {
    start({}, { sendBeacon: false });
    browser.fireWindow('pagehide');
    await settle();
    assert.equal(browser.fetches.length, 1);
    assert.equal(browser.fetches[0].keepalive, true);
  });

  test('the explicit flush sends now', async () => {
    const rum = start();
    rum.flush();
    await settle();
    assert.equal(browser.fetches.length, 1);
  });
});

describe('retries and the offline queue', () => {
  test('429 is retried after its Retry-After, with the same body', async () => {
    const rum = start();
    browser.answers.push({ status: 429, retryAfter: '10' });
    rum.flush();
    await settle();
    await tick(9999);
    assert.equal(browser.fetches.length, 1);
    await tick(1);
    assert.equal(browser.fetches.length, 2);
    assert.equal(browser.fetches[1].body, browser.fetches[0].body);
  });

  test('network failures back off 1 s, 2 s, 4 s, then the batch is parked for the next page', async () => {
    const storage = new Map<string, string>();
    const rum = start({}, { storage });
    browser.answers.push({ status: 0 }, { status: 0 }, { status: 503 }, { status: 0 });
    rum.flush();
    await settle();
    for (const wait of [1000, 2000, 4000]) {
      const before = browser.fetches.length;
      await tick(wait - 1);
      assert.equal(browser.fetches.length, before, `not before ${wait} ms`);
      await tick(1);
    }
    assert.equal(browser.fetches.length, 4);
    assert.equal(queued().length, 1);
    const parked = queued()[0];

    start({}, { storage });
    await settle();
    assert.equal(browser.fetches[0].body, parked, 'the next page delivers it first');
    assert.equal(browser.storage.has('rum_q'), false);
  });

  test('offline, batches go straight to the queue', async () => {
    const rum = start();
    browser.goOffline();
    rum.flush();
    await settle();
    assert.equal(browser.fetches.length, 0);
    assert.equal(queued().length, 1);
  });

  test('the queue keeps the newest 20 batches', async () => {
    const rum = start();
    browser.goOffline();
    for (let i = 0; i < 25; i++) {
      rum.startTransaction(`t${i}`).end();
      rum.flush();
    }
    const q = queued().map((body) => JSON.parse(body).events.at(-1).name);
    assert.deepEqual(q, Array.from({ length: 20 }, (_, i) => `t${i + 5}`));
  });

  test('retries still waiting when the page is hidden are parked', async () => {
    const rum = start();
    browser.answers.push({ status: 503 });
    rum.flush();
    await settle();
    browser.hide();
    assert.equal(queued().length, 1);
    await tick(60_000);
    assert.equal(browser.fetches.length, 1, 'the parked batch is not also retried');
  });

  for (const status of [400, 401, 403, 413])
    test(`${status} drops the batch: not retried, not queued`, async () => {
      const rum = start();
      browser.answers.push({ status });
      rum.flush();
      await settle();
      await tick(60_000);
      assert.equal(browser.fetches.length, 1);
      assert.equal(queued().length, 0);
    });
});

describe('consent', () => {
  test('with consent required nothing leaves before it is granted', async () => {
    const rum = start({ consentRequired: true });
    rum.startTransaction('checkout').end();
    await tick(10_000);
    browser.hide();
    assert.equal(browser.fetches.length + browser.beacons.length, 0);
    assert.equal(browser.storage.has('rum_q'), false);

    rum.setConsent('granted');
    await settle();
    assert.deepEqual(types(), ['session_start', 'pageview', 'transaction'], 'what was buffered leaves now');
    assert.ok(beacons().every((b) => b.session.consent === 'granted'));
  });

  test('denied drops the buffer, the queue and the session, and stops collecting', async () => {
    const storage = new Map([['rum_q', JSON.stringify(['{"old":1}'])]]);
    const rum = start({ consentRequired: true }, { storage });
    rum.setConsent('denied');
    rum.startTransaction('checkout').end();
    browser.fireWindow('error', { error: new Error('boom') });
    await tick(10_000);
    browser.hide();
    assert.equal(browser.fetches.length + browser.beacons.length, 0);
    assert.equal(storage.size, 0);
  });

  test('denied stops sending even when consent is not required', async () => {
    const rum = start();
    rum.setConsent('denied');
    await tick(10_000);
    assert.equal(browser.fetches.length, 0);
  });

  test('consent known at init is used', async () => {
    start({ consentRequired: true, consent: 'granted' });
    await tick(1000);
    assert.equal(beacons()[0].session.consent, 'granted');
  });
});

describe('session and sampling', () => {
  test('a session continues across pages within the timeout, then a new one starts', async () => {
    const storage = new Map<string, string>();
    start({}, { storage });
    await tick(1000);
    const first = beacons()[0].session.id;

    await tick(29 * 60_000);
    start({}, { storage });
    await tick(1000);
    assert.equal(beacons()[0].session.id, first);
    assert.deepEqual(types(), ['pageview'], 'no second session_start');

    await tick(31 * 60_000);
    start({}, { storage });
    await tick(1000);
    assert.notEqual(beacons()[0].session.id, first);
    assert.deepEqual(types(), ['session_start', 'pageview']);
  });

  test('activity after the timeout on a long-lived page starts a new session in its own beacon', async () => {
    const rum = start();
    await tick(1000);
    const first = beacons()[0].session.id;
    await tick(31 * 60_000);
    rum.startTransaction('late').end();
    await tick(1000);
    const late = beacons()[1];
    assert.notEqual(late.session.id, first);
    assert.deepEqual(
      late.events.map((e) => e.type),
      ['session_start', 'transaction'],
    );
  });

  test('a sampled-out session sends nothing; a kept one carries its rate', async () => {
    start({ sampleRate: 0.5 }, { storage: new Map([['rum_s', `${sessionId(0.5, false)}.${T0}.0`]]) });
    await tick(1000);
    browser.hide();
    assert.equal(browser.fetches.length + browser.beacons.length, 0);

    const kept = sessionId(0.5, true);
    start({ sampleRate: 0.5 }, { storage: new Map([['rum_s', `${kept}.${T0}.0`]]) });
    await tick(1000);
    assert.equal(beacons()[0].session.id, kept);
    assert.equal(beacons()[0].session.sampleRate, 0.5);
  });

  test('works, in memory, where localStorage throws', async () => {
    const rum = start({}, { storageThrows: true });
    rum.startTransaction('checkout').end();
    await tick(1000);
    assert.deepEqual(types(), ['session_start', 'pageview', 'transaction']);
  });
});

describe('errors', () => {
  test('js errors and rejections, firstInSession once per session across pages', async () => {
    const storage = new Map<string, string>();
    const errors = () => events().filter((e) => e.type === 'error');
    start({}, { storage });
    browser.fireWindow('error', { error: new TypeError('x is undefined'), message: 'Uncaught TypeError: x is undefined' });
    browser.fireWindow('unhandledrejection', { reason: 'nope' });
    await tick(1000);
    const firstPage = errors();
    start({}, { storage });
    browser.fireWindow('error', { error: null, message: 'Script error.' });
    await tick(1000);

    assert.deepEqual(
      [...firstPage, ...errors()].map((e) => [e.kind, e.message, e.firstInSession]),
      [
        ['js', 'TypeError: x is undefined', true],
        ['unhandledrejection', 'nope', false],
        ['js', 'Script error.', false],
      ],
    );
    assert.match(String(firstPage[0].stack), /TypeError: x is undefined/);
  });

  test('error() reports a caught error with its stack, fingerprint and context', async () => {
    const rum = start();
    const caught = new TypeError('cart is empty');
    rum.error(caught, { fingerprint: ['checkout', 'empty-cart'], context: { plan: 'pro', items: 0 } });
    await tick(1000);

    const [e] = events().filter((x) => x.type === 'error');
    assert.equal(e.kind, 'js');
    assert.equal(e.message, 'TypeError: cart is empty');
    assert.match(String(e.stack), /cart is empty\n\s+at /);
    assert.deepEqual(e.fingerprint, ['checkout', 'empty-cart']);
    assert.deepEqual(e.context, { plan: 'pro', items: 0 });
  });

  test('groupFirstInSession is true once per error group and session, across pages', async () => {
    const storage = new Map<string, string>();
    const errors = () => events().filter((e) => e.type === 'error');
    const boom = (n: number) => new Error(`order ${n} failed`);
    let rum = start({}, { storage });
    rum.error(boom(1));
    rum.error(boom(2)); // same code path: same group
    rum.error(new Error('other'), { fingerprint: ['payments'] });
    await tick(1000);
    const firstPage = errors();
    rum = start({}, { storage });
    rum.error(boom(3));
    rum.error(new Error('x'), { fingerprint: ['payments'] });
    rum.error(new Error('y'), { fingerprint: ['search'] });
    await tick(1000);

    assert.deepEqual(
      [...firstPage, ...errors()].map((e) => e.groupFirstInSession),
      [true, false, true, false, false, true],
    );
  });

  test('URLs inside stacks lose query and fragment, positions stay', async () => {
    start({}, { url: 'https://shop.example.com/checkout?email=a%40b.com&token=t' });
    const e = new Error('boom');
    e.stack = [
      'Error: boom',
      '    at placeOrder (https://shop.example.com/checkout?email=a%40b.com&token=t:12:7)',
      '    at https://shop.example.com/app.js?v=3#frag:1:99',
      'onClick@https://shop.example.com/checkout?email=a@b.com:30:5',
    ].join('\n');
    browser.fireWindow('error', { error: e });
    await tick(1000);

    const [reported] = events().filter((x) => x.type === 'error');
    assert.equal(
      reported.stack,
      [
        'Error: boom',
        '    at placeOrder (https://shop.example.com/checkout:12:7)',
        '    at https://shop.example.com/app.js:1:99',
        'onClick@https://shop.example.com/checkout:30:5',
      ].join('\n'),
    );
    assert.doesNotMatch(JSON.stringify(browser.sent()), /email|token=/);
  });

  test('at most 50 errors per page', async () => {
    start({ maxBatch: 100 });
    for (let i = 0; i < 60; i++) browser.fireWindow('error', { error: new Error(`e${i}`) });
    await tick(1000);
    assert.equal(events().filter((e) => e.type === 'error').length, 50);
  });
});

describe('SPA navigation', () => {
  test('a pushState route change is a new page view with its template, referrer and own beacon', async () => {
    start({ routes: ['/', '/product/:id'] }, { url: 'https://shop.example.com/' });
    history.pushState({}, '', '/product/42?email=a%40b.com');
    await tick(1000);
    const [landing, product] = beacons();
    assert.deepEqual(landing.page, { url: 'https://shop.example.com/', route: '/' });
    assert.deepEqual(product.page, {
      url: 'https://shop.example.com/product/42',
      route: '/product/:id',
      referrer: 'https://shop.example.com/',
    });
    assert.deepEqual(
      product.events.map((e) => [e.type, e.navigationType]),
      [['pageview', 'soft-navigation']],
    );
  });

  test('popstate and replaceState count; a query-only change does not', async () => {
    start({}, { url: 'https://shop.example.com/a' });
    history.replaceState({}, '', '/a?page=2');
    history.replaceState({}, '', '/b');
    browser.setUrl('/c');
    browser.fireWindow('popstate');
    await tick(1000);
    assert.deepEqual(
      beacons().map((b) => b.page.url),
      ['https://shop.example.com/a', 'https://shop.example.com/b', 'https://shop.example.com/c'],
    );
  });

  test('setRoute names the current page view', async () => {
    const rum = start({}, { url: 'https://shop.example.com/' });
    history.pushState({}, '', '/u/jane');
    rum.setRoute('/u/:name');
    await tick(1000);
    assert.equal(beacons()[1].page.route, '/u/:name');
    assert.equal(beacons()[0].page.route, undefined);
  });
});

describe('resources and long tasks', () => {
  test('failed and slow resources are reported with party; fast ones and the beacons are not', async () => {
    start({ firstParty: ['https://cdn.shop.example'] }, { url: 'https://shop.example.com/' });
    browser.emitEntries('resource', [
      { name: 'https://cdn.example.net/lib.js?v=1&user=jane', initiatorType: 'script', duration: 80, responseStatus: 404 },
      { name: 'https://cdn.shop.example/hero.jpg', initiatorType: 'img', duration: 1500, responseStatus: 200 },
      { name: 'https://shop.example.com/app.js', initiatorType: 'script', duration: 120, responseStatus: 200 },
      { name: `${ENDPOINT}?key=pk_test`, initiatorType: 'beacon', duration: 5000, responseStatus: 503 },
      { name: 'https://shop.example.com/favicon.ico', initiatorType: 'other', duration: -2.8, responseStatus: 404 },
    ]);
    await tick(1000);
    const resources = events().filter((e) => e.type === 'resource');
    assert.deepEqual(
      resources.map(({ ts, ...r }) => r),
      [
        { type: 'resource', url: 'https://cdn.example.net/lib.js', initiator: 'script', duration: 80, status: 404, party: 'third' },
        { type: 'resource', url: 'https://cdn.shop.example/hero.jpg', initiator: 'img', duration: 1500, status: 200, party: 'first' },
        { type: 'resource', url: 'https://shop.example.com/favicon.ico', initiator: 'other', duration: 0, status: 404, party: 'first' },
      ],
    );
  });

  test('long animation frames carry the party of their longest script', async () => {
    start({}, { loaf: true });
    browser.emitEntries('long-animation-frame', [
      { duration: 120, blockingDuration: 70, scripts: [{ duration: 100, sourceURL: 'https://ads.example.net/tag.js' }] },
      { duration: 60, blockingDuration: 0, scripts: [] },
    ]);
    await tick(1000);
    assert.deepEqual(
      events()
        .filter((e) => e.type === 'longtask')
        .map((e) => [e.duration, e.party]),
      [[120, 'third']],
    );
  });

  test('plain long tasks where long animation frames are missing', async () => {
    start();
    browser.emitEntries('longtask', [
      { name: 'self', duration: 80 },
      { name: 'cross-origin-descendant', duration: 200 },
    ]);
    await tick(1000);
    assert.deepEqual(
      events()
        .filter((e) => e.type === 'longtask')
        .map((e) => [e.duration, e.party]),
      [
        [80, 'first'],
        [200, 'third'],
      ],
    );
  });
});

describe('trace context', () => {
  test('same-origin and listed requests carry the page traceparent; others and beacons do not', async () => {
    start({ traceOrigins: ['https://api.shop.example'] }, { url: 'https://shop.example.com/' });
    await fetch('/api/cart');
    await fetch(new Request('https://api.shop.example/v1/price', { headers: { 'x-app': '1' } }));
    await fetch('https://cdn.example.net/x.json');
    await fetch('/api/own', { headers: { traceparent: '00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01' } });
    const xhr = browser.xhr();
    xhr.open('GET', '/api/xhr');
    const thirdXhr = browser.xhr();
    thirdXhr.open('GET', 'https://cdn.example.net/y.json');
    await tick(1000);

    const [cart, price, third, own, beacon] = browser.fetches;
    const traceparent = JSON.parse(beacon.body).trace.traceparent;
    assert.match(traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    assert.equal(cart.headers.traceparent, traceparent);
    assert.equal(price.headers.traceparent, traceparent);
    assert.equal(price.headers['x-app'], '1', 'the request keeps its own headers');
    assert.equal(third.headers.traceparent, undefined);
    assert.equal(own.headers.traceparent, '00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01', 'an existing header wins');
    assert.equal(beacon.url, ENDPOINT);
    assert.equal(beacon.headers.traceparent, undefined);
    assert.equal(xhr.headers.traceparent, traceparent);
    assert.equal(thirdXhr.headers.traceparent, undefined);
  });

  test('a sampled-out session adds no header', async () => {
    start({ sampleRate: 0.5 }, { storage: new Map([['rum_s', `${sessionId(0.5, false)}.${T0}.0`]]) });
    await fetch('/api/cart');
    assert.equal(browser.fetches[0].headers.traceparent, undefined);
  });
});

describe('transactions and beforeSend', () => {
  test('a transaction reports its name, outcome and duration once', async () => {
    const rum = start();
    const checkout = rum.startTransaction('checkout');
    await tick(5230);
    checkout.end('failure');
    checkout.end('success');
    await tick(1000);
    const tx = events().filter((e) => e.type === 'transaction');
    assert.deepEqual(
      tx.map(({ ts, ...t }) => t),
      [{ type: 'transaction', name: 'checkout', outcome: 'failure', duration: 5230 }],
    );
  });

  test('beforeSend can change or drop events; a throwing hook drops only its event', async () => {
    const rum = start({
      beforeSend: (e) => {
        if (e.type === 'transaction' && e.name === 'secret') return null;
        if (e.type === 'transaction' && e.name === 'broken') throw new Error('hook bug');
        return e.type === 'transaction' ? { ...e, name: 'renamed' } : e;
      },
    });
    for (const name of ['secret', 'broken', 'kept']) rum.startTransaction(name).end();
    await tick(1000);
    assert.deepEqual(
      events().map((e) => e.name ?? e.type),
      ['session_start', 'pageview', 'renamed'],
    );
  });
});

describe('never throws into the page', () => {
  test('an event that cannot be serialised is dropped with its batch; later batches still leave', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const rum = start({ beforeSend: (e) => (e.name === 'bad' ? { ...e, circular } : e) });
    rum.startTransaction('bad').end();
    await tick(1000);
    assert.equal(browser.fetches.length, 0);
    rum.startTransaction('good').end();
    await tick(1000);
    assert.deepEqual(
      events().map((e) => e.name),
      ['good'],
    );
  });
});
