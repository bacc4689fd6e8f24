import type { BrokenRule } from '../broken-servers/broken-proxy.ts';

/**
 * Breaches of the contract the runner found in the mock, each with a stand-in that lets the
 * "passes against the mock" test judge everything else. Remove an entry (and its stand-in) once
 * mock/ is fixed: `known-mock-breaches.test.ts` then starts failing to say so.
 */
export const KNOWN_MOCK_BREACHES = [
  {
    id: 'whitespace-only-text',
    description:
      'POST /topics and POST/PUT /qa with a text field of only spaces (valid: minLength counts spaces) answer 500: ' +
      'the mock trims the value, then its own response check finds it below minLength. The record is stored anyway, ' +
      'so every later list of topics or pairs answers 500 too.',
    check: 'not_a_server_error',
    only: ['not_a_server_error', 'topics', 'qa'],
    seed: 42,
  },
  {
    id: 'trimmed-text',
    description:
      'Topic names, questions and answers are stored trimmed ("  spaced  " reads back as "spaced"); the spec says ' +
      'nothing of trimming. Seed 42 of the passing run generates no padded value, so it needs no stand-in.',
    check: 'ensure_resource_availability',
    only: ['ensure_resource_availability', 'topics'],
    seed: 3,
  },
] as const;

/** Stand-in in front of the mock: whitespace-only text fields become underscores of the same length, nothing else changes. */
export const AROUND_KNOWN_BREACHES: BrokenRule = {
  request(req) {
    if (!['POST', 'PUT'].includes(req.method) || !/\/(topics|qa)(\/[^/]+)?$/.test(req.url.pathname))
      return req;
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return req;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return req;
    const fixed = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        typeof v === 'string' && v.length > 0 && v.trim() === '' ? '_'.repeat(v.length) : v,
      ]),
    );
    return { ...req, body: Buffer.from(JSON.stringify(fixed)) };
  },
};
