import type { Call, CallStatus } from '../../spec/models.ts';
import { CallStats } from './call-stats.ts';
import type { ChangeKind } from './collection.ts';
import { firstAtOrAfter, insertSorted, removeSorted, replaceSorted } from './sorted.ts';

export interface CallFilter {
  statuses?: CallStatus[];
  targetNumber?: string;
  direction?: Call['direction'];
  topicId?: string;
  /** Inclusive lower bound on createdAt, ISO. */
  from?: string;
  /** Exclusive upper bound on createdAt, ISO. */
  to?: string;
}

export type CallSort =
  | 'createdAt'
  | '-createdAt'
  | 'durationSeconds'
  | '-durationSeconds'
  | 'targetNumber'
  | '-targetNumber';

/** A run of an index list between two positions. */
interface Range {
  list: Call[];
  lo: number;
  hi: number;
}

/**
 * Indexes of the calls, kept current by the calls collection's change events: one list sorted by
 * (createdAt, id) of every call, and the same per status, direction, topic and number. A query
 * starts from the index with the fewest candidates in its date range, so filters cost what they
 * select rather than the size of the store. Also keeps the per-day aggregates and, per number, the
 * time of its latest call, so statistics never scan the calls.
 */
export class CallIndex {
  private all: Call[] = [];
  private readonly byStatus = new Map<string, Call[]>();
  private readonly byDirection = new Map<string, Call[]>();
  private readonly byTopic = new Map<string, Call[]>();
  private readonly byNumber = new Map<string, Call[]>();
  /** The latest createdAt (ms) of each number's calls, sorted ascending, for distinct counts. */
  private latest: number[] = [];
  readonly stats = new CallStats();

  /** Follows a change of the calls collection. */
  onChange(kind: ChangeKind, call: Call, previous?: Call): void {
    if (kind === 'insert') this.insert(call);
    else if (kind === 'remove') this.remove(call);
    else if (previous) this.update(call, previous);
  }

  /** Rebuilds every index from scratch (a seed or a snapshot was loaded). */
  rebuild(calls: Iterable<Call>): void {
    const list = [...calls];
    let ordered = true;
    for (let i = 1; i < list.length && ordered; i++) ordered = !after(list[i - 1] as Call, list[i] as Call);
    if (!ordered) list.sort((a, b) => (after(a, b) ? 1 : -1));
    this.all = list;
    for (const map of [this.byStatus, this.byDirection, this.byTopic, this.byNumber]) map.clear();
    this.stats.clear();
    // Statuses and directions are few: plain objects beat map lookups a million times over.
    const statusLists: Record<string, Call[]> = {};
    const directionLists: Record<string, Call[]> = {};
    for (const call of list) {
      const byStatus = statusLists[call.status];
      if (byStatus) byStatus.push(call);
      else statusLists[call.status] = [call];
      const byDirection = directionLists[call.direction];
      if (byDirection) byDirection.push(call);
      else directionLists[call.direction] = [call];
      if (call.topicId) pushTo(this.byTopic, call.topicId, call);
      pushTo(this.byNumber, call.targetNumber, call);
      this.stats.add(call);
    }
    for (const [status, calls] of Object.entries(statusLists)) this.byStatus.set(status, calls);
    for (const [direction, calls] of Object.entries(directionLists)) this.byDirection.set(direction, calls);
    this.latest = [...this.byNumber.values()]
      .map((calls) => Date.parse((calls[calls.length - 1] as Call).createdAt))
      .sort((a, b) => a - b);
  }

  /** Every call in one status, oldest first. */
  withStatus(status: CallStatus): readonly Call[] {
    return this.byStatus.get(status) ?? [];
  }

  /** Every call to a number, oldest first. */
  callsTo(targetNumber: string): readonly Call[] {
    return this.byNumber.get(targetNumber) ?? [];
  }

