import { createHash } from 'node:crypto';
import { base, en, Faker, uz_UZ_latin } from '@faker-js/faker';
import type { AudioFile, Call, Qa, Topic } from '../../spec/models.ts';
import { buildConversation, OUTCOME_WEIGHTS } from '../calls/conversation.ts';
import type { Snapshot } from '../store/store.ts';
import { DAY_MS, isoSeconds } from '../time.ts';
import { KNOWLEDGE_BASE, SEED_AUDIO } from './knowledge-base.ts';
import { makeWav } from './wav.ts';

/** A seeded faker with Uzbek names first. Never module-global: each caller owns its instance. */
export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [uz_UZ_latin, en, base] });
  faker.seed(seed);
  return faker;
}

export interface SeedResult {
  snapshot: Snapshot;
  /** Bytes of each seeded audio file, by file id. */
  audio: Map<string, Buffer>;
}

export const CALL_CENTER_LINES = ['+998712000000', '+998712000001'];
const MOBILE_PREFIXES = ['90', '91', '93', '94', '95', '97', '98', '99', '33', '88', '77', '50'];
const HISTORY_DAYS = 182;
/** Calls per local hour (Tashkent, UTC+5) from 09:00 to 20:00: a morning and an afternoon peak. */
const HOURLY = [6, 10, 11, 8, 5, 8, 10, 9, 7, 5, 3];
/** Monday to Sunday: weekdays busy, Saturday half, Sunday quiet. */
const WEEKDAY = [10, 10, 10, 10, 9, 5, 2];
const FAILURES = [
  'Carrier rejected the call (SIP 503)',
  'The number does not exist (SIP 404)',
  'No route to the carrier (timeout)',
];

/** A random Uzbek mobile number, `+998` and 9 digits. */
export function uzbekMobile(faker: Faker): string {
  return `+998${faker.helpers.arrayElement(MOBILE_PREFIXES)}${faker.string.numeric(7)}`;
}

