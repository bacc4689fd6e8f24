import type { Qa, QaInput } from '../../spec/models.ts';
import type { MockContext } from '../context.ts';
import { HttpProblem, notFound, validationProblem } from '../http/problem.ts';
import { sameText } from '../store/store.ts';
import { isoSeconds } from '../time.ts';
import { contains, newestFirst, paginate } from './paginate.ts';
import type { Handler } from './reply.ts';

function checkInput(ctx: MockContext, body: QaInput, selfId?: string): void {
  if (body.topicId && !ctx.store.topics.get(body.topicId)) {
    throw validationProblem([
      { in: 'body', field: '/topicId', code: 'not_found', message: 'no topic has this id' },
    ]);
  }
  const found = ctx.store.questions.find(sameText(body.question));
  const taken = found && found.id !== selfId ? found : undefined;
  if (taken) throw new HttpProblem('question_taken', `Pair ${taken.id} already asks "${taken.question}".`);
}

/** A pair as PUT and POST define it: fields left out take their defaults; text is kept as sent. */
function fromInput(body: QaInput): Pick<Qa, 'question' | 'answer' | 'topicId' | 'tags' | 'enabled'> {
  return {
    question: body.question,
    answer: body.answer,
    topicId: body.topicId ?? null,
    tags: body.tags ?? [],
    enabled: body.enabled ?? true,
  };
}

export const createQa: Handler = async ({ input, ctx }) => {
  const body = input.body as QaInput;
  checkInput(ctx, body);
  const at = isoSeconds(ctx.now());
  const qa: Qa = { id: ctx.faker.string.uuid(), ...fromInput(body), createdAt: at, updatedAt: at };
  ctx.store.qas.insert(qa);
  await ctx.persistence?.flush();
  ctx.events.publish('qa.created', qa);
  return { status: 201, body: qa, headers: { Location: `${ctx.basePath}/qa/${qa.id}` } };
};

export const listQas: Handler = ({ input, ctx }) => {
  const { topicId, q } = input.query as { topicId?: string; q?: string };
  const all = ctx.store.qas.sorted(newestFirst);
  const qas =
    topicId || q
      ? all.filter(
          (qa) =>
            (!topicId || qa.topicId === topicId) &&
            (!q || contains(qa.question, q) || contains(qa.answer, q)),
        )
      : all;
  return { status: 200, body: paginate(qas, input.query) };
};

export const getQa: Handler = ({ input, ctx }) => {
  const id = input.path.id as string;
  const qa = ctx.store.qas.get(id);
  if (!qa) throw notFound('QA', id);
  return { status: 200, body: qa };
};

export const updateQa: Handler = async ({ input, ctx }) => {
  const id = input.path.id as string;
  const previous = ctx.store.qas.get(id);
  if (!previous) throw notFound('QA', id);
  const body = input.body as QaInput;
  checkInput(ctx, body, id);
  const qa: Qa = { ...previous, ...fromInput(body), updatedAt: isoSeconds(ctx.now()) };
  ctx.store.qas.replace(qa);
  await ctx.persistence?.flush();
  ctx.events.publish('qa.updated', qa);
  return { status: 200, body: qa };
};

export const deleteQa: Handler = async ({ input, ctx }) => {
  const id = input.path.id as string;
  if (!ctx.store.qas.remove(id)) throw notFound('QA', id);
  await ctx.persistence?.flush();
  ctx.events.publish('qa.deleted', { id });
  return { status: 204 };
};
