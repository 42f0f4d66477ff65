import { describe, expect, it } from 'vitest';
import { attemptFor, loadAttempt, saveAttempt } from './idempotency';

describe('checkout idempotency key', () => {
  let n = 0;
  const makeKey = () => `key-${++n}`;

  it('is reused when the same order is submitted again', () => {
    const first = attemptFor(null, { a: 1 }, makeKey);
    const again = attemptFor(first, { a: 1 }, makeKey);
    expect(again.key).toBe(first.key);
  });

  it('is new once what is submitted changes', () => {
    const first = attemptFor(null, { a: 1 }, makeKey);
    const changed = attemptFor(first, { a: 2 }, makeKey);
    expect(changed.key).not.toBe(first.key);
  });

  it('survives a reload of the page (sessionStorage)', () => {
    const attempt = attemptFor(null, { a: 1 }, makeKey);
    saveAttempt(attempt);
    expect(loadAttempt()).toEqual(attempt);
    saveAttempt(null);
    expect(loadAttempt()).toBeNull();
  });

  it('defaults to random UUIDs', () => {
    expect(attemptFor(null, {}).key).toMatch(/^[0-9a-f-]{36}$/);
  });
});
