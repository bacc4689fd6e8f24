import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { wavFile } from '../generate/audio.ts';
import { plainValue } from '../generate/plain-values.ts';
import { sampleValid, subSeed } from '../generate/valid-values.ts';
import type { Contract } from '../plan/load-contract.ts';
import {
  bodyExamples,
  isMultipart,
  jsonBodySchema,
  parameterSchema,
  parametersIn,
} from '../plan/request-shape.ts';
import type { FormPart } from './http-client.ts';

export type ValidBody = { json: unknown } | { form: FormPart[] };

/** The multipart body of a valid upload: a short WAV in the spec's file field. */
export function audioUpload(contract: Contract, op: SpecOperation, name = 'contract-runner.wav'): FormPart[] {
  const rules = contract.extensions.uploads.find((u) => u.operationId === op.operationId);
  const field = rules?.field ?? 'file';
  return [
    { name: field, value: wavFile(), filename: name, contentType: 'audio/wav' },
    { name: 'description', value: 'Uploaded by the contract runner; deleted at the end of the run.' },
  ];
}

/**
 * `count` valid request bodies for an operation, the same for the same seed: its examples first,
 * then generated from its schema (optional references to other resources left out), a WAV for uploads, and for an
 * operation with real-world effects the test number in place of any phone number.
 */
export function validBodies(
  contract: Contract,
  op: SpecOperation,
  seed: number,
  count: number,
  testNumber?: string,
): ValidBody[] {
  if (isMultipart(op)) return [{ form: audioUpload(contract, op) }];
  const schema = jsonBodySchema(op);
  if (!schema) return [];
  // The operation's own examples first (what its authors know the server takes), each checked
  // against the schema; then generated ones.
  const examples = bodyExamples(op).filter((v) => contract.validator.validate(schema, v).ok);
  const values = [
    ...examples,
    ...sampleValid(schema, subSeed(seed, op.operationId), count, contract.validator, {
      omitReferences: true,
    }),
  ].slice(0, count);
  if (!testNumber) return values.map((json) => ({ json }));
  return values.map((json) => ({ json: { ...(json as object), targetNumber: testNumber } }));
}

/**
 * The bodies a person would write for an operation, each valid against its schema: the required
 * fields only (arrays empty where they may be: a bulk create of nothing), then every field, with
 * plain values (plain-values.ts). What a write falls back on when its examples and generated
 * bodies are refused by rules its description does not state; `marker` keeps each run's text its own.
 */
export function plainBodies(contract: Contract, op: SpecOperation, marker: string, now: Date): ValidBody[] {
  const schema = jsonBodySchema(op);
  if (!schema) return [];
  const values = [true, false].map((requiredOnly) => plainValue(schema, { requiredOnly, marker, now }));
  const unique = values.filter(
    (v, i) => v !== undefined && values.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i,
  );
  return unique.filter((v) => contract.validator.validate(schema, v).ok).map((json) => ({ json }));
}

/**
 * A valid value for each required parameter of an operation in one place (query by default): its
 * example, else its schema's example or default, else a generated one. A parameter that is
 * required stays required whatever its default: the default says what the server assumes when a
 * client may leave it out, and a required one may not be left out.
 */
export function requiredQuery(
  contract: Contract,
  op: SpecOperation,
  seed: number,
  where: 'query' | 'header' | 'cookie' = 'query',
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const param of parametersIn(op, where)) {
    if (!param.required) continue;
    const schema = parameterSchema(param);
    const candidates = [param.example, schema.example, schema.default].filter(
      (v) => v !== undefined && contract.validator.validate(schema, v).ok,
    );
    // Generated values, then the plain one (`contract_run`): a header takes only printable ASCII,
    // which five draws of odd Unicode may all miss (Discourse's required Api-Key went unsent).
    const generated = () => [
      ...sampleValid(
        schema,
        subSeed(seed, `${op.operationId}:${param.name}:required`),
        5,
        contract.validator,
      ),
      plainValue(schema, { requiredOnly: true, marker: 'contract_run', now: new Date(0) }),
    ];
    const [value] = (candidates.length ? candidates : generated()).filter(
      (v) =>
        v !== undefined &&
        // An empty value is no value, unless the parameter allows one (allowEmptyValue).
        (v !== '' || param.allowEmptyValue === true) &&
        (where === 'query' || fitsHeader(v)) &&
        contract.validator.validate(schema, v).ok,
    );
    if (value !== undefined) values[param.name] = value;
  }
  return values;
}

/**
 * Whether a value can travel in a header as it is: printable ASCII only (fetch refuses anything
 * else) and no space at either end (HTTP trims it, so it would not read back as sent).
 */
export function fitsHeader(value: unknown): boolean {
  const text = Array.isArray(value)
    ? value.join(',')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(text);
}
