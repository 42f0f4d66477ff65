import type { AddressInput, FieldErrors } from '../lib/validation';
import { FormField } from '@shared/components/FormField';

/** The fields of a postal address; errors keyed by field name (from us or from the API). */
export function AddressFields({
  value,
  onChange,
  errors,
  idPrefix,
}: {
  value: AddressInput;
  onChange: (v: AddressInput) => void;
  errors: FieldErrors;
  idPrefix: string;
}) {
  const field = (name: keyof AddressInput, label: string, extra: Record<string, unknown> = {}) => (
    <FormField
      id={`${idPrefix}-${name}`}
      label={label}
      name={name}
      value={value[name]}
      error={errors[name]}
      onChange={(e) => onChange({ ...value, [name]: e.target.value })}
      {...extra}
    />
  );
  return (
    <div className="address-fields">
      {field('name', 'Full name', { autoComplete: 'name', required: true })}
      {field('line1', 'Street address', { autoComplete: 'address-line1', required: true })}
      {field('line2', 'Apartment, suite (optional)', { autoComplete: 'address-line2' })}
      {field('city', 'City', { autoComplete: 'address-level2', required: true })}
      {field('region', 'State / region', { autoComplete: 'address-level1' })}
      {field('postalCode', 'Postal code', { autoComplete: 'postal-code' })}
      {field('country', 'Country (2-letter code)', { autoComplete: 'country', maxLength: 2, required: true })}
      {field('phone', 'Phone (optional)', { autoComplete: 'tel', type: 'tel' })}
    </div>
  );
}
