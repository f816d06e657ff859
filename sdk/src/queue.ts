/** Bounds the offline queue: localStorage (about 5 MB) is shared with the app, so the oldest batches go first. */
export const boundQueue = (bodies: string[], maxItems: number, maxChars: number) => {
  const kept = bodies.slice(-maxItems);
  let size = kept.reduce((n, b) => n + b.length, 0);
  while (size > maxChars) size -= kept.shift()!.length;
  return kept;
};
