import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CONSENTS,
  ERROR_KINDS,
  EVENT_TYPES,
  NAVIGATION_TYPES,
  PAGE_OUTCOMES,
  PARTIES,
  RATINGS,
  TRANSACTION_OUTCOMES,
  VITAL_NAMES,
} from '../src/types';
import { checkedTypes, eventTable } from './contract';

/** The SDK's constant for each field of the table; open fields the browser fills in (resource.initiator) have none. */
const constants: Record<string, readonly string[]> = {
  'pageview.outcome': PAGE_OUTCOMES,
  'pageview.navigationType': NAVIGATION_TYPES,
  'vital.name': VITAL_NAMES,
  'vital.rating': RATINGS,
  'error.kind': ERROR_KINDS,
  'resource.party': PARTIES,
  'longtask.party': PARTIES,
  'transaction.outcome': TRANSACTION_OUTCOMES,
  'session.consent': CONSENTS,
};
const browserFilled = ['resource.initiator'];

describe('event types', () => {
  test('are the shared table of contracts/Fixtures/event-types.json', () => {
    assert.deepEqual([...EVENT_TYPES], eventTable.types);
    assert.deepEqual(checkedTypes, eventTable.types, 'the beacon checker knows every type of the table');
  });

  test("the SDK's field values are the table's", () => {
    assert.deepEqual(Object.keys(constants).concat(browserFilled).sort(), eventTable.fields.map((f) => f.key).sort());
    for (const f of eventTable.fields) if (!browserFilled.includes(f.key)) assert.deepEqual([...constants[f.key]], f.values, f.key);
  });

  test('fields the browser fills in are open on the wire', () => {
    for (const key of browserFilled) assert.equal(eventTable.fields.find((f) => f.key === key)?.open, true, key);
  });
});
