import type { FieldError } from '../../spec/models.ts';
import { validationProblem } from '../http/problem.ts';

/**
 * Trims text fields the mock stores trimmed, refusing those that the trim leaves shorter than the
 * schema's minLength: `"   "` passes `minLength: 1` as sent, but would be stored as an empty name
 * that breaks the contract in every later answer.
 */
export function trimmed(fields: { pointer: string; value: string; minLength: number }[]): string[] {
  const errors: FieldError[] = [];
  const values = fields.map(({ pointer, value, minLength }) => {
    const text = value.trim();
    if (text.length < minLength) {
      errors.push({
        in: 'body',
        field: pointer,
        code: 'minLength',
        message: `must have at least ${minLength} characters besides spaces`,
      });
    }
    return text;
  });
  if (errors.length > 0) throw validationProblem(errors);
  return values;
}
