import type { ChangeKind } from '../../../mock/store/collection.ts';
import { DAY_MS, inLaterTurn } from '../../../mock/time.ts';
import type { Call, CallStatus } from '../models.ts';
import type { CallFilter, CallQueries, CallSort } from './call-queries.ts';
import { CallStats, type DayBucket } from './call-stats.ts';
import { firstAtOrAfter, insertSorted, removeSorted, replaceSorted } from './sorted.ts';

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
export class CallIndex implements CallQueries {
  /** Calls added to the number index per turn of the event loop after a load. */
  static numberSlice = 50_000;
  private all: Call[] = [];
  private readonly byStatus = new Map<string, Call[]>();
  private readonly byDirection = new Map<string, Call[]>();
  private readonly byTopic = new Map<string, Call[]>();
  /** Per number; built after a load, a slice at a time (see byNumber). */
  private readonly numberMap = new Map<string, Call[]>();
  /** The calls still to add to numberMap, from `numberCursor` on; undefined once it is complete. */
  private numberSource: Call[] | undefined;
  private numberCursor = 0;
  private loads = 0;
  /** Per status and direction ("completed outbound"): the commonest filter pair, counted exactly. */
  private readonly byStatusDirection = new Map<string, Call[]>();
  /** Per duration in seconds. With `durations` and `numbers` (the keys, sorted), a page sorted by
   * duration or number walks the groups best-first and stops when it is full. */
  private readonly byDuration = new Map<number, Call[]>();
  private durations: number[] = [];
  /** Built on the first page sorted by number (a sort of every number is a tenth of a seed). */
  private numbers: string[] | undefined;
  /** The latest createdAt (ms) of each number's calls, sorted ascending, for distinct counts. */
  private latest: number[] = [];
  readonly stats = new CallStats();

  /** Follows a change of the calls collection. */
  onChange(kind: ChangeKind, call: Call, previous?: Call): void {
    // The number index is built from `all`: finish it before `all` changes under it.
    if (this.numberSource) this.buildNumbers(Number.POSITIVE_INFINITY);
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
    for (const map of [this.byStatus, this.byDirection, this.byTopic, this.numberMap, this.byStatusDirection])
      map.clear();
    this.byDuration.clear();
    this.stats.clear();
    // Statuses and directions are few: plain objects beat map lookups a million times over.
    const statusLists: Record<string, Call[]> = {};
    const directionLists: Record<string, Call[]> = {};
    const pairLists: Record<string, Record<string, Call[]>> = {};
    for (const call of list) {
      const byStatus = statusLists[call.status];
      if (byStatus) byStatus.push(call);
      else statusLists[call.status] = [call];
      const byDirection = directionLists[call.direction];
      if (byDirection) byDirection.push(call);
      else directionLists[call.direction] = [call];
      let pairs = pairLists[call.direction];
      if (!pairs) {
        pairs = {};
        pairLists[call.direction] = pairs;
      }
      const byPair = pairs[call.status];
      if (byPair) byPair.push(call);
      else pairs[call.status] = [call];
      if (call.topicId) pushTo(this.byTopic, call.topicId, call);
      pushTo(this.byDuration, call.durationSeconds, call);
      this.stats.add(call);
    }
    for (const [direction, lists] of Object.entries(pairLists))
      for (const [status, calls] of Object.entries(lists))
        this.byStatusDirection.set(pair(status, direction), calls);
    this.durations = [...this.byDuration.keys()].sort((a, b) => a - b);
    this.numbers = undefined;
    for (const [status, calls] of Object.entries(statusLists)) this.byStatus.set(status, calls);
    for (const [direction, calls] of Object.entries(directionLists)) this.byDirection.set(direction, calls);
    this.latest = [];
    this.numberSource = list;
    this.numberCursor = 0;
    const load = ++this.loads;
    // A third of a million numbers cost a second of a million-call seed: the server starts
    // without them and builds them between requests. Whatever needs them first finishes the job.
    const step = () => {
      if (load !== this.loads || !this.numberSource) return;
      this.buildNumbers(CallIndex.numberSlice);
      if (this.numberSource) inLaterTurn(step);
    };
    inLaterTurn(step);
  }

