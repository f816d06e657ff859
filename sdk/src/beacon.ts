import type { Beacon, Consent, Page, RumEvent } from './types';

declare const __SDK_VERSION__: string;

/** Where a group of events happened: the page view (a SPA navigation starts a new one) within a session. */
export interface Scope {
  page: Page;
  sessionId: string;
}

export interface BeaconContext {
  app: string;
  release?: string;
  sampleRate: number;
  consent: Consent;
  traceparent: string;
}

export const buildBeacon = (c: BeaconContext, scope: Scope, events: RumEvent[]): Beacon => ({
  v: 1,
  app: c.app,
  release: c.release,
  sdk: { name: 'rum-sdk', version: __SDK_VERSION__ },
  session: { id: scope.sessionId, sampleRate: c.sampleRate, consent: c.consent },
  page: scope.page,
  trace: { traceparent: c.traceparent },
  events,
});

/** Splits buffered events into beacons of one scope each and at most `max` events each, keeping their order. */
export const groupByScope = (buffered: [Scope, RumEvent][], max: number) => {
  const groups: [Scope, RumEvent[]][] = [];
  for (const [scope, event] of buffered) {
    const last = groups[groups.length - 1];
    if (last && last[0] === scope && last[1].length < max) last[1].push(event);
    else groups.push([scope, [event]]);
  }
  return groups;
};
