import { operationPointer } from '../plan/spec-pointer.ts';
import { describeResponse, requestLine } from './describe.ts';
import { createAnswers } from './ensure-resource-availability.ts';
import type { Check } from './types.ts';

/** A deleted resource is gone: reading it or deleting it again answers 404. */
export const useAfterFree: Check = {
  name: 'use_after_free',
  catches:
    'A delete that answers 204 but keeps the resource: a GET after DELETE still 200, a second DELETE still 204.',
  drivers: ['flows'],
  mutates: true,
  // The flows driver (execute/run-flows.ts) drove each resource's life; this judges the record.
  judge(ctx) {
    const deletes = ctx.flows.filter((f) =>
      f.steps.some((s) => s.kind === 'delete' && (s.exchange.response?.status ?? 500) < 300),
    );
    if (ctx.flows.length > 0 && deletes.length === 0)
      ctx.note(
        ctx.flows.some((f) => f.id)
          ? 'use_after_free: skipped: no delete of a created resource succeeded.'
          : `use_after_free: skipped: no create succeeded (${createAnswers(ctx.flows)}), so nothing was deleted.`,
      );
    for (const flow of ctx.flows) {
      const deleted = flow.steps.find((s) => s.kind === 'delete');
      if (!deleted || (deleted.exchange.response?.status ?? 500) >= 300) continue;
      for (const step of flow.steps) {
        if (step.kind !== 'read-after-delete' && step.kind !== 'delete-again') continue;
        ctx.judged(step.op.operationId);
        const status = step.exchange.response?.status;
        if (status === 404) continue;
        ctx.fail({
          operationId: step.op.operationId,
          title:
            step.kind === 'read-after-delete'
              ? 'Deleted resource still readable'
              : 'Deleted resource deleted again',
          message: `${deleted.op.operationId} answered ${deleted.exchange.response?.status} for ${flow.id}, yet ${requestLine(step.exchange)} answered ${status}.`,
          expected: '404',
          actual: describeResponse(step.exchange.response, step.exchange.error),
          specPointer: operationPointer(step.op, 'responses', '404'),
          exchange: step.exchange,
        });
      }
    }
  },
};
