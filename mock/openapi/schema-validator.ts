import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type SchemaResult, toSchemaError } from './schema-errors.ts';
import { type SchemaParts, toSchemaTree } from './schema-tree.ts';

export type { SchemaError, SchemaResult } from './schema-errors.ts';

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = addFormatsModule.default;

/**
 * How every validator of the mock sets Ajv up; the browser build compiles the bundled contract's
 * validators ahead of time with the same (mock/browser/validators/precompile-schemas.ts).
 *
 * No meta-schema: compiling JSON Schema's own meta-schema took 30 ms per instance, a tenth of a
 * start of the mock (profiled), and our schemas come from a contract that swagger-parser checks
 * against the OpenAPI schema. Strict mode still refuses unknown keywords when compiling.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  // Unknown keywords of foreign contracts (`discriminator`, vendor `x-` keys) are annotations.
  strict: false,
  logger: false,
  strictRequired: false,
  allowUnionTypes: true,
  meta: false,
  validateSchema: false,
} as const;

/**
 * Formats that constrain nothing: OpenAPI's that mean nothing in JSON (the bytes of a file, a
 * masked password), and those ajv-formats adds that neither JSON Schema nor OpenAPI defines: a
 * contract that writes `format: url` means nothing checkable by it (a relative Location is a fine
 * "url"), so they constrain nothing, like any other unknown format.
 */
export const UNCHECKED_FORMATS = ['binary', 'password', 'url', 'iso-time', 'iso-date-time'];

/** Annotations of OpenAPI and of this project, known so that strict mode accepts them. */
export const ANNOTATIONS = ['example', 'x-faker', 'x-lifecycle', 'x-parser-schema-id', 'xml', 'externalDocs'];

/**
 * Validates values against OpenAPI 3.0 schema objects (which are JSON Schema draft-04-ish plus
 * `nullable`, `example`, `format: binary` and our `x-` hints). One instance caches each compiled
 * schema by identity, so validating against a dereferenced document compiles every schema once.
 */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly cache = new WeakMap<object, ValidateFunction>();
  /** Parts of schemas added to Ajv on their own (schema-tree.ts), by the schema object they stand for. */
  private readonly partIds = new WeakMap<object, string>();
  private readonly parts: SchemaParts = {
    idOf: (node) => this.partIds.get(node),
    add: (node, build) => {
      const id = `urn:schema:${++this.partCount}`;
      // The id first: the part's own tree may point back at it.
      this.partIds.set(node, id);
      this.ajv.addSchema(build(id), id);
      return id;
    },
  };
  private partCount = 0;

  /**
   * `formats: 'fast'` checks formats by their shape only (ajv-formats' fast mode: no calendar or
   * range arithmetic). Enough for values a program wrote with toISOString() or randomUUID(), such
   * as the mock's own answers; input from outside gets the full checks.
   */
  constructor(
    options: {
      formats?: 'full' | 'fast';
      /** Told once per schema Ajv cannot compile (a pattern of another dialect translate-pattern.ts cannot translate). */
      onUnreadable?: (why: string) => void;
    } = {},
  ) {
    this.onUnreadable = options.onUnreadable;
    this.ajv = new Ajv(AJV_OPTIONS);
    addFormats(this.ajv, { mode: options.formats ?? 'full' });
    for (const name of UNCHECKED_FORMATS) this.ajv.addFormat(name, true);
    this.ajv.addVocabulary(ANNOTATIONS);
  }

  /** Compiles (once) and answers a validate function for a schema object. */
  compile(schema: object): ValidateFunction {
    let fn = this.cache.get(schema);
    if (!fn) {
      try {
        // A tree with `$ref`s where the dereferenced document shares or loops (schema-tree.ts).
        fn = this.ajv.compile(toSchemaTree(schema, this.parts));
      } catch (error) {
        // A schema Ajv cannot read (a keyword of another draft, say OpenAPI 3.0's boolean
        // exclusiveMinimum) constrains nothing here rather than turning every request into a 500;
        // swagger-parser has already checked the document. Said once per schema.
        this.unreadable.push(`${(error as Error).message}`);
        this.onUnreadable?.((error as Error).message);
        fn = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
      }
      this.cache.set(schema, fn);
    }
    return fn;
  }

  /** Why schemas were left unchecked (Ajv could not compile them), one entry per schema. */
  readonly unreadable: string[] = [];
  private readonly onUnreadable: ((why: string) => void) | undefined;

  /** Validates a value, answering every problem found rather than the first. */
  validate(schema: object, value: unknown): SchemaResult {
    const fn = this.compile(schema);
    if (fn(value)) return { ok: true };
    return { ok: false, errors: (fn.errors ?? []).map(toSchemaError) };
  }
}
