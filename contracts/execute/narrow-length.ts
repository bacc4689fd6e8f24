import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { InvalidValue } from '../generate/invalid-values.ts';
import type { Exchange } from '../types.ts';
import type { HttpClient } from './http-client.ts';
import { refusedAsInvalid } from './shrink.ts';

/**
 * A body refused at a text field's maxLength, narrowed to the backend's real limit by bisection:
 * the longest length it accepts and the shortest it refuses (`maxLength: 500`, but 256 characters
 * are refused and 255 taken). Every probe is valid against the contract; what an accepted probe
 * creates is handed to `created` for deletion before the next probe. Answers the exchange of the shortest refused
 * length, its description naming both lengths, or undefined when the refusal is not about length
 * (the shortest length is refused too) or the budget ran out before a probe.
 */
export async function narrowRefusedLength(
  http: HttpClient,
  op: SpecOperation,
  body: InvalidValue & { resize: NonNullable<InvalidValue['resize']> },
  refused: Exchange,
  context: {
    pathParams: Record<string, string>;
    /** Asks the run's budget for one more probe. */
    take: () => boolean;
    /** Deletes what an accepted probe created (before the next probe, which may reuse its name). */
    created: (exchange: Exchange) => Promise<void>;
  },
): Promise<Exchange | undefined> {
  const { field, least } = body.resize;
  const probe = async (length: number) => {
    const exchange = await http.call(op, {
      json: body.resize.at(length),
      pathParams: context.pathParams,
      purpose: 'probe',
      description: `narrowing ${field}: ${length} characters`,
    });
    if ((exchange.response?.status ?? 500) < 300) await context.created(exchange);
    return exchange;
  };
  if (!context.take()) return undefined;
  const first = await probe(least);
  if (refusedAsInvalid(first) || (first.response?.status ?? 500) >= 300) return undefined;
  // Invariant: `accepted` is taken, `shortest` refused; halve the gap until they are neighbours.
  let accepted = least;
  let shortest = { length: body.resize.length, exchange: refused };
  while (shortest.length - accepted > 1 && context.take()) {
    const middle = Math.floor((accepted + shortest.length) / 2);
    const exchange = await probe(middle);
    const status = exchange.response?.status ?? 500;
    if (status < 300) accepted = middle;
    else if (refusedAsInvalid(exchange)) shortest = { length: middle, exchange };
    else break; // a conflict, a limit or a failure says nothing about length
  }
  if (shortest.length - accepted > 1) return undefined;
  return {
    ...shortest.exchange,
    description: `${field} of ${shortest.length} characters is refused, ${accepted} accepted; the contract allows ${body.resize.length}`,
  };
}
