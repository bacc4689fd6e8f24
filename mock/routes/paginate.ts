/** The contract's list envelope for one page of already filtered and sorted records. */
export function paginate<T>(
  records: readonly T[],
  query: Record<string, unknown>,
): { items: T[]; total: number; page: number; pageSize: number; totalPages: number } {
  const page = (query.page as number | undefined) ?? 1;
  const pageSize = (query.pageSize as number | undefined) ?? 20;
  const start = (page - 1) * pageSize;
  return {
    items: records.slice(start, start + pageSize),
    total: records.length,
    page,
    pageSize,
    totalPages: Math.ceil(records.length / pageSize),
  };
}

/** Case-insensitive "contains", the contract's meaning of the `q` filters. */
export function contains(haystack: string | null | undefined, needle: string): boolean {
  return (haystack ?? '').toLocaleLowerCase().includes(needle.toLocaleLowerCase());
}

/** Newest first, ties broken by id, so pages never shuffle between requests. */
export function newestFirst<T extends { createdAt: string; id: string }>(a: T, b: T): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? -1 : 1;
}
