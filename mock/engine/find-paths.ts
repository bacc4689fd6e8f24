/**
 * How a collection's paths are found among a contract's paths, however the API spells them: a
 * `.json` suffix (`/domains.json`, `/domains/{domain}.json`), an item path under the singular of
 * the collection's word (`/silences` with `/silence/{silenceID}`), and action sub-paths of an item
 * (`/silence/{id}/expire`, `/orders/{id}:cancel`).
 */

/** A path without its `.json` suffix: `/domains.json` is the collection `/domains`. */
export function pathStem(path: string): string {
  return path.replace(/\.json$/i, '');
}

/** A path that ends in a parameter (`/x/{id}`, `/x/{id}.json`): one record's, not a collection's. */
export function endsInParameter(path: string): boolean {
  return /\/\{[^}]+\}$/.test(pathStem(path));
}

/**
 * The item path of a collection path: the path one parameter under it, else one parameter under
 * the singular of its last word, where no path of that singular exists of its own.
 */
export function itemPathOf(path: string, paths: string[]): string | undefined {
  const stem = pathStem(path);
  const under = (base: string) =>
    paths.find((p) => {
      const s = pathStem(p);
      return s.startsWith(`${base}/{`) && /^\/\{[^}/]+\}$/.test(s.slice(base.length));
    });
  const own = under(stem);
  if (own) return own;
  const stems = new Set(paths.map(pathStem));
  for (const base of singularsOf(stem)) {
    if (stems.has(base)) continue;
    const found = under(base);
    if (found) return found;
  }
  return undefined;
}

/** `/silences` -> `/silence`; `/policies` -> `/policy`; `/boxes` -> `/box`. */
function singularsOf(stem: string): string[] {
  const match = /^(.*\/)([^/{}]+)$/.exec(stem);
  if (!match) return [];
  const [, head, word] = match as unknown as [string, string, string];
  const forms: string[] = [];
  if (/ies$/.test(word)) forms.push(`${word.slice(0, -3)}y`);
  if (/(s|x|z|ch|sh)es$/.test(word)) forms.push(word.slice(0, -2));
  if (/[^s]s$/.test(word)) forms.push(word.slice(0, -1));
  return forms.map((form) => head + form);
}

/** The action sub-paths of an item path, with their verb: `/x/{id}/expire`, `/x/{id}:cancel`. */
export function actionPathsOf(itemPath: string, paths: string[]): { path: string; verb: string }[] {
  const stem = pathStem(itemPath);
  return paths.flatMap((path) => {
    const s = pathStem(path);
    if (!s.startsWith(stem)) return [];
    const verb = /^[/:]([A-Za-z][\w-]*)$/.exec(s.slice(stem.length))?.[1];
    return verb ? [{ path, verb }] : [];
  });
}
