import type { PaymentProvider } from '@shared/api/types';
import { PROVIDER_LABELS } from '../lib/checkout';

const HINTS: Record<PaymentProvider, string> = {
  test: 'No real money moves in test mode.',
  stripe: 'You enter your card on Stripe’s secure form once the order is placed.',
  paypal: 'You approve the payment on PayPal, then come back here.',
};

/** The ways to pay that the shop offers right now; one radio each, keyboard-usable as a group. */
export function PaymentChoice({
  providers,
  selected,
  onSelect,
}: {
  providers: PaymentProvider[];
  selected: PaymentProvider;
  onSelect: (p: PaymentProvider) => void;
}) {
  if (providers.length < 2) return null;
  return (
    <fieldset className="payment-choice">
      <legend>Pay with</legend>
      {providers.map((p) => (
        <label key={p} className="radio-card">
          <input
            type="radio"
            name="paymentProvider"
            value={p}
            checked={selected === p}
            onChange={() => onSelect(p)}
            aria-describedby={`provider-${p}-hint`}
          />
          <span>
            <strong>{PROVIDER_LABELS[p]}</strong>
            <small id={`provider-${p}-hint`} className="field__hint">
              {' '}
              {HINTS[p]}
            </small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
