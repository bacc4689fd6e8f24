import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { deriveFlows, type FlowPlan } from '../plan/derive-flows.ts';
import type { Contract } from '../plan/load-contract.ts';
import { bodyExamples, isSafe, jsonBodySchema } from '../plan/request-shape.ts';
import { RequestBudget } from './budget.ts';
import { type CreateSettings, createItem, runMarker } from './create-item.ts';
import { ExistingIds } from './existing-ids.ts';
import type { HttpClient } from './http-client.ts';
import type { ResourceTracker } from './resources.ts';
import { plainBodies, requiredQuery, type ValidBody, validBodies } from './valid-input.ts';

/**
 * One valid request to every selected write that nothing in the run has answered 2xx yet: actions
 * on an item (`POST /silences/{id}/expire`, `PATCH /deployments/{id}/cancel`, `/jobs/{id}:cancel`),
 * writes on a singular path beside a plural collection, bulk creates that answer no id, changes and
 * removals whose item the flows did not reach. Bodies are the operation's examples first, then
 * plain ones from its schema (the required fields, then every field), then generated ones, until
 * one is answered 2xx (three at most). Item ids are only ever the run's own: an item of the flow
 * whose path the write's is under is created for it (and removed at the end, or by the write
 * itself), so that nothing the run did not create is changed or deleted; a parent higher up may
 * be an existing one, as the flows' nested creates take it. A write whose ids the run cannot get
 * is skipped with the reason, in the answered notes. Credentials are left alone: a logout or a
 * password change would end the run's own session.
 */
export async function driveWrites(
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  selected: (operationId: string) => boolean,
  settings: CreateSettings,
  budget: RequestBudget = RequestBudget.unlimited(),
): Promise<string[]> {
  const notes: string[] = [];
  const flows = deriveFlows(contract);
  const ids = new ExistingIds(contract, http);
  // One item of each flow serves every action on it; a removal uses it up.
  const items = new Map<FlowPlan, string>();
  let made = 0;
  /**
   * Values of a path's parameters: an item the run creates for each (through the flow whose items
   * live there, under parents resolved the same way: a checkpoint of the run's own file), or for a
   * parent, an existing one. Answers the values or why it has none.
   */
  const resolve = async (
    path: string,
    ownLast: boolean,
    depth = 0,
  ): Promise<{ values: Record<string, string> } | { missing: string }> => {
    const values: Record<string, string> = {};
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1] ?? '', at: m.index }));
    for (const [i, { name, at }] of names.entries()) {
      const prefix = path.slice(0, at).replace(/\/$/, '');
      const flow = flows.find((f) => itemPrefix(f).includes(prefix) && f.remove && !f.realWorld);
      if (flow && depth < 4) {
        let id = items.get(flow);
        if (id === undefined && budget.take(flow.create.operationId, 2)) {
          const parent = await resolve(flow.collection, false, depth + 1);
          const created =
            'values' in parent
              ? await createItem(flow, contract, http, resources, settings, parent.values, `_w${made++}`)
              : undefined;
          id = created?.id;
          if (id !== undefined) items.set(flow, id);
        }
        if (id === undefined)
          return { missing: `the run could not create a ${flow.create.operationId} item for {${name}}` };
        values[name] = id;
        continue;
      }
      // A parent higher up the path may be an existing item; the item a write acts on may not.
      const last = i === names.length - 1 && ownLast;
      const listed = last ? undefined : (await ids.forPath(`${prefix}/{${name}}`))?.[name];
      if (listed === undefined)
        return {
          missing: `the run creates no item for {${name}} (no create of ${prefix || '/'} it could use)`,
        };
      values[name] = listed;
    }
    return { values };
  };
  const answered = (op: SpecOperation) =>
    http.journal.some((e) => e.operationId === op.operationId && (e.response?.status ?? 500) < 300);
  // Removals last, the deepest first, so that the actions before them have their item.
  const writes = contract.operations
    .filter((op) => !isSafe(op) && selected(op.operationId) && !answered(op))
    .sort(
      (a, b) =>
        Number(a.method === 'delete') - Number(b.method === 'delete') ||
        (a.method === 'delete' ? b.path.length - a.path.length : 0),
    );
  for (const op of writes) {
    if ('x-test-numbers' in (op.operation as object) || touchesCredentials(op)) continue;
    const resolved = await resolve(op.path, true);
    const missing = 'missing' in resolved ? resolved.missing : undefined;
    const values = 'values' in resolved ? resolved.values : {};
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1] ?? '' }));
    if (missing) {
      notes.push(`${op.operationId}: no valid request sent: ${missing}.`);
      continue;
    }
    const bodies = candidates(contract, op, settings, names.at(-1)?.name);
    if (!bodies.length && op.operation.requestBody) {
      const types = Object.keys((op.operation.requestBody as { content?: object }).content ?? {});
      notes.push(
        `${op.operationId}: no valid request sent: its body is ${types.join(' or ') || 'of no media type'}, which the runner does not write.`,
      );
      continue;
    }
    for (const body of bodies.length ? bodies.slice(0, 3) : [undefined]) {
      if (!budget.take(op.operationId)) break;
      const exchange = await http.call(op, {
        ...body,
        pathParams: values,
        query: requiredQuery(contract, op, settings.seed),
        purpose: 'positive',
        description: body ? 'a valid body: its example, else a plain or generated one' : 'a valid request',
      });
      const status = exchange.response?.status ?? 500;
      if (status >= 300) continue;
      // What the write removed is gone: the cleanup need not, and the next write needs a new one.
      if (op.method === 'delete') {
        resources.deleted(op, values);
        for (const [flow, id] of items) if (Object.values(values).includes(id)) items.delete(flow);
      }
      // A create no flow can remove (a bulk create, an answer without an id): say what it sent, so
      // that whoever runs it against a shared backend knows what may be left there.
      const made =
        op.method === 'post' && !op.path.includes('{') && body && 'json' in body && !isEmpty(body.json);
      if (made && !flows.some((f) => f.create === op && f.remove))
        notes.push(
          `${op.operationId}: answered ${status} to ${JSON.stringify(body.json).slice(0, 120)}; the run has no way to remove what it may have created.`,
        );
      break;
    }
  }
  return notes;
}

