import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitDigits, parseMajorUnits, toMajorUnitsText } from './money';

describe('formatMoney', () => {
  it('formats minor units as the currency', () => {
    expect(formatMoney({ amount: 1999, currency: 'USD' }, 'en-US')).toBe('$19.99');
    expect(formatMoney({ amount: 0, currency: 'USD' }, 'en-US')).toBe('$0.00');
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€');
  });
  it('knows currencies without or with three minor digits', () => {
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(formatMoney({ amount: 500, currency: 'JPY' }, 'en-US')).toBe('¥500');
    expect(minorUnitDigits('KWD')).toBe(3);
  });
  it('renders nothing for a missing amount', () => {
    expect(formatMoney(null)).toBe('');
  });
});

describe('parseMajorUnits', () => {
  it('turns typed prices into minor units without floating-point drift', () => {
    expect(parseMajorUnits('19.99', 'USD')).toBe(1999);
    expect(parseMajorUnits('0.29', 'USD')).toBe(29);
    expect(parseMajorUnits('25', 'USD')).toBe(2500);
    expect(parseMajorUnits('1,000.5', 'USD')).toBe(100050);
    expect(parseMajorUnits('500', 'JPY')).toBe(500);
  });
  it('refuses what is not a price', () => {
    expect(parseMajorUnits('abc', 'USD')).toBeNull();
    expect(parseMajorUnits('-3', 'USD')).toBeNull();
    expect(parseMajorUnits('1.999', 'USD')).toBeNull();
  });
  it('round-trips through the text shown in a field', () => {
    expect(toMajorUnitsText(1999, 'USD')).toBe('19.99');
    expect(parseMajorUnits(toMajorUnitsText(105, 'USD'), 'USD')).toBe(105);
  });
});
