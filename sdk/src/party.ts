import type { Party } from './types';

/** `firstParty[0]` is the page's origin; the others are origins the app declares its own. */
export const partyOf = (url: string, firstParty: string[]): Party => {
  try {
    return firstParty.includes(new URL(url, firstParty[0]).origin) ? 'first' : 'third';
  } catch {
    return 'third';
  }
};

/** A long animation frame belongs to the party of the script that ran longest in it (none: the page's own rendering). */
export const frameParty = (scripts: { duration: number; sourceURL: string }[], firstParty: string[]): Party => {
  const top = scripts.reduce<(typeof scripts)[number] | undefined>((a, s) => (a && a.duration >= s.duration ? a : s), undefined);
  return top ? partyOf(top.sourceURL, firstParty) : 'first';
};

/** Fallback for browsers without long animation frames: a long task's name only tells cross-origin frames apart. */
export const taskParty = (name: string): Party => (name.startsWith('cross-origin') ? 'third' : 'first');
