/** Delivery decisions after one attempt, as pure functions of the answer. */

/** Delivered, or refused for good (a 4xx the same body would get again). */
export const DONE = -1;
/** Out of attempts: keep the body in the offline queue for a later page. */
export const PARK = -2;
export const MAX_ATTEMPTS = 4;

/** Retry-After as milliseconds from `time`: delta-seconds or an HTTP date; 0 when absent or unreadable. */
export const retryAfterMs = (header: string | null | undefined, time: number) => {
  if (!header) return 0;
  const seconds = +header;
  return seconds >= 0 ? seconds * 1000 : Math.max(0, Date.parse(header) - time) || 0;
};

/**
 * DONE, PARK, or milliseconds to wait before the next attempt: exponential backoff (1 s, 2 s, 4 s)
 * or the server's Retry-After when longer. Status 0 is a network failure.
 */
export const nextStep = (status: number, attempt: number, retryAfter: string | null | undefined, time: number) => {
  const retryable = status === 0 || status === 408 || status === 429 || status >= 500;
  if (!retryable) return DONE;
  if (attempt + 1 >= MAX_ATTEMPTS) return PARK;
  return Math.max(1000 * 2 ** attempt, retryAfterMs(retryAfter, time));
};
