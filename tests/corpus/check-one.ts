import { CI_LIMITS, checkDescription } from './check-description.ts';
import { readCorpus } from './corpus-entries.ts';

// The child that checks one description (`node --import tsx tests/corpus/check-one.ts <id> [limits]`),
// so that a description that runs the mock out of memory or time takes only its own process down.
// It prints its report as the last line of its output.

const [id, limitsJson] = process.argv.slice(2);
const entry = readCorpus().find((e) => e.id === id);
if (!entry) throw new Error(`tests/corpus/corpus.json names no description ${id}`);
const limits = limitsJson ? { ...CI_LIMITS, ...JSON.parse(limitsJson) } : CI_LIMITS;
const report = await checkDescription(entry, limits, (started) =>
  process.stdout.write(`\nSTARTED ${JSON.stringify(started)}\n`),
);
process.stdout.write(`\nREPORT ${JSON.stringify(report)}\n`);
process.exit(0);
