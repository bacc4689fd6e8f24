import { child, deref, entries, rootNode } from './resolve-refs.ts';
import type { ContractVersion, Direction, Emit, Node } from './types.ts';
import { compareSchemas } from './walk-schemas.ts';

interface Message {
  node: Node;
  /** `response` for what the server sends, `request` for what a client sends. */
  direction: Direction;
}

/**
 * The messages of asyncapi.yaml by name. AsyncAPI 3: an operation's `action: send` is the server
 * sending (so the message travels like a response), `receive` a client sending, and a reply goes
 * the other way. AsyncAPI 2: `subscribe` is what clients receive, `publish` what they send.
 */
export function listMessages(version: ContractVersion): Map<string, Message> {
  const found = new Map<string, Message>();
  const root = rootNode(version, 'asyncapi.yaml');
  if (root.value === undefined) return found;
  const add = (start: Node, direction: Direction, key?: string) => {
    const node = deref(version, start);
    const name = (node.value as { name?: string } | undefined)?.name ?? key ?? node.pointer;
    if (!found.has(name)) found.set(name, { node, direction });
  };
  for (const [, op] of entries(version, child(root, 'operations'))) {
    const action = (op.value as { action?: string }).action;
    const direction: Direction = action === 'receive' ? 'request' : 'response';
    for (const [, m] of entries(version, child(op, 'messages'))) add(m, direction);
    for (const [, m] of entries(version, child(deref(version, child(op, 'reply')), 'messages')))
      add(m, direction === 'request' ? 'response' : 'request');
  }
  for (const [, channel] of entries(version, child(root, 'channels'))) {
    for (const [verb, direction] of [
      ['subscribe', 'response'],
      ['publish', 'request'],
    ] as const) {
      const message = child(channel, verb, 'message');
      const branches = entries(version, child(deref(version, message), 'oneOf'));
      if (branches.length > 0) for (const [, m] of branches) add(m, direction);
      else if (message.value !== undefined) add(message, direction);
    }
    for (const [key, m] of entries(version, child(channel, 'messages'))) add(m, 'response', key);
  }
  return found;
}

/** The payload schema, unwrapped from a multi-format `{ schemaFormat, schema }`. */
function payload(version: ContractVersion, message: Node): Node {
  const node = deref(version, child(message, 'payload'));
  return (node.value as { schemaFormat?: unknown } | undefined)?.schemaFormat ? child(node, 'schema') : node;
}

/** Compares the events of the two versions' asyncapi.yaml: gone, new, and each payload's schema. */
export function compareEvents(base: ContractVersion, head: ContractVersion, emit: Emit): void {
  if (base.files['asyncapi.yaml'] === undefined || head.files['asyncapi.yaml'] === undefined) return;
  const [before, after] = [listMessages(base), listMessages(head)];
  for (const [name, a] of before) {
    const b = after.get(name);
    const subject = `event ${name}`;
    if (!b) {
      emit('event-removed', subject, `message ${name} removed`, a.node);
      continue;
    }
    const walk = { base, head, direction: b.direction, subject, emit };
    compareSchemas(walk, payload(base, a.node), payload(head, b.node), 'payload');
  }
  for (const [name, b] of after)
    if (!before.has(name)) emit('event-added', `event ${name}`, `message ${name} added`, undefined, b.node);
}
