import type { SpecOperation } from '../openapi/operations.ts';

/** An operation found for a request, with its path parameters decoded. */
export interface RouteMatch {
  op: SpecOperation;
  params: Record<string, string>;
}

/**
 * Finds the operation of a method and a path; undefined when none takes it. `search` is the query
 * as sent, without the `?`: read only where a template carries a fixed query.
 */
export type Router = (method: string, path: string, search: string) => RouteMatch | undefined;

interface Route {
  op: SpecOperation;
  names: string[];
  regex: RegExp;
  /** Literal characters of the template: the more, the more specific (`/users/me` before `/users/{id}`). */
  literal: number;
  /** A query the path itself carries (`/v1/responses?beta=true`): it must be in the request. */
  fixedQuery: [string, string][];
}

/**
 * The router of every transport. A template is matched as written, whatever its segments hold:
 * `{name}` with any characters in the name (`{enterprise-team}`), several or mid-segment
 * (`/files/{name}.{ext}`, `/x/{id}:cancel`), `:` and `@` in literals, a fixed query in the path.
 * A parameter takes one segment. Matching is case-sensitive, a trailing slash is allowed, HEAD is
 * answered by GET, and where several templates match the one with more literal text wins (a static
 * `/users/me` is not taken by `/users/{id}`, whatever the document's order), then the document's order.
 * Static paths are a map lookup; only templated ones walk regular expressions.
 */
export function routeOperations(operations: Iterable<SpecOperation>, basePath: string): Router {
  // Static paths by method, then by path: a lookup builds no key per request.
  const staticRoutes = new Map<string, Map<string, Route[]>>();
  const templated: Route[] = [];
  for (const op of operations) {
    const route = compile(op, basePath);
    if (route.names.length === 0) {
      const byPath = staticRoutes.get(op.method) ?? new Map<string, Route[]>();
      staticRoutes.set(op.method, byPath);
      const key = stripSlash(basePath + pathPart(op.path));
      byPath.set(key, [...(byPath.get(key) ?? []), route]);
    } else templated.push(route);
  }
  // Most specific first; Array.prototype.sort is stable, so ties keep the document's order.
  templated.sort((a, b) => b.literal - a.literal);
  return (method, path, search) => {
    const wanted = method === 'HEAD' ? 'get' : (LOWER.get(method) ?? method.toLowerCase());
    // Parsed at most once, and only for a template with a fixed query (most documents have none).
    let parsed: URLSearchParams | undefined;
    const query = () => (parsed ??= new URLSearchParams(search));
    const exact = staticRoutes.get(wanted)?.get(stripSlash(path));
    const fromStatic = exact && pick(exact, query);
    if (fromStatic) return { op: fromStatic.op, params: {} };
    for (const route of templated) {
      if (route.op.method !== wanted) continue;
      const found = route.regex.exec(path);
      if (!found || !queryHolds(route, query)) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < route.names.length; i++)
        params[route.names[i] as string] = decodeSegment(found[i + 1] ?? '');
      return { op: route.op, params };
    }
    return undefined;
  };
}

/** HTTP's methods in the case the contract's operations are keyed by, without a new string per request. */
const LOWER = new Map(
  ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'].map((m) => [m, m.toLowerCase()]),
);

function compile(op: SpecOperation, basePath: string): Route {
  const names: string[] = [];
  let literal = 0;
  const source = (basePath + pathPart(op.path))
    .split(/(\{[^{}]+\})/)
    .map((part) => {
      const name = /^\{([^{}]+)\}$/.exec(part)?.[1];
      if (name === undefined) {
        literal += part.length;
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      names.push(name);
      // Lazy, so that a literal after it in the same segment (`{name}.json`) is left to the literal.
      return '([^/]+?)';
    })
    .join('');
  const fixedQuery = [...new URLSearchParams(op.path.split('?')[1] ?? '')];
  return { op, names, regex: new RegExp(`^${stripSlash(source)}/?$`), literal, fixedQuery };
}

/** The first route of several on one static path whose fixed query the request carries. */
function pick(routes: Route[], query: () => URLSearchParams): Route | undefined {
  // A route with a fixed query is more specific than one without: it is tried first.
  const ordered =
    routes.length > 1 ? [...routes].sort((a, b) => b.fixedQuery.length - a.fixedQuery.length) : routes;
  return ordered.find((route) => queryHolds(route, query));
}

function queryHolds(route: Route, query: () => URLSearchParams): boolean {
  return (
    route.fixedQuery.length === 0 ||
    route.fixedQuery.every(([name, value]) => query().getAll(name).includes(value))
  );
}

/** A template's path without the fixed query some documents write into it. */
function pathPart(template: string): string {
  const at = template.indexOf('?');
  return at === -1 ? template : template.slice(0, at);
}

function stripSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** A segment as the client spelt it, decoded; a malformed escape is kept as written (the schema judges it). */
function decodeSegment(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
