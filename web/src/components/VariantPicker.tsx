import type { Variant } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';

/** Choose a variant (size, colour…); sold-out ones stay visible but cannot be picked. */
export function VariantPicker({
  variants,
  selectedId,
  onSelect,
}: {
  variants: Variant[];
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  if (variants.length <= 1) return null;
  return (
    <fieldset className="variant-picker">
      <legend>Options</legend>
      {variants.map((v) => (
        <label key={v.id} className={`variant${v.id === selectedId ? ' variant--selected' : ''}${v.stock <= 0 ? ' variant--out' : ''}`}>
          <input
            type="radio"
            name="variant"
            value={v.id}
            checked={v.id === selectedId}
            disabled={v.stock <= 0}
            onChange={() => onSelect(v.id)}
          />
          <span>{v.name}</span> <small>{formatMoney(v.price)}</small>
          {v.stock <= 0 && <small> · sold out</small>}
        </label>
      ))}
    </fieldset>
  );
}
