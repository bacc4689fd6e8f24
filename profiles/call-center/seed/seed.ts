import type { Faker } from '@faker-js/faker';
import { faker as uzbekFaker } from '@faker-js/faker/locale/uz_UZ_latin';
import { sha256Hex } from '../../../mock/files/sha256-hex.ts';
import { DAY_MS, isoSeconds } from '../../../mock/time.ts';
import { buildConversation, type Chooser, OUTCOME_WEIGHTS } from '../calls/conversation.ts';
import { newCall } from '../calls/new-call.ts';
import type { AudioFile, Call, Qa, Topic } from '../models.ts';
import { KNOWLEDGE_BASE, SEED_AUDIO } from './knowledge-base.ts';
import { cumulate, Random } from './random.ts';
import { makeWav } from './wav.ts';

/**
 * A seeded faker with Uzbek names first. Never module-global: each caller owns its instance. Built
 * from the uz_UZ_latin entry point (Uzbek, then English, then base data) because the package's main
 * entry loads every locale, a third of the mock's start.
 */
export function createFaker(seed: number): Faker {
  const FakerClass = uzbekFaker.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;
  const faker = new FakerClass({ locale: uzbekFaker.rawDefinitions });
  faker.seed(seed);
  return faker;
}

export interface SeedResult {
  snapshot: { calls: Call[]; files: AudioFile[]; qas: Qa[]; topics: Topic[] };
  /** Bytes of each seeded audio file, by file id. */
  audio: Map<string, Buffer>;
}

export const CALL_CENTER_LINES = ['+998712000000', '+998712000001'];
const MOBILE_PREFIXES = ['90', '91', '93', '94', '95', '97', '98', '99', '33', '88', '77', '50'];
const HISTORY_DAYS = 365;
/** Customer names to draw from: real customers share names too. */
const NAME_POOL = 5000;
/** Calls per local hour (Tashkent, UTC+5) from 09:00 to 20:00: a morning and an afternoon peak. */
const HOURLY = [6, 10, 11, 8, 5, 8, 10, 9, 7, 5, 3];
/** Monday to Sunday: weekdays busy, Saturday half, Sunday quiet. */
const WEEKDAY = [10, 10, 10, 10, 9, 5, 2];
const FAILURES = [
  'Carrier rejected the call (SIP 503)',
  'The number does not exist (SIP 404)',
  'No route to the carrier (timeout)',
];

/**
 * Uzbek first and last names from faker's uz_UZ_latin data, in the form most of its full names
 * take ("Dilnoza Karimova"), drawn by the fast generator: faker.person.fullName() takes 16 µs a
 * name (template parsing), so the pool of names was a fifth of a start (profiled).
 */
function customerNames(faker: Faker, random: Random, count: number): string[] {
  const person = faker.rawDefinitions.person as
    | { first_name?: Record<string, string[]>; last_name?: Record<string, string[]> }
    | undefined;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const sex = random.chance(0.5) ? 'female' : 'male';
    const first = person?.first_name?.[sex];
    const last = person?.last_name?.[sex];
    names.push(
      first?.length && last?.length ? `${random.pick(first)} ${random.pick(last)}` : faker.person.fullName(),
    );
  }
  return names;
}

/** A random Uzbek mobile number, `+998` and 9 digits. */
export function uzbekMobile(faker: Faker): string {
  return `+998${faker.helpers.arrayElement(MOBILE_PREFIXES)}${faker.string.numeric(7)}`;
}

/**
 * Generates the demo data: the knowledge base, five playable greetings and `calls` ended calls over
 * the 365 days before `endMs` (midnight UTC of the seed day), with daily and weekly rhythm and
 * growth over the months. Same seed and same end give the same bytes. Asynchronous for the audio's
 * SHA-256, which WebCrypto computes (mock/files/sha256-hex.ts); every draw is made before it.
 */
export async function seed(options: { seed: number; calls: number; endMs: number }): Promise<SeedResult> {
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

  const audio = new Map<string, Buffer>();
  const made = SEED_AUDIO.map(([name, description], i) => {
    const seconds = 3 + i;
    const bytes = makeWav({
      seconds,
      notes: faker.helpers.multiple(() => faker.helpers.arrayElement([392, 440, 494, 523, 587, 659]), {
        count: 4 + i,
      }),
    });
    const id = faker.string.uuid();
    audio.set(id, bytes);
    return { id, name, description, seconds, bytes, createdMs: startMs - (20 - i) * DAY_MS + 11 * 3_600_000 };
  });
  // Hashed before the calls are drawn: the wait lets a page's other tasks (MSW's worker starting)
  // run between the audio and the calls rather than after both.
  const digests = await Promise.all(made.map((file) => sha256Hex(file.bytes)));
  const fileIds = made.map((file) => file.id);
  const calls = seedCalls(faker, options, startMs, topics, qasByTopic, fileIds);
  const files: AudioFile[] = made.map((file, i) => ({
    id: file.id,
    name: file.name,
    description: file.description,
    contentType: 'audio/wav',
    format: 'wav',
    sizeBytes: file.bytes.length,
    durationSeconds: file.seconds,
    sampleRate: 16_000,
    channels: 1,
    sha256: digests[i] as string,
    downloadUrl: `/api/voip/file/${file.id}/content`,
    createdAt: isoSeconds(file.createdMs),
  }));
  return { snapshot: { topics, qas, files, calls }, audio };
}

