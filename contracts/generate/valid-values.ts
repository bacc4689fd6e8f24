import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import type { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { type ArbitraryOptions, arbitraryFor } from './arbitrary.ts';

/**
 * `count` values valid against the schema, the same ones for the same seed. Each is checked with
 * the contract's own validator, so a generator gap can never turn into a false failure.
 */
export function sampleValid(
  schema: OpenAPIV3.SchemaObject,
  seed: number,
  count: number,
  validator: SchemaValidator,
  options: ArbitraryOptions = {},
): unknown[] {
  const values = fc.sample(arbitraryFor(schema, options), { seed, numRuns: count * 3 });
  return values.filter((v) => readable(validator, schema, v)).slice(0, count);
}

/**
 * Valid, and readable by the validator: Ajv's deep equality (an enum or const of objects) throws on
 * an object without a prototype, as a generated dictionary can be (Jira's description met one).
 */
function readable(validator: SchemaValidator, schema: OpenAPIV3.SchemaObject, value: unknown): boolean {
  try {
    return validator.validate(schema, value).ok;
  } catch {
    return false;
  }
}

/** A stable 32-bit seed for one use of the run's seed (an operation, a parameter). */
export function subSeed(seed: number, label: string): number {
  let hash = seed | 0;
  for (let i = 0; i < label.length; i++) hash = (Math.imul(hash ^ label.charCodeAt(i), 0x01000193) + 1) | 0;
  return hash >>> 0;
}

/** A run's seed when none is given: printed, so that the run can be repeated with --seed. */
export function newSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
