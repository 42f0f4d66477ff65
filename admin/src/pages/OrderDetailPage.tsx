import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { cancelOrder, deliverOrder, getOrder, refundOrder, shipOrder } from '../api/orders';
import type { Money, Order } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';
import { allowedActions, statusLabel } from '../lib/orderActions';
import { attemptFor, attemptStore } from '@shared/lib/idempotency';
import { OrderStatusBadge } from '../components/OrderStatusBadge';
import { ShipForm } from '../components/ShipForm';
import { RefundForm } from '../components/RefundForm';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';

function OrderLines({ order }: { order: Order }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">SKU</th>
          <th scope="col">Price</th>
          <th scope="col">Qty</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {order.items.map((i) => (
          <tr key={i.variantId + i.sku}>
            <td>{i.name}</td>
            <td>{i.sku}</td>
            <td>{formatMoney(i.unitPrice)}</td>
            <td>{i.quantity}</td>
            <td>{formatMoney(i.lineTotal)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {(
          [
            ['Subtotal', order.subtotal],
            ['Shipping', order.shipping],
            ['Tax', order.tax],
            ['Total', order.total],
          ] as [string, Money][]
        ).map(([label, m]) => (
          <tr key={label}>
            <th scope="row" colSpan={4}>
              {label}
            </th>
            <td>{formatMoney(m)}</td>
          </tr>
        ))}
      </tfoot>
    </table>
  );
}

// A retried refund (double click, network error) reuses its key: the customer is refunded once.
const refundAttempts = attemptStore('um.admin.refundAttempt');

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const order = useQuery({ queryKey: ['order', id], queryFn: () => getOrder(id) });
  const act = useMutation({
    mutationFn: (action: () => Promise<Order>) => action(),
    onSuccess: (o) => {
      queryClient.setQueryData(['order', id], o);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    },
  });

  if (order.isPending) return <Loading />;
  if (order.error) return <ErrorMessage error={order.error} />;
  const o = order.data;
  const actions = allowedActions(o.status);
  const a = o.shippingAddress;
  const tracking = o.shipment?.trackingNumber ?? o.trackingNumber;

  return (
    <div>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/orders">Orders</Link> › <span aria-current="page">{o.number}</span>
      </nav>
      <div className="page-head">
        <h1>Order {o.number}</h1>
        <OrderStatusBadge status={o.status} />
      </div>
      <ErrorMessage error={act.error} title="Not done." />
      <div className="grid-2">
        <section>
          <h2>Customer</h2>
          <p>{o.email}</p>
          {a && (
            <address>
              {a.name}
              <br />
              {a.line1}
              {a.line2 ? `, ${a.line2}` : ''}
              <br />
              {a.city} {a.region ?? ''} {a.postalCode ?? ''} {a.country}
              {a.phone && (
                <>
                  <br />
                  {a.phone}
                </>
              )}
            </address>
          )}
        </section>
        <section>
          <h2>Payment</h2>
          <p>
            {o.payment?.provider} · {o.payment?.status}
          </p>
          {tracking && (
            <p>
              Shipped with {o.shipment?.carrier ?? o.carrier} · tracking <strong>{tracking}</strong>
            </p>
          )}
        </section>
      </div>
      <OrderLines order={o} />
      <section aria-labelledby="actions-heading" className="actions">
        <h2 id="actions-heading">Actions</h2>
        {actions.length === 0 && <p className="empty">Nothing more can be done with a {statusLabel(o.status).toLowerCase()} order.</p>}
        {actions.includes('ship') && <ShipForm busy={act.isPending} onShip={(c, t) => act.mutate(() => shipOrder(id, c, t))} />}
        {actions.includes('deliver') && (
          <button type="button" className="button button--primary" disabled={act.isPending} onClick={() => act.mutate(() => deliverOrder(id))}>
            Mark as delivered
          </button>
        )}
        {actions.includes('refund') && <RefundForm total={o.total} busy={act.isPending} onRefund={(m) => {
              const attempt = attemptFor(refundAttempts.load(), { order: id, amount: m ?? null });
              refundAttempts.save(attempt);
              act.mutate(async () => {
                const updated = await refundOrder(id, m, attempt.key);
                refundAttempts.save(null);
                return updated;
              });
            }} />}
        {actions.includes('cancel') && (
          <button
            type="button"
            className="button button--danger"
            disabled={act.isPending}
            onClick={() => {
              if (window.confirm('Cancel this order? A paid order is refunded and its stock released.')) act.mutate(() => cancelOrder(id));
            }}
          >
            Cancel order
          </button>
        )}
      </section>
      {o.statusHistory?.length > 0 && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <ol>
            {o.statusHistory.map((h, i) => (
              <li key={i}>
                {statusLabel(h.status)} — {new Date(h.at).toLocaleString()}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
