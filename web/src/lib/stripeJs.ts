// Stripe.js, loaded on demand from Stripe (card data must go straight to Stripe; it is
// never bundled or self-hosted). Only the few calls the checkout uses are typed here.

export interface StripeElements {
  create(type: 'payment'): { mount(el: HTMLElement): void; destroy(): void };
}

export interface StripeJs {
  elements(options: { clientSecret: string }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
    redirect: 'if_required';
  }): Promise<{ error?: { message?: string } }>;
}

type StripeFactory = (publishableKey: string) => StripeJs;

export const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

let loading: Promise<StripeFactory> | null = null;

/** Loads the script once; rejects when it cannot (offline, blocked, no key to use it with). */
export function loadStripe(publishableKey: string | null | undefined, timeoutMs = 10_000): Promise<StripeJs> {
  if (!publishableKey) return Promise.reject(new Error('The shop has not published its Stripe key.'));
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    const existing = (window as unknown as { Stripe?: StripeFactory }).Stripe;
    if (existing) return resolve(existing);
    const script = document.createElement('script');
    script.src = STRIPE_JS_URL;
    script.async = true;
    const timer = setTimeout(() => fail('Stripe did not answer in time.'), timeoutMs);
    function fail(message: string) {
      clearTimeout(timer);
      script.remove();
      loading = null; // a later attempt may succeed
      reject(new Error(message));
    }
    script.onload = () => {
      clearTimeout(timer);
      const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe;
      if (factory) resolve(factory);
      else fail('Stripe’s script loaded without Stripe.js in it.');
    };
    script.onerror = () => fail('Stripe’s card form could not be loaded.');
    document.head.appendChild(script);
  });
  return loading.then((factory) => factory(publishableKey));
}
