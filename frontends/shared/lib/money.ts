import type { Money } from '../api/types';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale?: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f;
}

/** Digits after the decimal point for a currency (2 for USD, 0 for JPY, 3 for KWD). */
export function minorUnitDigits(currency: string): number {
  return formatter(currency, 'en-US').resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats integer minor units, e.g. {amount: 1999, currency: 'USD'} → "$19.99". */
export function formatMoney(money: Money | null | undefined, locale?: string): string {
  if (!money) return '';
  const digits = minorUnitDigits(money.currency);
  return formatter(money.currency, locale).format(money.amount / 10 ** digits);
}

/** Parses what a person typed ("19.99") into minor units; null when it is not a price. */
export function parseMajorUnits(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const digits = minorUnitDigits(currency);
  const [whole, fraction = ''] = trimmed.split('.');
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units → the plain number a person would type ("19.99"). */
export function toMajorUnitsText(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}
