import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useCart } from '../cart/useCart';
import { useSession } from '../auth/useAuth';
import { listAddresses, createAddress } from '../api/users';
import { placeOrder } from '../api/orders';
import { paymentConfigQuery } from '../api/payments';
import { isApiError } from '@shared/api/client';
import { track } from '../api/analytics';
import type { PaymentProvider } from '@shared/api/types';
import { attemptFor, attemptStore } from '@shared/lib/idempotency';
import { afterOrderPlaced, offeredProviders, placeOrderBody, PROVIDER_LABELS, quoteBodyFor } from '../lib/checkout';
import { useQuote } from '../lib/useQuote';
import {
  emptyAddress,
  fieldOf,
  toAddressBody,
  validateAddress,
  validateCardNumber,
  validateEmail,
  type AddressInput,
  type FieldErrors,
} from '../lib/validation';
import { AddressFields } from '../components/AddressFields';
import { SavedAddressPicker } from '../components/SavedAddressPicker';
import { CardField } from '../components/CardField';
import { PaymentChoice } from '../components/PaymentChoice';
import { FormField } from '@shared/components/FormField';
import { OrderTotals } from '../components/OrderTotals';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';
import { formatMoney } from '@shared/lib/money';

// One Idempotency-Key per checkout attempt (see @shared/lib/idempotency): a double click,
// a retry or a reload re-sends the same order instead of placing a second one.
const checkoutAttempts = attemptStore('um.checkoutAttempt');

