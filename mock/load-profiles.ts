import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Profile } from './profile.ts';

/**
 * The profiles that `--profile` modules export: each module's default export or its `profile`
 * export, one profile or a list. A module that exports none is refused in one line that names it.
 * Paths are read from the working directory, as a user types them.
 */
export async function loadProfiles(modules: string[]): Promise<Profile[]> {
  const loaded: Profile[] = [];
  for (const module of modules) {
    const url = pathToFileURL(resolve(module)).href;
    const exports = (await import(url)) as { default?: unknown; profile?: unknown };
    const found = [exports.default ?? exports.profile].flat().filter(isProfile);
    if (found.length === 0)
      throw new Error(
        `${module} exports no profile: export default { name: '...', ... } (or a list of them, or a named export "profile")`,
      );
    loaded.push(...found);
  }
  return loaded;
}

function isProfile(value: unknown): value is Profile {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}
