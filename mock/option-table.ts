/**
 * The shape of one option (name, flag, environment variable, default, help, parser) and what is made
 * from a table of them: the defaults, the values an environment gives, the default as --help shows it
 * and the Markdown table of docs/mock.md. The engine's table is mock/options.ts; a profile brings its
 * own (`Profile.options`), and the command line, the environment and the docs read both as one.
 */

export interface OptionDefinition<K extends string = string, V = unknown> {
  key: K;
  flag: string;
  env: string;
  /** Shown in --help and the docs; `undefined` defaults are described in `help`. */
  default: V;
  valueName?: string;
  help: string;
  /** Reads the text of a flag or a variable; a bad value throws an OptionError that names the variable. */
  parse(raw: string): V;
}

/** A table of options, as a profile declares it (`as const` keeps each option's key and value type). */
export type OptionList = readonly OptionDefinition<string, unknown>[];

/** The values a table's options take: `{ calls: number, callSpeed: number }`. */
export type OptionValues<T extends OptionList> = {
  [D in T[number] as D['key']]: ReturnType<D['parse']>;
};

/** A user's mistake in an option: the CLI prints the message alone and exits 2. */
export class OptionError extends Error {}

/** The defaults of a table, by key. */
export function defaultsOf(options: OptionList): Record<string, unknown> {
  return Object.fromEntries(options.map((o) => [o.key, o.default]));
}

/** The values the environment sets for a table's options (an empty variable means unset). */
export function valuesFromEnv(options: OptionList, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const o of options) {
    const raw = env[o.env];
    if (raw !== undefined && raw !== '') values[o.key] = o.parse(raw);
  }
  return values;
}

/**
 * Refuses two options that share a key, a flag or a variable (a profile's `--port`, two profiles'
 * `--calls`): a programmer's error, named, rather than one option silently shadowing the other.
 */
export function checkDistinct(options: OptionList): void {
  for (const field of ['key', 'flag', 'env'] as const) {
    const seen = new Set<string>();
    for (const o of options) {
      if (seen.has(o[field])) throw new Error(`two options have the ${field} "${o[field]}": rename one`);
      seen.add(o[field]);
    }
  }
}

/** An option's default as --help and the docs show it ('' for none). */
export function shownDefault(o: OptionDefinition): string {
  const value = o.default;
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join('-');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  return String(value);
}

/** Renders options as docs/mock.md's Markdown table. */
export function optionsTable(options: OptionList): string {
  const rows = options.map((o) => {
    const shown = shownDefault(o);
    const value = typeof o.default === 'boolean' ? `[${o.valueName}]` : `<${o.valueName}>`;
    const flag = o.valueName ? `${o.flag} ${value}` : o.flag;
    return `| \`${o.env}\` | \`${flag}\` | ${shown === '' ? '' : `\`${shown}\``} | ${o.help} |`;
  });
  return ['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/**
 * The values of a table's options in `given` (startMock's options, the CLI's), each option left out
 * taking its default: a profile reads its own options typed, whatever else `given` holds. A number,
 * boolean or text given in code goes through the option's parser as its text would, so that
 * `startMock({ calls: -5 })` is refused in the words `MOCK_CALLS=-5` is.
 */
export function valuesOf<T extends OptionList>(
  options: T,
  given: Readonly<Record<string, unknown>>,
): OptionValues<T> {
  const values = defaultsOf(options);
  for (const o of options) {
    const value = given[o.key];
    if (value === undefined) continue;
    const scalar = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string';
    values[o.key] = scalar ? o.parse(String(value)) : value;
  }
  // Keyed by the table's own keys; a value given in code is typed by startMock's options.
  return values as OptionValues<T>;
}
