/**
 * Beacon format v1 as docs/beacon.md states it, as a checker: the tests run every beacon
 * the SDK sends through it, so a drift from the contract fails whatever test caught it.
 * Event types and closed field values come from contracts/Fixtures/event-types.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Beacon, RumEvent } from '../src/types';

interface FieldValues {
  key: string;
  open: boolean;
  values: string[];
}

/** The shared table of event types and field values (tests run bundled from sdk/dist/test/). */
export const eventTable = (() => {
  type Field = { field: string; open?: boolean; values: string[] };
  const fixture = JSON.parse(readFileSync(new URL('../../../contracts/Fixtures/event-types.json', import.meta.url), 'utf8')) as {
    eventTypes: { type: string; fields: Field[] }[];
    beaconFields: Field[];
  };
  const field = (prefix: string, f: Field): FieldValues => ({ key: prefix + f.field, open: f.open === true, values: f.values });
  return {
    types: fixture.eventTypes.map((t) => t.type),
    fields: [...fixture.eventTypes.flatMap((t) => t.fields.map((f) => field(`${t.type}.`, f))), ...fixture.beaconFields.map((f) => field('', f))],
  };
})();

const closed = (key: string) => {
  const f = eventTable.fields.find((x) => x.key === key && !x.open);
  assert.ok(f, `${key} is a closed field of the table`);
  return f.values;
};

const number = (e: RumEvent, field: string) => assert.equal(typeof e[field], 'number', `${e.type}.${field} is a number`);
const oneOf = (e: RumEvent, field: string, values: unknown[]) =>
  assert.ok(values.includes(e[field]), `${e.type}.${field}=${String(e[field])} is one of ${values.join(', ')}`);
const text = (e: RumEvent, field: string) => assert.equal(typeof e[field], 'string', `${e.type}.${field} is a string`);

const eventChecks: Record<string, (e: RumEvent) => void> = {
  session_start: () => {},
  pageview: (e) => {
    oneOf(e, 'outcome', closed('pageview.outcome'));
    text(e, 'navigationType');
    if (e.status !== undefined) number(e, 'status');
  },
  vital: (e) => {
    oneOf(e, 'name', closed('vital.name'));
    number(e, 'value');
    oneOf(e, 'rating', closed('vital.rating'));
  },
  error: (e) => {
    oneOf(e, 'kind', closed('error.kind'));
    text(e, 'message');
    oneOf(e, 'firstInSession', [true, false]);
    oneOf(e, 'groupFirstInSession', [true, false]);
    if (e.fingerprint !== undefined)
      assert.ok(Array.isArray(e.fingerprint) && e.fingerprint.length <= 8 && e.fingerprint.every((p) => typeof p === 'string' && p.length <= 128), 'error.fingerprint is at most 8 short strings');
    if (e.context !== undefined) assert.equal(typeof e.context, 'object', 'error.context is an object');
    if (e.stack !== undefined) assert.doesNotMatch(String(e.stack), /:\/\/[^\s()]*[?#]/, 'error.stack URLs carry no query or fragment');
  },
  resource: (e) => {
    text(e, 'url');
    number(e, 'duration');
    oneOf(e, 'party', closed(`${e.type}.party`));
  },
  longtask: (e) => {
    number(e, 'duration');
    oneOf(e, 'party', closed(`${e.type}.party`));
  },
  transaction: (e) => {
    text(e, 'name');
    oneOf(e, 'outcome', closed('transaction.outcome'));
    number(e, 'duration');
  },
};

/** The event types this checker knows the fields of. */
export const checkedTypes = Object.keys(eventChecks);

export const assertBeacon = (b: Beacon) => {
  assert.equal(b.v, 1);
  assert.equal(typeof b.app, 'string');
  assert.deepEqual(Object.keys(b.sdk).sort(), ['name', 'version']);
  assert.match(b.session.id, /^[0-9a-f]{32}$/);
  assert.ok(b.session.sampleRate > 0 && b.session.sampleRate <= 1);
  assert.ok(closed('session.consent').includes(b.session.consent));
  assert.doesNotThrow(() => new URL(b.page.url), 'page.url is absolute');
  assert.match(b.trace.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  assert.ok(b.events.length > 0, 'no empty beacons');
  for (const e of b.events) {
    assert.ok(Number.isInteger(e.ts) && e.ts > 1.5e12, `${e.type}.ts is epoch milliseconds`);
    const check = eventChecks[e.type];
    assert.ok(eventTable.types.includes(e.type) && e.type in eventChecks, `event type ${e.type} is in the contract`);
    check(e);
  }
};
