import { describe, expect, it } from 'vitest';
import { attemptFor, attemptStore } from './idempotency';

describe('idempotency key per attempt', () => {
  let n = 0;
  const makeKey = () => `key-${++n}`;

  it('is reused when the same body is sent again', () => {
    const first = attemptFor(null, { a: 1 }, makeKey);
    const again = attemptFor(first, { a: 1 }, makeKey);
    expect(again.key).toBe(first.key);
  });

  it('is new once what is sent changes', () => {
    const first = attemptFor(null, { a: 1 }, makeKey);
    const changed = attemptFor(first, { a: 2 }, makeKey);
    expect(changed.key).not.toBe(first.key);
  });

  it('survives a reload of the page (sessionStorage), under each caller’s own key', () => {
    const checkout = attemptStore('test.checkout');
    const refund = attemptStore('test.refund');
    const attempt = attemptFor(null, { a: 1 }, makeKey);
    checkout.save(attempt);
    expect(checkout.load()).toEqual(attempt);
    expect(refund.load()).toBeNull();
    checkout.save(null);
    expect(checkout.load()).toBeNull();
  });

  it('defaults to random UUIDs', () => {
    expect(attemptFor(null, {}).key).toMatch(/^[0-9a-f-]{36}$/);
  });
});
