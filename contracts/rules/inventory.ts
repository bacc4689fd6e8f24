import { readFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { parse as parseYaml } from 'yaml';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { Contract } from '../plan/load-contract.ts';
import { escapeSegment, operationPointer, specPointer } from '../plan/spec-pointer.ts';
import type { RuleKindName } from './rule-kinds.ts';

/** One statement of the contract: what it says, where, and which operation (and status) it is about. */
export interface Statement {
  kind: RuleKindName;
  /** Where it is written: `openapi.yaml#/paths/~1topics/post/responses/201`. */
  pointer: string;
  /** The rule in a few words, as `--rules` prints it. */
  text: string;
  operationId?: string;
  /** The documented status it is about (`201`, `4XX`), for statements of one response. */
  status?: string;
  /** Text the request must carry to be about this statement (a test number), where the operation is not enough. */
  sends?: string;
  /** Why no run can cause what it is about (the contract's `outsideRun`): listed as such, not as not judged. */
  outside?: string;
}

/**
 * Every statement of the contract a backend must keep, read from the OpenAPI document (paths,
 * security, `x-` extensions) and its AsyncAPI document (messages, the channel's `x-` rules). Pure
 * over the loaded contract, save reading the AsyncAPI file as written (for its `x-` keys and
 * message keys, which the parsed document does not keep).
 */
export function buildInventory(contract: Contract): Statement[] {
  const doc = contract.spec.document as OpenAPIV3.Document & Record<string, unknown>;
  const statements: Statement[] = [];
  for (const op of contract.operations) statements.push(...operationStatements(op, doc));
  statements.push(...authStatements(doc['x-auth']));
  statements.push(...rateLimitPolicies(doc['x-rate-limits']));
  for (const [part, value] of Object.entries((doc['x-cors'] ?? {}) as Record<string, unknown>))
    statements.push({ kind: 'cors', pointer: specPointer('x-cors', part), text: `${part}: ${show(value)}` });
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    const rules = (schema as Record<string, unknown>)['x-lifecycle'] as Record<string, unknown> | undefined;
    if (rules)
      statements.push({
        kind: 'lifecycle',
        pointer: specPointer('components', 'schemas', name, 'x-lifecycle'),
        text: `${name}: from ${show(rules.initial)} to one of ${show(rules.final)}`,
      });
    const requestId = (schema as OpenAPIV3.SchemaObject).properties?.requestId as Record<string, unknown>;
    if (requestId?.['x-same-as-header'])
      statements.push({
        kind: 'request-id',
        pointer: specPointer('components', 'schemas', name, 'properties', 'requestId', 'x-same-as-header'),
        text: `${name}.requestId = the ${show(requestId['x-same-as-header'])} header`,
      });
  }
  if (contract.asyncApiPath) statements.push(...asyncApiStatements(contract.asyncApiPath));
  return statements;
}

