import type { Exchange } from '../types.ts';

/** The list envelope (`Page` with `items`), as the runner reads it. */
export interface PageBody {
  items: Record<string, unknown>[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
}

export function pageOf(exchange: Exchange): PageBody | undefined {
  const body = exchange.response?.json as PageBody | undefined;
  return exchange.response?.status === 200 && Array.isArray(body?.items) ? body : undefined;
}
