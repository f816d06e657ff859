/** localStorage, best effort: it throws when disabled, in some private modes and past its quota. */

export const load = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

export const save = (key: string, value: string) => {
  try {
    localStorage.setItem(key, value);
  } catch {}
};

export const remove = (key: string) => {
  try {
    localStorage.removeItem(key);
  } catch {}
};
