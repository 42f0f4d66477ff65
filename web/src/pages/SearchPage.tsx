import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { listCategories, search } from '../api/catalog';
import { track } from '../api/analytics';
import { filtersFromParams, withParam } from '../lib/listParams';
import { useProductList } from '../lib/useProductList';
import { ProductGrid } from '../components/ProductCard';
import { SearchFacets } from '../components/SearchFacets';
import { SortSelect } from '../components/SortSelect';
import { LoadMore } from '../components/LoadMore';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const filters = filtersFromParams(params);
  const list = useProductList(['search', q, filters], (cursor) => search(q, filters, cursor), q.length > 0);
  const currency = list.products[0]?.price.currency ?? 'USD';
  const categories = useQuery({ queryKey: ['categories'], queryFn: listCategories, staleTime: 300_000 });
  const categoryName = (v: string) => categories.data?.items.find((c) => c.id === v || c.slug === v)?.name ?? v;
  const total = list.total;
  const loaded = !list.isPending && !list.error;

  useEffect(() => {
    if (q && loaded) track('search', { properties: { q, total, ...filters } });
    // one event per query and filter set, once its results are in
  }, [q, loaded, params.toString()]);

  const select = (changes: Record<string, string | number | undefined>) => {
    let next = params;
    for (const [k, v] of Object.entries(changes)) next = withParam(next, k, v);
    setParams(next);
  };

  if (!q) {
    return (
      <div className="listing">
        <h1>Search</h1>
        <p>Type what you are looking for in the search box above.</p>
      </div>
    );
  }

  return (
    <div className="listing">
      <h1>
        Results for “{q}”
      </h1>
      <div className="listing__body">
        <aside className="listing__filters">
          <SearchFacets facets={list.first?.facets} categoryName={categoryName} currency={currency} selected={filters} onSelect={select} />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={!!filters.inStock}
              onChange={(e) => select({ inStock: e.target.checked ? 'true' : undefined })}
            />{' '}
            In stock only
          </label>
        </aside>
        <section className="listing__results" aria-label="Search results">
          <div className="listing__toolbar">
            <SortSelect withRelevance value={filters.sort} onChange={(v) => select({ sort: v || undefined })} />
          </div>
          {list.isPending ? (
            <Loading label="Searching…" />
          ) : list.error ? (
            <ErrorMessage error={list.error} />
          ) : list.products.length === 0 ? (
            <p className="empty">No products found for “{q}”. Check the spelling or try a more general word.</p>
          ) : (
            <>
              <ProductGrid products={list.products} />
              <LoadMore
                shown={list.products.length}
                total={total}
                hasMore={!!list.hasNextPage}
                loading={list.isFetchingNextPage}
                onMore={() => void list.fetchNextPage()}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
