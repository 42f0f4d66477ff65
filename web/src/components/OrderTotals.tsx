import type { Money } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';

/**
 * Subtotal, shipping, tax and total. Lines not known yet (a checkout without a quote) show a
 * dash, and `note` says why; `busy` marks them as being recalculated for screen readers.
 */
export function OrderTotals({
  subtotal,
  shipping,
  tax,
  total,
  note,
  busy = false,
}: {
  subtotal: Money;
  shipping?: Money;
  tax?: Money;
  total?: Money;
  note?: string;
  busy?: boolean;
}) {
  return (
    <dl className="totals" aria-busy={busy || undefined} data-testid="totals">
      <div>
        <dt>Subtotal</dt>
        <dd data-testid="totals-subtotal">{formatMoney(subtotal)}</dd>
      </div>
      <div>
        <dt>Shipping</dt>
        <dd data-testid="totals-shipping">{shipping ? (shipping.amount === 0 ? 'Free' : formatMoney(shipping)) : '—'}</dd>
      </div>
      <div>
        <dt>Tax</dt>
        <dd data-testid="totals-tax">{tax ? formatMoney(tax) : '—'}</dd>
      </div>
      {total && (
        <div className="totals__total">
          <dt>Total</dt>
          <dd data-testid="order-total">{formatMoney(total)}</dd>
        </div>
      )}
      {note && (
        <p className="totals__note" role="status">
          {note}
        </p>
      )}
    </dl>
  );
}
