import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricType } from 'web-vitals';
import type { Scope } from '../beacon';
import type { Sink } from '../rum';
import type { Rating, VitalName } from '../types';
import { safe } from '../util';

type Subscribe = (report: (metric: MetricType) => void) => void;

/** Core Web Vitals belong to the document's landing page view even when reported after a SPA navigation. */
export const trackVitals = (sink: Sink, landing: Scope, subscribers = [onLCP, onINP, onCLS, onFCP, onTTFB] as Subscribe[]) => {
  const report = safe((m: MetricType) => sink.add('vital', { name: m.name satisfies VitalName, value: m.value, rating: m.rating satisfies Rating, id: m.id }, landing));
  for (const subscribe of subscribers) safe(subscribe)(report);
};
