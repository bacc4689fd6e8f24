import type { FailOn } from './classify.ts';

/** The options of `npm run contract:diff`, defined once: the CLI, its help and the README table read this. */
export interface DiffOptions {
  base: string | undefined;
  head: string;
  format: 'markdown' | 'json';
  output: string | undefined;
  failOn: FailOn;
  allowBreaking: boolean;
}

export interface DiffOptionDefinition {
  key: keyof DiffOptions;
  /** Commander's flag syntax. */
  flag: string;
  help: string;
  default?: string | boolean;
  choices?: readonly string[];
}

export const DIFF_OPTIONS: DiffOptionDefinition[] = [
  {
    key: 'base',
    flag: '--base <ref-or-path>',
    help: 'The version before: a git ref (origin/main, a tag, a commit), a folder with openapi.yaml and asyncapi.yaml, or one contract file (required).',
  },
  {
    key: 'head',
    flag: '--head <ref-or-path>',
    help: 'The version after, in the same forms; the working copy by default.',
    default: '.',
  },
  {
    key: 'format',
    flag: '--format <format>',
    help: 'markdown (a changelog for a pull request) or json (for tools).',
    default: 'markdown',
    choices: ['markdown', 'json'],
  },
  {
    key: 'output',
    flag: '--output <file>',
    help: 'Write the report to this file and print only its summary line.',
  },
  {
    key: 'failOn',
    flag: '--fail-on <party>',
    help: 'Which breaking changes fail the check: client, server or any.',
    default: 'any',
    choices: ['client', 'server', 'any'],
  },
  {
    key: 'allowBreaking',
    flag: '--allow-breaking',
    help: 'List breaking changes but exit 0 (for a major version that breaks on purpose).',
    default: false,
  },
];
