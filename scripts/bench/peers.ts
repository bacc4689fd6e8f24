import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { bin, freePort } from '../support/local-process.ts';

export { bin, freePort };

/** How to start one server of the comparison, and where to find its answers. */
export interface PeerSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Path (after the origin) that answers 200 once the server is ready, without a token. */
  readyPath: string;
  /** Prefix of the contract's paths on this server: `/api` for the mock, nothing for Prism. */
  prefix: string;
  /** Ready at its first answer of any status (a foreign description names no path sure to be 200). */
  readyOnAnyAnswer?: boolean;
}

export interface RunningPeer {
  name: string;
  origin: string;
  pid: number;
  /** Milliseconds from spawn() to the first 200 of `readyPath`. */
  startMs: number;
  /** Resident set size of the process and its children, in MiB, now. */
  rssMb(): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * One GET on loopback without keep-alive; answers the status, or 0 when nothing answered. A request
 * destroyed at its timeout may end with 'close' and no 'error' (a server that took the connection and
 * never answered: Scalar's, busy with a description, held the bench for minutes), so 'close' settles.
 */
export function probe(url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((done) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(0));
    req.on('close', () => done(0));
    req.end();
  });
}

/**
 * Spawns a peer on a free loopback port (the `{port}` placeholder in its arguments and `PORT` in
 * its environment), polls its ready path every 10 ms and answers once it says 200. The time is taken
 * from the spawn, so it includes the runtime's own start, module loading and any data seeding.
 */
export async function startPeer(spec: PeerSpec, timeoutMs = 120_000): Promise<RunningPeer> {
  const port = await freePort();
  const args = spec.args.map((a) => a.replaceAll('{port}', String(port)));
  // An `undefined` in the peer's env removes that variable (the mock's CLI reads '' as a value).
  const env: NodeJS.ProcessEnv = { ...process.env, ...spec.env, PORT: String(port) };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const started = performance.now();
  const child = spawn(spec.command, args, {
    cwd: ROOT_DIR,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(child);
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with ${child.exitCode}:\n${output}`);
    const status = await probe(origin + spec.readyPath, 500);
    if (status === 200 || (spec.readyOnAnyAnswer && status > 0)) {
      const startMs = performance.now() - started;
      const pid = child.pid as number;
      return {
        name: spec.name,
        origin,
        pid,
        startMs,
        rssMb: () => treeRssMb(pid),
        output: () => output,
        stop,
      };
    }
    await new Promise((done) => setTimeout(done, 10));
  }
  await stop();
  throw new Error(`${spec.name} answered no 200 on ${spec.readyPath} within ${timeoutMs} ms:\n${output}`);
}

/** SIGTERM to the process group, SIGKILL after 3 s; a group that already ended is fine. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((done) => child.once('exit', done));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  signal('SIGTERM');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 3000))]);
  if (child.exitCode === null && child.signalCode === null) signal('SIGKILL');
}

/**
 * VmRSS of a process and all its descendants, from /proc: `tsx` and Prism run the server in a
 * child process, so the launcher's own memory is counted too, as a user would see it.
 */
export async function treeRssMb(pid: number): Promise<number> {
  let kb = 0;
  for (const p of await descendants(pid)) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return Math.round(kb / 102.4) / 10;
}

/**
 * The peak RSS (VmHWM) of a process and its descendants, summed, in MiB: each process's own peak,
 * so an upper bound of the tree's (exact for a server of one process, as this mock is).
 */
export async function treePeakRssMb(pid: number): Promise<number> {
  let kb = 0;
  for (const p of await descendants(pid)) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kb += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return Math.round(kb / 1024);
}

async function descendants(pid: number): Promise<number[]> {
  const found = [pid];
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ').filter(Boolean))
      found.push(...(await descendants(Number(child))));
  }
  return found;
}
