import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isSampled, samplePoint } from '../src/sampling';
import { readSession, writeSession } from '../src/session';
import { hex } from '../src/util';

const THIRTY_MIN = 30 * 60_000;
const ids = ['a', 'b', 'c'];
const newId = () => ids.shift() ?? 'z';

describe('session', () => {
  test('starts a fresh session when nothing is stored', () => {
    assert.deepEqual(readSession(null, 1000, THIRTY_MIN, () => 'new'), { id: 'new', last: 1000, erred: false, groups: [], fresh: true });
  });

  test('continues a stored session within the inactivity timeout and marks the activity', () => {
    const s = readSession('abc.1000.1.k1,k2', 1000 + THIRTY_MIN, THIRTY_MIN, newId);
    assert.deepEqual(s, { id: 'abc', last: 1000 + THIRTY_MIN, erred: true, groups: ['k1', 'k2'], fresh: false });
  });

  test('reads the record of an SDK that stored no error groups', () => {
    assert.deepEqual(readSession('abc.1000.1', 1000, THIRTY_MIN, newId).groups, []);
  });

  test('expires after the inactivity timeout', () => {
    const s = readSession('abc.1000.1', 1001 + THIRTY_MIN, THIRTY_MIN, () => 'next');
    assert.equal(s.id, 'next');
    assert.equal(s.fresh, true);
    assert.equal(s.erred, false, 'the error flag belongs to the old session');
  });

  for (const stored of ['', 'garbage', 'abc.notanumber.0', '.1000.0'])
    test(`treats unreadable record "${stored}" as no session`, () => {
      assert.equal(readSession(stored, 1000, THIRTY_MIN, () => 'new').id, 'new');
    });

  test('round-trips through its stored form', () => {
    const s = { id: hex(16), last: 1_764_070_000_000, erred: true, groups: ['a1b2c3d', 'x9y8z7w'], fresh: false };
    assert.deepEqual(readSession(writeSession(s), s.last, THIRTY_MIN, () => 'other'), s);
  });
});

describe('sampling', () => {
  test('agrees with the collector on the shared session-hash vectors', () => {
    // Tests run bundled from sdk/dist/test/.
    const fixture = JSON.parse(readFileSync(new URL('../../../contracts/Fixtures/session-hash.json', import.meta.url), 'utf8'));
    assert.ok(fixture.vectors.length >= 5);
    for (const { id, point } of fixture.vectors) assert.equal(samplePoint(id), point, id);
  });

  test('is deterministic per session id', () => {
    for (let i = 0; i < 50; i++) {
      const id = hex(16);
      assert.equal(isSampled(id, 0.3), isSampled(id, 0.3));
    }
  });

  test('keeps every session at rate 1 and none at rate 0', () => {
    for (let i = 0; i < 200; i++) {
      const id = hex(16);
      assert.equal(isSampled(id, 1), true);
      assert.equal(isSampled(id, 0), false);
    }
  });

  test('keeps about the rate of random sessions', () => {
    const n = 20_000;
    let kept = 0;
    for (let i = 0; i < n; i++) if (isSampled(hex(16), 0.25)) kept++;
    // 4 standard deviations of a binomial(20000, 0.25): about 245.
    assert.ok(Math.abs(kept - n * 0.25) < 245, `kept ${kept} of ${n}`);
  });

  test('a session kept at a low rate is also kept at every higher rate', () => {
    for (let i = 0; i < 500; i++) {
      const id = hex(16);
      if (isSampled(id, 0.1)) assert.ok(isSampled(id, 0.5));
    }
  });

  test('maps ids into [0, 1)', () => {
    for (const id of ['', 'a', 'ffffffffffffffffffffffffffffffff', hex(16)]) {
      const p = samplePoint(id);
      assert.ok(p >= 0 && p < 1, `${id} -> ${p}`);
    }
  });
});
