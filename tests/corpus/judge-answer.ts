import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import type { AnySchema, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

// Both are CommonJS with a default export; under NodeNext the callable sits on `.default`.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

// The corpus's judge of an answer, independent of this project's code: Ajv (draft 2020-12 for a
// 3.1 document; draft-04 for a 3.0 one, its schemas converted by openapi-schema-to-json-schema,
// which turns `nullable` into a `null` type and OpenAPI's formats into bounds) with ajv-formats,
// compiled over the document as published, `$ref`s resolved by Ajv itself. Nothing of the mock's
// loader, dereferencer or validators is used.

// biome-ignore lint/suspicious/noExplicitAny: a published document, walked as it is
type Json = any;

const DOC = 'corpus-doc';

/** An answer as the wire carried it. */
export interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

/**
 * Why an answer breaks its operation's documented responses; empty when it keeps them. `unjudged`
 * names the schemas Ajv could not compile (their answers are not judged, and are counted apart).
 */
export interface Judge {
  (path: string, method: string, answer: Answer): string[];
  unjudged: Set<string>;
}

/**
 * The judge's regex engine: ECMA's, reading Ruby's and Python's anchors (`\A`, `\Z`, `\z`) as `^`
 * and `$` where a pattern does not compile as written (Linode's domain rule), so that the rule is
 * judged rather than left out. The judge's own reading of the dialect, not the mock's.
 */
const regExp = Object.assign(
  (pattern: string, flags: string) => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      return new RegExp(
        pattern.replace(/(?<!\\)((?:\\\\)*)\\([AZz])/g, (_, run, c) => run + (c === 'A' ? '^' : '$')),
        flags,
      );
    }
  },
  { code: 'new RegExp' },
);

/** Builds the judge of one document: the responses each operation documents, checked by Ajv. */
export function judgeOf(document: Json): Judge {
  const is31 = String(document.openapi).startsWith('3.1');
  const doc = is31 ? document : convert30(structuredClone(document));
  const options = {
    strict: false,
    allErrors: false,
    logger: false as const,
    validateFormats: true,
    code: { regExp },
  };
  const ajv = is31 ? new Ajv2020(options) : new AjvDraft04(options);
  addFormats(ajv as never);
  ajv.addSchema(schemasOf(doc) as AnySchema, DOC);
  const compiled = new Map<string, ValidateFunction | Error>();
  const validatorAt = (pointer: string[]): ValidateFunction | Error => {
    const key = pointer.map(escapePart).join('/');
    const known = compiled.get(key);
    if (known) return known;
    let found: ValidateFunction | Error;
    try {
      found = ajv.compile({ $ref: `${DOC}#/${key}` });
    } catch (error) {
      found = error as Error;
    }
    compiled.set(key, found);
    return found;
  };

  const unjudged = new Set<string>();
  const judge = (path: string, method: string, answer: Answer): string[] => {
    const operation = doc.paths?.[path]?.[method];
    if (!operation) return [`${method.toUpperCase()} ${path} is not in the document`];
    const responses = operation.responses ?? {};
    const status = String(answer.status);
    const key =
      status in responses
        ? status
        : `${status[0]}XX` in responses
          ? `${status[0]}XX`
          : `${status[0]}xx` in responses
            ? `${status[0]}xx`
            : 'default' in responses
              ? 'default'
              : undefined;
    if (!key) return [`status ${status} is not documented (${Object.keys(responses).join(', ')})`];
    const pointer = ['paths', path, method, 'responses', key];
    let response = responses[key];
    for (let hops = 0; typeof response?.$ref === 'string' && hops < 10; hops++) {
      pointer.splice(0, pointer.length, ...response.$ref.slice(2).split('/').map(unescapePart));
      response = pointer.reduce((at: Json, part) => at?.[part], doc);
    }
    const content: Record<string, Json> = response?.content ?? {};
    const mediaTypes = Object.keys(content);
    const sent = answer.contentType?.split(';')[0]?.trim().toLowerCase();
    if (mediaTypes.length === 0)
      return answer.body.length > 0 && answer.status !== 204
        ? [`${status} documents no body, got ${answer.body.length} bytes of ${sent ?? 'no type'}`]
        : [];
    if (answer.body.length === 0) return [];
    const mediaType = sent ? mediaTypes.find((m) => mediaMatches(m, sent)) : undefined;
    if (!mediaType) return [`${status} ${sent ?? 'no content type'} is not one of ${mediaTypes.join(', ')}`];
    if (!/json/.test(sent ?? '') || content[mediaType]?.schema === undefined) return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [`${status} ${sent} body is not JSON: ${answer.body.slice(0, 80)}`];
    }
    const validate = validatorAt([...pointer, 'content', mediaType, 'schema']);
    if (validate instanceof Error) {
      unjudged.add(`${method.toUpperCase()} ${path} ${status}: ${validate.message.slice(0, 120)}`);
      return [];
    }
    if (validate(body)) return [];
    const error = validate.errors?.[0];
    return [`${status} ${sent}: ${error?.instancePath || '(root)'} ${error?.message ?? 'is invalid'}`];
  };
  return Object.assign(judge, { unjudged });
}

