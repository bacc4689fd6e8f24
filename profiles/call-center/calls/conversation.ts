import type { Call, CallOutcome, Qa, TranscriptLine } from '../models.ts';
import { FAREWELLS, GREETINGS } from '../seed/knowledge-base.ts';

type Outcome = Exclude<CallOutcome, null>;

/** Outcomes of completed calls, weighted as a real outbound campaign ends. */
export const OUTCOME_WEIGHTS: { value: Outcome; weight: number }[] = [
  { value: 'resolved', weight: 60 },
  { value: 'callback_requested', weight: 14 },
  { value: 'transferred_to_operator', weight: 11 },
  { value: 'not_interested', weight: 11 },
  { value: 'wrong_number', weight: 4 },
];

const CLOSINGS: Record<Outcome, { uz: string; ru: string }> = {
  resolved: { uz: 'Tushunarli, rahmat, savolim qolmadi.', ru: 'Понятно, спасибо, вопросов больше нет.' },
  callback_requested: {
    uz: "Hozir gaplasha olmayman, keyinroq qo'ng'iroq qiling.",
    ru: 'Сейчас неудобно, перезвоните позже.',
  },
  transferred_to_operator: {
    uz: 'Iltimos, meni operatorga ulang.',
    ru: 'Соедините меня, пожалуйста, с оператором.',
  },
  not_interested: { uz: 'Rahmat, menga qiziq emas.', ru: 'Спасибо, мне это не интересно.' },
  wrong_number: { uz: "Siz noto'g'ri raqamga qo'ng'iroq qildingiz.", ru: 'Вы ошиблись номером.' },
};

const SUMMARIES: Record<Outcome, string> = {
  resolved: "Mijoz savollariga to'liq javob olindi",
  callback_requested: "Mijoz keyinroq qayta qo'ng'iroq qilishni so'radi",
  transferred_to_operator: 'Mijoz operatorga ulandi',
  not_interested: 'Mijoz taklifga qiziqmadi',
  wrong_number: 'Raqam boshqa shaxsga tegishli ekani aniqlandi',
};

const SENTIMENT: Record<Outcome, Call['sentiment']> = {
  resolved: 'positive',
  callback_requested: 'neutral',
  transferred_to_operator: 'neutral',
  not_interested: 'negative',
  wrong_number: 'neutral',
};

/** What choosing the asked pairs needs: faker's `helpers.arrayElements`, or the seed's adapter. */
export interface Chooser {
  helpers: { arrayElements<T>(items: readonly T[], count: { min: number; max: number }): T[] };
}

type Conversation = Pick<Call, 'transcript' | 'summary' | 'sentiment'>;

/**
 * Conversations are shared between calls that say the same thing at the same pace (the lines are
 * frozen): a million seeded calls would otherwise hold a million transcripts. Keyed per topic's
 * list of pairs, then by a number, so that a lookup allocates nothing.
 */
const shared = new WeakMap<readonly Qa[], Map<number, Conversation>>();
const OUTCOMES: Outcome[] = [
  'resolved',
  'callback_requested',
  'transferred_to_operator',
  'not_interested',
  'wrong_number',
];
const MAX_SHARED = 200_000;

/**
 * The conversation of a completed call: the agent's greeting, the customer's questions answered
 * from the topic's knowledge-base pairs, and a closing that fits the outcome, spread over the
 * call's duration (in steps of 5 seconds, so that calls of similar length share one transcript).
 * Russian-language calls keep the pairs in Uzbek (the knowledge base is Uzbek).
 */
export function buildConversation(
  chooser: Chooser,
  qas: Qa[],
  language: Call['language'],
  durationSeconds: number,
  outcome: Outcome,
): Conversation {
  const asked =
    qas.length > 0 && outcome !== 'wrong_number'
      ? chooser.helpers.arrayElements(qas, { min: 1, max: Math.min(3, qas.length) })
      : [];
  let step = Math.max(1, Math.floor(durationSeconds / (asked.length * 2 + 3)));
  if (step >= 5) step -= step % 5;
  // A number naming what is said and when, unique within one topic's pairs (at most 8 of them).
  let code = 0;
  for (const qa of asked) code = code * 9 + qas.indexOf(qa) + 1;
  const clamp = Math.min(durationSeconds, step * (asked.length * 2 + 2) + 2);
  const key =
    (((code * 2 + (language === 'uz' ? 0 : 1)) * 5 + OUTCOMES.indexOf(outcome)) * 1000 + step) * 100_000 +
    clamp;
  let cache = shared.get(qas);
  if (!cache) {
    cache = new Map();
    shared.set(qas, cache);
  }
  const known = cache.get(key);
  if (known) return known;
  const lines: TranscriptLine[] = [{ speaker: 'agent', text: GREETINGS[language], atSecond: 0 }];
  let at = step;
  for (const qa of asked) {
    lines.push({ speaker: 'customer', text: qa.question, atSecond: at });
    lines.push({ speaker: 'agent', text: qa.answer, atSecond: at + Math.ceil(step / 2) });
    at += step * 2;
  }
  lines.push({ speaker: 'customer', text: CLOSINGS[outcome][language], atSecond: at });
  lines.push({ speaker: 'agent', text: FAREWELLS[language], atSecond: at + 2 });
  // A short call (or a sped-up clock) leaves less than a second per line: nothing is said after
  // the call ended, so every line is clamped to its duration.
  for (const line of lines) line.atSecond = Math.min(line.atSecond, durationSeconds);
  const about =
    asked.length > 0
      ? ` (${asked.map((qa) => qa.question.replace(/[?.]$/, '').toLowerCase()).join('; ')})`
      : '';
  const conversation: Conversation = {
    transcript: Object.freeze(lines.map((line) => Object.freeze(line))) as TranscriptLine[],
    summary: `${SUMMARIES[outcome]}${about}.`,
    sentiment: SENTIMENT[outcome],
  };
  if (cache.size >= MAX_SHARED) cache.clear();
  cache.set(key, conversation);
  return conversation;
}
