/**
 * Brings Ajv's schema compiler into reach before the mock validates a contract the build never
 * saw. On a server (and in Node) every validator compiles with Ajv already, so there is nothing to
 * load; the browser build puts precompiled-validator.ts's in place of this module, which loads it.
 */
export async function loadSchemaCompiler(): Promise<void> {}

/**
 * Names the bundled contract's schemas with the validators the build compiled for them; on a
 * server there are none, and nothing to name.
 */
export function prepareValidators(_document: object, _payloads: Iterable<object>): void {}
