/**
 * Where a first visit of the browser mock spends its time: `npx tsx scripts/bench/profile-browser.ts
 * [--rounds 3] [--top 40] [--before createBrowserMockHandlers]`. The bench's scratch app
 * (browser-app.ts), built without minifying so that functions keep their names, is loaded in
 * Chromium in fresh contexts with its sampling profiler on (CDP through playwright-core); the
 * page's own times and each function's self and total milliseconds, the mean of the rounds after
 * an unmeasured first, are printed. `--before NAME` counts only the samples before the first one
 * inside NAME: what loading the code costs. A tool for looking, not a figure of the bench
 * (the profiler slows the page): docs/install.md says what it found.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { launchChromium } from '../../tests/mock-e2e/support/chromium.ts';
import { buildBrowserMock } from '../build-browser.mjs';
import { serveFolder, timesOf } from './browser.ts';
import { buildScratchApp } from './browser-app.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, top: { type: 'string' }, before: { type: 'string' } },
});
const rounds = Number(values.rounds ?? 3);
const top = Number(values.top ?? 40);

/** A function's name, file and line: the same function in every round's profile. */
const nameOf = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber}`;

/** Self and total milliseconds by function; a recursive function's total counts its outermost call. */
function account(
  profile: Profile,
  before: string | undefined,
  into: Map<string, { self: number; total: number }>,
) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stack = (id: number) => {
    const names: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      names.push(nameOf(byId.get(at) as ProfileNode));
    return names;
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const names = stack(profile.samples[i] as number);
    if (before && names.some((name) => name.startsWith(`${before} `))) break;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    for (const [depth, name] of [...new Set(names)].entries()) {
      const entry = into.get(name) ?? { self: 0, total: 0 };
      entry.total += ms;
      if (depth === 0) entry.self += ms;
      into.set(name, entry);
    }
  }
}

await buildBrowserMock(join(ROOT_DIR, 'mock', 'lib', 'browser'));
const dir = await mkdtemp(join(tmpdir(), 'ai-call-center-profile-'));
const served = await serveFolder((await buildScratchApp(dir, { minify: false })).outDir);
const browser = await launchChromium();
try {
  const functions = new Map<string, { self: number; total: number }>();
  for (let round = 0; round <= rounds; round++) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      const times = await timesOf(page, () => page.goto(`${served.origin}/`));
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      const rounded = Object.entries(times).map(([step, ms]) => `${step} ${Math.round(ms)}`);
      console.log(`round ${round}${round === 0 ? ' (not counted)' : ''}: ${rounded.join(', ')}`);
      if (round > 0) account(profile, values.before, functions);
    } finally {
      await context.close();
    }
  }
  console.log(`\n    self    total  function (ms, mean of ${rounds} rounds)`);
  // The root's total is the whole profile, not a function's.
  functions.delete(nameOf({ id: 0, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } }));
  for (const [name, { self, total }] of [...functions].sort((a, b) => b[1].total - a[1].total).slice(0, top))
    console.log(
      `${(self / rounds).toFixed(1).padStart(8)} ${(total / rounds).toFixed(1).padStart(8)}  ${name}`,
    );
} finally {
  await browser.close();
  served.server.closeAllConnections();
  await new Promise((done) => served.server.close(done));
  await rm(dir, { recursive: true, force: true });
}
