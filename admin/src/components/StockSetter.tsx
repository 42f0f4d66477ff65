import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { setVariantStock } from '../api/catalog';
import { ErrorMessage } from '@shared/components/ErrorMessage';

/** Sets one variant's stock at once (PUT /v2/admin/variants/{id}/stock). */
export function StockSetter({ variantId, stock, label, onSaved }: { variantId: string; stock: number; label: string; onSaved: () => void }) {
  const [value, setValue] = useState(String(stock));
  const save = useMutation({ mutationFn: (n: number) => setVariantStock(variantId, n), onSuccess: onSaved });
  const n = Number(value);
  const valid = Number.isInteger(n) && n >= 0;
  return (
    <div className="stock-setter">
      <input aria-label={label} type="number" min={0} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={!valid || undefined} />
      <button type="button" className="button button--small" disabled={!valid || n === stock || save.isPending} onClick={() => save.mutate(n)}>
        Set stock
      </button>
      {save.isSuccess && n === stock && <small role="status">Saved</small>}
      <ErrorMessage error={save.error} />
    </div>
  );
}
