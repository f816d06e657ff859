/**
 * Session sampling from the session id alone: every tab and page of a session takes the same decision without
 * sharing state, so a kept session is kept whole. The point is the collector's too (docs/beacon.md, "Session
 * hash"): FNV-1a 32 over the id's UTF-8 bytes, then murmur3's fmix32, over 2^32. A collector that samples again
 * at a lower rate keeps a subset of the sessions the SDK kept. contracts/Fixtures/session-hash.json holds the
 * vectors both test suites check.
 */
export const samplePoint = (sessionId: string) => {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(sessionId)) h = Math.imul(h ^ b, 16777619);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
};

export const isSampled = (sessionId: string, rate: number) => samplePoint(sessionId) < rate;
