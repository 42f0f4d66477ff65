import type { SearchResult } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';

interface Props {
  facets: SearchResult['facets'];
  /** Names for category facet values (which may be ids or slugs). */
  categoryName?: (value: string) => string;
  currency: string;
  selected: { category?: string; brand?: string; minPrice?: number; maxPrice?: number };
  onSelect: (changes: Record<string, string | number | undefined>) => void;
}

function FacetGroup({
  title,
  values,
  selected,
  onToggle,
}: {
  title: string;
  values: { key: string; label: string; count: number }[];
  selected: (key: string) => boolean;
  onToggle: (key: string, on: boolean) => void;
}) {
  if (!values.length) return null;
  return (
    <fieldset className="facet">
      <legend>{title}</legend>
      {values.map((v) => (
        <label key={v.key} className="checkbox">
          <input type="checkbox" checked={selected(v.key)} onChange={(e) => onToggle(v.key, e.target.checked)} />{' '}
          {v.label} <span className="facet__count">({v.count})</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Narrow a search by category, brand and price band, with the count of each. */
export function SearchFacets({ facets, categoryName = (v) => v, currency, selected, onSelect }: Props) {
  if (!facets) return null;
  const priceKey = (min: number, max: number) => `${min}-${max}`;
  return (
    <div className="facets" aria-label="Refine results">
      <FacetGroup
        title="Category"
        values={(facets.category ?? []).map((f) => ({ key: f.value, label: categoryName(f.value), count: f.count }))}
        selected={(k) => selected.category === k}
        onToggle={(k, on) => onSelect({ category: on ? k : undefined })}
      />
      <FacetGroup
        title="Brand"
        values={(facets.brand ?? []).map((f) => ({ key: f.value, label: f.value, count: f.count }))}
        selected={(k) => selected.brand === k}
        onToggle={(k, on) => onSelect({ brand: on ? k : undefined })}
      />
      <FacetGroup
        title="Price"
        values={(facets.price ?? []).map((f) => ({
          key: priceKey(f.min, f.max),
          label: `${formatMoney({ amount: f.min, currency })} – ${formatMoney({ amount: f.max, currency })}`,
          count: f.count,
        }))}
        selected={(k) => selected.minPrice !== undefined && priceKey(selected.minPrice, selected.maxPrice ?? 0) === k}
        onToggle={(k, on) => {
          const [min, max] = k.split('-').map(Number);
          onSelect(on ? { minPrice: min, maxPrice: max } : { minPrice: undefined, maxPrice: undefined });
        }}
      />
    </div>
  );
}
