import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './load-spec.ts';
import { InvalidSpecError, sortSpecProblems, specProblems } from './spec-problems.ts';

// A shared schema with a typo, used by two operations: swagger-parser reports it at both places of
// use, each with the noise of the alternatives it did not match.
const raw = {
  openapi: '3.0.3',
  paths: {
    '/a': { get: { responses: { '200': { $ref: '#/components/responses/Thing' } } } },
    '/b': { get: { responses: { '200': { $ref: '#/components/responses/Thing' } } } },
  },
  components: {
    responses: {
      Thing: {
        description: 'x',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
      },
    },
    schemas: { Thing: { type: 'objct' } },
  },
} as unknown as OpenApiDocument;

const typo = (at: string) => [
  {
    instancePath: `${at}/type`,
    keyword: 'enum',
    message: 'must be equal to one of the allowed values',
    params: { allowedValues: ['object', 'string'] },
  },
  {
    instancePath: at,
    keyword: 'required',
    message: "must have required property '$ref'",
    params: { missingProperty: '$ref' },
  },
  { instancePath: at, keyword: 'oneOf', message: 'must match exactly one schema in oneOf', params: {} },
];

describe('specProblems', () => {
  it('says each problem once, where it is written, with the value found there', () => {
    const details = [
      ...typo('/paths/~1a/get/responses/200/content/application~1json/schema'),
      ...typo('/paths/~1b/get/responses/200/content/application~1json/schema'),
      ...typo('/components/schemas/Thing'),
    ];
    expect(
      specProblems(raw, Object.assign(new Error('Swagger schema validation failed.'), { details })),
    ).toEqual([
      '#/components/schemas/Thing/type must be equal to one of the allowed values (object, string), not "objct"',
    ]);
  });

  it("falls back to the error's own message on one line", () => {
    expect(specProblems(raw, new Error('Duplicate operation id\n  "x"'))).toEqual([
      'Duplicate operation id "x"',
    ]);
  });

  it('makes one message of them, naming the file and the count', () => {
    expect(new InvalidSpecError('api.yaml', ['a', 'b']).message).toBe(
      'api.yaml is not a valid OpenAPI document (2 errors):\n  - a\n  - b',
    );
  });
});

// OAI's 3.1 example writes `scheme: Bearer` beside a `bearerFormat`; swagger-parser's bundled 3.1
// schema compares the scheme case-sensitively and refuses it with these two details.
const bearer = (scheme: string, type = 'http') =>
  ({
    openapi: '3.1.0',
    paths: {},
    components: { securitySchemes: { auth: { type, scheme, bearerFormat: 'JWT' } } },
  }) as unknown as OpenApiDocument;
const bearerDetails = [
  {
    instancePath: '/components/securitySchemes/auth',
    keyword: 'unevaluatedProperties',
    message: 'must NOT have unevaluated properties',
    params: { unevaluatedProperty: 'bearerFormat' },
  },
  {
    instancePath: '/components/securitySchemes/auth',
    keyword: 'if',
    message: 'must match "else" schema',
    params: {},
  },
];
const failed = () =>
  Object.assign(new Error('Swagger schema validation failed.'), { details: bearerDetails });

describe('sortSpecProblems', () => {
  it.each([
    ['Bearer', 'http', 0, 1],
    ['BEARER', 'http', 0, 1],
    ['basic', 'http', 2, 0],
    ['Bearer', 'apiKey', 2, 0],
  ])('scheme %s of type %s: %i problems, %i warning', (scheme, type, problems, warnings) => {
    const sorted = sortSpecProblems(bearer(scheme, type), failed());
    expect(sorted.problems).toHaveLength(problems);
    expect(sorted.warnings).toHaveLength(warnings);
    if (warnings) expect(sorted.warnings[0]).toMatch(/^#\/components\/securitySchemes\/auth: scheme "B/);
  });
});
