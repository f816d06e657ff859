/** Wire types of beacon format v1 (shared/design/beacon.md) and the SDK's options. */

export type Consent = 'granted' | 'denied' | 'unknown';
export type Party = 'first' | 'third';

/** One beacon event: `type` and `ts` (epoch ms) plus the fields of its type. Times are milliseconds. */
export interface RumEvent {
  type: string;
  ts: number;
  [field: string]: unknown;
}

export interface Page {
  url: string;
  route?: string;
  referrer?: string;
}

export interface Beacon {
  v: 1;
  app: string;
  release?: string;
  sdk: { name: string; version: string };
  session: { id: string; sampleRate: number; consent: Consent };
  page: Page;
  trace: { traceparent: string };
  events: RumEvent[];
}

export interface RumOptions {
  /** Collector ingest URL, e.g. `https://rum.example.com/v1/rum`. */
  endpoint: string;
  /** Public ingest key of the app. */
  key: string;
  app: string;
  release?: string;
  /** Route templates matched against the path in order: `/product/:id`, `/docs/*`. */
  routes?: string[];
  /** Share of sessions kept, 0..1 (default 1). Decided once per session from its id. */
  sampleRate?: number;
  /** When true nothing is sent before `setConsent('granted')`. */
  consentRequired?: boolean;
  /** Consent already known at init (default `unknown`). */
  consent?: Consent;
  /** Milliseconds between batch flushes (default 5000). */
  flushInterval?: number;
  /** Events per beacon (default 30). */
  maxBatch?: number;
  /** Milliseconds of inactivity that end a session (default 30 minutes). */
  sessionTimeout?: number;
  /** Query parameters kept in reported URLs; all others are removed (default utm_source, utm_medium, utm_campaign). */
  allowedParams?: string[];
  /** Origins besides the page's that count as first party, e.g. `https://cdn.shop.example`. */
  firstParty?: string[];
  /** Origins besides the page's whose fetch/XHR requests get the `traceparent` header. */
  traceOrigins?: string[];
  /** Resources slower than this many milliseconds are reported (default 1000); failed ones always are. */
  slowResource?: number;
  /** Sees every event before it is queued; return the event (changed or not) to keep it, anything else drops it. */
  beforeSend?: (event: RumEvent) => RumEvent | null | false | undefined;
}

export interface Transaction {
  end(outcome?: 'success' | 'failure'): void;
}
