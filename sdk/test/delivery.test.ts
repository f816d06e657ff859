import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { boundQueue } from '../src/queue';
import { DONE, MAX_ATTEMPTS, PARK, nextStep, retryAfterMs } from '../src/retry';

const T = Date.parse('2025-11-25T10:00:00Z');

describe('nextStep', () => {
  for (const status of [200, 202, 204]) test(`${status} is delivered`, () => assert.equal(nextStep(status, 0, null, T), DONE));

  for (const status of [400, 401, 403, 413, 415])
    test(`${status} is refused for good: no retry`, () => assert.equal(nextStep(status, 0, null, T), DONE));

  for (const status of [0, 408, 429, 500, 503])
    test(`${status} backs off exponentially then parks`, () => {
      const waits = Array.from({ length: MAX_ATTEMPTS }, (_, attempt) => nextStep(status, attempt, null, T));
      assert.deepEqual(waits, [1000, 2000, 4000, PARK]);
    });

  test('429 waits the Retry-After seconds when longer than the backoff', () => {
    assert.equal(nextStep(429, 0, '30', T), 30_000);
  });

  test('a Retry-After shorter than the backoff does not shorten it', () => {
    assert.equal(nextStep(503, 2, '1', T), 4000);
  });

  test('Retry-After as an HTTP date', () => {
    assert.equal(nextStep(429, 0, new Date(T + 90_000).toUTCString(), T), 90_000);
  });
});

describe('retryAfterMs', () => {
  const cases: [string | null, number][] = [
    [null, 0],
    ['', 0],
    ['0', 0],
    ['120', 120_000],
    ['soon', 0],
    [new Date(T - 60_000).toUTCString(), 0],
    [new Date(T + 5_000).toUTCString(), 5_000],
  ];
  for (const [header, ms] of cases) test(`${JSON.stringify(header)} -> ${ms} ms`, () => assert.equal(retryAfterMs(header, T), ms));
});

describe('boundQueue', () => {
  test('keeps everything within bounds, in order', () => {
    assert.deepEqual(boundQueue(['a', 'b', 'c'], 5, 100), ['a', 'b', 'c']);
  });

  test('drops the oldest past the item bound', () => {
    assert.deepEqual(boundQueue(['1', '2', '3', '4'], 2, 100), ['3', '4']);
  });

  test('drops the oldest past the size bound', () => {
    assert.deepEqual(boundQueue(['aaaa', 'bbbb', 'cccc'], 10, 9), ['bbbb', 'cccc']);
  });

  test('drops even the newest when it alone is too large', () => {
    assert.deepEqual(boundQueue(['a', 'x'.repeat(20)], 10, 10), []);
  });
});
