import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Order } from '@shared/api/types';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { loadStripe, type StripeElements, type StripeJs } from '../lib/stripeJs';
import { useCancelOrder } from '../lib/useOrder';

type Stage = { name: 'loading' } | { name: 'ready' } | { name: 'unavailable'; reason: string };

/**
 * Stripe's half of a card payment: the order exists with a PaymentIntent, whose clientSecret
 * lets Stripe.js collect and confirm the card in the browser. Stripe's webhook then marks the
 * order paid; this page's order query notices.
 */
export function StripeCardStep({ order, publishableKey }: { order: Order; publishableKey?: string | null }) {
  const mountAt = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ js: StripeJs; elements: StripeElements } | null>(null);
  const [stage, setStage] = useState<Stage>({ name: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [paying, setPaying] = useState(false);
  const queryClient = useQueryClient();
  const cancel = useCancelOrder(order.id);
  const clientSecret = order.payment.clientSecret;

  useEffect(() => {
    if (!clientSecret) return;
    let cancelled = false;
    let element: ReturnType<StripeElements['create']> | null = null;
    loadStripe(publishableKey)
      .then((js) => {
        if (cancelled || !mountAt.current) return;
        const elements = js.elements({ clientSecret });
        element = elements.create('payment');
        element.mount(mountAt.current);
        stripe.current = { js, elements };
        setStage({ name: 'ready' });
      })
      .catch((e: Error) => !cancelled && setStage({ name: 'unavailable', reason: e.message }));
    return () => {
      cancelled = true;
      element?.destroy();
    };
  }, [clientSecret, publishableKey]);

  const pay = async (e: FormEvent) => {
    e.preventDefault();
    if (!stripe.current) return;
    setPaying(true);
    setError(null);
    const { error: failed } = await stripe.current.js.confirmPayment({
      elements: stripe.current.elements,
      confirmParams: { return_url: `${window.location.origin}/orders/${encodeURIComponent(order.id)}/confirmation` },
      redirect: 'if_required',
    });
    setPaying(false);
    if (failed) setError(failed.message ?? 'Your card was not charged.');
    else void queryClient.invalidateQueries({ queryKey: ['order', order.id] });
  };

  if (!clientSecret) {
    return (
      <p className="alert alert--error" role="alert">
        Stripe did not start this payment. Nothing was charged; please place the order again.
      </p>
    );
  }
  return (
    <form className="stripe-step" onSubmit={pay} aria-labelledby="stripe-heading" data-testid="stripe-step">
      <h2 id="stripe-heading">Pay by card</h2>
      {stage.name === 'unavailable' ? (
        <>
          <p className="alert alert--error" role="alert">
            The secure card form cannot be shown: {stage.reason} Nothing was charged, and your items stay reserved for a
            while — reload this page to try again, or cancel the order.
          </p>
          <button type="button" className="button button--danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel the order
          </button>
          <ErrorMessage error={cancel.error} />
        </>
      ) : (
        <>
          {stage.name === 'loading' && (
            <p role="status" className="loading">
              Loading Stripe’s secure card form…
            </p>
          )}
          <div ref={mountAt} className="stripe-step__element" />
          {error && (
            <p className="alert alert--error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={stage.name !== 'ready' || paying}>
            {paying ? 'Paying…' : 'Pay now'}
          </button>
        </>
      )}
    </form>
  );
}
