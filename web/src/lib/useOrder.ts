import { useQuery } from '@tanstack/react-query';
import { getOrder } from '../api/orders';

/** One order, re-read every second while its payment is still being confirmed. */
export function useOrder(id: string) {
  return useQuery({
    queryKey: ['order', id],
    queryFn: () => getOrder(id),
    refetchInterval: (q) => (q.state.data?.status === 'pending_payment' && q.state.dataUpdateCount < 30 ? 1000 : false),
    retry: false,
  });
}