export function CheckoutPage() {
  const session = useSession();
  const { data: cart, isPending } = useCart();
  const addresses = useQuery({ queryKey: ['addresses'], queryFn: listAddresses, enabled: !!session });
  const saved = addresses.data?.items ?? [];
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const [email, setEmail] = useState('');
  const [addressId, setAddressId] = useState<string | null>(null);
  const [address, setAddress] = useState<AddressInput>(emptyAddress);
  const [saveNewAddress, setSaveNewAddress] = useState(true);
  const [card, setCard] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<unknown>(null);
  const [apiErrorTitle, setApiErrorTitle] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [refused, setRefused] = useState<PaymentProvider[]>([]);
  const [chosenProvider, setProvider] = useState<PaymentProvider | null>(null);
  const started = useRef(false);

  const chosenId = addressId ?? saved[0]?.id ?? '';
  const savedAddressId = session && chosenId ? chosenId : null;
  const totals = useQuote(cart, quoteBodyFor(savedAddressId, address));
  const paymentConfig = useQuery(paymentConfigQuery);
  const providers = offeredProviders(paymentConfig.data, refused);
  const provider = chosenProvider && providers.includes(chosenProvider) ? chosenProvider : (providers[0] ?? 'test');

  // An error stays on a field only until the shopper changes that field.
  const clearError = (...fields: string[]) =>
    setErrors((e) => (fields.some((f) => f in e) ? Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))) : e));
  const changeAddress = (next: AddressInput) => {
    clearError(...(Object.keys(next) as (keyof AddressInput)[]).filter((k) => next[k] !== address[k]));
    setAddress(next);
  };

  useEffect(() => {
    if (cart?.items.length && !started.current) {
      started.current = true;
      track('checkout_started', { properties: { itemCount: cart.itemCount, subtotal: cart.subtotal } });
    }
  }, [cart]);

  if (isPending) return <Loading />;
  if (!cart?.items.length) {
    return (
      <div className="checkout">
        <h1>Checkout</h1>
        <p className="empty">Your cart is empty.</p>
        <Link to="/">Continue shopping</Link>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!session) {
      const emailError = validateEmail(email);
      if (emailError) found.email = emailError;
    }
    if (!savedAddressId) Object.assign(found, validateAddress(address));
    const cardError = provider === 'test' ? validateCardNumber(card) : null;
    if (cardError) found.cardNumber = cardError;
    setErrors(found);
    setApiError(null);
    setApiErrorTitle(null);
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0];
      const ids: Record<string, string> = { email: 'checkout-email', cardNumber: 'card-number' };
      document.getElementById(ids[first] ?? `ship-${first}`)?.focus();
      return;
    }

    const body = placeOrderBody({ savedAddressId, address, guestEmail: session ? null : email, provider, card });
    const attempt = attemptFor(checkoutAttempts.load(), body);
    checkoutAttempts.save(attempt);
    setSubmitting(true);
    try {
      if (session && !savedAddressId && saveNewAddress) {
        await createAddress(toAddressBody(address)).catch(() => undefined);
        void queryClient.invalidateQueries({ queryKey: ['addresses'] });
      }
      const order = await placeOrder(body, attempt.key);
      checkoutAttempts.save(null);
      queryClient.setQueryData(['order', order.id], order);
      void queryClient.invalidateQueries({ queryKey: ['cart'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      const next = afterOrderPlaced(order);
      if ('redirect' in next) window.location.assign(next.redirect);
      else navigate(next.route);
    } catch (err) {
      setApiError(err);
      if (isApiError(err) && err.code === 'provider_unavailable') {
        // The server does not take this provider now: stop offering it; the shopper picks another.
        setRefused((r) => [...r, provider]);
        setApiErrorTitle(`${PROVIDER_LABELS[provider]} is not available right now. Choose another way to pay.`);
      } else if (isApiError(err) && err.field) {
        const f = fieldOf(err.field)!;
        setErrors({ [f === 'testCard' ? 'cardNumber' : f]: err.message });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="checkout">
      <h1>Checkout</h1>
      <form className="checkout__form" onSubmit={submit} noValidate>
        <ErrorMessage error={apiError} title={apiErrorTitle ?? 'Your order was not placed.'} />
        {!session && (
          <section aria-labelledby="contact-heading">
            <h2 id="contact-heading">Contact</h2>
            <FormField
              id="checkout-email"
              label="Email"
              type="email"
              autoComplete="email"
              value={email}
              error={errors.email}
              onChange={(e) => {
                setEmail(e.target.value);
                clearError('email');
              }}
              required
            />
            <p>
              Have an account? <Link to="/signin?next=/checkout">Sign in</Link> for faster checkout.
            </p>
          </section>
        )}
        <section aria-labelledby="shipping-heading">
          <h2 id="shipping-heading">Shipping address</h2>
          {session && <SavedAddressPicker addresses={saved} selectedId={chosenId} onSelect={setAddressId} />}
          {(!session || chosenId === '') && (
            <>
              <AddressFields idPrefix="ship" value={address} onChange={changeAddress} errors={errors} />
              {session && (
                <label className="checkbox">
                  <input type="checkbox" checked={saveNewAddress} onChange={(e) => setSaveNewAddress(e.target.checked)} /> Save
                  this address to my account
                </label>
              )}
            </>
          )}
        </section>
        <section aria-labelledby="payment-heading">
          <h2 id="payment-heading">Payment</h2>
          <PaymentChoice providers={providers} selected={provider} onSelect={setProvider} />
          {providers.length === 0 && (
            <p className="alert alert--error" role="alert">
              The shop cannot take payments right now. Your cart is kept; please try again later.
            </p>
          )}
          {providers.includes('test') && provider === 'test' && (
            <CardField
              value={card}
              onChange={(v) => {
                setCard(v);
                clearError('cardNumber');
              }}
              error={errors.cardNumber}
            />
          )}
        </section>
        <button type="submit" className="button button--primary button--large" disabled={submitting || providers.length === 0}>
          {submitting ? 'Placing your order…' : provider === 'paypal' ? 'Place order and pay with PayPal' : 'Place order'}
        </button>
      </form>
      <aside className="checkout__summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Order summary</h2>
        <ul className="summary-lines">
          {cart.items.map((i) => (
            <li key={i.id}>
              <span>
                {i.name} × {i.quantity}
              </span>
              <span>{formatMoney(i.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <OrderTotals
          subtotal={totals.quote?.subtotal ?? cart.subtotal}
          shipping={totals.quote?.shipping}
          tax={totals.quote?.tax}
          total={totals.quote?.total}
          note={totals.note}
          busy={totals.busy}
        />
      </aside>
    </div>
  );
}
