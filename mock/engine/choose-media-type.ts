import { isJsonType } from './schema-shape.ts';

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): Range[] {
  const ranges: Range[] = [];
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    ranges.push({ type, subtype, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges;
}

/** How much the client wants a media type: the q of the most specific range that covers it. */
function quality(mediaType: string, ranges: Range[]): number {
  const [type = '', subtype = ''] = mediaType.split(';')[0]?.trim().toLowerCase().split('/') ?? [];
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const specificity =
      r.type === type && r.subtype === subtype
        ? 3
        : r.type === type && r.subtype === '*'
          ? 2
          : r.type === '*' && r.subtype === '*'
            ? 1
            : // A documented wildcard (`*/*`, `application/*`) answers any range it covers.
              type === '*' || (subtype === '*' && r.type === type)
              ? 1
              : 0;
    if (specificity > best && specificity > 0) [best, q] = [specificity, r.q];
  }
  return best < 0 ? 0 : q;
}

/**
 * The media type an answer is built for, among those the response documents: the one `Accept`
 * wants most (q values, `type/*` and `*\/*` ranges), a JSON type among equals, else the first
 * documented. Without `Accept`, or when it accepts none of them, the first JSON type, else the
 * first: the mock answers rather than refusing with a 406 no operation documents.
 */
export function chooseMediaType(documented: string[], accept: string | undefined): string | undefined {
  if (documented.length === 0) return undefined;
  const fallback = documented.find(isJsonType) ?? documented[0];
  if (!accept) return fallback;
  const ranges = parseAccept(accept);
  let chosen: string | undefined;
  let chosenQ = 0;
  for (const type of documented) {
    const q = quality(type, ranges);
    if (q > chosenQ || (q === chosenQ && q > 0 && chosen && !isJsonType(chosen) && isJsonType(type)))
      [chosen, chosenQ] = [type, q];
  }
  return chosen ?? fallback;
}

/** The Content-Type an answer of this media type is sent with (`*\/*` is sent as JSON). */
export function contentTypeFor(mediaType: string): string {
  if (mediaType.includes('*')) return 'application/json; charset=utf-8';
  return mediaType.includes('charset') || !isJsonType(mediaType) ? mediaType : `${mediaType}; charset=utf-8`;
}
