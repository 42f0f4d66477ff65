import { describe, expect, it } from 'vitest';
import {
  emptyAddress,
  fieldOf,
  toAddressBody,
  validateAddress,
  validateCardNumber,
  validateEmail,
  validateRegistration,
} from './validation';

describe('form validation', () => {
  it('checks emails', () => {
    expect(validateEmail('')).toMatch(/Enter/);
    expect(validateEmail('nope')).toMatch(/valid/);
    expect(validateEmail(' a@b.co ')).toBeNull();
  });

  it('asks for a name, an email and an 8-character password to register', () => {
    expect(validateRegistration({ name: '', email: 'x', password: 'short' })).toEqual({
      name: expect.any(String),
      email: expect.any(String),
      password: expect.any(String),
    });
    expect(validateRegistration({ name: 'Ann', email: 'ann@example.com', password: '12345678' })).toEqual({});
  });

  it('needs name, street, city and a two-letter country for an address', () => {
    expect(Object.keys(validateAddress({ ...emptyAddress, country: 'USA' })).sort()).toEqual([
      'city',
      'country',
      'line1',
      'name',
    ]);
    expect(validateAddress({ ...emptyAddress, name: 'A', line1: '1 Main St', city: 'X', country: 'us' })).toEqual({});
  });

  it('sends only filled optional fields and an upper-case country', () => {
    const body = toAddressBody({ ...emptyAddress, name: ' A ', line1: '1 Main', city: 'X', country: 'de' });
    expect(body).toEqual({ name: 'A', line1: '1 Main', city: 'X', country: 'DE', line2: undefined, region: undefined, postalCode: undefined, phone: undefined });
  });

  it('accepts the test cards and rejects typos (Luhn)', () => {
    expect(validateCardNumber('4242 4242 4242 4242')).toBeNull();
    expect(validateCardNumber('4000000000000002')).toBeNull();
    expect(validateCardNumber('4242 4242 4242 4241')).toMatch(/not valid/);
    expect(validateCardNumber('42')).toMatch(/12 to 19/);
  });

  it('maps an API error field onto a form field', () => {
    expect(fieldOf('shippingAddress.postalCode')).toBe('postalCode');
    expect(fieldOf('email')).toBe('email');
    expect(fieldOf(undefined)).toBeUndefined();
  });
});
