import type { VariantRow, FormErrors } from '../lib/productForm';
import { emptyVariant } from '../lib/productForm';
import { StockSetter } from './StockSetter';

/** The variants table: SKU, name, own price (optional) and stock; existing variants set stock on their own. */
export function VariantRowsEditor({
  rows,
  onChange,
  errors,
  currency,
  onStockSaved,
}: {
  rows: VariantRow[];
  onChange: (rows: VariantRow[]) => void;
  errors: FormErrors;
  currency: string;
  onStockSaved: () => void;
}) {
  const set = (i: number, patch: Partial<VariantRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="variants">
      <legend>Variants</legend>
      {errors.variants && <p className="field__error" role="alert">{errors.variants}</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Price ({currency}, empty = product price)</th>
            <th scope="col">Stock</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const err = (f: string) => errors[`variants[${i}].${f}`];
            return (
              <tr key={r.id ?? `new-${i}`} data-testid="variant-row">
                <td>
                  <input aria-label={`Variant ${i + 1} SKU`} value={r.sku} onChange={(e) => set(i, { sku: e.target.value })} aria-invalid={!!err('sku') || undefined} />
                  {err('sku') && <small className="field__error">{err('sku')}</small>}
                </td>
                <td>
                  <input aria-label={`Variant ${i + 1} name`} value={r.name} onChange={(e) => set(i, { name: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`Variant ${i + 1} price`} inputMode="decimal" value={r.price} onChange={(e) => set(i, { price: e.target.value })} aria-invalid={!!err('price') || undefined} />
                  {err('price') && <small className="field__error">{err('price')}</small>}
                </td>
                <td>
                  {r.id ? (
                    <StockSetter variantId={r.id} label={`Variant ${i + 1} stock`} stock={Number(r.stock)} onSaved={onStockSaved} />
                  ) : (
                    <>
                      <input aria-label={`Variant ${i + 1} stock`} type="number" min={0} value={r.stock} onChange={(e) => set(i, { stock: e.target.value })} aria-invalid={!!err('stock') || undefined} />
                      {err('stock') && <small className="field__error">{err('stock')}</small>}
                    </>
                  )}
                </td>
                <td>
                  {!r.id && rows.length > 1 && (
                    <button type="button" className="link-button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="button" onClick={() => onChange([...rows, { ...emptyVariant, name: '' }])}>
        Add variant
      </button>
    </fieldset>
  );
}
