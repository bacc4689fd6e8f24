import { runDiff } from './run-diff.ts';

/** `npm run contract:diff`: the only place of the check that reads argv, prints and exits. */
runDiff(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`contract:diff crashed (a bug in the check):\n${(error as Error).stack}\n`);
    process.exitCode = 4;
  },
);
