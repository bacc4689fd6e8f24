/**
 * `npx tsx scripts/bench/runner-timeline.ts http://127.0.0.1:3001/api`: where a default run's time
 * goes. Runs the contract runner in process as the bench's runners step does (the call center's
 * profile, `--test-number` the busy number, `--seed 1`) against a fresh backend (`npm start`; a
 * backend that already served a run may have its login limit spent) and prints, per phase of the
 * run, its span, its requests, how many were in flight at most, the time no request was in flight
 * (waiting on a live call, a socket or the CPU), and its 429s; then each check's span and the
 * waits the run announced. The process's own start-up is not in it: `npm run contract` adds it.
 */
import { runContract } from '../../contracts/run-contract.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';

const base = process.argv[2];
if (!base) throw new Error('runner-timeline: give the backend, e.g. http://127.0.0.1:3001/api');

interface Sent {
  start: number;
  end: number;
  status: number;
}
const t0 = Date.now();
const at = () => Date.now() - t0;
const sent: Sent[] = [];
const phases: { name: string; start: number }[] = [];
const checks = new Map<string, { start: number; end?: number }>();
const waits: string[] = [];

const result = await runContract({
  baseUrl: base,
  seed: 1,
  testNumber: '+998900000002',
  profiles: [callCenterRunner],
  fetch: async (input, init) => {
    const record = { start: at(), end: 0, status: 0 };
    sent.push(record);
    try {
      const response = await fetch(input, init);
      record.status = response.status;
      return response;
    } finally {
      record.end = at();
    }
  },
  onProgress: (event) => {
    if (event.kind === 'stage') phases.push({ name: event.text, start: at() });
    if (event.kind === 'start') {
      checks.set(event.check, { start: at() });
      // The checks have no stage of their own: the first check after the flows, or after the cleanup, opens one.
      const last = phases.at(-1)?.name ?? '';
      if (last.startsWith('Driving')) phases.push({ name: 'Sending checks (two lanes)', start: at() });
      if (last.startsWith('Removing')) phases.push({ name: 'Judging the answers', start: at() });
    }
    if (event.kind === 'check') {
      const check = checks.get(event.result.name) ?? { start: at() };
      checks.set(event.result.name, { ...check, end: at() });
    }
    if (event.kind === 'wait') waits.push(`${at()} ms: ${event.text}`);
  },
});
const end = at();

console.log(
  'phase                                       from ms   to ms  requests  max in flight  idle ms  429s',
);
phases.forEach((phase, i) => {
  const to = phases[i + 1]?.start ?? end;
  const mine = sent.filter((s) => s.start >= phase.start && s.start < to);
  let maxInFlight = 0;
  for (const s of mine)
    maxInFlight = Math.max(maxInFlight, mine.filter((o) => o.start <= s.start && o.end > s.start).length);
  // Milliseconds of the phase with no request of the run in flight.
  let idle = 0;
  for (let ms = phase.start; ms < to; ms++) if (!sent.some((s) => s.start <= ms && s.end > ms)) idle++;
  console.log(
    `${phase.name.slice(0, 42).padEnd(42)} ${String(phase.start).padStart(7)} ${String(to).padStart(7)} ${String(mine.length).padStart(9)} ${String(maxInFlight).padStart(14)} ${String(idle).padStart(8)} ${String(mine.filter((s) => s.status === 429).length).padStart(5)}`,
  );
});
console.log('\ncheck                          from ms   to ms');
for (const [name, { start, end: to }] of checks)
  console.log(`${name.padEnd(30)} ${String(start).padStart(7)} ${String(to ?? '').padStart(7)}`);
console.log(`\nwaits announced:\n${waits.join('\n')}`);
console.log(
  `\n${result.ok ? 'passed' : 'failed'}: ${result.requests} requests, ${result.durationMs} ms in runContract, ${end} ms here`,
);
process.exit(0);
