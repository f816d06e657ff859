import { partyOf } from '../party';
import type { Sink } from '../rum';
import { observe } from '../util';

/** Failed (HTTP status ≥ 400) and slow resources, with the party that served them. */
export const trackResources = (sink: Sink, endpoint: string, slowMs: number) =>
  observe('resource', (r: PerformanceResourceTiming & { responseStatus?: number }) => {
    // The SDK's own beacons: reporting them would feed a loop when the collector is down.
    if (r.name.startsWith(endpoint)) return;
    const status = r.responseStatus || undefined;
    if (status! >= 400 || r.duration > slowMs)
      sink.add('resource', {
        url: sink.scrub(r.name),
        initiator: r.initiatorType,
        // Chromium reports the browser's own favicon fetch with a slightly negative duration.
        duration: Math.max(0, r.duration),
        status,
        party: partyOf(r.name, sink.firstParty),
      });
  });
