import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Cart, QuoteBody } from '@shared/api/types';
import { quoteOrder } from '../api/orders';
import { quoteNote } from './checkout';

/** The checkout's totals for this cart and destination, re-asked when either changes. */
export function useQuote(cart: Cart | undefined, body: QuoteBody | null) {
  // The cart's lines and prices are part of the key: changing the cart re-prices.
  const cartKey = cart?.items.map((i) => `${i.variantId}:${i.quantity}:${i.unitPrice.amount}`).join(',') ?? '';
  const enabled = !!body && !!cart?.items.length;
  const query = useQuery({
    queryKey: ['quote', body, cartKey],
    queryFn: ({ signal }) => quoteOrder(body!, signal),
    enabled,
    retry: false,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const quote = enabled && !query.error ? query.data : undefined;
  return {
    quote,
    busy: enabled && query.isFetching,
    note: quote ? undefined : query.isPending && enabled ? 'Working out shipping and tax…' : quoteNote(!!body, query.error),
  };
}
