// Checks run before a form is sent, mirroring the API's own rules so the shopper hears
// about a mistake at once; the API stays the authority (its error JSON is shown too).

export type FieldErrors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(email: string): string | null {
  if (!email.trim()) return 'Enter your email address.';
  return EMAIL.test(email.trim()) ? null : 'Enter a valid email address, like name@example.com.';
}

export function validatePassword(password: string): string | null {
  if (password.length < 8) return 'Use at least 8 characters.';
  return null;
}

export function validateRegistration(v: { name: string; email: string; password: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = 'Enter your name.';
  const email = validateEmail(v.email);
  if (email) errors.email = email;
  const password = validatePassword(v.password);
  if (password) errors.password = password;
  return errors;
}

export interface AddressInput {
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
}

export const emptyAddress: AddressInput = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: 'US',
  phone: '',
};

export function validateAddress(a: AddressInput): FieldErrors {
  const errors: FieldErrors = {};
  if (!a.name.trim()) errors.name = 'Enter the recipient’s name.';
  if (!a.line1.trim()) errors.line1 = 'Enter the street address.';
  if (!a.city.trim()) errors.city = 'Enter the city.';
  if (!/^[A-Za-z]{2}$/.test(a.country.trim())) errors.country = 'Use a two-letter country code, like US.';
  return errors;
}

/** Luhn check plus length: catches typos in a card number before it is sent. */
export function validateCardNumber(number: string): string | null {
  const digits = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return 'Enter the card number (12 to 19 digits).';
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0 ? null : 'That card number is not valid — check the digits.';
}

/** The API's address field names map onto our form's; an error on "shippingAddress.city" highlights "city". */
export function fieldOf(apiField: string | undefined): string | undefined {
  if (!apiField) return undefined;
  const parts = apiField.split('.');
  return parts[parts.length - 1];
}

export function toAddressBody(a: AddressInput) {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    name: a.name.trim(),
    line1: a.line1.trim(),
    line2: opt(a.line2),
    city: a.city.trim(),
    region: opt(a.region),
    postalCode: opt(a.postalCode),
    country: a.country.trim().toUpperCase(),
    phone: opt(a.phone),
  };
}
