import type { Faker } from '@faker-js/faker';
import type { Call, CallOutcome, Qa, TranscriptLine } from '../../spec/models.ts';
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

/**
 * The conversation of a completed call: the agent's greeting, the customer's questions answered
 * from the topic's knowledge-base pairs, and a closing that fits the outcome, spread over the
 * call's duration. Russian-language calls keep the pairs in Uzbek (the knowledge base is Uzbek).
 */
export function buildConversation(
  faker: Faker,
  qas: Qa[],
  language: Call['language'],
  durationSeconds: number,
  outcome: Outcome,
): Pick<Call, 'transcript' | 'summary' | 'sentiment'> {
  const asked =
    qas.length > 0 && outcome !== 'wrong_number'
      ? faker.helpers.arrayElements(qas, { min: 1, max: Math.min(3, qas.length) })
      : [];
  const lines: TranscriptLine[] = [{ speaker: 'agent', text: GREETINGS[language], atSecond: 0 }];
  const step = Math.max(1, Math.floor(durationSeconds / (asked.length * 2 + 3)));
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
  return { transcript: lines, summary: `${SUMMARIES[outcome]}${about}.`, sentiment: SENTIMENT[outcome] };
}
