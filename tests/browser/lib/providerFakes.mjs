// The local stand-ins for Stripe's and PayPal's REST APIs that the end-to-end tests use
// (tests/fakes/*_fake.py), run as child processes. The test plays the PayPal buyer
// through the fake's /_fake/ control endpoints.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './server.mjs';

export const STRIPE_SECRET_KEY = 'sk_test_browser';
export const PAYPAL_CREDENTIALS = { clientId: 'pp-browser-client', clientSecret: 'pp-browser-secret' };

/** Starts tests/fakes/<name>_fake.py on a free port; resolves with its URL and a stop(). */
async function startFake(name, args) {
  const script = path.join(ROOT, 'tests', 'fakes', `${name}_fake.py`);
  const proc = spawn('python3', [script, '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`the ${name} fake did not start within 10 s`)), 10_000);
    proc.stdout.on('data', (chunk) => {
      buffer += chunk;
      const m = buffer.match(/fake on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} fake exited with ${code}`));
    });
  });
  return {
    url,
    stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
    },
  };
}

export const startStripeFake = () => startFake('stripe', [STRIPE_SECRET_KEY]);

export async function startPaypalFake() {
  const fake = await startFake('paypal', [PAYPAL_CREDENTIALS.clientId, PAYPAL_CREDENTIALS.clientSecret]);
  const control = async (method, p) => {
    const res = await fetch(fake.url + p, { method });
    if (!res.ok) throw new Error(`PayPal fake ${method} ${p}: ${res.status}`);
    return res.json();
  };
  const order = async (paypalOrderId) => (await control('GET', '/_fake/state')).orders[paypalOrderId];
  return {
    ...fake,
    /** The buyer approves the payment on "PayPal". */
    approve: (paypalOrderId) => control('POST', `/_fake/orders/${encodeURIComponent(paypalOrderId)}/approve`),
    /** Our order id, as the adapter sent it (purchase_units[0].reference_id). */
    ourOrderId: async (paypalOrderId) => (await order(paypalOrderId))?.purchase_units?.[0]?.reference_id,
    status: async (paypalOrderId) => (await order(paypalOrderId))?.status,
  };
}
