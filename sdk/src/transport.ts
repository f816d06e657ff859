import { boundQueue } from './queue';
import { DONE, PARK, nextStep } from './retry';
import { load, remove, save } from './storage';
import { now, safe } from './util';

const QUEUE_KEY = 'rum_q';
const MAX_QUEUED = 20;
const MAX_QUEUED_CHARS = 200_000;
/** Browsers refuse keepalive bodies past 64 KB in flight. */
const KEEPALIVE_LIMIT = 60_000;

export interface Transport {
  /** Sends one beacon body; `leaving` when the page is being hidden or unloaded. */
  send(body: string, leaving: boolean): void;
  /** Moves bodies waiting for a retry into the offline queue: their timers die with the page. */
  park(): void;
  /** Sends what earlier pages queued. */
  drain(): void;
  /** Forgets everything queued or waiting (consent withdrawn). */
  reset(): void;
}

export const createTransport = (endpoint: string, key: string): Transport => {
  // Taken before the trace headers patch fetch: beacons must not carry the page's traceparent.
  const post = fetch;
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();
  const queued = (): string[] => {
    try {
      return JSON.parse(load(QUEUE_KEY) || '[]');
    } catch {
      return [];
    }
  };
  const enqueue = (body: string) => save(QUEUE_KEY, JSON.stringify(boundQueue([...queued(), body], MAX_QUEUED, MAX_QUEUED_CHARS)));

  const attempt = (body: string, n: number) => {
    if (navigator.onLine === false) return enqueue(body);
    post(endpoint, {
      method: 'POST',
      body,
      keepalive: body.length < KEEPALIVE_LIMIT,
      headers: { 'Content-Type': 'application/json', 'X-Rum-Key': key },
    })
      .then(
        (r) => nextStep(r.status, n, r.headers.get('Retry-After'), now()),
        () => nextStep(0, n, null, now()),
      )
      .then(
        safe((step: number) => {
          if (step === PARK) enqueue(body);
          else if (step !== DONE)
            waiting.set(
              body,
              setTimeout(() => {
                waiting.delete(body);
                attempt(body, n + 1);
              }, step),
            );
        }),
      );
  };

  const stopWaiting = (keep: boolean) => {
    waiting.forEach((timer, body) => {
      clearTimeout(timer);
      if (keep) enqueue(body);
    });
    waiting.clear();
  };

  return {
    send: (body, leaving) => {
      // sendBeacon cannot set headers: the key goes in the query and the body as text/plain.
      if (leaving && navigator.sendBeacon) {
        const url = `${endpoint}${endpoint.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`;
        navigator.sendBeacon(url, body) || enqueue(body);
      } else attempt(body, 0);
    },
    park: () => stopWaiting(true),
    drain: () => {
      const bodies = queued();
      remove(QUEUE_KEY);
      bodies.forEach((b) => attempt(b, 0));
    },
    reset: () => {
      stopWaiting(false);
      remove(QUEUE_KEY);
    },
  };
};
