/**
 * Runs the sending checks in two lanes at once, each in plan order: the checks that wait for what
 * the flows' real-world creates set going to end (`awaitsRealWorld`: the call center's live call,
 * about 4 s on the real clock for its busy number), and the others beside them. Before, every check
 * after the first that waited stood still for the call's end; now the wait overlaps their requests.
 * The lanes share nothing a check changes: the waiting checks read and delete what the live call
 * leaves, the others create and delete resources of their own (realtime drives the flows again
 * only where the run's event recorder was closed under it; those flows then go beside the others). Settles only once both lanes have,
 * so that the generated requests and the cleanup never run beside a check. The run splits only
 * when its flows made a real-world create; else its checks go in turn.
 */
export async function runInLanes<C extends { awaitsRealWorld?: boolean }>(
  checks: C[],
  run: (check: C) => Promise<unknown>,
): Promise<void> {
  const inTurn = async (lane: C[]) => {
    for (const check of lane) await run(check);
  };
  const settled = await Promise.allSettled([
    inTurn(checks.filter((c) => c.awaitsRealWorld)),
    inTurn(checks.filter((c) => !c.awaitsRealWorld)),
  ]);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}
