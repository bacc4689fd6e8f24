/**
 * How many generated requests a run may still send, in all and per operation. A backend's rate
 * limit caps what a run can send without waiting minutes for the window to reset; the budget keeps
 * the generated requests within it, spread evenly so that every operation still gets its share.
 */
export class RequestBudget {
  private readonly used = new Map<string, number>();
  /** Requests the budget left out, for the run's note. */
  leftOut = 0;

  constructor(
    private left: number,
    readonly perOperation: number,
  ) {}

  static unlimited(): RequestBudget {
    return new RequestBudget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  /** Takes `cost` requests for an operation, or answers false (and counts them left out). */
  take(operationId: string, cost = 1): boolean {
    const used = this.used.get(operationId) ?? 0;
    if (this.left < cost || used + cost > this.perOperation) {
      this.leftOut += cost;
      return false;
    }
    this.used.set(operationId, used + cost);
    this.left -= cost;
    return true;
  }
}

/** Round-robin over groups: the first of each, then the second of each..., so that a cut keeps variety. */
export function interleave<T>(groups: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; groups.some((g) => i < g.length); i++)
    for (const g of groups) if (i < g.length) out.push(g[i] as T);
  return out;
}
