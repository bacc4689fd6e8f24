import type { OpenAPIV3 } from 'openapi-types';
import type { Contract } from '../plan/load-contract.ts';
import { specPointer } from '../plan/spec-pointer.ts';

/** A body field the contract says repeats a header (`x-same-as-header`), and where it says so. */
export interface SameAsHeader {
  field: string;
  header: string;
  pointer: string;
}

/**
 * The fields of a response schema that repeat a header of the same answer (the problem's
 * `requestId` is the `X-Request-Id` header), read from `x-same-as-header` on the schema's
 * properties. The pointer names the component schema where the rule is written, when it is one.
 */
export function sameAsHeader(contract: Contract, schema: unknown): SameAsHeader[] {
  const properties = (schema as OpenAPIV3.SchemaObject | undefined)?.properties ?? {};
  const found: SameAsHeader[] = [];
  for (const [field, property] of Object.entries(properties)) {
    const header = (property as Record<string, unknown>)['x-same-as-header'];
    if (typeof header !== 'string') continue;
    const component = Object.entries(contract.spec.document.components?.schemas ?? {}).find(
      ([, s]) => s === schema,
    )?.[0];
    const pointer = component
      ? specPointer('components', 'schemas', component, 'properties', field, 'x-same-as-header')
      : specPointer('components', 'schemas');
    found.push({ field, header, pointer });
  }
  return found;
}
