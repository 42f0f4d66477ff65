import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listMyOrders } from '../api/orders';
import { formatMoney } from '@shared/lib/money';
import { OrderStatusBadge } from '../components/OrderStatusBadge';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function OrdersPage() {
  const q = useInfiniteQuery({
    queryKey: ['orders'],
    queryFn: ({ pageParam }) => listMyOrders(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const orders = q.data.pages.flatMap((p) => p.items);
  return (
    <div className="orders-page">
      <h1>Your orders</h1>
      {orders.length === 0 ? (
        <p className="empty">
          You have no orders yet. <Link to="/">Start shopping</Link>
        </p>
      ) : (
        <table className="orders-table">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Items</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="order-row">
                <td>
                  <Link to={`/account/orders/${o.id}`}>{o.number}</Link>
                </td>
                <td>{new Date(o.createdAt).toLocaleDateString()}</td>
                <td>{o.items.reduce((n, i) => n + i.quantity, 0)}</td>
                <td>{formatMoney(o.total)}</td>
                <td>
                  <OrderStatusBadge status={o.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {q.hasNextPage && (
        <button type="button" className="button" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          Show older orders
        </button>
      )}
    </div>
  );
}
