/**
 * Session sampling from the session id alone (FNV-1a, 32 bit): every tab and page of a session
 * takes the same decision without sharing state, so a kept session is kept whole.
 */
export const samplePoint = (sessionId: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i++) h = Math.imul(h ^ sessionId.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
};

export const isSampled = (sessionId: string, rate: number) => samplePoint(sessionId) < rate;
