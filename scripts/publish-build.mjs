// Plain JavaScript run by node, as the build scripts that use it.
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/**
 * Moves a finished build from its own folder into the place readers know (a package's lib/): each
 * file by a rename, which replaces the old one at once, then removes what the build no longer makes.
 * Two builds of the same sources make the same files, so a reader (npm pack, a test or a bench
 * step importing lib/) sees whole files all along, though the suite builds and packs at once.
 */
export async function publish(built, target) {
  await mkdir(target, { recursive: true });
  const made = new Set();
  for (const entry of await readdir(built, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = join(entry.parentPath, entry.name);
    const path = relative(built, from);
    made.add(path);
    await mkdir(dirname(join(target, path)), { recursive: true });
    await rename(from, join(target, path));
  }
  await rm(built, { recursive: true, force: true });
  for (const entry of await readdir(target, { recursive: true, withFileTypes: true })) {
    const path = relative(target, join(entry.parentPath, entry.name));
    if (entry.isFile() && !made.has(path)) await rm(join(target, path), { force: true });
  }
}
