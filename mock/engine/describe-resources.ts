import type { OpenAPIV3 } from 'openapi-types';
import type { OpenApiDocument } from '../openapi/load-spec.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { type ActionChange, inferredChange } from './action-change.ts';
import { actionPathsOf, endsInParameter, itemPathOf, pathStem } from './find-paths.ts';
import {
  type FilterRule,
  hintsOf,
  type ReferenceRule,
  type ResourceHints,
  type RestrictRule,
  type SortRule,
  type UniqueRule,
} from './mock-extension.ts';
import { ID_NAME, listOf, receiptOf, type Shape, sameShape, shapeOf } from './record-shapes.ts';
import {
  isArraySchema,
  isObjectSchema,
  jsonRequestSchema,
  objectShape,
  type Schema,
  successResponse,
  typeOf,
} from './schema-shape.ts';

export type Role = 'list' | 'create' | 'read' | 'replace' | 'update' | 'remove';

/** How a list answers: a bare array, or an object with the items and paging fields. */
export type Envelope =
  | { kind: 'array' }
  | { kind: 'object'; items: string; total?: string; page?: string; pageSize?: string; totalPages?: string };

/** The query parameters that page a list, by their meaning. */
export interface Paging {
  page?: string;
  pageSize?: string;
  offset?: string;
  /** The page size when the request names none (the parameter's default, else 20). */
  defaultSize: number;
  /** The first page's number (0 when the parameter's minimum is 0). */
  firstPage: number;
}

export interface Filter extends FilterRule {
  param: string;
}

/** One collection the engine serves, everything read from the contract. */
export interface Resource {
  name: string;
  /** The collection's path as the spec writes it (`/qa`). */
  path: string;
  /** The path of one record (`/qa/{id}`), when the spec has one. */
  itemPath: string | undefined;
  idParam: string | undefined;
  idField: string;
  idKind: 'uuid' | 'integer' | 'string';
  record: Schema;
  /** The create's (else the replace's) request schema; a bulk create's item schema. */
  input: Schema | undefined;
  /** The create takes a list of records (`POST /alerts` with `[{…}, {…}]`): each is a record. */
  bulk: boolean;
  envelope: Envelope;
  paging: Paging;
  filters: Filter[];
  sort: SortRule | undefined;
  /** A query parameter naming the field to sort on (`sort=-createdAt`), and one for the order. */
  sortParam: string | undefined;
  orderParam: string | undefined;
  /** The fields the sort parameter's enum offers (`-durationSeconds` is durationSeconds). */
  sortFields: string[];
  unique: UniqueRule[];
  references: ReferenceRule[];
  restrictDelete: RestrictRule[];
  /**
   * A nested collection (`/owners/{ownerId}/pets`): the parent's parameter, the field that keeps it
   * and the parent's collection (when the spec has its item path).
   */
  parent: { param: string; field: string; collection?: string } | undefined;
  seedCount: number | undefined;
  operations: Partial<Record<Role, SpecOperation>>;
  /** How each role's success answer carries the record. */
  shapes: Partial<Record<Role, Shape>>;
  /** The list's answer schema, when it is an envelope object (its other required fields are generated). */
  listSchema: Schema | undefined;
  /** Operations on one record's sub-paths (`/x/{id}/expire`, `/x/{id}:cancel`). */
  actions: Action[];
}

/** An action on one record: what it sets (if anything) and how its answer carries the record. */
export interface Action {
  op: SpecOperation;
  verb: string;
  change: ActionChange | undefined;
  /** Undefined when the answer holds something else: it is then answered from its examples. */
  shape: Shape | undefined;
}

