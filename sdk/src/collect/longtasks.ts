import { frameParty, taskParty } from '../party';
import type { Sink } from '../rum';
import { observe } from '../util';

/**
 * Main-thread blocking with its party. Long animation frames name the scripts that ran, so
 * third-party blocking time is attributable; plain long tasks only tell cross-origin frames apart.
 */
export const trackLongTasks = (sink: Sink) =>
  PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? observe('long-animation-frame', (f) => f.blockingDuration > 0 && sink.add('longtask', { duration: f.duration, party: frameParty(f.scripts, sink.firstParty) }))
    : observe('longtask', (t: PerformanceEntry) => sink.add('longtask', { duration: t.duration, party: taskParty(t.name) }));
