import type { CheckContext } from '../../../contracts/check-context.ts';
import { describeResponse } from '../../../contracts/checks/describe.ts';
import { audioUpload } from '../../../contracts/execute/valid-input.ts';
import { operation } from '../../../contracts/plan/load-contract.ts';
import type { Exchange } from '../../../contracts/types.ts';
import type { Call } from '../models.ts';
import type { ConflictAttempt } from './drive-conflicts.ts';
import { lifecycle, liveCallOfRun, placeTestCall } from './test-calls.ts';

/**
 * Sends the 409s of a live call: a second call to the same number, deleting that number's history,
 * and deleting the file the call plays. Only ever with the test number. A request that raced a
 * call which ended before it arrived is recorded as such: inconclusive, noted rather than failed.
 */
export async function driveCallConflicts(
  ctx: CheckContext,
  testNumber: string,
  attempts: ConflictAttempt[],
): Promise<void> {
  const { live } = lifecycle(ctx.contract);
  const useFile = ctx.selected('uploadFile') && ctx.selected('deleteFile');
  // The flows' call, still live and playing the file the run gave it, serves all three 409s:
  // placing and waiting out a call of our own would cost the run a whole call's length.
  const running = await liveCallOfRun(ctx.contract, ctx.http, ctx.exchanges(), testNumber);
  let fileId = running?.fileId;
  let call: Pick<Call, 'id'> | undefined = running && (fileId || !useFile) ? { id: running.id } : undefined;
  if (!call) {
    if (useFile) {
      const upload = operation(ctx.contract, 'uploadFile');
      const stored = await ctx.http.call(upload, {
        form: audioUpload(ctx.contract, upload, 'conflict-check.wav'),
      });
      fileId = (stored.response?.json as { id?: string } | undefined)?.id;
      if (fileId) ctx.resources.add(`file ${fileId}`, operation(ctx.contract, 'deleteFile'), { fileId });
    }
    const placed = await placeTestCall(
      ctx.contract,
      ctx.http,
      testNumber,
      fileId ? { fileId } : {},
      ctx.settings.callTimeoutMs,
    );
    call = placed.response?.json as Call | undefined;
    if (placed.response?.status !== 201 || !call?.id)
      return ctx.note(
        `conflict: could not place a call to ${testNumber} (${describeResponse(placed.response, placed.error)}).`,
      );
  }
  const callId = call.id;
  ctx.resources.add(`call history of ${testNumber}`, operation(ctx.contract, 'deleteCallHistory'), {
    targetNumber: testNumber,
  });

  const stillLive = async () => {
    const read = await ctx.http.call(operation(ctx.contract, 'getCall'), { pathParams: { callId } });
    return live.includes((read.response?.json as Call | undefined)?.status ?? '');
  };
  // A request not answered 409 raced the call: the call must still be live for it to count.
  const judge = async (op: string, exchange: Exchange, why: string) => {
    const live = exchange.response?.status === 409 || (await stillLive());
    attempts.push({
      op: operation(ctx.contract, op),
      exchange,
      why,
      ...(live ? {} : { callEnded: `the call to ${testNumber} ended before the request arrived` }),
    });
  };

  const second = await ctx.http.call(operation(ctx.contract, 'placeCall'), {
    json: { targetNumber: testNumber },
  });
  await judge('placeCall', second, `places a second call to ${testNumber} while call ${callId} is live`);
  const history = await ctx.http.call(operation(ctx.contract, 'deleteCallHistory'), {
    pathParams: { targetNumber: testNumber },
  });
  await judge(
    'deleteCallHistory',
    history,
    `deletes the history of ${testNumber} while call ${callId} is live`,
  );
  if (fileId) {
    const remove = operation(ctx.contract, 'deleteFile');
    const deleted = await ctx.http.call(remove, { pathParams: { fileId } });
    await judge('deleteFile', deleted, `deletes file ${fileId} while call ${callId} plays it`);
    if ((deleted.response?.status ?? 500) < 300) ctx.resources.deleted(remove, { fileId });
  }
}
