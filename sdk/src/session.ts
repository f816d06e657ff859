/** Session identity with inactivity expiry, stored as one short string: "id.lastActivityMs.erred.groupKeys". */

export interface Session {
  id: string;
  /** Epoch ms of the last activity. */
  last: number;
  /** An error was already reported in this session (for `firstInSession`). */
  erred: boolean;
  /** Error group keys already reported in this session (for `groupFirstInSession`), newest last. */
  groups: string[];
  /** Started by this read: the SDK emits `session_start` for it. */
  fresh: boolean;
}

/** The stored session if it is still active at `time`, else a new one; either way marked active at `time`. */
export const readSession = (stored: string | null, time: number, timeout: number, newId: () => string): Session => {
  const [id, last, erred, groups] = (stored || '').split('.');
  return id && time - +last <= timeout
    ? { id, last: time, erred: erred === '1', groups: groups ? groups.split(',') : [], fresh: false }
    : { id: newId(), last: time, erred: false, groups: [], fresh: true };
};

export const writeSession = (s: Session) => `${s.id}.${s.last}.${s.erred ? 1 : 0}.${s.groups.join(',')}`;
