import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunnerProfile } from './profile.ts';

/**
 * The runner profiles that `--profile` modules export: each module's default export or its
 * `profile` export, one profile or a list (the shape the mock's --profile takes). A module that
 * cannot be loaded or exports none is refused in one line that names it. Paths are read from the
 * working directory, as a user types them.
 */
export async function loadRunnerProfiles(modules: string[]): Promise<RunnerProfile[]> {
  const loaded: RunnerProfile[] = [];
  for (const module of modules) {
    const url = pathToFileURL(resolve(module)).href;
    const exports = (await import(url).catch((error: Error) => {
      throw new Error(`--profile ${module} could not be loaded: ${error.message.split('\n')[0]}`);
    })) as { default?: unknown; profile?: unknown };
    const found = [exports.default ?? exports.profile].flat().filter(isRunnerProfile);
    if (found.length === 0)
      throw new Error(
        `--profile ${module} exports no runner profile: export default { name: '...', checks: [...] } (or a list of them, or a named export "profile")`,
      );
    loaded.push(...found);
  }
  return loaded;
}

function isRunnerProfile(value: unknown): value is RunnerProfile {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}
