import { HttpProblem } from '../../mock/http/problem.ts';

/** The call center's own refusals, with the status and title of each code. */
const PROBLEMS = {
  call_in_progress: [409, 'A call to this number is in progress'],
  file_in_use: [409, 'A live call plays this file'],
} as const satisfies Record<string, readonly [number, string]>;

/** A problem of the call center's domain, by code. */
export function domainProblem(code: keyof typeof PROBLEMS, detail: string): HttpProblem {
  const [status, title] = PROBLEMS[code];
  return new HttpProblem(code, detail, { status, title });
}
