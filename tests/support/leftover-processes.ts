import { readdirSync, readFileSync } from 'node:fs';

/**
 * Vitest's global setup: every process the suite starts (mocks, runners, browsers, outside tools)
 * inherits a mark in its environment, and at the end of the run any process still carrying it is
 * named, killed, and fails the run. A test that forgets to stop a mock is found here, not later as
 * a stray process listening on a folder the tests deleted.
 */
const GRACE_MS = 5_000;

export default function markRun(): () => Promise<void> {
  const mark = `${process.pid}-${Date.now()}`;
  process.env.CONTRACT_TEST_RUN = mark;
  return async () => {
    // Vitest's own helpers (esbuild's service) are children of this process, and end with it.
    const alive = () =>
      marked(`CONTRACT_TEST_RUN=${mark}`).filter((p) => p.pid !== process.pid && p.parent !== process.pid);
    // Test workers outlive their files (isolate: false) and end as the run closes, and with them
    // what they started for themselves (esbuild's service, which exits when its parent goes): give
    // them a moment before naming anything left.
    let left = alive();
    for (let waited = 0; left.length > 0 && waited < GRACE_MS; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = alive();
    }
    if (left.length === 0) return;
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Gone since it was listed.
      }
    }
    // Vitest reports an error of its global teardown but keeps its exit code: the run fails here.
    process.exitCode = 1;
    throw new Error(
      `${left.length} process(es) the tests started were still running after the suite (killed now):\n` +
        left.map((p) => `  ${p.pid} ${p.command}`).join('\n'),
    );
  };
}

/** Processes whose environment holds `entry`, read from /proc (Linux; elsewhere none are found). */
function marked(entry: string): { pid: number; parent: number; command: string }[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: { pid: number; parent: number; command: string }[] = [];
  for (const pid of pids) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!environ.includes(entry)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      const parent = Number(/^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${pid}/stat`, 'latin1'))?.[1]);
      found.push({ pid: Number(pid), parent, command: command.slice(0, 200) });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}
