import { describeResponse } from '../../../../contracts/checks/describe.ts';
import type { Check, CheckContext } from '../../../../contracts/checks/types.ts';
import { operation } from '../../../../contracts/plan/load-contract.ts';
import { conflictOnCalls } from './conflict-calls.ts';
import { expectConflict } from './expect-conflict.ts';

/**
 * The 409s the spec promises: a duplicate topic name (in other letter case), a duplicate question
 * (other case, extra spaces), deleting a topic that has pairs, and, with --test-number, a second
 * call to a number with a live call, deleting its history, and deleting the file it plays.
 */
export const conflict: Check = {
  name: 'conflict',
  catches:
    'A promised 409 that does not happen: duplicate topic names or questions accepted, a topic with pairs deleted, a second live call to a number, history or a playing file deleted during a call.',
  mutates: true,
  skipReason(ctx) {
    const has = (id: string) => ctx.contract.byId.has(id) && ctx.selected(id);
    if ((has('createTopic') && has('deleteTopic')) || has('placeCall')) return undefined;
    // On a foreign spec, say what is missing without citing this project's operation names.
    const ours = ['createTopic', 'placeCall'].some((id) => ctx.contract.byId.has(id));
    return ours
      ? 'the run has none of the operations whose 409s it knows (createTopic with deleteTopic, placeCall)'
      : "the spec has no operation whose 409 this check knows how to provoke (it knows this project's duplicate topics and live calls)";
  },
  async run(ctx) {
    const has = (id: string) => ctx.contract.byId.has(id) && ctx.selected(id);
    if (has('createTopic') && has('deleteTopic')) await topicsAndPairs(ctx);
    if (has('placeCall')) {
      if (ctx.settings.testNumber) await conflictOnCalls(ctx, ctx.settings.testNumber);
      else
        ctx.note(
          'conflict: call_in_progress and file_in_use not checked: no --test-number to place calls to.',
        );
    }
  },
};

async function topicsAndPairs(ctx: CheckContext): Promise<void> {
  const createTopic = operation(ctx.contract, 'createTopic');
  const deleteTopic = operation(ctx.contract, 'deleteTopic');
  const name = `Contract run ${ctx.settings.seed} ${Date.now().toString(36)}`;
  const first = await ctx.http.call(createTopic, { json: { name }, purpose: 'positive' });
  const topicId = (first.response?.json as { id?: string } | undefined)?.id;
  if (!topicId)
    return ctx.note(`conflict: could not create a topic (${describeResponse(first.response, first.error)}).`);
  ctx.resources.add(`topic ${topicId}`, deleteTopic, { id: topicId });
  const duplicate = await ctx.http.call(createTopic, { json: { name: name.toUpperCase() } });
  expectConflict(
    ctx,
    createTopic,
    duplicate,
    `creates a topic named "${name.toUpperCase()}" while "${name}" exists`,
  );
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
  expectConflict(ctx, createQa, dupQa, 'repeats an existing question in other case and spacing');
  const dupQaId = (dupQa.response?.json as { id?: string } | undefined)?.id;
  if (dupQaId && (dupQa.response?.status ?? 500) < 300)
    ctx.resources.add(`qa ${dupQaId}`, deleteQa, { id: dupQaId });

  const inUse = await ctx.http.call(deleteTopic, { pathParams: { id: topicId } });
  expectConflict(ctx, deleteTopic, inUse, 'deletes a topic that still has a question and answer pair');
  if ((inUse.response?.status ?? 500) < 300) ctx.resources.deleted(deleteTopic, { id: topicId });
}
