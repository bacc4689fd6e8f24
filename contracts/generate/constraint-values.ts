import { type Constraint, fieldAddress, isBefore } from '../../mock/openapi/constraints.ts';

/**
 * A query of generated values made to keep the operation's `x-constraints`: a `before` pair out of
 * order is swapped (and the second dropped when they are equal), an `atMostOne` group keeps its first
 * given field. Values generated one parameter at a time are each valid; together they need this.
 */
export function keepConstraints(
  constraints: Constraint[],
  query: Record<string, unknown>,
): Record<string, unknown> {
  const kept = { ...query };
  for (const c of constraints) {
    if (c.rule === 'exists') continue;
    const names = c.fields.map((f) => fieldAddress(f)).filter((f) => f.in === 'query');
    if (names.length !== c.fields.length) continue;
    if (c.rule === 'before') {
      const [a, b] = names.map((f) => f.name) as [string, string];
      if (kept[a] === undefined || kept[b] === undefined || isBefore(kept[a], kept[b])) continue;
      if (isBefore(kept[b], kept[a])) [kept[a], kept[b]] = [kept[b], kept[a]];
      else delete kept[b];
    } else {
      const given = names.filter((f) => kept[f.name] !== undefined);
      for (const extra of given.slice(1)) delete kept[extra.name];
    }
  }
  return kept;
}

/** A query that breaks one constraint, and the field the refusal must name. */
export interface BreakingQuery {
  description: string;
  query: Record<string, unknown>;
  field: string;
}

/**
 * One query per `before` and `atMostOne` rule over query parameters that breaks it and nothing
 * else, built from valid values of each parameter (`valid(name)`, undefined when none): a `before`
 * pair given in reverse order, an `atMostOne` group given in full.
 */
export function breakingQueries(
  constraints: Constraint[],
  valid: (name: string) => unknown[],
): BreakingQuery[] {
  const out: BreakingQuery[] = [];
  for (const c of constraints) {
    if (c.rule === 'exists') continue;
    const fields = c.fields.map((f) => fieldAddress(f));
    if (fields.some((f) => f.in !== 'query')) continue;
    const names = fields.map((f) => f.name);
    if (c.rule === 'before') {
      const [a, b] = names as [string, string];
      const values = [...valid(a), ...valid(b)];
      const low = values.find((x) => values.some((y) => isBefore(x, y)));
      const high = values.find((y) => low !== undefined && isBefore(low, y));
      if (low === undefined || high === undefined) continue;
      out.push({
        description: `x-constraints: ${b} earlier than ${a} (${a} must come first)`,
        query: { [a]: high, [b]: low },
        field: b,
      });
    } else {
      const query: Record<string, unknown> = {};
      for (const name of names) query[name] = valid(name)[0];
      if (Object.values(query).some((v) => v === undefined)) continue;
      out.push({
        description: `x-constraints: ${names.join(' and ')} together (at most one may be given)`,
        query,
        field: names[names.length - 1] as string,
      });
    }
  }
  return out;
}
