import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../support/local-process.ts';
import type { RealServer } from './servers.ts';

export interface StartedServer {
  origin: string;
  stop(): Promise<void>;
  /** The server's own output so far, for a report when it does not start. */
  output(): string;
}

/**
 * Starts a real server on a free loopback port and waits, at most `readyMs`, until its ready path
 * answers 200. Throws with the install line when its command is missing, and with the server's
 * own last lines when it exits or does not become ready in time.
 */
export async function startRealServer(
  server: RealServer,
  dataDir: string,
  readyMs = 60_000,
): Promise<StartedServer> {
  if (!existsSync(server.command))
    throw new Error(
      `${server.name} is not installed (${server.command} is missing): apt-get install -y ${server.packages.join(' ')}`,
    );
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(server.command, server.args(port, dataDir), { cwd: dataDir, stdio: 'pipe' });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const started = { origin, stop: () => stop(child), output: () => output };
  const deadline = Date.now() + readyMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${server.name} exited with ${child.exitCode} before it was ready:\n${output}`);
    const status = await fetch(origin + server.readyPath, {
      headers: server.headers,
      signal: AbortSignal.timeout(2_000),
    }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return started;
    await new Promise((done) => setTimeout(done, 200));
  }
  await stop(child);
  throw new Error(
    `${server.name} did not answer 200 at ${origin}${server.readyPath} within ${readyMs / 1000} s:\n${output}`,
  );
}

/** SIGTERM, then SIGKILL if the server is still there 5 s later. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
