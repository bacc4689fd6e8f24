import { HttpProblem, validationProblem } from '../http/problem.ts';
import type { UploadRules } from '../openapi/extensions.ts';

/** The refusals of an upload, one wording whether it was streamed (server) or read whole (browser). */
export const uploadProblems = {
  tooLarge(rules: UploadRules): HttpProblem {
    const mib = rules.maxFileSizeBytes / 1_048_576;
    return new HttpProblem(
      'payload_too_large',
      `Files may be at most ${rules.maxFileSizeBytes} bytes (${mib} MiB).`,
    );
  },
  notAccepted(rules: UploadRules): HttpProblem {
    return new HttpProblem(
      'unsupported_media_type',
      `The content is not of an accepted type. Accepted: ${rules.contentTypes.join(', ')}.`,
    );
  },
  empty(rules: UploadRules): HttpProblem {
    return validationProblem([
      { in: 'body', field: rules.field, code: 'minLength', message: 'the file is empty' },
    ]);
  },
  missing(rules: UploadRules): HttpProblem {
    return validationProblem([
      {
        in: 'body',
        field: rules.field,
        code: 'required',
        message: `a file in the field "${rules.field}" is required`,
      },
    ]);
  },
  malformed(rules: UploadRules, message: string): HttpProblem {
    return validationProblem([{ in: 'body', field: rules.field, code: 'multipart', message }]);
  },
  notMultipart(): HttpProblem {
    return new HttpProblem('unsupported_media_type', 'The body must be multipart/form-data with a boundary.');
  },
};

/** The file's own name without any directory part or control characters; never used as a path. */
export function safeName(filename: string | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f')
    .join('')
    .trim()
    .slice(0, 255);
  return clean || 'upload';
}