function operationStatements(op: SpecOperation, doc: OpenAPIV3.Document): Statement[] {
  const id = op.operationId;
  const x = op.operation as Record<string, unknown>;
  const out: Statement[] = [];
  const add = (kind: RuleKindName, pointer: string, text: string, status?: string) => {
    out.push({ kind, pointer, text: `${id}: ${text}`, operationId: id, ...(status ? { status } : {}) });
  };
  const responses = op.operation.responses ?? {};
  add('response-status', operationPointer(op, 'responses'), `answers ${Object.keys(responses).join(' ')}`);
  for (const [status, value] of Object.entries(responses)) {
    const response = value as OpenAPIV3.ResponseObject;
    const types = Object.keys(response.content ?? {});
    const at = (...rest: string[]) => operationPointer(op, 'responses', status, ...rest);
    add('response-media-type', at('content'), `${status} as ${types.join(', ') || 'no body'}`, status);
    for (const [type, media] of Object.entries(response.content ?? {}))
      if (media.schema)
        add(
          'response-schema',
          at('content', type, 'schema'),
          `${status} ${type}: ${keywords(media.schema)}`,
          status,
        );
    for (const [name, header] of Object.entries(response.headers ?? {}))
      add(
        'response-header',
        at('headers', name),
        `${status} ${name}${(header as OpenAPIV3.HeaderObject).required ? ' (required)' : ''}`,
        status,
      );
  }
  for (const p of op.parameters)
    add(
      'parameter',
      parameterPointer(op, doc, p),
      `${p.in} ${p.name}${p.required ? ' (required)' : ''}: ${p.schema ? keywords(p.schema) : 'content'}`,
    );
  const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  for (const [type, media] of Object.entries(body?.content ?? {})) {
    add(
      'request-body',
      operationPointer(op, 'requestBody', 'content', type),
      `${type}: ${keywords(media.schema)}`,
    );
    const max = (media as Record<string, unknown>)['x-max-file-size'];
    if (max !== undefined) {
      const where = operationPointer(op, 'requestBody', 'content', type);
      add('upload-limit', `${where}/x-max-file-size`, `files up to ${show(max)} bytes, 413 above`);
      for (const [field, encoding] of Object.entries(media.encoding ?? {}))
        add(
          'upload-limit',
          `${where}/encoding/${escapeSegment(field)}`,
          `${field} of ${encoding.contentType}, 415 otherwise`,
        );
    }
    if (type === 'application/json' && isValidated(op))
      add(
        'field-errors',
        operationPointer(op, 'responses', '400'),
        `every wrong field of a ${type} body named in errors`,
      );
  }
  const schemes = op.security.flatMap((requirement) => Object.keys(requirement));
  if (schemes.length) {
    add(
      'security',
      op.operation.security ? operationPointer(op, 'security') : specPointer('security'),
      `needs ${schemes.join(' or ')}`,
    );
    const queryScheme = querySchemes(doc);
    if (queryScheme.length)
      add(
        queryScheme.some((s) => schemes.includes(s)) ? 'query-token' : 'credential-place',
        op.operation.security ? operationPointer(op, 'security') : specPointer('security'),
        queryScheme.some((s) => schemes.includes(s))
          ? `takes the token as ${queryScheme.join(', ')} too`
          : `refuses the token as ${queryScheme.join(', ')} (not in its security)`,
      );
  }
  const limits = (doc as unknown as Record<string, unknown>)['x-rate-limits'] as
    | { defaultPolicy?: string }
    | undefined;
  if (op.rateLimitPolicy !== undefined)
    add('rate-limit-policy', operationPointer(op, 'x-rate-limit'), `policy ${op.rateLimitPolicy}`);
  else if (limits?.defaultPolicy)
    add('rate-limit-policy', specPointer('x-rate-limits', 'defaultPolicy'), `policy ${limits.defaultPolicy}`);
  for (const event of op.emits) add('emits', operationPointer(op, 'x-emits'), `emits ${event}`);
  for (const [i, rule] of ((x['x-constraints'] ?? []) as Record<string, unknown>[]).entries())
    add(
      'constraint',
      operationPointer(op, 'x-constraints', i),
      `${show(rule.rule)} ${show(rule.fields ?? rule.field)}`,
    );
  for (const [figure, how] of Object.entries((x['x-derived'] ?? {}) as Record<string, string>))
    add('derived', operationPointer(op, 'x-derived', figure), `${figure} = ${how}`);
  for (const [number, outcome] of Object.entries((x['x-test-numbers'] ?? {}) as Record<string, string>))
    out.push({
      kind: 'test-number',
      pointer: operationPointer(op, 'x-test-numbers', number),
      text: `${id}: ${number} plays ${outcome}`,
      operationId: id,
      sends: number,
    });
  for (const [field, value] of Object.entries((x['x-replace-defaults'] ?? {}) as Record<string, unknown>))
    add(
      'replace-defaults',
      operationPointer(op, 'x-replace-defaults', field),
      `${field} left out becomes ${show(value)}`,
    );
  return out;
}

/** Where a parameter is written: on the operation, else on its path item. */
function parameterPointer(op: SpecOperation, doc: OpenAPIV3.Document, p: OpenAPIV3.ParameterObject): string {
  const same = (q: unknown) =>
    (q as OpenAPIV3.ParameterObject).name === p.name && (q as OpenAPIV3.ParameterObject).in === p.in;
  const own = (op.operation.parameters ?? []).findIndex(same);
  if (own >= 0) return operationPointer(op, 'parameters', own);
  return specPointer(
    'paths',
    op.path,
    'parameters',
    (doc.paths?.[op.path]?.parameters ?? []).findIndex(same),
  );
}

/** A JSON body the operation validates: it documents a 400 for it. */
function isValidated(op: SpecOperation): boolean {
  return op.operation.responses?.['400'] !== undefined;
}