const PAGE = ['page', '_page', 'pageNumber', 'page_number', 'pageNo'];
const PAGE_SIZE = ['pageSize', 'page_size', 'per_page', 'perPage', 'limit', '_limit', 'size', 'pagesize'];
const OFFSET = ['offset', 'skip', '_start', 'start'];
const SORT = ['sort', 'sortBy', 'sort_by', 'orderBy', 'order_by', '_sort'];
const ORDER = ['order', 'sortOrder', 'sort_order', 'direction', '_order'];
const SEARCH = ['q', 'search', 'query', 'filter', 'term'];
const ITEMS = ['items', 'data', 'results', 'records', 'content', 'rows', 'list'];
const TOTAL = ['total', 'totalCount', 'total_count', 'count', 'totalItems', 'total_items'];
const PAGE_FIELD = ['page', 'pageNumber', 'page_number', 'currentPage'];
const SIZE_FIELD = ['pageSize', 'page_size', 'perPage', 'per_page', 'limit', 'size'];
const PAGES_FIELD = ['totalPages', 'total_pages', 'pages', 'pageCount'];

/**
 * Finds the collections of a contract: a path with a list (`GET /x`) or a create (`POST /x`)
 * and its item path (`/x/{id}`) with any of GET, PUT, PATCH and DELETE. Operations of no
 * recognisable collection are left to the profile or to the example answers.
 */
export function describeResources(document: OpenApiDocument, operations: SpecOperation[]): Resource[] {
  const byPath = new Map<string, SpecOperation[]>();
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  const paths = [...byPath.keys()];
  const hintsAt = (path: string | undefined) =>
    path ? hintsOf<ResourceHints>(document.paths?.[path] ?? {}, path) : {};
  // An item path that names its collection (`x-mock: { collection: silences }`) links to it.
  const statedItems = new Map(
    paths.filter(endsInParameter).flatMap((p) => {
      const named = hintsAt(p).collection;
      return named ? [[named, p] as const] : [];
    }),
  );
  const resources: Resource[] = [];
  const taken = new Set<string>();
  for (const [path, ops] of byPath) {
    if (endsInParameter(path)) continue;
    const own = hintsAt(path);
    const item = statedItems.get(own.collection ?? lastWord(path)) ?? itemPathOf(path, paths);
    const itemOps = item ? (byPath.get(item) ?? []) : [];
    const hints = { ...hintsAt(item), ...own };
    if (hints.collectionOf === false) continue;
    const roles = rolesOf(ops, itemOps);
    if (roles.create && answersParent(roles.create, path, byPath)) delete roles.create;
    const record = recordSchema(roles);
    if (!record || !isObjectSchema(record)) continue;
    const shapes = shapesOf(roles, record);
    if (Object.keys(roles).length < 2 || !(roles.list || roles.read)) continue;
    const name = uniqueName(hints.collection ?? lastWord(path), taken);
    taken.add(name);
    resources.push({ ...describe(name, path, item, record, roles, hints), shapes });
  }
  for (const resource of resources) {
    resource.actions = actionsOf(resource, byPath, resources, hintsAt);
    if (!resource.parent) continue;
    const owner = resources.find((r) => r.itemPath && resource.path.startsWith(`${r.itemPath}/`));
    if (owner) resource.parent.collection = owner.name;
  }
  return resources;
}

/** The actions on a collection's records: writes on its item path's sub-paths that no collection owns. */
function actionsOf(
  resource: Resource,
  byPath: Map<string, SpecOperation[]>,
  resources: Resource[],
  hintsAt: (path: string) => ResourceHints,
): Action[] {
  if (!resource.itemPath) return [];
  return actionPathsOf(resource.itemPath, [...byPath.keys()])
    .filter(({ path }) => !resources.some((r) => r.path === path))
    .flatMap(({ path, verb }) =>
      (byPath.get(path) ?? [])
        .filter((op) => op.method !== 'get' && op.method !== 'head' && op.method !== 'options')
        .map((op) => {
          const sets = hintsAt(path).sets;
          const change = sets
            ? Object.entries(sets).map(([field, value]) => ({ field: field.split('.'), value }))[0]
            : inferredChange(verb, resource.record);
          return { op, verb, change, shape: shapeOf(op, resource.record) };
        }),
    );
}

