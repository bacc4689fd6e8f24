/**
 * The `x-mock` extension: what the contract says about a resource that paths and schemas cannot.
 * Written on a collection's path item (`/agents:`), or at the top level for the whole document
 * (`x-mock: { profile: call-center }`). Every key is optional; the README lists the inference rules
 * that fill what is left out.
 */
export interface ResourceHints {
  /** Name of the collection in the store, db.json and `/__mock/state` (default: the path's last word). */
  collection?: string;
  /** Field that holds a record's id (default: the item path's parameter, else `id`). */
  idField?: string;
  /** Keys no two records may share; a clash is a 409. */
  unique?: UniqueRule[];
  /** Fields that hold the id of another collection's record; an unknown id is a 400. */
  references?: ReferenceRule[];
  /** A record is not deleted while another collection's records point at it; a 409 instead. */
  restrictDelete?: RestrictRule[];
  /** Query parameters and the fields they filter on, beyond those inferred. */
  filters?: Record<string, FilterRule>;
  /** The list's order when the request names none. */
  sort?: SortRule;
  /** How many records to seed (MOCK_COUNTS wins). */
  seed?: number;
  /** `false` keeps the engine away from this path: its operations are answered from examples. */
  collectionOf?: false;
  /**
   * On an action's path (`/silence/{id}/expire`): the fields the action sets, by dotted path
   * (`{ status.state: expired }`), where its verb names no value of the record's schema.
   */
  sets?: Record<string, unknown>;
}

export interface ProblemTemplate {
  /** The problem's `code` (default `conflict`). */
  code?: string;
  title?: string;
  /** `{field}` is replaced by the clashing record's field, `{count}` by the number of dependants. */
  detail?: string;
}

export interface UniqueRule extends ProblemTemplate {
  fields: string[];
  /** `text`: case-insensitive, spaces collapsed and trimmed; `exact` (default): the values as sent. */
  compare?: 'exact' | 'text';
}

export interface ReferenceRule {
  field: string;
  collection: string;
  /** The field error's message (default `no record of <collection> has this id`). */
  message?: string;
}

export interface RestrictRule extends ProblemTemplate {
  collection: string;
  field: string;
}

export type Match = 'equals' | 'contains' | 'in' | 'gte' | 'gt' | 'lte' | 'lt';

export interface FilterRule {
  /** One field, or several of which any may match (a text search over question and answer). */
  fields: string[];
  match?: Match;
}

export interface SortRule {
  field: string;
  order?: 'asc' | 'desc';
  /** A BCP 47 locale to compare text in (`uz` sorts Uzbek names as Uzbek readers expect). */
  locale?: string;
}

/** The top-level `x-mock`: which profile of domain behaviour the document asks for. */
export interface DocumentHints {
  profile?: string;
  /** The prefix of problem `type` URIs (`https://api.example.com/problems/`). */
  problemTypes?: string;
}

const RESOURCE_KEYS = new Set([
  'collection',
  'idField',
  'unique',
  'references',
  'restrictDelete',
  'filters',
  'sort',
  'seed',
  'collectionOf',
  'sets',
]);

/**
 * Reads the `x-mock` object of a spec node, or an empty one. A key the engine does not know throws
 * naming it and where it is: a typo (`uniqe`) would otherwise silently turn a rule off.
 */
export function hintsOf<T extends object>(node: unknown, where = 'the document', known = RESOURCE_KEYS): T {
  const value = (node as Record<string, unknown> | undefined)?.['x-mock'];
  if (typeof value !== 'object' || value === null) return {} as T;
  for (const key of Object.keys(value))
    if (!known.has(key))
      throw new Error(
        `x-mock of ${where} has the key "${key}", which the mock does not know (known: ${[...known].join(', ')})`,
      );
  return value as T;
}

/** The keys of the top-level `x-mock`. */
export const DOCUMENT_KEYS = new Set(['profile', 'problemTypes']);
