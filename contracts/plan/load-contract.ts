import { type ContractExtensions, readExtensions } from '../../spec/extensions.ts';
import { type LoadedAsyncApi, loadAsyncApi } from '../../spec/load-asyncapi.ts';
import { type LoadedSpec, loadSpec } from '../../spec/load-spec.ts';
import { listOperations, type SpecOperation } from '../../spec/operations.ts';
import { SchemaValidator } from '../../spec/schema-validator.ts';

/** Everything the runner reads from the contract, loaded once per run. */
export interface Contract {
  spec: LoadedSpec;
  operations: SpecOperation[];
  byId: Map<string, SpecOperation>;
  extensions: ContractExtensions;
  validator: SchemaValidator;
  /** asyncapi.yaml, parsed on first use: only the realtime check needs it. */
  asyncApi(): Promise<LoadedAsyncApi>;
}

/** Loads openapi.yaml (and, lazily, asyncapi.yaml) from their default places or the given paths. */
export async function loadContract(paths: { openapi?: string; asyncapi?: string } = {}): Promise<Contract> {
  const spec = await loadSpec(paths.openapi);
  const operations = listOperations(spec.document);
  let asyncApi: Promise<LoadedAsyncApi> | undefined;
  return {
    spec,
    operations,
    byId: new Map(operations.map((op) => [op.operationId, op])),
    extensions: readExtensions(spec.document),
    validator: new SchemaValidator(),
    asyncApi: () => {
      asyncApi ??= loadAsyncApi(paths.asyncapi);
      return asyncApi;
    },
  };
}

/** The operation of this id; throws naming it, since checks only ask for ids the spec has. */
export function operation(contract: Contract, operationId: string): SpecOperation {
  const op = contract.byId.get(operationId);
  if (!op) throw new Error(`openapi.yaml has no operation ${operationId}`);
  return op;
}
