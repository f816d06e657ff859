/**
 * Removes what URLs often leak (emails, tokens, ids in query strings, credentials, fragments
 * carrying OAuth tokens) before anything is queued: only allow-listed query parameters stay.
 */
export const scrubUrl = (url: string, allowed: string[], base?: string) => {
  try {
    const u = new URL(url, base);
    u.username = u.password = u.hash = '';
    [...u.searchParams.keys()].forEach((k) => allowed.includes(k) || u.searchParams.delete(k));
    return u.href;
  } catch {
    return '';
  }
};
