// Stripe and PayPal in a real browser, against the providers' fakes of the end-to-end tests.
// PayPal: the shopper is sent to PayPal's approval page and comes back to
// /checkout/paypal/return — once having turned back (the order can be cancelled), once
// having approved (the server captures and the order shows paid). Stripe: the order comes
// back with a clientSecret for Stripe.js, which cannot load here (no network, and the API
// publishes no key), so the page says so and offers to cancel.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startShop } from './lib/server.mjs';
import { openBrowser, screenshot } from './lib/browser.mjs';
import { PAYPAL_CREDENTIALS, STRIPE_SECRET_KEY, startPaypalFake, startStripeFake } from './lib/providerFakes.mjs';
import { eventually, expectText } from './lib/wait.mjs';

let paypal;
let stripe;
let shop;
let browser;
let guest;

before(async () => {
  paypal = await startPaypalFake();
  stripe = await startStripeFake();
  shop = await startShop({
    products: 10,
    knownPort: true, // PayPal's return URL is built on PUBLIC_URL
    env: {
      PAYPAL_CLIENT_ID: PAYPAL_CREDENTIALS.clientId,
      PAYPAL_CLIENT_SECRET: PAYPAL_CREDENTIALS.clientSecret,
      PAYPAL_API_BASE: paypal.url,
      STRIPE_SECRET_KEY,
      STRIPE_API_BASE: stripe.url,
      // No webhooks reach a test machine: the reconciler asks PayPal and captures instead.
      PAYMENT_RECONCILE_AFTER: '1s',
    },
  });
  browser = await openBrowser({ baseURL: shop.url });
  guest = await browser.page();
});

after(async () => {
  await browser?.close();
  await shop?.stop();
  paypal?.stop();
  stripe?.stop();
});

/** Fills the cart and the checkout as a guest, up to the choice of payment. */
async function fillCheckout() {
  const r = await shop.api('GET', '/v2/products?inStock=true&limit=20');
  const product = r.json.items.find((p) => p.variants.some((v) => v.stock >= 2));
  await guest.goto(`/products/${product.slug}`);
  await guest.getByRole('button', { name: 'Add to cart' }).click();
  await expectText(guest.getByTestId('cart-count'), /^[1-9]/);
  await guest.goto('/checkout');
  await guest.getByLabel('Email').fill('paula@example.com');
  await guest.getByLabel('Full name').fill('Paula Pal');
  await guest.getByLabel('Street address').fill('3 Quay Street');
  await guest.getByLabel('City').fill('Dublin');
  await guest.getByLabel('Country (2-letter code)').fill('IE');
}

/** Picks PayPal and follows the redirect to PayPal's approval page. */
async function checkOutWithPaypal() {
  await fillCheckout();
  await guest.getByRole('radio', { name: /PayPal/ }).check();
  assert.equal(await guest.getByLabel('Card number').count(), 0, 'PayPal collects no card here');
  await guest.getByRole('button', { name: 'Place order and pay with PayPal' }).click();
  await guest.waitForURL(/\/checkoutnow\?token=/);
  const token = new URL(guest.url()).searchParams.get('token');
  const orderId = await paypal.ourOrderId(token);
  assert.ok(orderId, 'the PayPal order names ours');
  return { token, orderId };
}

test('a shopper who turns back at PayPal can go back to it or cancel the order', async () => {
  const { orderId } = await checkOutWithPaypal();
  // PayPal's cancel_url, as the payment service set it.
  await guest.goto(`${shop.url}/checkout/paypal/return?order=${orderId}&cancelled=1`);
  await guest.getByRole('heading', { name: 'You did not finish paying with PayPal' }).waitFor();
  assert.match(await guest.getByRole('link', { name: 'Return to PayPal' }).getAttribute('href'), /checkoutnow\?token=/);
  await screenshot(guest, 'storefront-paypal-turned-back');
  await guest.getByRole('button', { name: 'Cancel the order' }).click();
  await guest.getByRole('heading', { name: 'Order cancelled' }).waitFor();
  await guest.getByRole('link', { name: 'Back to your cart' }).click();
  await guest.getByTestId('cart-line').first().waitFor();
});

test('a shopper who approves at PayPal comes back to the paid order', async () => {
  const { token, orderId } = await checkOutWithPaypal();
  await paypal.approve(token);
  // PayPal's return_url, with the parameters PayPal adds.
  await guest.goto(`${shop.url}/checkout/paypal/return?order=${orderId}&token=${token}&PayerID=FAKEPAYER`);
  await guest.waitForURL(new RegExp(`/orders/${orderId}/confirmation$`));
  await eventually(async () => assert.equal(await guest.getByTestId('order-status').getAttribute('data-status'), 'paid'), {
    timeout: 20_000,
  });
  await guest.getByRole('heading', { name: /your order is confirmed/ }).waitFor();
  assert.equal(await paypal.status(token), 'COMPLETED', 'the server captured the approved payment');
  await expectText(guest.getByTestId('cart-count'), /^0$/);
  await screenshot(guest, 'storefront-paypal-paid');
});

test('a shopper paying through Stripe gets the card step, and can cancel when it cannot load', async () => {
  await fillCheckout();
  await guest.getByRole('radio', { name: /via Stripe/ }).check();
  assert.equal(await guest.getByLabel('Card number').count(), 0, 'Stripe collects the card, not this form');
  await guest.getByRole('button', { name: 'Place order' }).click();
  await guest.waitForURL(/\/orders\/[^/]+\/confirmation$/, { timeout: 20_000 });
  await guest.getByRole('heading', { name: /one step left to pay/ }).waitFor();
  const step = guest.getByTestId('stripe-step');
  await step.getByRole('heading', { name: 'Pay by card' }).waitFor();
  await expectText(step.getByRole('alert'), /cannot be shown/);
  await screenshot(guest, 'storefront-stripe-step');
  await step.getByRole('button', { name: 'Cancel the order' }).click();
  await eventually(async () => assert.equal(await guest.getByTestId('order-status').getAttribute('data-status'), 'cancelled'));
});