const STATUS_WEIGHTS = cumulate([64, 17, 11, 8]);
const STATUSES = ['completed', 'no_answer', 'busy', 'failed'] as const;
const OUTCOME_CUMULATIVE = cumulate(OUTCOME_WEIGHTS.map((o) => o.weight));

/**
 * ISO seconds from milliseconds, written into a reused buffer: a template string would make a
 * rope of seven pieces per timestamp, and a million calls hold three million timestamps.
 */
function isoMaker(): (ms: number) => string {
  const out = Buffer.from('0000-00-00T00:00:00Z', 'latin1');
  let day = Number.NaN;
  const two = (at: number, n: number) => {
    out[at] = 48 + Math.floor(n / 10);
    out[at + 1] = 48 + (n % 10);
  };
  return (ms: number) => {
    const d = Math.floor(ms / DAY_MS);
    if (d !== day) {
      day = d;
      out.write(new Date(d * DAY_MS).toISOString().slice(0, 10), 0, 'latin1');
    }
    const s = Math.floor((ms - d * DAY_MS) / 1000);
    two(11, Math.floor(s / 3600));
    two(14, Math.floor((s % 3600) / 60));
    two(17, s % 60);
    return out.toString('latin1');
  };
}

function seedCalls(
  faker: Faker,
  options: { calls: number; endMs: number },
  startMs: number,
  topics: Topic[],
  qasByTopic: Map<string, Qa[]>,
  fileIds: string[],
): Call[] {
  // The bulk draws come from a fast generator seeded by faker, so one seed still decides all.
  const random = new Random(faker.number.int({ min: 0, max: 2 ** 31 }));
  const chooser: Chooser = {
    helpers: {
      arrayElements<T>(items: readonly T[], count: { min: number; max: number }): T[] {
        const pool = [...items];
        const n = random.int(count.min, count.max);
        for (let i = 0; i < n; i++) {
          const j = i + Math.floor(random.next() * (pool.length - i));
          [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
        }
        return pool.slice(0, n);
      },
    },
  };
  // Each day's weight: its weekday's, times a growth of 40% over the year.
  const days = cumulate(
    Array.from({ length: HISTORY_DAYS }, (_, d) => {
      const weekday = (new Date(startMs + d * DAY_MS).getUTCDay() + 6) % 7;
      return (WEEKDAY[weekday] ?? 1) * (1 + (0.4 * d) / HISTORY_DAYS);
    }),
  );
  const hours = cumulate(HOURLY);
  const names = customerNames(faker, random, Math.min(NAME_POOL, Math.max(1, options.calls)));
  const customers = Array.from({ length: Math.max(1, Math.ceil(options.calls / 3)) }, () => ({
    number: `+998${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`,
    name: random.chance(0.7) ? random.pick(names) : null,
    language: random.chance(0.75) ? ('uz' as const) : ('ru' as const),
  }));
  // Draw every creation time first and sort the numbers: the calls are then built in order.
  const times = new Float64Array(options.calls);
  for (let i = 0; i < options.calls; i++) {
    const day = random.weightedIndex(days);
    const hourUtc = 4 + random.weightedIndex(hours); // 09:00 Tashkent is 04:00 UTC
    times[i] = startMs + day * DAY_MS + hourUtc * 3_600_000 + Math.floor(random.next() * 3_600_000);
  }
  times.sort();
  const iso = isoMaker();
  const calls: Call[] = new Array(options.calls);
  for (let i = 0; i < options.calls; i++) {
    const createdMs = times[i] as number;
    const customer = random.pick(customers);
    const topic = random.chance(0.85) ? random.pick(topics) : undefined;
    const status = STATUSES[random.weightedIndex(STATUS_WEIGHTS)] ?? 'completed';
    const call = newCall({
      id: random.uuid(),
      direction: random.chance(0.93) ? 'outbound' : 'inbound',
      fromNumber: random.pick(CALL_CENTER_LINES),
      targetNumber: customer.number,
      contactName: customer.name,
      status,
      language: customer.language,
      topicId: topic?.id ?? null,
      fileId: random.chance(0.5) ? random.pick(fileIds) : null,
      createdAt: iso(createdMs),
    });
    if (status === 'completed') {
      const answeredMs = createdMs + random.int(5_000, 15_000);
      // Talk time is skewed: most calls take one to four minutes, a few much longer.
      const duration = Math.round(30 + random.next() ** 2 * 540);
      const outcome = OUTCOME_WEIGHTS[random.weightedIndex(OUTCOME_CUMULATIVE)]?.value ?? 'resolved';
      const endedAt = iso(answeredMs + duration * 1000);
      const qas = topic ? (qasByTopic.get(topic.id) ?? []) : [];
      Object.assign(call, {
        outcome,
        answeredAt: iso(answeredMs),
        endedAt,
        updatedAt: endedAt,
        durationSeconds: duration,
      });
      Object.assign(call, buildConversation(chooser, qas, customer.language, duration, outcome));
    } else {
      const ringMs = status === 'no_answer' ? 30_000 : status === 'busy' ? 6_000 : 3_000;
      const endedAt = iso(createdMs + ringMs + random.int(0, 4_000));
      call.endedAt = endedAt;
      call.updatedAt = endedAt;
      if (status === 'failed') call.failureReason = random.pick(FAILURES);
    }
    calls[i] = call;
  }
  // Same instant, same order: sort ties by id so the stored order is the index order.
  calls.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  return calls;
}
