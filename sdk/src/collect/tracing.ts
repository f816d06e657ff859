import { safe } from '../util';

/**
 * Adds the page's W3C `traceparent` to same-origin fetch/XHR requests and to the listed origins,
 * so backend traces join the page view. Other origins are left alone: an unexpected header
 * would turn their simple CORS requests into preflighted ones.
 */
export const traceRequests = (traceparent: string, active: () => boolean, origins: string[]) => {
  const wanted = (url: string) => {
    const origin = new URL(url, location.href).origin;
    return active() && (origin === location.origin || origins.includes(origin));
  };
  const fetchOriginal = window.fetch;
  if (fetchOriginal)
    window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      safe(() => {
        const request = input instanceof Request ? input : undefined;
        if (!wanted(request ? request.url : String(input))) return;
        const headers = new Headers(init?.headers ?? request?.headers);
        if (!headers.has('traceparent')) headers.set('traceparent', traceparent);
        init = { ...init, headers };
      })();
      return fetchOriginal.call(this, input, init);
    };
  const xhr = window.XMLHttpRequest?.prototype;
  const open = xhr?.open;
  if (open)
    xhr.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      (open as (...a: unknown[]) => void).apply(this, args);
      safe(() => wanted(String(args[1])) && this.setRequestHeader('traceparent', traceparent))();
    };
};
