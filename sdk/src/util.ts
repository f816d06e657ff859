/** Small helpers shared by every part of the SDK. */

export const now = () => Date.now();

/** Wraps fn so that nothing it throws reaches the page: measuring must never break what it measures. */
export const safe =
  <A extends unknown[], R>(fn: (...args: A) => R) =>
  (...args: A): R | undefined => {
    try {
      return fn(...args);
    } catch {
      return undefined;
    }
  };

/** Random lowercase hex of `bytes` bytes (ids for sessions and W3C trace context). */
export const hex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => (b + 256).toString(16).slice(1)).join('');

export const on = (target: EventTarget, type: string, fn: (event: any) => unknown) =>
  target.addEventListener(type, safe(fn));

/** Observes a performance entry type, past entries included; silently nothing where the browser lacks it. */
export const observe = (type: string, fn: (entry: any) => unknown) =>
  safe(() => new PerformanceObserver((list) => list.getEntries().forEach(safe(fn))).observe({ type, buffered: true }))();
