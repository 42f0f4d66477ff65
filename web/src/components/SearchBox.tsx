import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { suggest } from '../api/catalog';
import { useDebounced } from '@shared/lib/useDebounced';

/** The search field, suggesting completions as the shopper types (an ARIA combobox). */
export function SearchBox() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [text, setText] = useState(params.get('q') ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const q = useDebounced(text.trim(), 150);

  useEffect(() => setText(params.get('q') ?? ''), [params]);

  const { data } = useQuery({
    queryKey: ['suggest', q],
    queryFn: ({ signal }) => suggest(q, signal),
    enabled: q.length >= 2,
    staleTime: 60_000,
    retry: false,
  });
  const suggestions = q.length >= 2 ? (data?.suggestions ?? []).slice(0, 8) : [];
  const showList = open && suggestions.length > 0;

  const go = (query: string) => {
    const trimmed = query.trim();
    if (!trimmed) return;
    setOpen(false);
    setActive(-1);
    setText(trimmed);
    navigate(`/search?q=${encodeURIComponent(trimmed)}`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    go(active >= 0 && suggestions[active] ? suggestions[active] : text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && suggestions.length) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp' && suggestions.length) {
      e.preventDefault();
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        Search products
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        name="q"
        placeholder="Search products"
        autoComplete="off"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button">
        Search
      </button>
      {showList && (
        <ul id={listId} role="listbox" className="search-box__suggestions" aria-label="Suggestions">
          {suggestions.map((s, i) => (
            <li
              key={s}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                go(s);
              }}
            >
              {s}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
