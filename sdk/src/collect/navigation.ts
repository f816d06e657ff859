import type { Sink } from '../rum';
import type { NavigationType, PageOutcome } from '../types';
import { on, safe } from '../util';

/**
 * Page views: the document's own (with its HTTP status from navigation timing), then one per
 * SPA route change made through the History API. A change of query or hash alone is no new view.
 */
export const trackNavigation = (sink: Sink, navigate: (url: string) => void) => {
  const nav = performance.getEntriesByType?.('navigation')[0] as (PerformanceNavigationTiming & { responseStatus?: number }) | undefined;
  const status = nav?.responseStatus || undefined;
  sink.add('pageview', { outcome: (status! >= 400 ? 'error' : 'ok') satisfies PageOutcome, navigationType: (nav?.type ?? 'navigate') satisfies NavigationType, status });

  let path = location.pathname;
  const changed = () => {
    if (location.pathname === path) return;
    path = location.pathname;
    navigate(location.href);
    sink.add('pageview', { outcome: 'ok' satisfies PageOutcome, navigationType: 'soft-navigation' satisfies NavigationType });
  };
  (['pushState', 'replaceState'] as const).forEach((method) => {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      safe(changed)();
      return result;
    };
  });
  on(window, 'popstate', changed);
};
