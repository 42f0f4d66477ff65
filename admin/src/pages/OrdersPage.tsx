import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listOrders } from '../api/orders';
import type { OrderStatus } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';
import { ORDER_STATUSES } from '../lib/orderActions';
import { useCursorPages } from '../lib/useCursorPages';
import { OrderStatusBadge } from '../components/OrderStatusBadge';
import { Pager } from '../components/Pager';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function OrdersPage() {
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const pages = useCursorPages();
  const orders = useQuery({
    queryKey: ['orders', status, q, pages.cursor],
    queryFn: () => listOrders({ status, q, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
    pages.reset();
  };
  return (
    <div>
      <h1>Orders</h1>
      <form className="toolbar" onSubmit={submit} role="search">
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as OrderStatus | '');
              pages.reset();
            }}
          >
            <option value="">All</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Order number or email" />
        </label>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {orders.isPending ? (
        <Loading />
      ) : orders.error ? (
        <ErrorMessage error={orders.error} />
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Placed</th>
                <th scope="col">Customer</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.data.items.map((o) => (
                <tr key={o.id} data-testid="order-row">
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.number}</Link>
                  </td>
                  <td>{new Date(o.createdAt).toLocaleString()}</td>
                  <td>{o.email}</td>
                  <td>{formatMoney(o.total)}</td>
                  <td>
                    <OrderStatusBadge status={o.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {orders.data.items.length === 0 && <p className="empty">No orders match.</p>}
          <Pager page={pages.page} total={orders.data.total} hasNext={!!orders.data.nextCursor} onPrev={pages.prev} onNext={() => pages.next(orders.data.nextCursor)} />
        </>
      )}
    </div>
  );
}
