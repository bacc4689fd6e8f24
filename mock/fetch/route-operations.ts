import type { SpecOperation } from '../../spec/operations.ts';

/** An operation found for a request, with its path parameters decoded. */
export interface RouteMatch {
  op: SpecOperation;
  params: Record<string, string>;
}

/**
 * Finds the operation of a method and path, as the server's Express router does: the spec's
 * order, case-sensitive, a trailing slash allowed, `{name}` matching one segment and decoded, and
 * HEAD answered by the GET operation. For transports without Express (the fetch answerer).
 */
export function routeOperations(
  operations: Iterable<SpecOperation>,
  basePath: string,
): (method: string, path: string) => RouteMatch | undefined {
  const routes = [...operations].map((op) => {
    const names: string[] = [];
    const pattern = (basePath + op.path)
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('');
    return { op, names, regex: new RegExp(`^${pattern}/?$`) };
  });
  return (method, path) => {
    const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    for (const route of routes) {
      if (route.op.method !== wanted) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { op: route.op, params };
    }
    return undefined;
  };
}
