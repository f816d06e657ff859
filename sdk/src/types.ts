/** Wire types of beacon format v1 (docs/beacon.md) and the SDK's options. */

/*
 * The event types and enumerated field values of beacon format v1. contracts/Fixtures/event-types.json is the
 * table; test/event-types.test.ts checks these against it. The collectors use them only as types, so the
 * arrays stay out of the bundles.
 */
export const EVENT_TYPES = ['session_start', 'pageview', 'vital', 'error', 'resource', 'longtask', 'transaction'] as const;
export const PAGE_OUTCOMES = ['ok', 'error'] as const;
/** Open on the wire (any short text); the values this SDK sends: navigation timing's types and SPA route changes. */
export const NAVIGATION_TYPES = ['navigate', 'reload', 'back_forward', 'prerender', 'soft-navigation'] as const;
/** FID only from SDKs older than web-vitals 5; this one no longer sends it. */
export const VITAL_NAMES = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB', 'FID'] as const;
export const RATINGS = ['good', 'needs-improvement', 'poor'] as const;
export const ERROR_KINDS = ['js', 'unhandledrejection', 'console', 'network'] as const;
export const PARTIES = ['first', 'third'] as const;
export const TRANSACTION_OUTCOMES = ['success', 'failure'] as const;
export const CONSENTS = ['granted', 'denied', 'unknown'] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type PageOutcome = (typeof PAGE_OUTCOMES)[number];
export type NavigationType = (typeof NAVIGATION_TYPES)[number];
export type VitalName = (typeof VITAL_NAMES)[number];
export type Rating = (typeof RATINGS)[number];
export type ErrorKind = (typeof ERROR_KINDS)[number];
export type Party = (typeof PARTIES)[number];
export type TransactionOutcome = (typeof TRANSACTION_OUTCOMES)[number];
export type Consent = (typeof CONSENTS)[number];

/** One beacon event: `type` and `ts` (epoch ms) plus the fields of its type. Times are milliseconds. */
export interface RumEvent {
  type: EventType;
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
  end(outcome?: TransactionOutcome): void;
}
