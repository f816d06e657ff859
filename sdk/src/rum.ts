import { buildBeacon, groupByScope, type Scope } from './beacon';
import { trackErrors, type ErrorOptions } from './collect/errors';
import { trackLongTasks } from './collect/longtasks';
import { trackNavigation } from './collect/navigation';
import { trackResources } from './collect/resources';
import { traceRequests } from './collect/tracing';
import { trackVitals } from './collect/vitals';
import { matchRoute } from './routes';
import { isSampled } from './sampling';
import { scrubUrl } from './scrub';
import { readSession, writeSession } from './session';
import { load, remove, save } from './storage';
import { createTransport } from './transport';
import type { Consent, EventType, Page, RumEvent, RumOptions, Transaction } from './types';
import { hex, now, on, safe } from './util';

const SESSION_KEY = 'rum_s';
/** Bounds memory while consent is pending or the collector is unreachable. */
const MAX_BUFFERED = 500;
/** Error groups remembered per session; an older one seen again counts as new (an over-count, never a loss). */
const MAX_GROUPS = 20;

/** What the collectors report into. */
export interface Sink {
  /** `group`: an error's group key, remembered per session for `groupFirstInSession`. */
  add(type: EventType, fields?: Record<string, unknown>, scope?: Scope, group?: string): void;
  scrub(url: string): string;
  firstParty: string[];
}

export interface Rum {
  setConsent(consent: Consent): void;
  setRoute(template: string): void;
  startTransaction(name: string): Transaction;
  error(error: unknown, options?: ErrorOptions): void;
  flush(): void;
}

export const createRum = (o: RumOptions): Rum => {
  const sampleRate = o.sampleRate ?? 1;
  const timeout = o.sessionTimeout ?? 18e5;
  const max = o.maxBatch ?? 30;
  const allowed = o.allowedParams ?? ['utm_source', 'utm_medium', 'utm_campaign'];
  const traceparent = `00-${hex(16)}-${hex(8)}-01`;
  const transport = createTransport(o.endpoint, o.key);
  let consent: Consent = o.consent ?? 'unknown';
  let buffer: [Scope, RumEvent][] = [];
  let timer: ReturnType<typeof setTimeout> | 0 = 0;

  const maySend = () => consent === 'granted' || (!o.consentRequired && consent !== 'denied');
  const scrub = (url: string) => scrubUrl(url, allowed, location.href);
  const pageAt = (url: string, referrer: string): Page => ({
    url: scrub(url),
    route: o.routes && matchRoute(new URL(url).pathname, o.routes),
    referrer: referrer ? scrub(referrer) : undefined,
  });

  let session = readSession(load(SESSION_KEY), now(), timeout, () => hex(16));
  let sampled = isSampled(session.id, sampleRate);
  let scope: Scope = { page: pageAt(location.href, document.referrer), sessionId: session.id };
  const landing = scope;

  // Safe on its own: timers call it outside any listener wrapper.
  const flush = safe((leaving: boolean = false) => {
    clearTimeout(timer);
    timer = 0;
    if (!maySend()) return;
    const batch = buffer;
    buffer = [];
    const context = { app: o.app, release: o.release, sampleRate, consent, traceparent };
    groupByScope(batch, max).forEach(([s, events]) => transport.send(JSON.stringify(buildBeacon(context, s, events)), leaving));
  });

  const push = (s: Scope, event: RumEvent) => {
    if (buffer.length >= MAX_BUFFERED) return;
    buffer.push([s, event]);
    if (buffer.length >= max) flush();
    else timer ||= setTimeout(flush, o.flushInterval ?? 5000);
  };

  /** Marks activity: continues the session (another tab may have extended or replaced it) or starts a new one. */
  const touch = () => {
    const next = readSession(load(SESSION_KEY) ?? writeSession(session), now(), timeout, () => hex(16));
    if (next.id !== session.id) {
      sampled = isSampled(next.id, sampleRate);
      scope = { page: scope.page, sessionId: next.id };
    } else next.fresh ||= session.fresh;
    session = next;
    if (session.fresh && sampled) push(scope, { type: 'session_start', ts: now() });
    session.fresh = false;
  };

  const add = (type: EventType, fields?: Record<string, unknown>, target?: Scope, group?: string) => {
    if (consent === 'denied') return;
    touch();
    if (type === 'error') {
      fields!.firstInSession = !session.erred;
      session.erred = true;
      if ((fields!.groupFirstInSession = !!group && !session.groups.includes(group)))
        session.groups = [...session.groups, group!].slice(-MAX_GROUPS);
    }
    save(SESSION_KEY, writeSession(session));
    if (!sampled) return;
    let event: unknown = { type, ts: now(), ...fields };
    if (o.beforeSend)
      try {
        event = o.beforeSend(event as RumEvent);
      } catch {
        // A throwing hook may be the app's own scrubber: dropping is the safe side.
        return;
      }
    if (event && typeof event === 'object') push(target ?? scope, event as RumEvent);
  };

  const navigate = (url: string) => {
    scope = { page: pageAt(url, scope.page.url), sessionId: session.id };
  };

  const sink: Sink = { add, scrub, firstParty: [location.origin, ...(o.firstParty ?? [])] };
  trackNavigation(sink, navigate);
  const reportError = trackErrors(sink);
  traceRequests(traceparent, () => sampled && consent !== 'denied', o.traceOrigins ?? []);
  // Observers see past entries (buffered), so they can wait: separate short tasks keep init from
  // blocking the page's own start in one long one.
  setTimeout(safe(() => trackVitals(sink, landing)), 0);
  setTimeout(
    safe(() => {
      trackResources(sink, o.endpoint, o.slowResource ?? 1000);
      trackLongTasks(sink);
      if (maySend()) transport.drain();
    }),
    0,
  );

  const leave = () => {
    flush(true);
    transport.park();
  };
  // On document, after web-vitals' window listeners: the vitals it reports on hiding are in this flush.
  on(document, 'visibilitychange', () => document.visibilityState === 'hidden' && leave());
  on(window, 'pagehide', leave);

  return {
    setConsent: (c) => {
      consent = c;
      if (c === 'denied') {
        buffer = [];
        transport.reset();
        remove(SESSION_KEY);
      } else if (maySend()) {
        transport.drain();
        flush();
      }
    },
    setRoute: (template) => {
      scope.page.route = template;
    },
    startTransaction: (name) => {
      const start = performance.now();
      let ended = false;
      return {
        end: safe((outcome = 'success') => {
          if (!ended) add('transaction', { name, outcome, duration: performance.now() - start });
          ended = true;
        }),
      };
    },
    error: reportError,
    flush: () => flush(),
  };
};
