import { type ChildProcess, spawn } from 'node:child_process';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { bin, freePort } from '../../scripts/support/local-process.ts';

export { bin, freePort };

export interface Service {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a command and resolves once `ready(outputSoFar)` answers true (polled), or rejects with the command's
 * output after `timeoutMs`. The process is killed with its children on stop().
 */
export async function startService(
  command: string,
  args: string[],
  ready: (output: string) => Promise<boolean>,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<Service> {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT_DIR,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((done) => child.once('exit', done));
    signalGroup(child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);
    if (child.exitCode === null) signalGroup(child.pid, 'SIGKILL');
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${output}`);
    if (await ready(output).catch(() => false)) return { process: child, output: () => output, stop };
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`${command} was not ready in time:\n${output}`);
}

/** Signals a process group; a group that already ended is not an error. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Runs a command to its end and answers its exit code and output. With `timeoutMs`, a command still
 * running then is killed (SIGKILL) and answers a code of 1, so a test never waits on it for ever.
 */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT_DIR,
      env: { ...process.env, ...env },
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code, signal) =>
      done({ code: code ?? 1, output: signal ? `${output}\n(ended by ${signal})` : output }),
    );
    // A command that cannot start (ENOENT, EACCES) emits no 'close': answer at once, not at the
    // test's timeout.
    child.on('error', (error) => done({ code: 127, output: `${output}\n${command}: ${error.message}` }));
  });
}
