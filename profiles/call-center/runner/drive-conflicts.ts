import type { CheckContext } from '../../../contracts/check-context.ts';
import { describeResponse } from '../../../contracts/checks/describe.ts';
import { operation } from '../../../contracts/plan/load-contract.ts';
import type { Exchange } from '../../../contracts/types.ts';
import type { SpecOperation } from '../../../mock/openapi/operations.ts';

/** A request the spec answers 409, and why; `callEnded` where a live call ended before it arrived. */
export interface ConflictAttempt {
  op: SpecOperation;
  exchange: Exchange;
  why: string;
  /** Not judged: the call it raced ended before the request arrived (a note, not a failure). */
  callEnded?: string;
}

/**
 * Creates a topic and sends its duplicate (other letter case), a pair and its duplicate question
 * (other case and spacing), and deletes the topic while it has the pair: each a request the spec
 * answers 409, recorded for the conflict judge. What it creates is tracked for removal.
 */
export async function driveTopicConflicts(ctx: CheckContext, attempts: ConflictAttempt[]): Promise<void> {
  const createTopic = operation(ctx.contract, 'createTopic');
  const deleteTopic = operation(ctx.contract, 'deleteTopic');
  const name = `Contract run ${ctx.settings.seed} ${Date.now().toString(36)}`;
  const first = await ctx.http.call(createTopic, { json: { name }, purpose: 'positive' });
  const topicId = (first.response?.json as { id?: string } | undefined)?.id;
  if (!topicId)
    return ctx.note(`conflict: could not create a topic (${describeResponse(first.response, first.error)}).`);
  ctx.resources.add(`topic ${topicId}`, deleteTopic, { id: topicId });
  const duplicate = await ctx.http.call(createTopic, { json: { name: name.toUpperCase() } });
  attempts.push({
    op: createTopic,
    exchange: duplicate,
    why: `creates a topic named "${name.toUpperCase()}" while "${name}" exists`,
  });
  const dupId = (duplicate.response?.json as { id?: string } | undefined)?.id;
  if (dupId && (duplicate.response?.status ?? 500) < 300)
    ctx.resources.add(`topic ${dupId}`, deleteTopic, { id: dupId });

  if (!ctx.contract.byId.has('createQa') || !ctx.selected('createQa')) return;
  const createQa = operation(ctx.contract, 'createQa');
  const deleteQa = operation(ctx.contract, 'deleteQa');
  const question = `What does contract run ${ctx.settings.seed} ${Date.now().toString(36)} check?`;
  const pair = await ctx.http.call(createQa, {
    json: { question, answer: 'Conflicts.', topicId },
    purpose: 'positive',
  });
  const qaId = (pair.response?.json as { id?: string } | undefined)?.id;
  if (!qaId)
    return ctx.note(`conflict: could not create a pair (${describeResponse(pair.response, pair.error)}).`);
  ctx.resources.add(`qa ${qaId}`, deleteQa, { id: qaId });
  const sameQuestion = `  ${question.toUpperCase().replaceAll(' ', '  ')} `;
  const dupQa = await ctx.http.call(createQa, { json: { question: sameQuestion, answer: 'Again.' } });
  attempts.push({
    op: createQa,
    exchange: dupQa,
    why: 'repeats an existing question in other case and spacing',
  });
  const dupQaId = (dupQa.response?.json as { id?: string } | undefined)?.id;
  if (dupQaId && (dupQa.response?.status ?? 500) < 300)
    ctx.resources.add(`qa ${dupQaId}`, deleteQa, { id: dupQaId });

  const inUse = await ctx.http.call(deleteTopic, { pathParams: { id: topicId } });
  attempts.push({
    op: deleteTopic,
    exchange: inUse,
    why: 'deletes a topic that still has a question and answer pair',
  });
  if ((inUse.response?.status ?? 500) < 300) ctx.resources.deleted(deleteTopic, { id: topicId });
}
