import type { Money } from '../api/types';
import { formatMoney } from '../lib/money';

export function OrderTotals({
  subtotal,
  shipping,
  tax,
  total,
}: {
  subtotal: Money;
  shipping?: Money;
  tax?: Money;
  total?: Money;
}) {
  return (
    <dl className="totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{formatMoney(subtotal)}</dd>
      </div>
      <div>
        <dt>Shipping</dt>
        <dd>{shipping ? (shipping.amount === 0 ? 'Free' : formatMoney(shipping)) : 'Next step'}</dd>
      </div>
      <div>
        <dt>Tax</dt>
        <dd>{tax ? formatMoney(tax) : 'Next step'}</dd>
      </div>
      {!total && <p className="totals__note">Shipping and tax are worked out for your address when you place the order, and shown before anything ships.</p>}
      {total && (
        <div className="totals__total">
          <dt>Total</dt>
          <dd data-testid="order-total">{formatMoney(total)}</dd>
        </div>
      )}
    </dl>
  );
}
