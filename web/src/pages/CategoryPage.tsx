import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { listCategories, listProducts } from '../api/catalog';
import { filtersFromParams, withParam } from '../lib/listParams';
import { useProductList } from '../lib/useProductList';
import { ProductGrid } from '../components/ProductCard';
import { PriceStockFilters } from '../components/PriceStockFilters';
import { SortSelect } from '../components/SortSelect';
import { LoadMore } from '../components/LoadMore';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function CategoryPage() {
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filters = { ...filtersFromParams(params), category: slug };
  const categories = useQuery({ queryKey: ['categories'], queryFn: listCategories, staleTime: 300_000 });
  const category = categories.data?.items.find((c) => c.slug === slug || c.id === slug);
  const children = categories.data?.items.filter((c) => category && c.parentId === category.id) ?? [];
  const list = useProductList(['products', filters], (cursor) => listProducts(filters, cursor));
  const currency = list.products[0]?.price.currency ?? 'USD';

  return (
    <div className="listing">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> › <span aria-current="page">{category?.name ?? slug}</span>
      </nav>
      <h1>{category?.name ?? 'Category'}</h1>
      {children.length > 0 && (
        <ul className="chips" aria-label="Subcategories">
          {children.map((c) => (
            <li key={c.id}>
              <Link className="chip" to={`/categories/${c.slug}`}>
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="listing__body">
        <aside className="listing__filters">
          <PriceStockFilters
            currency={currency}
            minPrice={filters.minPrice}
            maxPrice={filters.maxPrice}
            inStock={filters.inStock}
            onApply={({ minPrice, maxPrice }) =>
              setParams(withParam(withParam(params, 'minPrice', minPrice), 'maxPrice', maxPrice))
            }
            onInStock={(v) => setParams(withParam(params, 'inStock', v ? 'true' : undefined))}
          />
        </aside>
        <section className="listing__results" aria-label="Products">
          <div className="listing__toolbar">
            <SortSelect value={filters.sort} onChange={(v) => setParams(withParam(params, 'sort', v))} />
          </div>
          {list.isPending ? (
            <Loading />
          ) : list.error ? (
            <ErrorMessage error={list.error} />
          ) : list.products.length === 0 ? (
            <p className="empty">No products match these filters.</p>
          ) : (
            <>
              <ProductGrid products={list.products} />
              <LoadMore
                shown={list.products.length}
                total={list.total}
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
