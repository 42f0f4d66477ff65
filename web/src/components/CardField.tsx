import { FormField } from '@shared/components/FormField';

/** The card number for the built-in test payment provider (no real money moves). */
export function CardField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <FormField
      id="card-number"
      label="Card number"
      name="cardNumber"
      inputMode="numeric"
      autoComplete="cc-number"
      placeholder="4242 4242 4242 4242"
      value={value}
      error={error}
      hint="Test mode: use 4242 4242 4242 4242 to pay, 4000 0000 0000 0002 to see a decline."
      onChange={(e) => onChange(e.target.value)}
      required
    />
  );
}
