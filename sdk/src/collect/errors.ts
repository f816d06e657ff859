import type { Sink } from '../rum';
import type { ErrorKind } from '../types';
import { samplePoint } from '../sampling';
import { on } from '../util';

/** Reported errors per page: a loop that throws every frame must not flood the collector. */
const MAX_ERRORS = 50;

/** What the app may add to a reported error: its own grouping and a little context. */
export interface ErrorOptions {
  /** Errors with the same fingerprint form one group; the item `{{ default }}` stands for the collector's own grouping. */
  fingerprint?: string[];
  /** Short key/value context exported with the event (redacted by the collector, never a metric label). */
  context?: Record<string, string | number | boolean>;
}

/**
 * URLs inside stacks keep no query or fragment: an inline script's frames carry the page URL with
 * its whole query (`?email=…`), and the collector's page-URL scrubbing does not see stacks.
 * The `:line:column` after a URL stays.
 */
export const scrubStack = (text: string) =>
  text.replace(/[a-z][\w+.-]*:\/\/[^\s()]+/gi, (url) => {
    const position = /(:\d+)*$/.exec(url)![0];
    return url.slice(0, url.length - position.length).split(/[?#]/)[0] + position;
  });

/**
 * What the SDK remembers per session to tell the collector that this session sees this error for
 * the first time (`groupFirstInSession`): the explicit fingerprint, else the stack's frames without
 * positions, else the message without digits. An approximation of the collector's group (docs/errors.md).
 */
export const groupKey = (message: string, stack?: string, fingerprint?: string[]) =>
  samplePoint(
    fingerprint?.join('\n') ??
      (stack?.split('\n').filter((l) => l.includes('://')).map((l) => l.replace(/:\d+/g, '')).join('\n') || message.replace(/\d+/g, '0')),
  )
    .toString(36)
    .slice(2, 9);

const describe = (x: unknown) =>
  x instanceof Error
    ? { message: scrubStack(String(x).slice(0, 500)), stack: x.stack && scrubStack(x.stack).slice(0, 2000) }
    : { message: scrubStack(String(x).slice(0, 500)) };

/** Uncaught errors and unhandled promise rejections; the session flags behind `firstInSession` live in the core. */
export const trackErrors = (sink: Sink) => {
  let count = 0;
  const report = (kind: ErrorKind, x: unknown, o: ErrorOptions = {}) => {
    if (count++ >= MAX_ERRORS) return;
    const d = describe(x);
    const fingerprint = o.fingerprint?.slice(0, 8).map((p) => String(p).slice(0, 128));
    sink.add('error', { kind, ...d, fingerprint, context: o.context }, undefined, groupKey(d.message, d.stack, fingerprint));
  };
  // Cross-origin scripts give no error object, only "Script error.".
  on(window, 'error', (e: ErrorEvent) => report('js', e.error ?? e.message));
  on(window, 'unhandledrejection', (e: PromiseRejectionEvent) => report('unhandledrejection', e.reason));
  return (x: unknown, o?: ErrorOptions) => report('js', x, o);
};
