import { useInfiniteQuery } from '@tanstack/react-query';
import type { Page, Product } from '@shared/api/types';

/** A cursor-paginated product list: pages are appended as the shopper asks for more. */
export function useProductList<P extends Page<Product>>(
  key: unknown[],
  fetchPage: (cursor: string | null) => Promise<P>,
  enabled = true,
) {
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const pages = query.data?.pages ?? [];
  return {
    ...query,
    first: pages[0] as P | undefined,
    products: pages.flatMap((p) => p.items),
    total: pages[0]?.total ?? 0,
  };
}
