import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import * as rum from '../src/index';
import type { RumOptions } from '../src/types';
import { installBrowser, settle } from './browser';

// The public API is a page-wide singleton: this file drives one page from start to end.
beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_764_070_000_000 }));
afterEach(() => mock.timers.reset());

test('the public API never throws and holds calls made before init', async () => {
  const browser = installBrowser();
  const warn = mock.method(console, 'warn', () => {});

  assert.doesNotThrow(() => rum.startTransaction('early').end());
  rum.setRoute('/ignored');
  rum.flush();
  rum.setConsent('granted');
  rum.init(undefined as unknown as RumOptions);
  rum.init({ endpoint: 'https://rum.example.com/v1/rum', app: 'storefront' } as RumOptions);
  assert.equal(warn.mock.callCount(), 2, 'bad options are named, not thrown');
  assert.equal(browser.fetches.length, 0);

  rum.init({ endpoint: 'https://rum.example.com/v1/rum', key: 'pk', app: 'storefront', consentRequired: true });
  rum.init({ endpoint: 'https://other.example.com/v1/rum', key: 'pk', app: 'other' });
  rum.startTransaction('checkout').end('success');
  rum.flush();
  await settle();

  assert.equal(browser.fetches.length, 1, 'consent given before init counts; the second init is ignored');
  const beacon = JSON.parse(browser.fetches[0].body);
  assert.equal(beacon.app, 'storefront');
  assert.equal(beacon.session.consent, 'granted');
  assert.deepEqual(
    beacon.events.map((e: { type: string }) => e.type),
    ['session_start', 'pageview', 'transaction'],
  );
});
