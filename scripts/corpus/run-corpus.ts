import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { CI_LIMITS } from '../../tests/corpus/check-description.ts';
import { type DescriptionReport, EXPECTED_FAILURES, readCorpus } from '../../tests/corpus/corpus-entries.ts';
import { failuresOf, readExpectedFailures } from '../../tests/corpus/expected-failures.ts';
import { CI_RUN, runCorpus } from '../../tests/corpus/run-corpus.ts';
import { corpusTable } from './corpus-table.ts';

// `npm run corpus [-- --all] [--only id,id] [--write] [--expect]`: checks every description of
// tests/corpus/corpus.json and prints one row each (starts, answers, 5xx, invalid, round trips,
// runner, start time, RSS), then every failure. By default with the bounds of `npm test`
// (CI_LIMITS); `--all` sends every operation and runs every runner check. `--write` keeps the
// table in tests/corpus/FIGURES.md; `--expect` rewrites tests/corpus/expected-failures.json from
// this run (for a fix that the corpus test reports as "now passes"); with `--only`, the entries of
// the descriptions it checked, keeping the others' (in the corpus's order).

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',') : undefined;
const all = args.includes('--all');
const entries = readCorpus().filter((e) => !only || only.includes(e.id));
const reports = await runCorpus(entries, {
  ...CI_RUN,
  ...(all ? { timeoutMs: 600_000 } : {}),
  limits: all ? { maxOperations: Number.MAX_SAFE_INTEGER, runnerMs: 120_000, runnerChecks: [] } : {},
  onReport: (r: DescriptionReport) =>
    process.stderr.write(`${r.id}: ${r.started ? 'started' : `did not start (${r.startError})`}\n`),
});
const table = corpusTable(
  reports,
  all ? 'every operation, every runner check' : `the bounds of npm test: ${JSON.stringify(CI_LIMITS)}`,
);
process.stdout.write(`${table}\n`);
await writeFile(join(ROOT_DIR, 'reports/corpus.json'), JSON.stringify(reports, null, 2)).catch(() => {});
if (args.includes('--write')) {
  // Start times and RSS depend on the machine and on what else runs: say which.
  const machine = `Measured ${new Date().toISOString().slice(0, 16)} UTC on ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the end.`;
  await writeFile(join(ROOT_DIR, 'tests/corpus/FIGURES.md'), `${machine}\n\n${table}\n`);
}
if (args.includes('--expect')) {
  const known = only ? readExpectedFailures() : {};
  const checked = new Map(reports.map((r) => [r.id, failuresOf(r)]));
  const expected = Object.fromEntries(
    readCorpus()
      .map((e) => [e.id, checked.get(e.id) ?? known[e.id] ?? {}] as const)
      .filter(([, f]) => Object.keys(f).length > 0),
  );
  await writeFile(EXPECTED_FAILURES, `${JSON.stringify(expected, null, 2)}\n`);
}
