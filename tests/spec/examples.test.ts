import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { loadAsyncApi } from '../../mock/openapi/load-asyncapi.ts';
import { listOperations } from '../../mock/openapi/operations.ts';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { spec } from './support.ts';

type Schema = OpenAPIV3.SchemaObject;
interface Example {
  where: string;
  schema: object;
  value: unknown;
}

/** Every `example` inside a schema tree, each with the sub-schema it must satisfy. */
function schemaExamples(schema: Schema, where: string, seen = new Set<object>()): Example[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const found: Example[] = schema.example === undefined ? [] : [{ where, schema, value: schema.example }];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    found.push(...schemaExamples(child as Schema, `${where}.${name}`, seen));
  }
  if ('items' in schema && schema.items)
    found.push(...schemaExamples(schema.items as Schema, `${where}[]`, seen));
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    (schema[key] ?? []).forEach((child, i) => {
      found.push(...schemaExamples(child as Schema, `${where}.${key}[${i}]`, seen));
    });
  }
  return found;
}

function mediaExamples(content: Record<string, OpenAPIV3.MediaTypeObject>, where: string): Example[] {
  const found: Example[] = [];
  for (const [type, media] of Object.entries(content)) {
    if (!media.schema) continue;
    if (media.example !== undefined)
      found.push({ where: `${where} ${type}`, schema: media.schema, value: media.example });
    for (const [name, ex] of Object.entries(media.examples ?? {})) {
      found.push({
        where: `${where} ${type} example ${name}`,
        schema: media.schema,
        value: (ex as OpenAPIV3.ExampleObject).value,
      });
    }
  }
  return found;
}

async function everyExample(): Promise<Example[]> {
  const { document } = await spec();
  const components = document.components ?? {};
  const found: Example[] = [];
  for (const [name, schema] of Object.entries(components.schemas ?? {})) {
    found.push(...schemaExamples(schema as Schema, `components.schemas.${name}`));
  }
  for (const [name, header] of Object.entries(components.headers ?? {})) {
    const h = header as OpenAPIV3.HeaderObject;
    if (h.example !== undefined && h.schema)
      found.push({ where: `header ${name}`, schema: h.schema, value: h.example });
  }
  for (const op of listOperations(document)) {
    for (const p of op.parameters) {
      if (p.example !== undefined && p.schema)
        found.push({ where: `${op.operationId} ${p.in} ${p.name}`, schema: p.schema, value: p.example });
    }
    const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    if (body) found.push(...mediaExamples(body.content, `${op.operationId} request`));
    for (const [status, response] of Object.entries(op.operation.responses)) {
      found.push(
        ...mediaExamples((response as OpenAPIV3.ResponseObject).content ?? {}, `${op.operationId} ${status}`),
      );
    }
  }
  return found;
}

describe('examples', () => {
  it('every example in openapi.yaml validates against its schema', async () => {
    const validator = new SchemaValidator();
    const examples = await everyExample();
    expect(examples.length).toBeGreaterThan(150);
    const failures = examples.flatMap((ex) => {
      const result = validator.validate(ex.schema, ex.value);
      return result.ok
        ? []
        : [`${ex.where}: ${result.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`];
    });
    expect(failures).toEqual([]);
  });

  it('every schema has an example, except raw bytes', async () => {
    const { document } = await spec();
    const missing = Object.entries(document.components?.schemas ?? {})
      .filter(([, s]) => (s as Schema).example === undefined && (s as Schema).format !== 'binary')
      .filter(
        ([, s]) =>
          !Object.values((s as Schema).properties ?? {}).some((p) => (p as Schema).format === 'binary'),
      )
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('every JSON request and response of every operation has an example', async () => {
    const { document } = await spec();
    const missing: string[] = [];
    for (const op of listOperations(document)) {
      const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      const contents = [
        ['request', body?.content] as const,
        ...Object.entries(op.operation.responses).map(
          ([s, r]) => [s, (r as OpenAPIV3.ResponseObject).content] as const,
        ),
      ];
      for (const [where, content] of contents) {
        for (const [type, media] of Object.entries(content ?? {})) {
          if (!type.includes('json')) continue;
          const has =
            media.example !== undefined ||
            media.examples ||
            (media.schema as Schema | undefined)?.example !== undefined;
          if (!has) missing.push(`${op.operationId} ${where} ${type}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every example of asyncapi.yaml validates against its payload', async () => {
    const validator = new SchemaValidator();
    const { messages } = await loadAsyncApi();
    for (const message of messages.values()) {
      for (const example of message.examples) {
        expect(validator.validate(message.payload, example), message.name).toEqual({ ok: true });
      }
    }
  });
});