  /** The calls by number, complete: a read or a change before the build finished completes it. */
  private get byNumber(): Map<string, Call[]> {
    if (this.numberSource) this.buildNumbers(Number.POSITIVE_INFINITY);
    return this.numberMap;
  }

  /** Adds up to `count` more calls to the number index; at the end, each number's latest time. */
  private buildNumbers(count: number): void {
    const source = this.numberSource as Call[];
    const end = Math.min(source.length, this.numberCursor + count);
    for (let i = this.numberCursor; i < end; i++)
      pushTo(this.numberMap, (source[i] as Call).targetNumber, source[i] as Call);
    this.numberCursor = end;
    if (end < source.length) return;
    this.numberSource = undefined;
    // A typed array sorts numbers natively, without a comparator call per comparison.
    const latest = new Float64Array(this.numberMap.size);
    let n = 0;
    for (const calls of this.numberMap.values())
      latest[n++] = Date.parse((calls[calls.length - 1] as Call).createdAt);
    this.latest = Array.from(latest.sort());
  }

  days(fromMs: number, toMs: number): Map<number, DayBucket> {
    const days = new Map<number, DayBucket>();
    for (let day = fromMs; day < toMs; day += DAY_MS) {
      const bucket = this.stats.day(day);
      if (bucket) days.set(day, bucket);
    }
    return days;
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
    if (this.numberSource) this.buildNumbers(Number.POSITIVE_INFINITY);
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
    const want = offset + limit;
    const candidates = ranges.reduce((n, r) => n + r.hi - r.lo, 0);
    // Every candidate matches (no predicate left), so the total is known without a scan. When
    // matches are common, walking the calls in sort order finds a page after about
    // want * size / candidates calls: cheaper than scanning the candidates once they outnumber
    // that. A walk that overruns its budget (matches bunched at the far end) falls back to the scan.
    if (!rest && want * this.all.length < candidates * candidates) {
      const walked = this.walk(filter, key, descending, want, candidates);
      if (walked) return { items: walked.slice(offset, offset + limit), total: candidates };
    }
    // Keep only the best `offset + limit` matches in a sorted buffer: most candidates are refused
    // by one comparison with its last element, so a page costs a scan, never a sort of every match.
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
   * The first `want` matches in (key, createdAt, id) order, the key ascending or descending: the
   * groups of equal key in key order, each in time order (the tie order of both directions), the
   * date bounds found by binary search in each group. Undefined once `budget` calls were looked at.
   */
  private walk(
    filter: CallFilter,
    key: 'durationSeconds' | 'targetNumber',
    descending: boolean,
    want: number,
    budget: number,
  ): Call[] | undefined {
    if (key === 'targetNumber' && !this.numbers) this.numbers = [...this.byNumber.keys()].sort();
    const keys: readonly (number | string)[] =
      key === 'durationSeconds' ? this.durations : (this.numbers as string[]);
    const groups = (key === 'durationSeconds' ? this.byDuration : this.byNumber) as Map<
      number | string,
      Call[]
    >;
    const statuses = filter.statuses ? new Set<string>(filter.statuses) : undefined;
    const found: Call[] = [];
    let looked = 0;
    for (let k = 0; k < keys.length && found.length < want; k++) {
      const group = groups.get(keys[descending ? keys.length - 1 - k : k] as number | string) ?? [];
      const lo = filter.from ? firstAtOrAfter(group, filter.from) : 0;
      const hi = filter.to ? firstAtOrAfter(group, filter.to) : group.length;
      looked += 1 + hi - lo;
      if (looked > budget) return undefined;
      for (let i = lo; i < hi && found.length < want; i++) {
        const call = group[i] as Call;
        if (statuses && !statuses.has(call.status)) continue;
        if (filter.direction && call.direction !== filter.direction) continue;
        if (filter.topicId && call.topicId !== filter.topicId) continue;
        if (filter.targetNumber && call.targetNumber !== filter.targetNumber) continue;
        found.push(call);
      }
    }
    return found;
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
    const options: { by: keyof CallFilter | 'none' | 'statusDirection'; ranges: Range[] }[] = [
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
    if (filter.statuses && filter.direction)
      options.push({
        by: 'statusDirection',
        ranges: [...new Set(filter.statuses)].map((s) =>
          range(this.byStatusDirection.get(pair(s, filter.direction as Call['direction']))),
        ),
      });
    const size = (o: (typeof options)[number]) => o.ranges.reduce((n, r) => n + r.hi - r.lo, 0);
    const best = options.reduce((a, b) => (size(b) < size(a) ? b : a));
    const checks: ((c: Call) => boolean)[] = [];
    const statuses = filter.statuses ? new Set(filter.statuses) : undefined;
    if (filter.targetNumber && best.by !== 'targetNumber')
      checks.push((c) => c.targetNumber === filter.targetNumber);
    if (filter.topicId && best.by !== 'topicId') checks.push((c) => c.topicId === filter.topicId);
    const pairs = best.by === 'statusDirection';
    if (filter.direction && best.by !== 'direction' && !pairs)
      checks.push((c) => c.direction === filter.direction);
    if (statuses && best.by !== 'statuses' && !pairs) checks.push((c) => statuses.has(c.status));
    const rest = checks.length === 0 ? undefined : (c: Call) => checks.every((check) => check(c));
    return { ranges: best.ranges.filter((r) => r.hi > r.lo), rest };
  }

  private insert(call: Call): void {
    insertSorted(this.all, call);
    insertSorted(listOf(this.byStatus, call.status), call);
    insertSorted(listOf(this.byStatusDirection, pair(call.status, call.direction)), call);
    this.addToDuration(call);
    if (this.numbers && !this.byNumber.has(call.targetNumber)) insertKey(this.numbers, call.targetNumber);
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
    removeSorted(listOf(this.byStatusDirection, pair(call.status, call.direction)), call);
    this.removeFromDuration(call);
    removeSorted(listOf(this.byDirection, call.direction), call);
    if (call.topicId) removeSorted(listOf(this.byTopic, call.topicId), call);
    const calls = listOf(this.byNumber, call.targetNumber);
    const before = calls[calls.length - 1];
    removeSorted(calls, call);
    if (calls.length === 0) {
      this.byNumber.delete(call.targetNumber);
      if (this.numbers) removeKey(this.numbers, call.targetNumber);
    }
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
      removeSorted(listOf(this.byStatusDirection, pair(previous.status, previous.direction)), previous);
      insertSorted(listOf(this.byStatusDirection, pair(call.status, call.direction)), call);
    } else {
      replaceSorted(listOf(this.byStatus, call.status), call);
      replaceSorted(listOf(this.byStatusDirection, pair(call.status, call.direction)), call);
    }
    if (call.durationSeconds !== previous.durationSeconds) {
      this.removeFromDuration(previous);
      this.addToDuration(call);
    } else {
      replaceSorted(this.byDuration.get(call.durationSeconds) ?? [], call);
    }
    this.stats.remove(previous);
    this.stats.add(call);
  }

  private addToDuration(call: Call): void {
    const group = this.byDuration.get(call.durationSeconds);
    if (group) insertSorted(group, call);
    else {
      this.byDuration.set(call.durationSeconds, [call]);
      insertKey(this.durations, call.durationSeconds);
    }
  }

  private removeFromDuration(call: Call): void {
    const group = this.byDuration.get(call.durationSeconds);
    if (!group) return;
    removeSorted(group, call);
    if (group.length === 0) {
      this.byDuration.delete(call.durationSeconds);
      removeKey(this.durations, call.durationSeconds);
    }
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

function listOf<K>(map: Map<K, Call[]>, key: K): Call[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function pushTo<K>(map: Map<K, Call[]>, key: K, call: Call): void {
  listOf(map, key).push(call);
}

/** The key of a status and direction pair in byStatusDirection. */
const pair = (status: string, direction: string) => `${status} ${direction}`;

/** Adds a key to a sorted array of distinct keys. */
function insertKey<K extends number | string>(keys: K[], key: K): void {
  const i = position(keys, key);
  if (keys[i] !== key) keys.splice(i, 0, key);
}

function removeKey<K extends number | string>(keys: K[], key: K): void {
  const i = position(keys, key);
  if (keys[i] === key) keys.splice(i, 1);
}

function position<K extends number | string>(list: K[], value: K): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as K) < value) lo = mid + 1;
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
