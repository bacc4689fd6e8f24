// Plain JavaScript, so that the bins start under plain node in both places they live.
import { existsSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);

/**
 * Runs a command's entry, `contracts/cli` for instance. In a checkout the TypeScript source is
 * there and runs through tsx, so a bin never runs a stale build; the published package ships no
 * source, only the JavaScript compiled into lib/ (`npm run build`), which runs with no loader.
 */
export async function runEntry(entry) {
  const source = new URL(`${entry}.ts`, ROOT);
  if (existsSync(source)) {
    const { register } = await import('tsx/esm/api');
    register();
    await import(source.href);
  } else {
    await import(new URL(`lib/${entry}.js`, ROOT).href);
  }
}
