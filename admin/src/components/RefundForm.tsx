import { useState, type FormEvent } from 'react';
import type { Money } from '@shared/api/types';
import { formatMoney, parseMajorUnits } from '@shared/lib/money';
import { FormField } from '@shared/components/FormField';

/** Refund all (amount left empty) or part of an order. */
export function RefundForm({ total, busy, onRefund }: { total: Money; busy: boolean; onRefund: (amount?: Money) => void }) {
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!amount.trim()) {
      if (window.confirm(`Refund the whole order (${formatMoney(total)})?`)) onRefund(undefined);
      return;
    }
    const minor = parseMajorUnits(amount, total.currency);
    if (minor === null || minor <= 0 || minor > total.amount) {
      setError(`Enter an amount between 0 and ${formatMoney(total)}.`);
      return;
    }
    setError(undefined);
    if (window.confirm(`Refund ${formatMoney({ amount: minor, currency: total.currency })}?`)) onRefund({ amount: minor, currency: total.currency });
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Refund order">
      <FormField id="refund-amount" label={`Amount (${total.currency}; empty = everything)`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={error} />
      <button type="submit" className="button button--danger" disabled={busy}>
        Refund
      </button>
    </form>
  );
}
