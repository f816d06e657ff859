/** Route templates given by the app: `:name` matches one path segment, a final `*` the rest. */

const segments = (path: string) => path.split('/').filter(Boolean);

const fits = (template: string[], path: string[]) => {
  const wild = template[template.length - 1] === '*';
  const fixed = wild ? template.slice(0, -1) : template;
  return (wild ? path.length >= fixed.length : path.length === fixed.length) && fixed.every((s, i) => s[0] === ':' || s === path[i]);
};

/** The first template that fits the path, in the app's order. */
export const matchRoute = (path: string, templates: string[]) => {
  const p = segments(path);
  return templates.find((t) => fits(segments(t), p));
};
