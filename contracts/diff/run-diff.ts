import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { classify } from './classify.ts';
import { compareVersions } from './compare-versions.ts';
import { loadVersion } from './load-versions.ts';
import { DIFF_OPTIONS, type DiffOptions } from './options.ts';
import { renderJson } from './render-json.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { ContractVersion } from './types.ts';

/** Where the command writes; the CLI passes the process's streams, tests collect the text. */
export interface DiffIo {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

function buildProgram(): Command {
  const program = new Command('contract:diff')
    .description(
      'List the changes between two versions of openapi.yaml and asyncapi.yaml and who each breaks.',
    )
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const o of DIFF_OPTIONS) {
    const option = new Option(o.flag, o.help);
    if (o.default !== undefined) option.default(o.default);
    if (o.choices) option.choices(o.choices);
    program.addOption(option);
  }
  return program;
}

/**
 * The breaking-change check from argv to exit code: 0 no breaking change (or each acknowledged or
 * allowed), 1 breaking changes that fail the check, 2 bad input (a flag, a missing ref, a contract
 * that is not valid). Identical versions print one line, `no changes`.
 */
export async function runDiff(argv: string[], io: DiffIo): Promise<number> {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') {
      io.out(program.helpInformation());
      return 0;
    }
    io.err(`contract:diff: ${error.message.replace(/^error: /, '')}\n`);
    return 2;
  }
  const o = program.opts() as DiffOptions;
  if (!o.base) {
    io.err('contract:diff: say what to compare with: --base origin/main (a git ref, a folder or a file)\n');
    return 2;
  }
  // One after the other: loading is CPU-bound (parsing, validation), and a bad base ends it early.
  const versions = [];
  for (const [side, source] of [
    ['base', o.base],
    ['head', o.head],
  ] as const) {
    const loaded = await loadVersion(source, io.cwd);
    if (!loaded.ok) {
      const line = `contract:diff: ${side} ${loaded.message}\n`;
      // Into --output as well: the CI recipe posts that file, and a missing ref must show there too.
      if (o.output) await writeFile(resolve(io.cwd, o.output), line);
      io.err(line);
      return 2;
    }
    versions.push(loaded.version);
  }
  const [base, head] = versions as [ContractVersion, ContractVersion];
  // One line, also into --output, so that a CI step can post it like any report.
  const say = async (text: string) => {
    if (o.output) await writeFile(resolve(io.cwd, o.output), text);
    io.out(text);
    return 0;
  };
  if (JSON.stringify(base.files) === JSON.stringify(head.files)) return say('no changes\n');
  const verdict = classify(compareVersions(base, head), base, head, o);
  if (verdict.changes.length === 0)
    return say('no changes that a rule sees (descriptions, examples or other prose differ)\n');
  const render = o.format === 'json' ? renderJson : renderMarkdown;
  const report = render(verdict, base, head);
  const breaking = verdict.changes.filter((c) => c.breaks.length > 0).length;
  const summary =
    `${verdict.changes.length} changes, ${breaking} breaking, ${verdict.failing.length} failing the check` +
    (verdict.failing.length > 0 ? ' (acknowledge each in x-breaking-changes, or pass --allow-breaking)' : '');
  if (o.output) {
    await writeFile(resolve(io.cwd, o.output), report);
    io.out(`${summary}\n`);
  } else {
    io.out(report);
    if (verdict.failing.length > 0) io.err(`${summary}\n`);
  }
  return verdict.failing.length > 0 ? 1 : 0;
}
