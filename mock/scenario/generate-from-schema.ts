import type { Faker } from '@faker-js/faker';
import type { OpenAPIV3 } from 'openapi-types';
import { uzbekMobile } from '../seed/seed.ts';
import { isoSeconds } from '../time.ts';

type Schema = OpenAPIV3.SchemaObject;

/**
 * A value that satisfies an OpenAPI schema, for `Prefer: dynamic=true`. Follows `x-faker`
 * (a faker method path such as `person.fullName`), enums, formats, lengths and ranges; Uzbek phone
 * patterns get Uzbek numbers. Optional properties are included so every field shows.
 */
export function generateFromSchema(schema: Schema, faker: Faker, depth = 0): unknown {
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((s) => generateFromSchema(s as Schema, faker, depth)));
  const hint = (schema as Record<string, unknown>)['x-faker'];
  if (typeof hint === 'string') {
    if (hint === 'phone.uzbek') return uzbekMobile(faker);
    const parts = hint.split('.');
    const method = parts.pop() ?? '';
    const owner = parts.reduce<Record<string, unknown> | undefined>(
      (o, k) => o?.[k] as Record<string, unknown> | undefined,
      faker as unknown as Record<string, unknown>,
    );
    const fn = owner?.[method];
    if (typeof fn === 'function') return String(fn.call(owner));
  }
  if (schema.enum) return faker.helpers.arrayElement(schema.enum.filter((v) => v !== null));
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(schema.properties ?? {}))
        out[name] = generateFromSchema(child as Schema, faker, depth + 1);
      return out;
    }
    case 'array': {
      const count =
        depth > 2
          ? 0
          : faker.number.int({
              min: Math.max(1, schema.minItems ?? 0),
              max: Math.min(3, schema.maxItems ?? 3),
            });
      return Array.from({ length: count }, () =>
        generateFromSchema((schema.items ?? {}) as Schema, faker, depth + 1),
      );
    }
    case 'integer':
      return faker.number.int({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 });
    case 'number':
      return faker.number.float({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, fractionDigits: 2 });
    case 'boolean':
      return faker.datatype.boolean();
    default:
      return generateString(schema, faker);
  }
}

function generateString(schema: Schema, faker: Faker): string {
  switch (schema.format) {
    case 'uuid':
      return faker.string.uuid();
    case 'date-time':
      return isoSeconds(faker.date.recent({ days: 30 }).getTime());
    case 'email':
      return faker.internet.email().toLowerCase();
    case 'uri':
      return faker.internet.url();
  }
  if (schema.pattern === '^\\+998\\d{9}$') return uzbekMobile(faker);
  if (schema.pattern === '^[0-9a-f]{64}$')
    return faker.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' });
  if (schema.example !== undefined && typeof schema.example === 'string') return schema.example;
  const text = faker.lorem.sentence();
  return text.slice(0, schema.maxLength ?? text.length).padEnd(schema.minLength ?? 0, 'x');
}