function rolesOf(ops: SpecOperation[], itemOps: SpecOperation[]): Partial<Record<Role, SpecOperation>> {
  const roles: Partial<Record<Role, SpecOperation>> = {};
  for (const op of ops) {
    if (op.method === 'get' && listItemsSchema(op)) roles.list = op;
    if (op.method === 'post' && jsonRequestSchema(op.operation)) roles.create = op;
  }
  for (const op of itemOps) {
    if (op.method === 'get') roles.read = op;
    if (op.method === 'put' && jsonRequestSchema(op.operation)) roles.replace = op;
    if (op.method === 'patch' && jsonRequestSchema(op.operation)) roles.update = op;
    if (op.method === 'delete') roles.remove = op;
  }
  return roles;
}

/**
 * A create whose answer is its parent's record (GitHub's `POST /issues/{n}/assignees` answers the
 * issue) changes the parent: it makes no record of this path, whose "record" was the issue and
 * whose id field (`assignee`, an object) no create could make: a 500 on each.
 */
function answersParent(create: SpecOperation, path: string, byPath: Map<string, SpecOperation[]>): boolean {
  const parent = pathStem(path).replace(/\/[^/]+$/, '');
  if (!endsInParameter(parent)) return false;
  const parentPath = [...byPath.keys()].find((p) => pathStem(p) === parent);
  const read = parentPath ? byPath.get(parentPath)?.find((op) => op.method === 'get') : undefined;
  const mine = successResponse(create.operation).schema;
  const theirs = read && successResponse(read.operation).schema;
  return mine !== undefined && theirs !== undefined && isObjectSchema(mine) && sameShape(mine, theirs);
}

/** The record schema: a list's items, else one record's GET answer, else the create answer. */
function recordSchema(roles: Partial<Record<Role, SpecOperation>>): Schema | undefined {
  const listed = roles.list ? listItemsSchema(roles.list)?.items : undefined;
  if (listed && isObjectSchema(listed)) return listed;
  const read = roles.read && successResponse(roles.read.operation).schema;
  if (read && isObjectSchema(read)) return read;
  const created = roles.create && successResponse(roles.create.operation).schema;
  return created && isObjectSchema(created) ? created : undefined;
}

/** The schema of a list's items and the envelope around them, when the answer is a list. */
function listItemsSchema(op: SpecOperation): { items: Schema; envelope: Envelope } | undefined {
  const schema = successResponse(op.operation).schema;
  if (!schema) return undefined;
  if (isArraySchema(schema)) {
    const items = (schema as { items?: Schema }).items as Schema | undefined;
    return items && isObjectSchema(items) ? { items, envelope: { kind: 'array' } } : undefined;
  }
  if (!isObjectSchema(schema)) return undefined;
  const { properties } = objectShape(schema);
  const arrays = Object.entries(properties).filter(
    ([, s]) => isArraySchema(s) && isObjectSchema((s as { items?: Schema }).items as Schema | undefined),
  );
  if (arrays.length === 0) return undefined;
  const [itemsField, itemsSchema] =
    arrays.find(([n]) => ITEMS.includes(n)) ?? (arrays[0] as [string, Schema]);
  const field = (names: string[]) =>
    Object.keys(properties).find(
      (n) => names.includes(n) && ['integer', 'number'].includes(typeOf(properties[n]) ?? ''),
    );
  return {
    items: (itemsSchema as { items?: Schema }).items as Schema,
    envelope: {
      kind: 'object',
      items: itemsField,
      total: field(TOTAL),
      page: field(PAGE_FIELD),
      pageSize: field(SIZE_FIELD),
      totalPages: field(PAGES_FIELD),
    },
  };
}

/**
 * How each role answers the record, dropping (from `roles`) those whose answer holds something
 * else: a list of summaries or a create that answers a receipt is left to the examples.
 */
function shapesOf(roles: Partial<Record<Role, SpecOperation>>, record: Schema): Partial<Record<Role, Shape>> {
  const shapes: Partial<Record<Role, Shape>> = {};
  for (const role of Object.keys(roles) as Role[]) {
    const op = roles[role] as SpecOperation;
    if (role === 'list') {
      const items = listItemsSchema(op)?.items;
      if (items && sameShape(items, record)) shapes.list = { kind: 'record' };
      else delete roles.list;
      continue;
    }
    const answer = successResponse(op.operation);
    const shape: Shape | undefined =
      role === 'create' && listOf(answer.schema, record)
        ? { kind: 'records' }
        : (shapeOf(op, record) ??
          (role === 'create' && answer.schema ? receiptOf(answer.schema, record) : undefined));
    if (shape) shapes[role] = shape;
    else delete roles[role];
  }
  return shapes;
}

