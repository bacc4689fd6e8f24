import type { Operation } from './list-operations.ts';
import { child, entries } from './resolve-refs.ts';
import type { ContractVersion, Node } from './types.ts';
import { viewSchema } from './view-schema.ts';
import { compareSchemas, type SchemaWalk } from './walk-schemas.ts';

/**
 * Parameters of the path item and the operation (the operation's winning), keyed so that renaming
 * a path parameter is no change (keyed by its place in the path) and header names match in any case.
 */
function parameters(version: ContractVersion, op: Operation): Map<string, { node: Node; label: string }> {
  const found = new Map<string, { node: Node; label: string }>();
  const places = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  for (const list of [child(op.pathItem, 'parameters'), child(op.node, 'parameters')])
    for (const [, node] of entries(version, list)) {
      const p = node.value as { in: string; name: string };
      const key =
        p.in === 'path'
          ? `path #${places.indexOf(p.name)}`
          : `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
      found.set(key, { node, label: `${p.in} parameter \`${p.name}\`` });
    }
  return found;
}

/**
 * How a parameter is written on the wire, its `style` and `explode` with OpenAPI's defaults filled
 * in (form in the query and cookies, simple in the path and headers; explode only with form), so
 * that writing a default out is no change. `explode` and a query `style` change nothing for a
 * single value (`?id=5` in every style), so a parameter whose schema is neither an array nor an
 * object compares only its path style (`5`, `.5`, `;id=5`). Undefined for a parameter given by
 * `content`, which has no style.
 */
function serialisation(version: ContractVersion, node: Node): string | undefined {
  const p = node.value as { in: string; style?: string; explode?: boolean; schema?: unknown };
  if (p.schema === undefined) return undefined;
  const style = p.style ?? (p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple');
  const explode = p.explode ?? style === 'form';
  const types = viewSchema(version, child(node, 'schema')).types;
  const single = types.size > 0 && !types.has('array') && !types.has('object');
  if (single) return p.in === 'path' ? `style ${style}` : '';
  return `style ${style}, explode ${explode}`;
}

/** The parameters of one operation present in both versions: removed, added, required, style, schema. */
export function compareParameters(a: Operation, b: Operation, walk: SchemaWalk): void {
  const { base, head, emit, subject } = walk;
  const [pa, pb] = [parameters(base, a), parameters(head, b)];
  for (const [key, { node: before, label: name }] of pa) {
    const after = pb.get(key)?.node;
    if (!after) {
      emit('parameter-removed', subject, `${name} removed`, before, b.node);
      continue;
    }
    const [ra, rb] = [
      (before.value as { required?: boolean }).required === true,
      (after.value as { required?: boolean }).required === true,
    ];
    if (!ra && rb) emit('parameter-became-required', subject, `${name} is now required`, before, after);
    if (ra && !rb) emit('parameter-became-optional', subject, `${name} is now optional`, before, after);
    const [sa, sb] = [serialisation(base, before), serialisation(head, after)];
    // A single value that becomes a list (or back) is a type change, reported by the schema.
    if (sa && sb && sa !== sb)
      emit('parameter-style-changed', subject, `${name}: ${sa} -> ${sb}`, before, after);
    compareSchemas(walk, child(before, 'schema'), child(after, 'schema'), name);
  }
  for (const [key, { node: after, label: name }] of pb) {
    if (pa.has(key)) continue;
    const required = (after.value as { required?: boolean }).required === true;
    emit(
      required ? 'required-parameter-added' : 'optional-parameter-added',
      subject,
      `${name} added`,
      a.node,
      after,
    );
  }
}