/** The item paths of a flow, before their id (`/silences`, `/silence`, `/contents`). */
function itemPrefix(flow: FlowPlan): string[] {
  const paths = [flow.read, flow.update, flow.remove, flow.byPut ? flow.create : undefined]
    .filter((op): op is SpecOperation => op !== undefined)
    .map((op) => op.path.replace(/\/\{[^}]+\}$/, ''));
  return [...new Set(paths)];
}

/**
 * The bodies to try: the operation's examples, plain ones, generated ones, each valid. A field that
 * repeats the item's own path value (a rename: Jupyter's PATCH of `path`) is left out, so that the
 * run can still find the item to remove it.
 */
function candidates(
  contract: Contract,
  op: SpecOperation,
  settings: CreateSettings,
  itemName: string | undefined,
): ValidBody[] {
  const marker = `${runMarker(settings.seed, op)}_w`;
  const schema = jsonBodySchema(op);
  const examples = schema ? bodyExamples(op).filter((v) => contract.validator.validate(schema, v).ok) : [];
  const all = [
    ...examples.map((json) => ({ json })),
    ...plainBodies(contract, op, marker, new Date()),
    ...validBodies(contract, op, settings.seed, 2),
  ];
  const kept = all.map((b) =>
    'json' in b && itemName && b.json && typeof b.json === 'object' && itemName in b.json
      ? { json: Object.fromEntries(Object.entries(b.json).filter(([k]) => k !== itemName)) }
      : b,
  );
  const seen = new Set<string>();
  return kept.filter((b) => {
    const key = JSON.stringify(b);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Operations on credentials (a login, a logout, a refresh, a password): sending them a valid
 * request could end the run's own session or lock its user out, and token_lifecycle judges them.
 */
export function touchesCredentials(op: Pick<SpecOperation, 'path' | 'operationId'>): boolean {
  const segments = op.path.toLowerCase().split(/[/:]/);
  return (
    segments.some((s) =>
      /^(auth|login|logout|sign-?in|sign-?out|tokens?|refresh|oauth2?|passwords?)$/.test(s),
    ) || /log_?in|log_?out|sign_?(in|up|out)|refresh|token|password/i.test(op.operationId)
  );
}

/** An empty body: nothing a write of it can have created (`[]`, `{}`). */
function isEmpty(json: unknown): boolean {
  return json === undefined || json === null || (typeof json === 'object' && Object.keys(json).length === 0);
}