/** A create's request schema, and whether it takes a list of records. */
function createInput(roles: Partial<Record<Role, SpecOperation>>): {
  input: Schema | undefined;
  bulk: boolean;
} {
  const created = roles.create && jsonRequestSchema(roles.create.operation);
  if (created && isArraySchema(created)) return { input: (created as { items?: Schema }).items, bulk: true };
  return { input: created ?? (roles.replace && jsonRequestSchema(roles.replace.operation)), bulk: false };
}

function describe(
  name: string,
  path: string,
  itemPath: string | undefined,
  record: Schema,
  roles: Partial<Record<Role, SpecOperation>>,
  hints: ResourceHints,
): Omit<Resource, 'shapes'> {
  const { properties } = objectShape(record);
  const idParam = itemPath ? /\{([^}]+)\}$/.exec(pathStem(itemPath))?.[1] : undefined;
  const { input } = createInput(roles);
  const idField =
    hints.idField ??
    (idParam && isScalar(properties[idParam])
      ? idParam
      : ((idParam && fieldNamedBy(idParam, properties, input)) ??
        (properties.id ? 'id' : (otherIdName(name, properties) ?? idParam ?? 'id'))));
  const idSchema =
    properties[idField] ?? (roles.read?.parameters.find((p) => p.name === idParam)?.schema as Schema);
  const idKind =
    typeOf(idSchema) === 'integer' || typeOf(idSchema) === 'number'
      ? 'integer'
      : idSchema?.format === 'uuid'
        ? 'uuid'
        : 'string';
  const list = roles.list;
  const query = (list?.parameters ?? []).filter((p) => p.in === 'query');
  const paging = pagingOf(query);
  const sortParam = query.find((p) => SORT.includes(p.name))?.name;
  // `direction=inbound|outbound` is a filter, not an order: an order parameter's values say asc or desc.
  const orderParam = query.find((p) => ORDER.includes(p.name) && ordersOnly(p.schema as Schema))?.name;
  const sortFields = enumOf(query.find((p) => p.name === sortParam)?.schema as Schema)
    .map((v) => String(v).replace(/^-/, '').split(':')[0] as string)
    .filter((field) => properties[field]);
  const used = new Set([paging.page, paging.pageSize, paging.offset, sortParam, orderParam]);
  const filters: Filter[] = Object.entries(hints.filters ?? {}).map(([param, rule]) => ({ param, ...rule }));
  for (const p of query) {
    if (used.has(p.name) || filters.some((f) => f.param === p.name)) continue;
    if (properties[p.name]) {
      const many = isArraySchema(p.schema as Schema) && !isArraySchema(properties[p.name]);
      filters.push({ param: p.name, fields: [p.name], match: many ? 'in' : 'equals' });
    } else if (SEARCH.includes(p.name) && typeOf(p.schema as Schema) === 'string') {
      const texts = Object.keys(properties).filter(
        (n) => typeOf(properties[n]) === 'string' && n !== idField,
      );
      filters.push({ param: p.name, fields: texts, match: 'contains' });
    }
  }
  const parentParam = /\{([^}]+)\}\/[^/{}]+$/.exec(pathStem(path))?.[1];
  return {
    name,
    path,
    itemPath,
    idParam,
    idField,
    idKind,
    record,
    ...createInput(roles),
    envelope: (list && listItemsSchema(list)?.envelope) ?? { kind: 'array' },
    paging,
    filters,
    sort: hints.sort ?? defaultSort(properties),
    sortParam,
    orderParam,
    sortFields: [...new Set(sortFields)],
    unique: hints.unique ?? [],
    references: hints.references ?? [],
    restrictDelete: hints.restrictDelete ?? [],
    // A parent named like the record's own id (Jira's `/role/{id}/actors` answering a role with
    // its own `id`) is not kept in that field: the parent's id would overwrite each record's own.
    // A parent field that holds an object (Bitbucket's comment `commit`, where the path names the
    // commit's hash) is no parent key: its value in a path was `[object Object]`.
    parent:
      parentParam && parentParam !== idField && isScalar(properties[parentParam])
        ? { param: parentParam, field: parentParam }
        : undefined,
    seedCount: hints.seed,
    operations: roles,
    listSchema: list ? successResponse(list.operation).schema : undefined,
    actions: [],
  };
}

