import { envelopes, names, unreadable, validators } from 'browser-validators:bundled';
import type { ValidateFunction } from 'ajv';
import { fastFormats, fullFormats } from 'ajv-formats/dist/formats.js';
import { type SchemaResult, toSchemaError } from '../../openapi/schema-errors.ts';
import type { SchemaValidator as CompilingValidator } from '../../openapi/schema-validator.ts';
import { schemaKey } from './schema-key.ts';
import { schemasIn } from './schemas-of.ts';

/**
 * The mock's SchemaValidator in the page (the browser build puts this module in place of
 * mock/openapi/schema-validator.ts): the bundled contract's validators were compiled at build time
 * (precompile-schemas.ts), so the page ships their code, not Ajv's compiler (about 40 kB gzipped,
 * and a tenth of a start spent compiling). A contract of the page's own needs the compiler: the
 * page loads it first (`loadSchemaCompiler`, a chunk of its own), and every validator compiles
 * from then on, as on a server.
 */

type Format = ((value: string) => boolean) | RegExp | { validate?: unknown; type?: string } | true;

/** Each format check as a function on `.validate`, as the generated code calls it. */
function callable(
  formats: Record<string, unknown>,
): Record<string, { validate: (value: unknown) => boolean }> {
  const asFunction = (check: unknown): ((value: unknown) => boolean) =>
    check instanceof RegExp
      ? (value) => check.test(String(value))
      : typeof check === 'function'
        ? (check as (value: unknown) => boolean)
        : () => true;
  return Object.fromEntries(
    Object.entries(formats as Record<string, Format>).map(([name, format]) => [
      name,
      {
        validate: asFunction(
          typeof format === 'object' && !(format instanceof RegExp) ? format.validate : format,
        ),
      },
    ]),
  );
}

/** The generated validators, made once per format mode. */
const made: Partial<Record<'full' | 'fast', Record<string, ValidateFunction>>> = {};
const validatorsOf = (mode: 'full' | 'fast') =>
  (made[mode] ??= validators(callable(mode === 'full' ? fullFormats : fastFormats)));

/** Ajv's SchemaValidator, once loadSchemaCompiler has brought it into the page. */
let Compiling: typeof CompilingValidator | undefined;

/** The validator's name of each schema of the bundled contract, as the page reads it. */
const known = new WeakMap<object, string>();

/**
 * Names the schemas of the bundled contract's document, as the page has dereferenced it, with
 * their validators: the same walk as the build's finds them in the same order (schemas-of.ts).
 */
export function prepareValidators(document: object, payloads: Iterable<object>): void {
  const schemas = schemasIn(document, payloads);
  if (schemas.length !== names.length)
    throw new Error(`the bundled contract has ${names.length} schemas at build time, ${schemas.length} here`);
  for (const [i, schema] of schemas.entries()) known.set(schema, names[i] as string);
}

/** Loads Ajv's compiler, for a contract other than the bundled one (schemas the build never saw). */
export async function loadSchemaCompiler(): Promise<void> {
  Compiling ??= (await import('../../openapi/schema-validator.ts')).SchemaValidator;
}

export class SchemaValidator {
  private readonly cache = new WeakMap<object, ValidateFunction>();
  private readonly mode: 'full' | 'fast';
  private compiling: CompilingValidator | undefined;
  private readonly skipped: string[] = [];

  /** Why schemas were left unchecked (Ajv could not compile them), one entry per schema. */
  get unreadable(): string[] {
    return this.compiling ? [...this.skipped, ...this.compiling.unreadable] : this.skipped;
  }

  /** `formats: 'fast'` checks formats by their shape only, as mock/openapi/schema-validator.ts says. */
  constructor(options: { formats?: 'full' | 'fast' } = {}) {
    this.mode = options.formats ?? 'full';
  }

  /** The validate function of a schema: compiled at build time, or by Ajv once it is loaded. */
  compile(schema: object): ValidateFunction {
    let fn = this.cache.get(schema);
    if (fn) return fn;
    if (Compiling) {
      this.compiling ??= new Compiling({ formats: this.mode });
      fn = this.compiling.compile(schema);
    } else {
      // A list's envelope is made by the engine (record-memo.ts): found by its content.
      const name = known.get(schema) ?? (envelopes as Record<string, string>)[schemaKey(schema)];
      const why = name === undefined ? undefined : (unreadable as Record<string, string>)[name];
      if (name !== undefined && why === undefined) fn = validatorsOf(this.mode)[name] as ValidateFunction;
      else if (why !== undefined) {
        this.skipped.push(why);
        fn = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
      } else
        throw new Error(
          `validating in the page: no validator was compiled at build time for the schema ${JSON.stringify(schema).slice(0, 200)}; call loadSchemaCompiler() first for a contract of the page's own`,
        );
    }
    this.cache.set(schema, fn);
    return fn;
  }

  /** Validates a value, answering every problem found rather than the first. */
  validate(schema: object, value: unknown): SchemaResult {
    const fn = this.compile(schema);
    if (fn(value)) return { ok: true };
    return { ok: false, errors: (fn.errors ?? []).map(toSchemaError) };
  }
}
