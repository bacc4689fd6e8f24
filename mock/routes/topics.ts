import type { Topic, TopicInput } from '../../spec/models.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { sameText } from '../store/store.ts';
import { isoSeconds } from '../time.ts';
import { contains, paginate } from './paginate.ts';
import type { Handler } from './reply.ts';

export const createTopic: Handler = async ({ input, ctx }) => {
  const body = input.body as TopicInput;
  const { name } = body;
  const taken = ctx.store.topicNames.find(sameText(name));
  if (taken) throw new HttpProblem('topic_name_taken', `Topic ${taken.id} is already named "${taken.name}".`);
  const at = isoSeconds(ctx.now());
  const topic: Topic = {
    id: ctx.faker.string.uuid(),
    name,
    description: body.description ?? null,
    createdAt: at,
    updatedAt: at,
  };
  ctx.store.topics.insert(topic);
  await ctx.persistence?.flush();
  ctx.events.publish('topic.created', topic);
  return { status: 201, body: topic, headers: { Location: `${ctx.basePath}/topics/${topic.id}` } };
};

/** Alphabetical as Uzbek sorts, ties by id. */
const byName = (a: Topic, b: Topic) => a.name.localeCompare(b.name, 'uz') || (a.id < b.id ? -1 : 1);

export const listTopics: Handler = ({ input, ctx }) => {
  const q = input.query.q as string | undefined;
  const all = ctx.store.topics.sorted(byName);
  const topics = q ? all.filter((t) => contains(t.name, q)) : all;
  return { status: 200, body: paginate(topics, input.query) };
};

export const getTopic: Handler = ({ input, ctx }) => {
  const id = input.path.id as string;
  const topic = ctx.store.topics.get(id);
  if (!topic) throw notFound('topic', id);
  return { status: 200, body: topic };
};

export const deleteTopic: Handler = async ({ input, ctx }) => {
  const id = input.path.id as string;
  if (!ctx.store.topics.get(id)) throw notFound('topic', id);
  const used = [...ctx.store.qas.all()].filter((qa) => qa.topicId === id).length;
  if (used > 0)
    throw new HttpProblem(
      'topic_in_use',
      `${used} question and answer pair(s) belong to this topic; move or delete them first.`,
    );
  ctx.store.topics.remove(id);
  await ctx.persistence?.flush();
  ctx.events.publish('topic.deleted', { id });
  return { status: 204 };
};