/** The values an enum (or an array of one) allows. */
function enumOf(schema: Schema | undefined): unknown[] {
  if (!schema) return [];
  const items = isArraySchema(schema) ? ((schema as { items?: Schema }).items ?? {}) : schema;
  return Array.isArray(items.enum) ? items.enum : [];
}

/** No enum, or an enum of orders only (asc, desc, ascending, descending, in any case). */
function ordersOnly(schema: Schema | undefined): boolean {
  const values = enumOf(schema);
  return values.every((v) => /^(asc|desc)(ending)?$/i.test(String(v)));
}

function pagingOf(query: OpenAPIV3.ParameterObject[]): Paging {
  const find = (names: string[]) => query.find((p) => names.includes(p.name));
  const page = find(PAGE);
  const size = find(PAGE_SIZE);
  const offset = find(OFFSET);
  const sizeSchema = size?.schema as Schema | undefined;
  const pageSchema = page?.schema as Schema | undefined;
  return {
    page: page?.name,
    pageSize: size?.name,
    offset: offset?.name,
    defaultSize:
      typeof sizeSchema?.default === 'number' ? sizeSchema.default : Math.min(20, sizeSchema?.maximum ?? 20),
    firstPage: pageSchema?.minimum === 0 ? 0 : 1,
  };
}

/** Newest first where records carry a creation time, else the order they were added. */
function defaultSort(properties: Record<string, Schema>): SortRule | undefined {
  const created = Object.keys(properties).find((n) =>
    /^(created|createdAt|created_at|createdOn|dateCreated)$/i.test(n),
  );
  return created ? { field: created, order: 'desc' } : undefined;
}

const isScalar = (schema: Schema | undefined) =>
  ['string', 'integer', 'number'].includes(typeOf(schema) ?? '');

/**
 * The field an item path's parameter names by its last word (`{team_slug}` a team's `slug`,
 * `{stack_number}` a stack's `number`, `{projectKey}` a `key`), where the server makes it (the
 * create's request does not take it) and it is a plain value: GitHub reads teams by slug and
 * issues by number, and an `id` taken for them read every created record back as a 404.
 */
function fieldNamedBy(
  param: string,
  properties: Record<string, Schema>,
  input: Schema | undefined,
): string | undefined {
  const words = param.split(/_|(?=[A-Z])/).filter(Boolean);
  const last = words.at(-1);
  if (words.length < 2 || !last) return undefined;
  const field = last.charAt(0).toLowerCase() + last.slice(1);
  if (field === 'id' || !isScalar(properties[field])) return undefined;
  return input && field in objectShape(input).properties ? undefined : field;
}

/**
 * A record's id under another name: `uuid`, `key`, `_id`, the collection's own `<word>_id` or
 * `<word>Id`, else the one read-only field named like an id.
 */
function otherIdName(name: string, properties: Record<string, Schema>): string | undefined {
  const word = name.replace(/ies$/, 'y').replace(/s$/, '');
  const names = ['uuid', 'key', '_id', `${word}_id`, `${word}Id`, `${word}ID`, `${word}_key`];
  const named = names.find((n) => properties[n]);
  if (named) return named;
  const readOnly = Object.keys(properties).filter((n) => ID_NAME.test(n) && properties[n]?.readOnly);
  return readOnly.length === 1 ? readOnly[0] : undefined;
}

function lastWord(path: string): string {
  const words = pathStem(path)
    .split('/')
    .filter((w) => w && !w.startsWith('{'));
  return words.at(-1) ?? 'records';
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}${i}`;
  return candidate;
}