function weightedIndex(faker: Faker, cumulative: number[]): number {
  const total = cumulative[cumulative.length - 1] ?? 1;
  const r = faker.number.float({ min: 0, max: total });
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cumulate(weights: number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/**
 * Generates the demo data: the knowledge base, five playable greetings and `calls` ended calls over
 * the 182 days before `endMs` (midnight UTC of the seed day), with daily and weekly rhythm and
 * growth over the months. Same seed and same end give the same bytes.
 */
export function seed(options: { seed: number; calls: number; endMs: number }): SeedResult {
  const faker = createFaker(options.seed);
  const startMs = options.endMs - HISTORY_DAYS * DAY_MS;
  const topics: Topic[] = [];
  const qas: Qa[] = [];
  const qasByTopic = new Map<string, Qa[]>();
  for (const [i, entry] of KNOWLEDGE_BASE.entries()) {
    const created = isoSeconds(startMs - (30 - i) * DAY_MS + 9 * 3_600_000);
    const topic: Topic = {
      id: faker.string.uuid(),
      name: entry.name,
      description: entry.description,
      createdAt: created,
      updatedAt: created,
    };
    topics.push(topic);
    const own: Qa[] = entry.qas.map(([question, answer, tags], j) => {
      const at = isoSeconds(startMs - (29 - i) * DAY_MS + (10 + j) * 3_600_000);
      return {
        id: faker.string.uuid(),
        question,
        answer,
        topicId: topic.id,
        tags,
        enabled: true,
        createdAt: at,
        updatedAt: at,
      };
    });
    qas.push(...own);
    qasByTopic.set(topic.id, own);
  }

  const files: AudioFile[] = [];
  const audio = new Map<string, Buffer>();
  for (const [i, [name, description]] of SEED_AUDIO.entries()) {
    const seconds = 3 + i;
    const bytes = makeWav({
      seconds,
      notes: faker.helpers.multiple(() => faker.helpers.arrayElement([392, 440, 494, 523, 587, 659]), {
        count: 4 + i,
      }),
    });
    const id = faker.string.uuid();
    audio.set(id, bytes);
    files.push({
      id,
      name,
      description,
      contentType: 'audio/wav',
      format: 'wav',
      sizeBytes: bytes.length,
      durationSeconds: seconds,
      sampleRate: 16_000,
      channels: 1,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      downloadUrl: `/api/voip/file/${id}/content`,
      createdAt: isoSeconds(startMs - (20 - i) * DAY_MS + 11 * 3_600_000),
    });
  }

  return {
    snapshot: { topics, qas, files, calls: seedCalls(faker, options, startMs, topics, qasByTopic, files) },
    audio,
  };
}

function seedCalls(
  faker: Faker,
  options: { calls: number; endMs: number },
  startMs: number,
  topics: Topic[],
  qasByTopic: Map<string, Qa[]>,
  files: AudioFile[],
): Call[] {
  // Each day's weight: its weekday's, times a growth of 40% over the half year.
  const dayWeights = Array.from({ length: HISTORY_DAYS }, (_, d) => {
    const weekday = (new Date(startMs + d * DAY_MS).getUTCDay() + 6) % 7;
    return (WEEKDAY[weekday] ?? 1) * (1 + (0.4 * d) / HISTORY_DAYS);
  });
  const days = cumulate(dayWeights);
  const hours = cumulate(HOURLY);
  const customers = Array.from({ length: Math.max(1, Math.ceil(options.calls / 3)) }, () => ({
    number: uzbekMobile(faker),
    name: faker.datatype.boolean({ probability: 0.7 }) ? faker.person.fullName() : null,
    language: faker.datatype.boolean({ probability: 0.75 }) ? ('uz' as const) : ('ru' as const),
  }));
  const calls: Call[] = [];
  for (let i = 0; i < options.calls; i++) {
    const day = weightedIndex(faker, days);
    const hourUtc = 4 + weightedIndex(faker, hours); // 09:00 Tashkent is 04:00 UTC
    const createdMs =
      startMs + day * DAY_MS + hourUtc * 3_600_000 + faker.number.int({ min: 0, max: 3_599_999 });
    const customer = faker.helpers.arrayElement(customers);
    const topic = faker.datatype.boolean({ probability: 0.85 })
      ? faker.helpers.arrayElement(topics)
      : undefined;
    const file = faker.datatype.boolean({ probability: 0.5 }) ? faker.helpers.arrayElement(files) : undefined;
    calls.push(
      endedCall(faker, {
        createdMs,
        customer,
        topic,
        file,
        qas: topic ? (qasByTopic.get(topic.id) ?? []) : [],
      }),
    );
  }
  calls.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  return calls;
}

function endedCall(
  faker: Faker,
  c: {
    createdMs: number;
    customer: { number: string; name: string | null; language: 'uz' | 'ru' };
    topic: Topic | undefined;
    file: AudioFile | undefined;
    qas: Qa[];
  },
): Call {
  const status = faker.helpers.weightedArrayElement([
    { value: 'completed' as const, weight: 64 },
    { value: 'no_answer' as const, weight: 17 },
    { value: 'busy' as const, weight: 11 },
    { value: 'failed' as const, weight: 8 },
  ]);
  const base: Call = {
    id: faker.string.uuid(),
    direction: faker.datatype.boolean({ probability: 0.93 }) ? 'outbound' : 'inbound',
    fromNumber: faker.helpers.arrayElement(CALL_CENTER_LINES),
    targetNumber: c.customer.number,
    contactName: c.customer.name,
    status,
    outcome: null,
    language: c.customer.language,
    topicId: c.topic?.id ?? null,
    fileId: c.file?.id ?? null,
    createdAt: isoSeconds(c.createdMs),
    updatedAt: isoSeconds(c.createdMs),
    answeredAt: null,
    endedAt: null,
    durationSeconds: 0,
    summary: null,
    transcript: [],
    sentiment: null,
    failureReason: null,
  };
  if (status === 'completed') {
    const answeredMs = c.createdMs + faker.number.int({ min: 5_000, max: 15_000 });
    // Talk time is skewed: most calls take one to four minutes, a few much longer.
    const duration = Math.round(30 + faker.number.float({ min: 0, max: 1 }) ** 2 * 540);
    const outcome = faker.helpers.weightedArrayElement(OUTCOME_WEIGHTS);
    const endedAt = isoSeconds(answeredMs + duration * 1000);
    return {
      ...base,
      outcome,
      answeredAt: isoSeconds(answeredMs),
      endedAt,
      updatedAt: endedAt,
      durationSeconds: duration,
      ...buildConversation(faker, c.qas, c.customer.language, duration, outcome),
    };
  }
  const ringMs = status === 'no_answer' ? 30_000 : status === 'busy' ? 6_000 : 3_000;
  const endedAt = isoSeconds(c.createdMs + ringMs + faker.number.int({ min: 0, max: 4_000 }));
  return {
    ...base,
    endedAt,
    updatedAt: endedAt,
    failureReason: status === 'failed' ? faker.helpers.arrayElement(FAILURES) : null,
  };
}
