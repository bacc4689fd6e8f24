import type { SchemaValidator } from '../openapi/schema-validator.ts';

/** A message the server is about to send: every message of the channel names itself in `type`. */
export interface OutgoingMessage {
  type: string;
  [field: string]: unknown;
}

export type OutgoingResult = { ok: true } | { ok: false; problems: string[] };

/** Checks one outgoing message against asyncapi.yaml. */
export type OutgoingValidator = (message: OutgoingMessage) => OutgoingResult;

/**
 * The validator of what the server sends: a message is valid when asyncapi.yaml has a message of
 * that name and the message matches its payload schema. Answers every problem found, as the REST
 * response check does, so that one log line says all that is wrong.
 */
export function createOutgoingValidator(
  messages: Map<string, object>,
  validator: SchemaValidator,
): OutgoingValidator {
  return (message) => {
    const schema = messages.get(message.type);
    if (!schema) return { ok: false, problems: [`"${message.type}" is not a message of asyncapi.yaml`] };
    const result = validator.validate(schema, message);
    if (result.ok) return { ok: true };
    return { ok: false, problems: result.errors.map((e) => `${e.pointer} ${e.message}`) };
  };
}
