import { type LoadedSpec, loadSpec } from '../../mock/openapi/load-spec.ts';

let cached: Promise<LoadedSpec> | undefined;

/** The contract, loaded once per test file. */
export function spec(): Promise<LoadedSpec> {
  cached ??= loadSpec();
  return cached;
}
