import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunnerProfiles } from './load-profiles.ts';

// `--profile ./module.mjs`: the module's default or `profile` export, one profile or a list.
describe('loadRunnerProfiles', () => {
  const module = async (source: string) => {
    const file = join(await mkdtemp(join(tmpdir(), 'runner-profile-')), 'profile.mjs');
    await writeFile(file, source);
    return file;
  };

  it.each([
    ['a default export', "export default { name: 'a', login: { email: 'e', password: 'p' } };", ['a']],
    ['a named export "profile"', "export const profile = { name: 'b' };", ['b']],
    ['a list', "export default [{ name: 'c' }, { name: 'd' }];", ['c', 'd']],
  ])('takes %s', async (_, source, want) => {
    const profiles = await loadRunnerProfiles([await module(source)]);
    expect(profiles.map((p) => p.name)).toEqual(want);
  });

  it.each([
    ['a module that exports no profile', 'export const other = 1;', /exports no runner profile/],
    ['a module that does not load', 'export default {', /could not be loaded/],
  ])('refuses %s in one line naming it', async (_, source, want) => {
    const file = await module(source);
    await expect(loadRunnerProfiles([file])).rejects.toThrow(want);
    await expect(loadRunnerProfiles([file])).rejects.toThrow(file);
  });
});
