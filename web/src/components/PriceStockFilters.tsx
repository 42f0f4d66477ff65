import { useEffect, useState, type FormEvent } from 'react';
import { parseMajorUnits, toMajorUnitsText } from '@shared/lib/money';

interface Props {
  currency: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  onApply: (v: { minPrice?: number; maxPrice?: number }) => void;
  onInStock: (v: boolean) => void;
}

/** Price range (typed in major units, sent in minor units) and an "in stock only" switch. */
export function PriceStockFilters({ currency, minPrice, maxPrice, inStock, onApply, onInStock }: Props) {
  const [min, setMin] = useState(minPrice !== undefined ? toMajorUnitsText(minPrice, currency) : '');
  const [max, setMax] = useState(maxPrice !== undefined ? toMajorUnitsText(maxPrice, currency) : '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setMin(minPrice !== undefined ? toMajorUnitsText(minPrice, currency) : '');
    setMax(maxPrice !== undefined ? toMajorUnitsText(maxPrice, currency) : '');
  }, [minPrice, maxPrice, currency]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lo = min.trim() ? parseMajorUnits(min, currency) : undefined;
    const hi = max.trim() ? parseMajorUnits(max, currency) : undefined;
    if (lo === null || hi === null) return setError('Enter prices as numbers, like 25 or 19.99.');
    if (lo !== undefined && hi !== undefined && lo > hi) return setError('The minimum is above the maximum.');
    setError(null);
    onApply({ minPrice: lo, maxPrice: hi });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Filters">
      <fieldset>
        <legend>Price ({currency})</legend>
        <div className="filters__range">
          <label>
            Min
            <input inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} aria-invalid={!!error || undefined} />
          </label>
          <label>
            Max
            <input inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} aria-invalid={!!error || undefined} />
          </label>
        </div>
        {error && (
          <small className="field__error" role="alert">
            {error}
          </small>
        )}
        <button type="submit" className="button button--small">
          Apply
        </button>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={!!inStock} onChange={(e) => onInStock(e.target.checked)} /> In stock only
      </label>
    </form>
  );
}
