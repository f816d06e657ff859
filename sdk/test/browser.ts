/**
 * A small fake browser installed on globalThis: just the window, document, location, history,
 * navigator, localStorage, fetch, XHR and performance surface the SDK touches, with handles
 * for tests to script answers and fire events. Timers and Date come from node:test's mock.timers.
 */
import type { Beacon } from '../src/types';

export interface SentRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  keepalive?: boolean;
}

export interface Answer {
  /** 0 is a network failure (fetch rejects). */
  status: number;
  retryAfter?: string;
}

export interface FakeBrowserOptions {
  url?: string;
  referrer?: string;
  /** Shared between "pages" to test what survives a reload. */
  storage?: Map<string, string>;
  /** localStorage throws on every call, as when disabled. */
  storageThrows?: boolean;
  navigationStatus?: number;
  sendBeacon?: boolean;
  /** Whether the browser reports long animation frames (else plain long tasks). */
  loaf?: boolean;
}

class FakePerformanceObserver {
  static supportedEntryTypes: string[] = [];
  static active = new Map<string, (list: { getEntries(): unknown[] }) => void>();
  constructor(private readonly callback: (list: { getEntries(): unknown[] }) => void) {}
  observe({ type }: { type: string }) {
    if (!FakePerformanceObserver.supportedEntryTypes.includes(type)) throw new TypeError(`unsupported ${type}`);
    FakePerformanceObserver.active.set(type, this.callback);
  }
}

export const installBrowser = (options: FakeBrowserOptions = {}) => {
  const g = globalThis as any;
  const storage = options.storage ?? new Map<string, string>();
  const fetches: SentRequest[] = [];
  const beacons: SentRequest[] = [];
  const answers: Answer[] = [];
  const windowEvents = new EventTarget();
  const documentEvents = new EventTarget();
  let href = options.url ?? 'https://shop.example.com/';

  const fetchFake = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = input instanceof Request ? input : undefined;
    const headers = Object.fromEntries(new Headers(init.headers ?? request?.headers));
    fetches.push({ url: request?.url ?? String(input), body: String(init.body ?? ''), headers, keepalive: init.keepalive });
    const answer = answers.shift() ?? { status: 202 };
    if (answer.status === 0) throw new TypeError('Failed to fetch');
    return new Response(null, { status: answer.status, headers: answer.retryAfter ? { 'Retry-After': answer.retryAfter } : {} });
  };

  class FakeXhr {
    url = '';
    headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
  }

  const throwing = () => {
    throw new DOMException('storage disabled', 'SecurityError');
  };
  const localStorage = options.storageThrows
    ? { getItem: throwing, setItem: throwing, removeItem: throwing }
    : {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, String(v)),
        removeItem: (k: string) => void storage.delete(k),
      };

  const navigationEntry = { type: 'navigate', responseStatus: options.navigationStatus ?? 200, responseStart: 50 };
  const setUrl = (url?: string | URL | null) => {
    if (url != null) href = new URL(String(url), href).href;
  };

  FakePerformanceObserver.supportedEntryTypes = ['resource', options.loaf ? 'long-animation-frame' : 'longtask'];
  FakePerformanceObserver.active.clear();

  const define = (name: string, value: unknown) => Object.defineProperty(g, name, { value, configurable: true, writable: true });
  define('window', g);
  define('addEventListener', windowEvents.addEventListener.bind(windowEvents));
  define('removeEventListener', windowEvents.removeEventListener.bind(windowEvents));
  define('dispatchEvent', windowEvents.dispatchEvent.bind(windowEvents));
  define('location', {
    get href() {
      return href;
    },
    get origin() {
      return new URL(href).origin;
    },
    get pathname() {
      return new URL(href).pathname;
    },
  });
  define('history', {
    pushState: (_s: unknown, _t: string, url?: string | URL | null) => setUrl(url),
    replaceState: (_s: unknown, _t: string, url?: string | URL | null) => setUrl(url),
  });
  define('document', {
    referrer: options.referrer ?? '',
    visibilityState: 'visible',
    // 'loading' keeps web-vitals' TTFB waiting for a load event the tests never fire.
    readyState: 'loading',
    addEventListener: documentEvents.addEventListener.bind(documentEvents),
    removeEventListener: documentEvents.removeEventListener.bind(documentEvents),
    dispatchEvent: documentEvents.dispatchEvent.bind(documentEvents),
  });
  define('navigator', {
    onLine: true,
    sendBeacon:
      options.sendBeacon === false
        ? undefined
        : (url: string, body: string) => {
            beacons.push({ url, body, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
            return true;
          },
  });
  define('localStorage', localStorage);
  define('fetch', fetchFake);
  define('XMLHttpRequest', FakeXhr);
  define('PerformanceObserver', FakePerformanceObserver);
  define('performance', {
    now: () => Date.now() - 1_764_070_000_000,
    timeOrigin: 1_764_070_000_000,
    getEntriesByType: (type: string) => (type === 'navigation' ? [navigationEntry] : []),
  });

  const fire = (target: EventTarget, type: string, props: Record<string, unknown> = {}) =>
    target.dispatchEvent(Object.assign(new Event(type), props));

  return {
    storage,
    fetches,
    beacons,
    /** Answers for the next fetches, in order; 202 once they run out. */
    answers,
    /** Beacon bodies sent by fetch or sendBeacon, parsed. */
    sent: (): Beacon[] => [...fetches, ...beacons].map((r) => JSON.parse(r.body)),
    setUrl,
    goOffline: () => (g.navigator.onLine = false),
    fireWindow: (type: string, props?: Record<string, unknown>) => fire(windowEvents, type, props),
    hide: () => {
      g.document.visibilityState = 'hidden';
      fire(documentEvents, 'visibilitychange');
    },
    /** Delivers performance entries to the SDK's observer of that type. */
    emitEntries: (type: string, entries: unknown[]) => FakePerformanceObserver.active.get(type)?.({ getEntries: () => entries }),
    xhr: () => new FakeXhr(),
  };
};

export type FakeBrowser = ReturnType<typeof installBrowser>;

/** Lets settled promises (fetch answers) run their continuations. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
