import type { Sink } from '../rum';
import { on } from '../util';

/** Reported errors per page: a loop that throws every frame must not flood the collector. */
const MAX_ERRORS = 50;

const describe = (x: unknown) =>
  x instanceof Error ? { message: String(x).slice(0, 500), stack: x.stack?.slice(0, 2000) } : { message: String(x).slice(0, 500) };

/** Uncaught errors and unhandled promise rejections; the session flag behind `firstInSession` lives in the core. */
export const trackErrors = (sink: Sink) => {
  let count = 0;
  const report = (kind: string, x: unknown) => count++ < MAX_ERRORS && sink.add('error', { kind, ...describe(x) });
  // Cross-origin scripts give no error object, only "Script error.".
  on(window, 'error', (e: ErrorEvent) => report('js', e.error ?? e.message));
  on(window, 'unhandledrejection', (e: PromiseRejectionEvent) => report('unhandledrejection', e.reason));
};
