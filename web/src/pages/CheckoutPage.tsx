import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useCart } from '../cart/useCart';
import { useSession } from '../auth/useAuth';
import { listAddresses, createAddress } from '../api/users';
import { placeOrder } from '../api/orders';
import { isApiError } from '../api/client';
import { track } from '../api/analytics';
import type { PlaceOrderBody } from '../api/types';
import { attemptFor, loadAttempt, saveAttempt } from '../lib/idempotency';
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
import { FormField } from '../components/FormField';
import { OrderTotals } from '../components/OrderTotals';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { formatMoney } from '../lib/money';

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
  const [submitting, setSubmitting] = useState(false);
  const started = useRef(false);

  const chosenId = addressId ?? saved[0]?.id ?? '';

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
    const usingSaved = !!session && chosenId !== '';
    if (!usingSaved) Object.assign(found, validateAddress(address));
    const cardError = validateCardNumber(card);
    if (cardError) found.cardNumber = cardError;
    setErrors(found);
    setApiError(null);
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0];
      const ids: Record<string, string> = { email: 'checkout-email', cardNumber: 'card-number' };
      document.getElementById(ids[first] ?? `ship-${first}`)?.focus();
      return;
    }

    const body: PlaceOrderBody = {
      ...(usingSaved ? { addressId: chosenId } : { shippingAddress: toAddressBody(address) }),
      ...(session ? {} : { email: email.trim() }),
      paymentProvider: 'test',
      paymentMethod: { testCard: card.replace(/[\s-]/g, '') },
    };
    const attempt = attemptFor(loadAttempt(), body);
    saveAttempt(attempt);
    setSubmitting(true);
    try {
      if (session && !usingSaved && saveNewAddress) {
        await createAddress(toAddressBody(address)).catch(() => undefined);
        void queryClient.invalidateQueries({ queryKey: ['addresses'] });
      }
      const order = await placeOrder(body, attempt.key);
      saveAttempt(null);
      queryClient.setQueryData(['order', order.id], order);
      void queryClient.invalidateQueries({ queryKey: ['cart'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      navigate(`/orders/${order.id}/confirmation`);
    } catch (err) {
      setApiError(err);
      if (isApiError(err) && err.field) {
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
        <ErrorMessage error={apiError} title="Your order was not placed." />
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
          <CardField
            value={card}
            onChange={(v) => {
              setCard(v);
              clearError('cardNumber');
            }}
            error={errors.cardNumber}
          />
        </section>
        <button type="submit" className="button button--primary button--large" disabled={submitting}>
          {submitting ? 'Placing your order…' : 'Place order'}
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
        <OrderTotals subtotal={cart.subtotal} />
      </aside>
    </div>
  );
}
