import { Command, CommanderError } from 'commander';
import { DEPTHS, RUNNER_OPTIONS, type RunnerOptions } from './options.ts';

export type ParsedArguments =
  | { ok: true; options: RunnerOptions }
  | { ok: false; exitCode: number; message: string };

const INTEGER_KEYS = new Set<keyof RunnerOptions>([
  'seed',
  'examples',
  'timeoutMs',
  'runTimeoutMs',
  'realtimeTimeoutMs',
  'callTimeoutMs',
  'expiryWaitMs',
]);

/** The commander program of the runner, built from RUNNER_OPTIONS (flags, defaults and help). */
export function buildProgram(): Command {
  const program = new Command('ai-call-center-contract')
    .description(
      'Check a live backend against openapi.yaml and asyncapi.yaml, and say exactly what breaks them.',
    )
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const o of RUNNER_OPTIONS) {
    if (o.parse)
      program.option(o.flag, o.help, o.parse as (raw: string, previous: unknown) => unknown, o.default);
    else if (o.default === undefined) program.option(o.flag, o.help);
    else program.option(o.flag, o.help, o.default as string | boolean | string[]);
  }
  return program;
}

/**
 * Parses argv (without node and the script) into the runner's options, or says in one sentence
 * what is wrong with them. `--help` answers the help text with exit code 0.
 */
export function parseArguments(argv: string[]): ParsedArguments {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help')
        return { ok: false, exitCode: 0, message: program.helpInformation() };
      return { ok: false, exitCode: 2, message: error.message.replace(/^error: /, '') };
    }
    throw error;
  }
  const raw = program.opts() as Record<string, unknown>;
  const options = {} as Record<string, unknown>;
  for (const o of RUNNER_OPTIONS) {
    const name =
      o.flag
        .replace(/^--/, '')
        .split(' ')[0]
        ?.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) ?? o.key;
    let value = raw[name];
    if (INTEGER_KEYS.has(o.key) && value !== undefined) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0)
        return {
          ok: false,
          exitCode: 2,
          message: `${o.flag.split(' ')[0]} must be a whole number, not "${String(value)}".`,
        };
      value = n;
    }
    options[o.key] = value;
  }
  // --rules alone lists the contract's rules and checks nothing: no backend needed.
  if (!options.baseUrl && options.rules) return { ok: true, options: options as unknown as RunnerOptions };
  if (!options.baseUrl)
    return {
      ok: false,
      exitCode: 2,
      message: 'Say which backend to check: --base-url http://localhost:3001/api',
    };
  try {
    const url = new URL(String(options.baseUrl));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return {
      ok: false,
      exitCode: 2,
      message: `--base-url must be an http(s) URL, not "${String(options.baseUrl)}".`,
    };
  }
  if (options.testNumber !== undefined && !/^\+\d{8,15}$/.test(String(options.testNumber)))
    return {
      ok: false,
      exitCode: 2,
      message: `--test-number must be an E.164 number such as +998900000001, not "${String(options.testNumber)}".`,
    };
  if (!DEPTHS.includes(options.depth as never))
    return {
      ok: false,
      exitCode: 2,
      message: `--depth must be ${DEPTHS.join(', ')}, not "${String(options.depth)}".`,
    };
  const badHeader = (options.headers as string[]).find((h) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:\s*\S/.test(h));
  if (badHeader !== undefined)
    return {
      ok: false,
      exitCode: 2,
      message: `--header must be 'Name: value', such as 'X-Api-Key: abc123', not "${badHeader}".`,
    };
  const badQuery = (options.queryParams as string[]).find((q) => !/^[^=&\s]+=/.test(q));
  if (badQuery !== undefined)
    return {
      ok: false,
      exitCode: 2,
      message: `--query must be 'name=value', such as 'api_key=abc123', not "${badQuery}".`,
    };
  return { ok: true, options: options as unknown as RunnerOptions };
}
