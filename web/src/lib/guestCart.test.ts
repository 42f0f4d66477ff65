import { beforeEach, describe, expect, it } from 'vitest';
import { cartRequestHeaders, getGuestCartId, guestCartIdAfter, setGuestCartId } from './guestCart';

describe('guest cart id', () => {
  beforeEach(() => localStorage.clear());

  it('is kept in localStorage', () => {
    expect(getGuestCartId()).toBeNull();
    setGuestCartId('c1');
    expect(localStorage.getItem('um.cartId')).toBe('c1');
    setGuestCartId(null);
    expect(getGuestCartId()).toBeNull();
  });

  it('is sent as X-Cart-Id only when held', () => {
    expect(cartRequestHeaders(null)).toEqual({});
    expect(cartRequestHeaders('c1')).toEqual({ 'X-Cart-Id': 'c1' });
  });

  it('a guest keeps the id the server gave, or the one held', () => {
    expect(guestCartIdAfter(false, null, 'new')).toBe('new');
    expect(guestCartIdAfter(false, 'held', null)).toBe('held');
    expect(guestCartIdAfter(false, 'held', 'held')).toBe('held');
  });

  it('is dropped after the signed-in request that merged it', () => {
    expect(guestCartIdAfter(true, 'held', null)).toBeNull();
    expect(guestCartIdAfter(true, 'held', 'user-cart')).toBeNull();
  });
});
