import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cancelOrder, getOrder } from '../api/orders';

/**
 * One order, re-read every second while its payment is still being confirmed. When it
 * settles (paid, or cancelled), the cart and order list shown elsewhere are re-read:
 * paying empties the cart on the server, which nothing on this page would otherwise notice
 * (Stripe and PayPal settle long after the checkout's own refresh).
 */
export function useOrder(id: string) {
  const query = useQuery({
    queryKey: ['order', id],
    queryFn: () => getOrder(id),
    refetchInterval: (q) => (q.state.data?.status === 'pending_payment' && q.state.dataUpdateCount < 30 ? 1000 : false),
    retry: false,
  });
  const queryClient = useQueryClient();
  const status = query.data?.status;
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === 'pending_payment' && status && status !== 'pending_payment') {
      void queryClient.invalidateQueries({ queryKey: ['cart'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    }
    previous.current = status;
  }, [status, queryClient]);
  return query;
}

/** Cancels the order (a paid one is refunded in full) and shows the answer at once. */
export function useCancelOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelOrder(id),
    onSuccess: (o) => {
      queryClient.setQueryData(['order', id], o);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    },
  });
}