/**
 * The document's schemas at their own places, without the rest: Ajv looks for identifiers in every
 * key of a schema it is given, and an example's `id` field must not be taken for one.
 */
function schemasOf(doc: Json): Json {
  const contentSchemas = (content: Json) =>
    Object.fromEntries(
      Object.entries(content ?? {}).map(([type, media]) => [type, { schema: (media as Json)?.schema }]),
    );
  const responsesOf = (responses: Json) =>
    Object.fromEntries(
      Object.entries(responses ?? {}).map(([code, r]) => [
        code,
        (r as Json)?.$ref ? r : { content: contentSchemas((r as Json)?.content) },
      ]),
    );
  const paths = Object.fromEntries(
    Object.entries(doc.paths ?? {}).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries((item as Json) ?? {}).map(([method, op]) => [
          method,
          { responses: responsesOf((op as Json)?.responses) },
        ]),
      ),
    ]),
  );
  const components = {
    schemas: doc.components?.schemas ?? {},
    responses: responsesOf(doc.components?.responses),
  };
  return { paths, components };
}

/** `text/*` and `*\/*` match their kind; parameters are ignored. */
function mediaMatches(documented: string, sent: string): boolean {
  const [type, subtype] = documented.split(';')[0]?.trim().toLowerCase().split('/') ?? [];
  const [sentType, sentSubtype] = sent.split('/');
  return (type === '*' || type === sentType) && (subtype === '*' || subtype === sentSubtype);
}

/** Every schema a 3.0 document holds, as draft-04 JSON Schema (in place). */
function convert30(doc: Json): Json {
  const convert = (schema: Json) => {
    if (typeof schema !== 'object' || schema === null) return schema;
    // OpenAPI 3.0's schema has no `id` keyword, draft-04's does: one written in a 3.0 schema is
    // an unknown field there, and must not become an identifier Ajv resolves references by.
    const out = openapiSchemaToJsonSchema(schema, {
      cloneSchema: true,
      strictMode: false,
      afterTransform: (converted: Json) => {
        if (typeof converted.id === 'string') delete converted.id;
        return converted;
      },
    });
    delete (out as Json).$schema;
    return out;
  };
  const convertContent = (content: Json) => {
    for (const media of Object.values(content ?? {}) as Json[])
      if (media && typeof media === 'object' && media.schema) media.schema = convert(media.schema);
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
    doc.components.schemas[name] = convert(schema);
  for (const response of Object.values(doc.components?.responses ?? {}) as Json[])
    convertContent(response?.content);
  for (const item of Object.values(doc.paths ?? {}) as Json[])
    for (const operation of Object.values(item ?? {}) as Json[])
      for (const response of Object.values(operation?.responses ?? {}) as Json[])
        convertContent(response?.content);
  return doc;
}

const escapePart = (part: string) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1'));
const unescapePart = (part: string) => part.replaceAll('~1', '/').replaceAll('~0', '~');
