/** Public API. One SDK per page: a second `init` returns the running one. */
import type { ErrorOptions } from './collect/errors';
import { createRum, type Rum } from './rum';
import type { Consent, RumOptions, Transaction } from './types';
import { safe } from './util';

export type { ErrorOptions } from './collect/errors';
export type { Beacon, Consent, Page, Party, RumEvent, RumOptions, Transaction } from './types';

let rum: Rum | undefined;
let consentBeforeInit: Consent | undefined;
const noTransaction: Transaction = { end() {} };

export const init: (options: RumOptions) => void = safe((options: RumOptions) => {
  if (rum) return;
  if (!options?.endpoint || !options.key || !options.app) return console.warn('rum: init needs endpoint, key and app');
  rum = createRum({ ...options, consent: consentBeforeInit ?? options.consent });
});

/** Tells the SDK what the user chose; callable before `init` (a consent banner may answer first). */
export const setConsent: (consent: Consent) => void = safe((consent: Consent) => {
  if (rum) rum.setConsent(consent);
  else consentBeforeInit = consent;
});

/** Names the current page view's route template, e.g. `/product/:id`; call it after the router navigated. */
export const setRoute: (template: string) => void = safe((template: string) => rum?.setRoute(template));

export const startTransaction = (name: string): Transaction => safe(() => rum?.startTransaction(name))() ?? noTransaction;

/**
 * Reports an error the app caught, with its stack; `fingerprint` groups it explicitly, `context` adds
 * a few key/values to the exported event. Counts like an uncaught error (at most 50 per page).
 */
export const error: (error: unknown, options?: ErrorOptions) => void = safe((e: unknown, options?: ErrorOptions) => rum?.error(e, options));

/** Sends what is buffered now (normally batches leave on a timer and when the page is hidden). */
export const flush: () => void = safe(() => rum?.flush());
