import type { Order } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';
import { OrderTotals } from './OrderTotals';
import { OrderStatusBadge, statusLabel } from './OrderStatusBadge';

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Everything about one order: lines, totals, where it goes, and what happened to it. */
export function OrderSummary({ order }: { order: Order }) {
  const a = order.shippingAddress;
  const carrier = order.shipment?.carrier ?? order.carrier;
  const tracking = order.shipment?.trackingNumber ?? order.trackingNumber;
  return (
    <div className="order-summary">
      <p>
        Order <strong data-testid="order-number">{order.number}</strong> · placed {formatDate(order.createdAt)} ·{' '}
        <OrderStatusBadge status={order.status} />
      </p>
      {tracking && (
        <p>
          Shipped with {carrier ?? 'carrier'} — tracking number <strong>{tracking}</strong>
        </p>
      )}
      <table className="order-lines">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Price</th>
            <th scope="col">Qty</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((i) => (
            <tr key={i.variantId + i.sku}>
              <td>
                {i.name} <small>({i.sku})</small>
              </td>
              <td>{formatMoney(i.unitPrice)}</td>
              <td>{i.quantity}</td>
              <td>{formatMoney(i.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OrderTotals subtotal={order.subtotal} shipping={order.shipping} tax={order.tax} total={order.total} />
      {a && (
        <section aria-labelledby="ship-to-heading">
          <h2 id="ship-to-heading">Shipping to</h2>
          <address>
            {a.name}
            <br />
            {a.line1}
            {a.line2 ? <>, {a.line2}</> : null}
            <br />
            {a.city} {a.region ?? ''} {a.postalCode ?? ''}
            <br />
            {a.country}
          </address>
        </section>
      )}
      {order.statusHistory?.length > 0 && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <ol className="order-history">
            {order.statusHistory.map((h, i) => (
              <li key={i}>
                {statusLabel(h.status)} — <time dateTime={h.at}>{formatDate(h.at)}</time>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
