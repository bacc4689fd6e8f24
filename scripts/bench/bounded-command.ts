import { spawn } from 'node:child_process';
import { delimiter, resolve, sep } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

/** What a command did: its exit code (undefined when it was stopped at its limit), output and time. */
export interface CommandOutcome {
  code: number | undefined;
  output: string;
  ms: number;
}

/**
 * The environment a user's shell would give a command: without what `npm run bench` adds (every
 * `npm_*` variable, among them this checkout's `omit=dev` and its cache, and the checkout's
 * `node_modules/.bin` folders in PATH), so that an npm started here reads its own project's
 * `.npmrc` and the user's config, as it does after a `git clone`.
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const checkout = `${resolve(ROOT_DIR)}${sep}`;
  env.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !`${resolve(dir)}${sep}`.startsWith(checkout) && !dir.includes(`node_modules${sep}.bin`))
    .join(delimiter);
  return { ...env, ...extra };
}

/**
 * Runs a command to its end or to `limitMs`, whichever comes first. It runs in a process group of
 * its own, and the whole group is killed at the limit: `npm ci` starts install scripts (a native
 * compile among them) that would outlive npm alone.
 */
export function runBounded(
  command: string,
  args: string[],
  options: { cwd: string; limitMs: number; env?: NodeJS.ProcessEnv },
): Promise<CommandOutcome> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? userEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group ended between the limit and the kill: nothing left to stop.
      }
    }, options.limitMs);
    const finish = (code: number | undefined, note = '') => {
      clearTimeout(timer);
      done({ code, output: `${output}${note}`, ms: performance.now() - started });
    };
    child.on('close', (code) =>
      stopped
        ? finish(undefined, `\n(stopped at its ${Math.round(options.limitMs / 1000)} s limit)`)
        : finish(code ?? undefined),
    );
    // A command that cannot start (ENOENT) emits no 'close'.
    child.on('error', (error) => finish(127, `\n${command}: ${error.message}`));
  });
}

/** The outcome's output when it failed, as an error that names the command; nothing when it passed. */
export function failureOf(what: string, outcome: CommandOutcome): string | undefined {
  if (outcome.code === 0) return undefined;
  const tail = outcome.output.trim().split('\n').slice(-15).join('\n');
  return `${what} ${outcome.code === undefined ? 'did not finish' : `exited with ${outcome.code}`}:\n${tail}`;
}