  /** How many different numbers have a call created at or after `fromMs`. */
  numbersCalledSince(fromMs: number): number {
    let lo = 0;
    let hi = this.latest.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.latest[mid] as number) < fromMs) lo = mid + 1;
      else hi = mid;
    }
    return this.latest.length - lo;
  }

  /** One page of the calls matching `filter`, in `sort` order, and how many match in all. */
  query(filter: CallFilter, sort: CallSort, offset: number, limit: number): { items: Call[]; total: number } {
    const { ranges, rest } = this.plan(filter);
    const byTime = sort === 'createdAt' || sort === '-createdAt';
    const descending = sort.startsWith('-');
    if (byTime && rest === undefined && ranges.length === 1) {
      const [r] = ranges as [Range];
      const total = r.hi - r.lo;
      const start = descending ? r.hi - offset - limit : r.lo + offset;
      const end = descending ? r.hi - offset : r.lo + offset + limit;
      const items = r.list.slice(Math.max(r.lo, start), Math.max(Math.max(r.lo, start), Math.min(r.hi, end)));
      return { items: descending ? items.reverse() : items, total };
    }
    if (byTime) return this.mergeByTime(ranges, rest, descending, offset, limit);
    const key = (descending ? sort.slice(1) : sort) as 'durationSeconds' | 'targetNumber';
    const order = (a: Call, b: Call): number => {
      const x = a[key];
      const y = b[key];
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
      if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
      return a.id < b.id ? -1 : 1;
    };
    // Keep only the best `offset + limit` matches in a sorted buffer: most candidates are refused
    // by one comparison with its last element, so a page costs a scan, never a sort of every match.
    const want = offset + limit;
    if (want > 2000) {
      // A deep page: sorting every match once beats thousands of buffer insertions.
      const matches: Call[] = [];
      for (const r of ranges)
        for (let i = r.lo; i < r.hi; i++)
          if (!rest || rest(r.list[i] as Call)) matches.push(r.list[i] as Call);
      return { items: matches.sort(order).slice(offset, offset + limit), total: matches.length };
    }
    const best: Call[] = [];
    let total = 0;
    for (const r of ranges) {
      for (let i = r.lo; i < r.hi; i++) {
        const call = r.list[i] as Call;
        if (rest && !rest(call)) continue;
        total++;
        if (best.length === want && order(call, best[want - 1] as Call) >= 0) continue;
        let lo = 0;
        let hi = best.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (order(best[mid] as Call, call) < 0) lo = mid + 1;
          else hi = mid;
        }
        best.splice(lo, 0, call);
        if (best.length > want) best.pop();
      }
    }
    return { items: best.slice(offset, offset + limit), total };
  }

  /**
   * Time-ordered pages over several index runs (several statuses, or a predicate still to apply):
   * counts every match, but keeps only the first `offset + limit` of each run before merging.
   */
  private mergeByTime(
    ranges: Range[],
    rest: ((c: Call) => boolean) | undefined,
    descending: boolean,
    offset: number,
    limit: number,
  ): { items: Call[]; total: number } {
    const want = offset + limit;
    const heads: Call[] = [];
    let total = 0;
    for (const r of ranges) {
      let taken = 0;
      for (let k = 0; k < r.hi - r.lo; k++) {
        const call = r.list[descending ? r.hi - 1 - k : r.lo + k] as Call;
        if (rest && !rest(call)) continue;
        total++;
        if (taken < want) {
          heads.push(call);
          taken++;
        } else if (!rest) {
          total += r.hi - r.lo - k - 1;
          break;
        }
      }
    }
    heads.sort((a, b) => (after(a, b) ? 1 : -1));
    if (descending) heads.reverse();
    return { items: heads.slice(offset, offset + limit), total };
  }

  /** Picks the index with the fewest candidates and the predicate still to apply. */
  private plan(filter: CallFilter): { ranges: Range[]; rest: ((c: Call) => boolean) | undefined } {
    const range = (list: Call[] | undefined): Range => {
      const l = list ?? [];
      return {
        list: l,
        lo: filter.from ? firstAtOrAfter(l, filter.from) : 0,
        hi: filter.to ? firstAtOrAfter(l, filter.to) : l.length,
      };
    };
    const options: { by: keyof CallFilter | 'none'; ranges: Range[] }[] = [
      { by: 'none', ranges: [range(this.all)] },
    ];
    if (filter.targetNumber)
      options.push({ by: 'targetNumber', ranges: [range(this.byNumber.get(filter.targetNumber))] });
    if (filter.topicId) options.push({ by: 'topicId', ranges: [range(this.byTopic.get(filter.topicId))] });
    if (filter.direction)
      options.push({ by: 'direction', ranges: [range(this.byDirection.get(filter.direction))] });
    if (filter.statuses)
      options.push({
        by: 'statuses',
        ranges: [...new Set(filter.statuses)].map((s) => range(this.byStatus.get(s))),
      });
    const size = (o: (typeof options)[number]) => o.ranges.reduce((n, r) => n + r.hi - r.lo, 0);
    const best = options.reduce((a, b) => (size(b) < size(a) ? b : a));
    const checks: ((c: Call) => boolean)[] = [];
    const statuses = filter.statuses ? new Set(filter.statuses) : undefined;
    if (filter.targetNumber && best.by !== 'targetNumber')
      checks.push((c) => c.targetNumber === filter.targetNumber);
    if (filter.topicId && best.by !== 'topicId') checks.push((c) => c.topicId === filter.topicId);
    if (filter.direction && best.by !== 'direction') checks.push((c) => c.direction === filter.direction);
    if (statuses && best.by !== 'statuses') checks.push((c) => statuses.has(c.status));
    const rest = checks.length === 0 ? undefined : (c: Call) => checks.every((check) => check(c));
    return { ranges: best.ranges.filter((r) => r.hi > r.lo), rest };
  }

  private insert(call: Call): void {
    insertSorted(this.all, call);
    insertSorted(listOf(this.byStatus, call.status), call);
    insertSorted(listOf(this.byDirection, call.direction), call);
    if (call.topicId) insertSorted(listOf(this.byTopic, call.topicId), call);
    const calls = listOf(this.byNumber, call.targetNumber);
    const before = calls[calls.length - 1];
    insertSorted(calls, call);
    this.moveLatest(before, calls[calls.length - 1]);
    this.stats.add(call);
  }

  private remove(call: Call): void {
    removeSorted(this.all, call);
    removeSorted(listOf(this.byStatus, call.status), call);
    removeSorted(listOf(this.byDirection, call.direction), call);
    if (call.topicId) removeSorted(listOf(this.byTopic, call.topicId), call);
    const calls = listOf(this.byNumber, call.targetNumber);
    const before = calls[calls.length - 1];
    removeSorted(calls, call);
    if (calls.length === 0) this.byNumber.delete(call.targetNumber);
    this.moveLatest(before, calls[calls.length - 1]);
    this.stats.remove(call);
  }

  private update(call: Call, previous: Call): void {
    if (
      call.createdAt !== previous.createdAt ||
      call.targetNumber !== previous.targetNumber ||
      call.topicId !== previous.topicId ||
      call.direction !== previous.direction
    ) {
      this.remove(previous);
      this.insert(call);
      return;
    }
    replaceSorted(this.all, call);
    replaceSorted(listOf(this.byDirection, call.direction), call);
    if (call.topicId) replaceSorted(listOf(this.byTopic, call.topicId), call);
    replaceSorted(listOf(this.byNumber, call.targetNumber), call);
    if (call.status !== previous.status) {
      removeSorted(listOf(this.byStatus, previous.status), previous);
      insertSorted(listOf(this.byStatus, call.status), call);
    } else {
      replaceSorted(listOf(this.byStatus, call.status), call);
    }
    this.stats.remove(previous);
    this.stats.add(call);
  }

  /** Keeps `latest` in step when a number's newest call changes. */
  private moveLatest(before: Call | undefined, now: Call | undefined): void {
    if (before === now) return;
    if (before) removeNumber(this.latest, Date.parse(before.createdAt));
    if (now) insertNumber(this.latest, Date.parse(now.createdAt));
  }
}

function after(a: Call, b: Call): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}

function listOf(map: Map<string, Call[]>, key: string): Call[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function pushTo(map: Map<string, Call[]>, key: string, call: Call): void {
  listOf(map, key).push(call);
}

function position(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertNumber(list: number[], value: number): void {
  if (list.length === 0 || (list[list.length - 1] as number) <= value) list.push(value);
  else list.splice(position(list, value), 0, value);
}

function removeNumber(list: number[], value: number): void {
  const i = position(list, value);
  if (list[i] === value) list.splice(i, 1);
}