/** The security schemes that carry the token in the query string. */
function querySchemes(doc: OpenAPIV3.Document): string[] {
  return Object.entries(doc.components?.securitySchemes ?? {})
    .filter(
      ([, s]) =>
        (s as OpenAPIV3.ApiKeySecurityScheme).type === 'apiKey' &&
        (s as OpenAPIV3.ApiKeySecurityScheme).in === 'query',
    )
    .map(([name]) => name);
}

function authStatements(auth: unknown): Statement[] {
  if (!isRecord(auth)) return [];
  const out: Statement[] = [];
  for (const [part, kind] of [
    ['accessToken', 'access-token'],
    ['refreshToken', 'refresh-token'],
    ['refusals', 'refusal-code'],
    ['challenge', 'challenge'],
  ] as const)
    for (const [key, value] of Object.entries(isRecord(auth[part]) ? auth[part] : {}))
      if (key !== 'format')
        out.push({ kind, pointer: specPointer('x-auth', part, key), text: `${part}.${key}: ${show(value)}` });
  return out;
}

function rateLimitPolicies(limits: unknown): Statement[] {
  if (!isRecord(limits) || !isRecord(limits.policies)) return [];
  return Object.entries(limits.policies).map(([name, policy]) => ({
    kind: 'rate-limit-policy' as const,
    pointer: specPointer('x-rate-limits', 'policies', name),
    text: `${name}: ${show((policy as Record<string, unknown>).limit)} a ${show((policy as Record<string, unknown>).windowSeconds)} s window${name === limits.defaultPolicy ? ' (the default)' : ''}`,
  }));
}

function asyncApiStatements(path: string): Statement[] {
  const doc = parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const file = path.split(/[/\\]/).at(-1) ?? 'asyncapi.yaml';
  const pointer = (...segments: string[]) => `${file}#/${segments.map(escapeSegment).join('/')}`;
  const out: Statement[] = [];
  const messages = ((doc.components as Record<string, unknown> | undefined)?.messages ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  for (const [key, message] of Object.entries(messages))
    out.push({
      kind: 'event-message',
      pointer: pointer('components', 'messages', key, 'payload'),
      text: `${show(message.name ?? key)} payload`,
    });
  for (const [name, channel] of Object.entries(
    (doc.channels ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    const delivery = channel['x-delivery'];
    if (isRecord(delivery)) {
      if (delivery.uniqueId)
        out.push({
          kind: 'event-id',
          pointer: pointer('channels', name, 'x-delivery', 'uniqueId'),
          text: `${name}: every event's ${show(delivery.uniqueId)} is new`,
        });
      if (delivery.order)
        out.push({
          kind: 'event-order',
          pointer: pointer('channels', name, 'x-delivery', 'order'),
          text: `${name}: in the order of ${show(delivery.order)}`,
        });
    }
    for (const [cause, close] of Object.entries(
      isRecord(channel['x-closes-on']) ? channel['x-closes-on'] : {},
    )) {
      const { code, reason, outsideRun } = close as Record<string, unknown>;
      out.push({
        kind: 'close-code',
        pointer: pointer('channels', name, 'x-closes-on', cause),
        text: `${name}: ${cause} closes ${show(code)}${reason === undefined ? '' : ` ${show(reason)}`}`,
        ...(typeof outsideRun === 'string' ? { outside: outsideRun } : {}),
      });
    }
  }
  return out;
}

/** Annotations, not rules. */
const NOT_KEYWORDS = new Set(['description', 'example', 'examples', 'title']);
/** Keywords whose value is data, not a schema to walk into. */
const DATA_KEYWORDS = new Set(['enum', 'default', 'const', 'required', 'pattern', 'format', 'type']);

/** The keywords a schema uses, deduplicated, as a short list: `type, required, format, maxLength`. */
function keywords(schema: unknown): string {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown) => {
    if (!isRecord(node) || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      // Values, not schemas: an example's keys or an extension's are no keywords.
      if (NOT_KEYWORDS.has(key) || key.startsWith('x-')) continue;
      found.add(key);
      if (DATA_KEYWORDS.has(key)) continue;
      if (key === 'properties' && isRecord(value)) for (const child of Object.values(value)) walk(child);
      else if (Array.isArray(value)) for (const child of value) walk(child);
      else walk(value);
    }
  };
  walk(schema);
  return [...found].join(', ') || 'any value';
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
