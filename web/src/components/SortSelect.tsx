import type { ProductSort } from '@shared/api/types';
import { SORTS } from '../lib/listParams';

export function SortSelect({
  value,
  onChange,
  withRelevance,
}: {
  value?: ProductSort;
  onChange: (v: string) => void;
  withRelevance?: boolean;
}) {
  return (
    <label className="sort-select">
      Sort by{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{withRelevance ? 'Best match' : 'Featured'}</option>
        {SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}
