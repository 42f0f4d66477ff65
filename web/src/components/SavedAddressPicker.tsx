import type { Address } from '@shared/api/types';

/** Pick one of the shopper's saved addresses, or choose to type a new one (value ""). */
export function SavedAddressPicker({
  addresses,
  selectedId,
  onSelect,
}: {
  addresses: Address[];
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  if (!addresses.length) return null;
  return (
    <fieldset className="saved-addresses">
      <legend>Ship to</legend>
      {addresses.map((a) => (
        <label key={a.id} className="radio-card">
          <input type="radio" name="addressId" checked={selectedId === a.id} onChange={() => onSelect(a.id!)} />
          <span>
            <strong>{a.name}</strong>, {a.line1}
            {a.line2 ? `, ${a.line2}` : ''}, {a.city} {a.postalCode ?? ''} {a.country}
          </span>
        </label>
      ))}
      <label className="radio-card">
        <input type="radio" name="addressId" checked={selectedId === ''} onChange={() => onSelect('')} />
        <span>A new address</span>
      </label>
    </fieldset>
  );
}
