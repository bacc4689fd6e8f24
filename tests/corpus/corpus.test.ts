import { existsSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DescriptionReport, entryFile, readCorpus } from './corpus-entries.ts';
import { compareFailures, failuresOf, readExpectedFailures } from './expected-failures.ts';
import { CI_RUN, runCorpus } from './run-corpus.ts';

// The corpus (tests/corpus/corpus.json): public API descriptions their vendors publish, each
// checked in a child process of its own with the bounds of CI_LIMITS (an even sample of 20
// operations on the larger ones, the runner's answer-judging checks), but those marked `ci: false`
// (whose outcome today a time bound decides: `npm run corpus` checks them). What fails today is listed in
// tests/corpus/expected-failures.json: a new failure fails this test, and so does an expected one
// that now passes (remove it from the list: `npm run corpus -- --expect` rewrites it).

const corpus = readCorpus();
const inCi = corpus.filter((e) => e.ci !== false);
const expected = readExpectedFailures();

describe('the corpus list', () => {
  it('names at least 30 installed descriptions, 3.0 and 3.1, from 2 kB to over 10 MB', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
    for (const entry of corpus) expect(existsSync(entryFile(entry)), entry.id).toBe(true);
    const sizes = corpus.map((e) => statSync(entryFile(e)).size);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(2048);
    expect(Math.max(...sizes)).toBeGreaterThan(10 * 2 ** 20);
  });

  it('lists expected failures only for descriptions it names', () => {
    const ids = new Set(corpus.map((e) => e.id));
    expect(Object.keys(expected).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('every description of the corpus', () => {
  let reports: DescriptionReport[] = [];
  beforeAll(async () => {
    reports = await runCorpus(inCi, CI_RUN);
  }, 30 * 60_000);

  it.each(inCi.map((e) => [e.id]))('%s fails only as expected-failures.json says', (id) => {
    const report = reports.find((r) => r.id === id);
    expect(report, id).toBeDefined();
    const { regressions, fixed } = compareFailures(
      id,
      failuresOf(report as DescriptionReport),
      expected[id] ?? {},
    );
    expect(regressions, `new failures (${JSON.stringify(report)})`).toEqual([]);
    expect(fixed, 'now passes: remove it from tests/corpus/expected-failures.json').toEqual([]);
  });

  it('starts the descriptions that started before, and answers every one of them', () => {
    const started = reports.filter((r) => r.started && !r.aborted);
    const expectedToStart = inCi.filter((e) => !expected[e.id]?.start);
    expect(started.map((r) => r.id).sort()).toEqual(expectedToStart.map((e) => e.id).sort());
    for (const report of started) expect(report.sent, report.id).toBeGreaterThan(0);
  });
});
