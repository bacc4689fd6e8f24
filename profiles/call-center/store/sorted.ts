/**
 * Arrays of calls kept sorted by (createdAt, id), the order of every call index. Insertion is
 * append-fast for the common case (a call placed now is the newest) and binary otherwise.
 */
export interface Timed {
  id: string;
  createdAt: string;
}

function before(a: Timed, b: Timed): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

/** Index of the first element not before `item`. */
export function lowerBound<T extends Timed>(list: T[], item: Timed): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid] as T, item)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element created at or after `createdAt` (an ISO string). */
export function firstAtOrAfter<T extends Timed>(list: T[], createdAt: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as T).createdAt < createdAt) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted<T extends Timed>(list: T[], item: T): void {
  const last = list[list.length - 1];
  if (!last || before(last, item)) {
    list.push(item);
    return;
  }
  list.splice(lowerBound(list, item), 0, item);
}

/** Removes the element with `item`'s id and time; answers whether it was there. */
export function removeSorted<T extends Timed>(list: T[], item: Timed): boolean {
  const i = lowerBound(list, item);
  if (list[i]?.id !== item.id) return false;
  list.splice(i, 1);
  return true;
}

/** Puts `item` in the place of the element with the same id and time. */
export function replaceSorted<T extends Timed>(list: T[], item: T): void {
  const i = lowerBound(list, item);
  if (list[i]?.id === item.id) list[i] = item;
}
