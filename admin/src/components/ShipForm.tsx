import { useState, type FormEvent } from 'react';
import { FormField } from '@shared/components/FormField';

export function ShipForm({ busy, onShip }: { busy: boolean; onShip: (carrier: string, tracking: string) => void }) {
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (carrier.trim() && tracking.trim()) onShip(carrier.trim(), tracking.trim());
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Ship order">
      <FormField id="ship-carrier" label="Carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} placeholder="UPS, DHL…" required />
      <FormField id="ship-tracking" label="Tracking number" value={tracking} onChange={(e) => setTracking(e.target.value)} required />
      <button type="submit" className="button button--primary" disabled={busy || !carrier.trim() || !tracking.trim()}>
        Mark as shipped
      </button>
    </form>
  );
}
